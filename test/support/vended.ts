import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * A CloudWatch Logs vended-logs delivery of a bucket's server access logs, written with aws-cdk-lib's
 * L1s as any app may write it: a delivery source (log type `S3_SERVER_ACCESS_LOGS`), a delivery
 * destination and the delivery that pairs them. Not a test file itself.
 */
export interface VendedL1s {
  readonly source: logs.CfnDeliverySource;
  readonly destination: logs.CfnDeliveryDestination;
  readonly delivery: logs.CfnDelivery;
}

/**
 * Define `<id>Source`, `<id>Destination` and `<id>Delivery` under `scope`: the source takes the logs of
 * the bucket whose ARN is `bucketArn`, the destination is `destinationResourceArn`; the delivery names
 * them by reference (`Ref` of the source, `Fn::GetAtt` of the destination's `Arn`).
 */
export function vendedDelivery(scope: Construct, id: string, bucketArn: string, destinationResourceArn: string): VendedL1s {
  const source = vendedSource(scope, id, bucketArn);
  const destination = new logs.CfnDeliveryDestination(scope, `${id}Destination`, { name: `${id.toLowerCase()}-destination`, destinationResourceArn });
  const delivery = new logs.CfnDelivery(scope, `${id}Delivery`, { deliverySourceName: source.ref, deliveryDestinationArn: destination.attrArn });
  return { source, destination, delivery };
}

/** A delivery source `<id>Source` of the server access logs of the bucket whose ARN is `bucketArn`. */
export function vendedSource(scope: Construct, id: string, bucketArn: string): logs.CfnDeliverySource {
  return new logs.CfnDeliverySource(scope, `${id}Source`, { name: `${id.toLowerCase()}-source`, logType: 'S3_SERVER_ACCESS_LOGS', resourceArn: bucketArn });
}
