import { Check, Finding } from './finding';
import { LoggingModel } from './model';
import { checkAccountMismatch } from './rules/account-mismatch';
import { checkDataEventsLoop } from './rules/data-events-loop';
import { checkDeliveryGrantWidened } from './rules/delivery-grant-widened';
import { checkDenyBlocksDelivery } from './rules/deny-blocks-delivery';
import { checkDestinationEncryption } from './rules/destination-encryption';
import { checkDestinationLogsElsewhere } from './rules/destination-logs-elsewhere';
import { checkDestinationObjectLock } from './rules/destination-object-lock';
import { checkDestinationPolicyTooLarge } from './rules/destination-policy-too-large';
import { checkDestinationUnresolved } from './rules/destination-unresolved';
import { checkEnvironmentUnknown } from './rules/environment-unknown';
import { checkImportedDestinationPolicy } from './rules/imported-destination-policy';
import { checkInvalidLogFilePrefix } from './rules/invalid-log-file-prefix';
import { checkLoggingLoops } from './rules/logging-loop';
import { checkNoDeliveryPermission } from './rules/no-delivery-permission';
import { checkRegionMismatch } from './rules/region-mismatch';
import { checkSelfLogging } from './rules/self-logging';
import { checkSharedSimplePrefix } from './rules/shared-simple-prefix';

/** Every check, in the order their findings are reported. */
export const ALL_CHECKS: readonly Check[] = [
  checkRegionMismatch,
  checkAccountMismatch,
  checkEnvironmentUnknown,
  checkSelfLogging,
  checkLoggingLoops,
  checkDataEventsLoop,
  checkDestinationEncryption,
  checkDestinationObjectLock,
  checkNoDeliveryPermission,
  checkDenyBlocksDelivery,
  checkDestinationPolicyTooLarge,
  checkInvalidLogFilePrefix,
  checkImportedDestinationPolicy,
  checkDestinationUnresolved,
  checkSharedSimplePrefix,
  checkDestinationLogsElsewhere,
  checkDeliveryGrantWidened,
];

/** Run every check over the model, in one pass. */
export function runChecks(model: LoggingModel): Finding[] {
  return ALL_CHECKS.flatMap(check => check(model));
}
