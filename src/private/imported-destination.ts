import { Stack, Token } from 'aws-cdk-lib';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { LOGGING_SERVICE_PRINCIPAL } from './log-delivery-grant';

/**
 * The bucket policy statement, as JSON text, that an imported destination needs so that S3 delivers
 * `source`'s logs under `prefix`. Values unknown at synth are shown as `<placeholders>`.
 */
export function importedDestinationStatement(destination: IBucket, source: IBucket, prefix: string): string {
  const stack = Stack.of(source);
  const partition = partitionOf(stack.region);
  const destinationName = known(destination.bucketName, `<name of ${destination.node.path}>`);
  const sourceName = known(source.bucketName, `<name of ${source.node.path}>`);
  const statement = {
    Sid: 'S3ServerAccessLogsDelivery',
    Effect: 'Allow',
    Principal: { Service: LOGGING_SERVICE_PRINCIPAL },
    Action: 's3:PutObject',
    Resource: `arn:${partition}:s3:::${destinationName}/${prefix}*`,
    Condition: {
      StringEquals: { 'aws:SourceAccount': known(stack.account, '<account id>') },
      ArnLike: { 'aws:SourceArn': `arn:${partition}:s3:::${sourceName}` },
    },
  };
  return JSON.stringify(statement);
}

function known(value: string, placeholder: string): string {
  return Token.isUnresolved(value) ? placeholder : value;
}

function partitionOf(region: string): string {
  return Token.isUnresolved(region) ? 'aws' : RegionInfo.get(region).partition ?? 'aws';
}
