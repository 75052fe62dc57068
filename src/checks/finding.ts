import type { LoggingModel, ModelElement } from './model';

/**
 * What a check reports.
 *
 * An error fails synthesis (S3 would refuse the configuration, or it would loop or lose logs); a
 * warning is for what cannot be known at synth, and carries an id that users can acknowledge.
 */
export interface Finding {
  readonly level: 'error' | 'warning';
  /** `cdk-s3-access-logs:<camelCaseId>`; listed in the README. */
  readonly id: string;
  /** The bucket or trail of the model the finding is about, whose `scope` the front-end reports it on. */
  readonly subject: ModelElement;
  /** Names every construct path involved, the values found, and the fix. */
  readonly message: string;
}

/** A check: a pure function from the app's logging model to what it finds. */
export type Check = (model: LoggingModel) => Finding[];

export { checkId } from '../private/finding-id';

/** Throw a rule's error finding, with its id, as synth reports it: for our constructs' eager checks. */
export function throwIfError(finding: Finding | undefined): void {
  if (finding?.level === 'error') {
    throw new Error(`${finding.message} [${finding.id}]`);
  }
}
