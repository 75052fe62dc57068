import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  checkDeliveryStreamArn, defineDeliveryDestination, defineLogGroup, DestinationKind, destinationKindOf, grantBucketDelivery,
  grantLogGroupDelivery, logsArn,
} from './delivery-destinations';
import { VendedLogsOutputFormat } from './vended-logs-output-format';
import { assertSameEnvironment } from '../private/same-environment';

/**
 * Properties for a `CloudWatchLogsDeliveryDestination`.
 */
export interface CloudWatchLogsDeliveryDestinationProps {
  /**
   * The accounts whose buckets may deliver their server access logs here: each may create a delivery
   * to this destination (`logs:CreateDelivery`), and the destination's own policy (bucket policy, log
   * group resource policy) admits `delivery.logs.amazonaws.com` for their delivery sources.
   */
  readonly sourceAccounts: string[];

  /**
   * The log group that receives the access logs, in this stack's account and Region. Not with
   * `retention`, `encryptionKey`, `destinationBucket` or `deliveryStreamArn`.
   *
   * @default - a new log group, kept when it is removed from the stack, with `retention`, unless
   * `destinationBucket` or `deliveryStreamArn` is given
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * How long the log group defined for the logs keeps them. Not with `logGroup` or another destination.
   *
   * @default logs.RetentionDays.SIX_MONTHS
   */
  readonly retention?: logs.RetentionDays;

  /**
   * The KMS key that encrypts the log group defined for the logs; its policy gets the statement
   * CloudWatch Logs needs. Not with `logGroup` or another destination.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   * @default - the log group is encrypted by CloudWatch Logs' own keys
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Deliver into this Amazon S3 bucket, under `AWSLogs/<source account>/`. Its policy (and its KMS
   * key's, when known) gets the statement for `delivery.logs.amazonaws.com` and the source accounts.
   * Not with a log group or `deliveryStreamArn`.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
   * @default - no delivery to Amazon S3
   */
  readonly destinationBucket?: s3.IBucket;

  /**
   * Deliver into this Amazon Data Firehose stream (its ARN), in this stack's account and Region.
   *
   * CloudWatch Logs writes to it through the service-linked role `AWSServiceRoleForLogDelivery`, which
   * may write only to streams tagged `LogDeliveryEnabled` = `true`. A delivery created from another
   * account cannot tag the stream here: tag it yourself. Not with a log group or `destinationBucket`.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-Firehose.html
   * @default - no delivery to Firehose
   */
  readonly deliveryStreamArn?: string;

  /**
   * The format of the records: JSON everywhere, or Parquet in an Amazon S3 bucket.
   *
   * @default - the destination's default format (JSON)
   */
  readonly outputFormat?: VendedLogsOutputFormat;
}

/**
 * A CloudWatch Logs delivery destination for server access logs of buckets in other accounts: the
 * central-account pattern. Define it in the destination account, and give its `deliveryDestinationArn`
 * to a `CloudWatchLogsDelivery` (or `cloudWatchLogs`) in a stack of each source account, in the same
 * Region.
 *
 * It defines the delivery destination (a log group, an Amazon S3 bucket or a Firehose stream), its
 * delivery destination policy, which lets the source accounts create deliveries to it
 * (`logs:CreateDelivery`), and the destination's own resource policy for
 * `delivery.logs.amazonaws.com` and those accounts. Its stack needs a literal account and Region: the
 * ARN is built from them, so that a stack of another account can use it without a reference.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-vended-logs-permissions-V2.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/vended-logs-crossaccount-example.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDeliveryDestinationPolicy.html
 *
 * @example
 * import { CloudWatchLogsDeliveryDestination } from 'cdk-s3-access-logs';
 *
 * declare const central: Stack; // account 999999999999, eu-west-1
 * declare const workload: Stack; // account 111111111111, eu-west-1
 * const destination = new CloudWatchLogsDeliveryDestination(central, 'AccessLogs', {
 *   sourceAccounts: ['111111111111'],
 * });
 * new CloudWatchLogsDelivery(workload, 'ToCentral', {
 *   bucket: new s3.Bucket(workload, 'Data'),
 *   deliveryDestinationArn: destination.deliveryDestinationArn,
 * });
 */
