import { Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { LOGGING_SERVICE_PRINCIPAL } from '../../private/logging-service';
import { checkId, Finding } from '../finding';
import { BucketNode, LoggingModel, loggingSources } from '../model';

/** Warning: the destination is not defined in this app, so its policy cannot be checked or granted. */
export const IMPORTED_DESTINATION_POLICY = checkId('importedDestinationPolicy');

/**
 * A destination outside the app (imported by name) cannot take a policy from this app, and S3
 * delivers nothing until its policy lets the logging service write: say exactly what to add.
 */
export function checkImportedDestinationPolicy(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const { source, edge } of loggingSources(model)) {
    const destination = edge.destination;
    if (destination.kind === 'external') {
      findings.push({
        level: 'warning',
        id: IMPORTED_DESTINATION_POLICY,
        subject: source,
        message: `${source.path} logs to ${destination.path ?? 'the bucket'} "${destination.name}", which is not defined in this app, `
          + 'so its bucket policy cannot be granted or checked here, and S3 delivers no logs until it lets the logging service write. '
          + `Make sure its bucket policy has this statement: ${JSON.stringify(deliveryStatement(destination.name, source, edge.prefix))}`,
      });
    }
  }
  return findings;
}

/** The statement an external destination needs for one source; values unknown at synth as `<placeholders>`. */
function deliveryStatement(destinationName: string, source: BucketNode, prefix: string): object {
  const partition = Token.isUnresolved(source.region) ? 'aws' : RegionInfo.get(source.region).partition ?? 'aws';
  return {
    Sid: 'S3ServerAccessLogsDelivery',
    Effect: 'Allow',
    Principal: { Service: LOGGING_SERVICE_PRINCIPAL },
    Action: 's3:PutObject',
    Resource: `arn:${partition}:s3:::${destinationName}/${prefix}*`,
    Condition: {
      StringEquals: { 'aws:SourceAccount': Token.isUnresolved(source.account) ? '<account id>' : source.account },
      ArnLike: { 'aws:SourceArn': `arn:${partition}:s3:::${source.literalName ?? `<name of ${source.path}>`}` },
    },
  };
}
