import { checkChainedDestinations } from './chained-destination';
import { checkDeliveryGrantWidening } from './delivery-grant-widening';
import { checkDeliveryPermission } from './delivery-permission';
import { checkDenyStatements } from './deny-statement';
import { checkDestinationEncryption } from './destination-encryption';
import { checkDestinationObjectLock } from './destination-object-lock';
import { checkEnvironment } from './environment';
import { checkExternalDestinations } from './external-destination';
import { Check, Finding } from './finding';
import { checkLogFilePrefix } from './log-file-prefix';
import { checkLoggingLoops } from './logging-loop';
import { LoggingModel } from './model';
import { checkDestinationPolicySize } from './policy-size';
import { checkSelfLogging } from './self-logging';
import { checkSharedSimplePrefix } from './shared-prefix';

/** Every check, in the order their findings are reported. */
export const ALL_CHECKS: Check[] = [
  checkEnvironment,
  checkSelfLogging,
  checkLoggingLoops,
  checkDestinationEncryption,
  checkDestinationObjectLock,
  checkDeliveryPermission,
  checkDenyStatements,
  checkDestinationPolicySize,
  checkLogFilePrefix,
  checkExternalDestinations,
  checkSharedSimplePrefix,
  checkChainedDestinations,
  checkDeliveryGrantWidening,
];

/** Run every check over the model. */
export function runChecks(model: LoggingModel): Finding[] {
  return ALL_CHECKS.flatMap(check => check(model));
}
