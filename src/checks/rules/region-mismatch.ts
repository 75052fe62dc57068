import { edgesAcrossStacks, environmentMismatchFinding, PlacedEdge } from '../environment';
import { checkId, Finding } from '../finding';
import { LoggingModel } from '../model';

/** Error: source and destination in different Regions. */
export const REGION_MISMATCH = checkId('regionMismatch');

/**
 * S3 delivers server access logs only to a destination in the source's Region.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export function regionMismatch(edge: PlacedEdge): Finding | undefined {
  return environmentMismatchFinding(edge, 'Region', REGION_MISMATCH);
}

export function checkRegionMismatch(model: LoggingModel): Finding[] {
  return edgesAcrossStacks(model).flatMap(edge => regionMismatch(edge) ?? []);
}
