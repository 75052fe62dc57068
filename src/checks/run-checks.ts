import { ConditionBranch, ConditionValue, everyBranch, MAX_BRANCHES } from './conditions';
import { Check, Finding } from './finding';
import { LoggingModel, ModelElement } from './model';
import { checkAccountMismatch } from './rules/account-mismatch';
import { conditionsNotExplored } from './rules/conditions-not-explored';
import { checkDataEventsLoop } from './rules/data-events-loop';
import { checkDeliveryGrantWidened } from './rules/delivery-grant-widened';
import { checkDenyBlocksDelivery } from './rules/deny-blocks-delivery';
import { checkDestinationEncryption } from './rules/destination-encryption';
import { checkDestinationLogsElsewhere } from './rules/destination-logs-elsewhere';
import { checkDestinationObjectLock } from './rules/destination-object-lock';
import { checkDestinationPolicyTooLarge } from './rules/destination-policy-too-large';
import { checkDestinationUnresolved } from './rules/destination-unresolved';
import { checkDuplicateDeliverySource } from './rules/duplicate-delivery-source';
import { checkEnvironmentUnknown } from './rules/environment-unknown';
import { checkImportedDestinationPolicy } from './rules/imported-destination-policy';
import { checkInvalidLogFilePrefix } from './rules/invalid-log-file-prefix';
import { checkLoggingLoops } from './rules/logging-loop';
import { checkNoDeliveryPermission } from './rules/no-delivery-permission';
import { checkRegionMismatch } from './rules/region-mismatch';
import { checkSelfLogging } from './rules/self-logging';
import { checkSharedSimplePrefix } from './rules/shared-simple-prefix';
import { checkVendedDeliveryPermission } from './rules/vended-delivery-permission';
import { checkVendedDestinationAccount } from './rules/vended-destination-account';
import { checkVendedDestinationEncryption } from './rules/vended-destination-encryption';
import { checkVendedRegionMismatch } from './rules/vended-region-mismatch';

/** Every check, in the order their findings are reported. */
export const ALL_CHECKS: readonly Check[] = [
  checkRegionMismatch,
  checkAccountMismatch,
  checkEnvironmentUnknown,
  checkVendedRegionMismatch,
  checkVendedDestinationAccount,
  checkSelfLogging,
  checkLoggingLoops,
  checkDuplicateDeliverySource,
  checkDataEventsLoop,
  checkDestinationEncryption,
  checkVendedDestinationEncryption,
  checkDestinationObjectLock,
  checkNoDeliveryPermission,
  checkVendedDeliveryPermission,
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

/**
 * Run every check over each branch of the app's conditions that decides what the checks read
 * (`conditions.ts`): `build` builds the app's model in a branch. A finding of every branch is
 * reported as it is; a finding of some branches only is a warning with its id, saying in which
 * (an error there is an error only when those conditions hold at deploy).
 *
 * An app without `Fn::If` in what the checks read has one branch, and one model.
 */
export function runChecksInEveryBranch(build: (branch: ConditionBranch) => LoggingModel): Finding[] {
  let firstModel: LoggingModel | undefined;
  const { results, complete } = everyBranch(branch => {
    const model = build(branch);
    firstModel ??= model;
    return runChecks(model);
  });
  const findings = results.length === 1 ? results[0].result : mergeBranches(results);
  const subject: ModelElement | undefined = firstModel?.buckets[0] ?? firstModel?.trails[0];
  if (!complete && subject) {
    findings.push(conditionsNotExplored(subject, MAX_BRANCHES));
  }
  return findings;
}

/** The findings of every branch, once each: by rule and subject, in the order first found. */
function mergeBranches(results: readonly { branch: ConditionBranch; result: Finding[] }[]): Finding[] {
  const byKey = new Map<string, { finding: Finding; branches: ConditionBranch[] }>();
  for (const { branch, result } of results) {
    for (const finding of result) {
      const key = `${finding.id}\u0000${finding.subject.path}\u0000${finding.level}`;
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, { finding, branches: [branch] });
      } else if (!seen.branches.includes(branch)) {
        seen.branches.push(branch);
      }
    }
  }
  const all = results.map(r => r.branch);
  return [...byKey.values()].map(({ finding, branches }) => branches.length === all.length ? finding : {
    ...finding,
    level: 'warning' as const,
    message: `Only when ${describeBranches(branches, all, finding.subject.stackPath)}: ${finding.message}`,
  });
}

/**
 * When the branches `some` of `all` happen, in the conditions' names: the values they share when
 * those alone pick them out of `all` ("condition UseKms is false"), else each branch's values.
 */
export function describeBranches(some: readonly ConditionBranch[], all: readonly ConditionBranch[], stackPath: string): string {
  const shared = some[0].conditionValues.filter(value => some.every(branch => holds(branch, value)));
  if (shared.length > 0 && all.every(branch => some.includes(branch) || !shared.every(value => holds(branch, value)))) {
    return describeValues(shared, stackPath);
  }
  return [...new Set(some.map(branch => describeValues(branch.conditionValues, stackPath)))].join(', or when ');
}

function holds(branch: ConditionBranch, value: ConditionValue): boolean {
  return branch.conditionValues.some(other => other.stackPath === value.stackPath && other.name === value.name && other.value === value.value);
}

function describeValues(values: readonly ConditionValue[], stackPath: string): string {
  const described = values.map(value => `condition ${value.name}${value.stackPath === stackPath ? '' : ` of ${value.stackPath}`} is ${value.value}`);
  return described.length > 0 ? described.join(' and ') : 'no condition is read';
}