export class CloudWatchLogsDeliveryDestination extends Construct {
  /** The log group that receives the access logs, when the destination is a log group. */
  public readonly logGroup?: logs.ILogGroup;

  /** The delivery destination. */
  public readonly deliveryDestination: logs.CfnDeliveryDestination;

  /**
   * The ARN of the delivery destination, a literal string (from the stack's account and Region and the
   * destination's name), to give to the deliveries of other accounts.
   */
  public readonly deliveryDestinationArn: string;

  constructor(scope: Construct, id: string, props: CloudWatchLogsDeliveryDestinationProps) {
    super(scope, id);
    if (props.logGroup && props.retention !== undefined) {
      throw new Error(`${this.node.path}: logGroup and retention cannot both be given. `
        + 'Set the retention on your log group, or leave logGroup out to have one defined with this retention.');
    }
    const kind = destinationKindOf(`${this.node.path}: `, props);
    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) {
      throw new Error(`${this.node.path}: the stack ${stack.node.path} has no literal account and Region, and the deliveryDestinationArn of a `
        + 'delivery destination for other accounts is built from them. Give the stack an env with account and region.');
    }
    const sourceAccounts = sourceAccountsOf(this, props.sourceAccounts);

    let destinationResourceArn: string;
    if (kind === DestinationKind.BUCKET) {
      const bucket = props.destinationBucket!;
      assertSameEnvironment(this, 'destination bucket', bucket, 'A delivery destination represents a bucket of its own account');
      grantBucketDelivery(this, bucket, {
        accounts: sourceAccounts,
        sourceArns: sourceAccounts.map(account => logsArn(stack, account, 'delivery-source:*')),
      });
      destinationResourceArn = bucket.bucketArn;
    } else if (kind === DestinationKind.STREAM) {
      checkDeliveryStreamArn(this, props.deliveryStreamArn!);
      destinationResourceArn = props.deliveryStreamArn!;
    } else {
      this.logGroup = props.logGroup ?? defineLogGroup(this, 'LogGroup', {
        retention: props.retention,
        encryptionKey: props.encryptionKey,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      assertSameEnvironment(this, 'log group', this.logGroup, 'A delivery destination represents a log group of its own account');
      grantLogGroupDelivery(this, this.logGroup, sourceAccounts);
      destinationResourceArn = this.logGroup.logGroupArn;
    }

    let arn = '';
    this.deliveryDestination = defineDeliveryDestination(this, 'Destination', {
      destinationResourceArn,
      outputFormat: props.outputFormat,
      // The delivery destination policy of the cross-account example: the source accounts may create a
      // delivery to this destination.
      policy: name => {
        arn = logsArn(stack, stack.account, `delivery-destination:${name}`);
        return {
          Version: '2012-10-17',
          Statement: [{
            Sid: 'AllowCreateDeliveryFromSourceAccounts',
            Effect: 'Allow',
            Principal: { AWS: sourceAccounts },
            Action: 'logs:CreateDelivery',
            Resource: arn,
          }],
        };
      },
    });
    this.deliveryDestinationArn = arn;
  }
}

function sourceAccountsOf(scope: Construct, accounts: string[]): string[] {
  if (accounts.length === 0) {
    throw new Error(`${scope.node.path}: sourceAccounts is empty. Name the accounts whose buckets deliver here (12 digits each).`);
  }
  const invalid = accounts.filter(account => !Token.isUnresolved(account) && !/^\d{12}$/.test(account));
  if (invalid.length > 0) {
    throw new Error(`${scope.node.path}: sourceAccounts must be AWS account ids of 12 digits, got: ${invalid.join(', ')}.`);
  }
  return [...new Set(accounts)];
}
