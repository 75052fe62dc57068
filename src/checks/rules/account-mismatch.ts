import { edgesAcrossStacks, environmentMismatchFinding, PlacedEdge } from '../environment';
import { checkId, Finding } from '../finding';
import { LoggingModel } from '../model';

/** Error: source and destination in different accounts. */
export const ACCOUNT_MISMATCH = checkId('accountMismatch');

/**
 * S3 delivers server access logs only to a destination in the source's account.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function accountMismatch(edge: PlacedEdge): Finding | undefined {
  return environmentMismatchFinding(edge, 'account', ACCOUNT_MISMATCH);
}

export function checkAccountMismatch(model: LoggingModel): Finding[] {
  return edgesAcrossStacks(model).flatMap(edge => accountMismatch(edge) ?? []);
}
