import { Annotations, Arn, ArnFormat, Lazy, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct, IConstruct } from 'constructs';
import { VendedLogsOutputFormat } from './vended-logs-output-format';
import { DELIVERY_PERMISSION_NOT_ADDED } from './warning-ids';
import { LOG_DELIVERY_SERVICE_PRINCIPAL } from '../private/logging-service';

/**
 * The destinations of CloudWatch Logs' vended-logs delivery, one place per kind, for both
 * `CloudWatchLogsDelivery` (same account) and `CloudWatchLogsDeliveryDestination` (the destination
 * account of a cross-account delivery). Not part of the public API.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-vended-logs-permissions-V2.html
 */

/** The kinds of destination, as the messages name them. */
export enum DestinationKind {
  LOG_GROUP = 'log group',
  BUCKET = 'bucket',
  STREAM = 'Firehose stream',
  ELSEWHERE = 'delivery destination',
}

/** The destination props a caller was given, each optional; at most one kind may be set. */
export interface DestinationChoice {
  readonly logGroup?: logs.ILogGroup;
  readonly retention?: logs.RetentionDays;
  readonly encryptionKey?: kms.IKey;
  readonly destinationBucket?: s3.IBucket;
  readonly deliveryStreamArn?: string;
  readonly deliveryDestinationArn?: string;
  readonly outputFormat?: VendedLogsOutputFormat;
}

/**
 * Throw unless the props name one destination: a log group (`logGroup`, or one defined with
 * `retention` and `encryptionKey`), `destinationBucket`, `deliveryStreamArn` or `deliveryDestinationArn`.
 * Return the kind chosen (a log group when none is given).
 *
 * @param where the start of a message: a construct path, or `AccessLogs.of(x).enable(): cloudWatchLogs.`
 */
export function destinationKindOf(where: string, choice: DestinationChoice): DestinationKind {
  const given: Array<[string, DestinationKind, boolean]> = [
    ['logGroup', DestinationKind.LOG_GROUP, choice.logGroup !== undefined],
    ['retention', DestinationKind.LOG_GROUP, choice.retention !== undefined],
    ['encryptionKey', DestinationKind.LOG_GROUP, choice.encryptionKey !== undefined],
    ['destinationBucket', DestinationKind.BUCKET, choice.destinationBucket !== undefined],
    ['deliveryStreamArn', DestinationKind.STREAM, choice.deliveryStreamArn !== undefined],
    ['deliveryDestinationArn', DestinationKind.ELSEWHERE, choice.deliveryDestinationArn !== undefined],
  ];
  const set = given.filter(([, , isSet]) => isSet);
  const conflict = set.find(([, kind]) => kind !== set[0][1]);
  if (conflict) {
    throw new Error(`${where}${set[0][0]} and ${conflict[0]} cannot both be given. A delivery has one destination: `
      + 'give logGroup (or retention and encryptionKey for the log group defined for you), destinationBucket, deliveryStreamArn '
      + 'or deliveryDestinationArn, and define one delivery per destination.');
  }
  if (choice.logGroup && choice.encryptionKey) {
    throw new Error(`${where}logGroup and encryptionKey cannot both be given. Encrypt your log group with the key when you define it, `
      + 'or leave logGroup out to have one defined with this key.');
  }
  const kind = set.length > 0 ? set[0][1] : DestinationKind.LOG_GROUP;
  if (choice.outputFormat !== undefined && kind === DestinationKind.ELSEWHERE) {
    throw new Error(`${where}deliveryDestinationArn and outputFormat cannot both be given: the delivery destination in the other account `
      + 'sets the format. Give outputFormat to the CloudWatchLogsDeliveryDestination there.');
  }
  // S3_SERVER_ACCESS_LOGS offers Parquet to an S3 bucket only (see VendedLogsOutputFormat).
  if (choice.outputFormat === VendedLogsOutputFormat.PARQUET && kind !== DestinationKind.BUCKET) {
    throw new Error(`${where}outputFormat is PARQUET, which CloudWatch Logs offers for server access logs only to an Amazon S3 bucket, `
      + `and the destination is a ${kind}. Use VendedLogsOutputFormat.JSON, or deliver to a destinationBucket.`);
  }
  return kind;
}

/**
 * A name unique to the construct in its account and Region: delivery source and destination names
 * are 1 to 60 characters of `[\w-]`, unique in the account.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetDeliverySource.html
 */
export function deliveryName(resource: IConstruct): string {
  return Names.uniqueResourceName(resource, { maxLength: 60, separator: '-', allowedSpecialCharacters: '-_' });
}

/** Define the delivery destination `id` under `scope` for a destination resource, named by `deliveryName`. */
export function defineDeliveryDestination(scope: Construct, id: string, props: {
  readonly destinationResourceArn: string;
  readonly outputFormat?: VendedLogsOutputFormat;
  readonly policy?: (name: string) => unknown;
}): logs.CfnDeliveryDestination {
  const destination: logs.CfnDeliveryDestination = new logs.CfnDeliveryDestination(scope, id, {
    name: Lazy.string({ produce: () => deliveryName(destination) }),
    destinationResourceArn: props.destinationResourceArn,
    outputFormat: props.outputFormat,
  });
  if (props.policy) {
    const name = deliveryName(destination);
    // Written as a property override, in CloudFormation's keys (the property type `DestinationPolicy`):
    // aws-cdk-lib 2.172 types the prop as `any` and renders it as given, later versions type it as a
    // struct of camelCase keys and drop any other key, so no one value of the prop is right for both.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-logs-deliverydestination-destinationpolicy.html
    destination.addPropertyOverride('DeliveryDestinationPolicy', {
      DeliveryDestinationName: name,
      DeliveryDestinationPolicy: props.policy(name),
    });
  }
  return destination;
}

/**
 * Define the log group that receives the logs, kept when it is removed from the stack, with the key
 * policy statement CloudWatch Logs needs to use `encryptionKey`.
 *
 * The statement is the one the CloudWatch Logs User Guide gives: `logs.<region>.amazonaws.com` may use
 * the key (`kms:Encrypt*`, `kms:Decrypt*`, `kms:ReEncrypt*`, `kms:GenerateDataKey*`, `kms:Describe*`)
 * when the encryption context `aws:logs:arn` is this log group's ARN. The log group's name is then
 * fixed at synth, as the key policy cannot reference the log group that references the key.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function defineLogGroup(scope: Construct, id: string, props: {
  readonly retention?: logs.RetentionDays;
  readonly encryptionKey?: kms.IKey;
  readonly removalPolicy?: RemovalPolicy;
}): logs.LogGroup {
  const key = props.encryptionKey;
  const logGroupName = key ? `${Names.uniqueResourceName(scope, { maxLength: 480, separator: '-', allowedSpecialCharacters: '-_' })}-${id}` : undefined;
  const logGroup = new logs.LogGroup(scope, id, {
    // The retention of the S3 User Guide's CloudFormation example (RetentionInDays: 180).
    retention: props.retention ?? logs.RetentionDays.SIX_MONTHS,
    removalPolicy: props.removalPolicy,
    encryptionKey: key,
    logGroupName,
  });
  if (key && logGroupName) {
    const stack = Stack.of(logGroup);
    const statement = new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    });
    addOrWarn(scope, 'encryptionKey', key, statement, key.addToResourcePolicy(statement, true).statementAdded);
  }
  return logGroup;
}

/**
 * Let CloudWatch Logs create a cross-account delivery into a log group: its resource policy for
 * `delivery.logs.amazonaws.com` (`logs:CreateLogStream`, `logs:PutLogEvents` on its log streams),
 * with `aws:SourceAccount` and `aws:SourceArn` of the source accounts. In one account CloudWatch
 * Logs adds this itself when the delivery is created; across accounts the destination account must.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-CloudWatchLogs.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-vended-logs-permissions-V2.html
 */
export function grantLogGroupDelivery(scope: Construct, logGroup: logs.ILogGroup, sourceAccounts: string[]): void {
  const stack = Stack.of(scope);
  const statement = new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(LOG_DELIVERY_SERVICE_PRINCIPAL)],
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [stack.formatArn({
      service: 'logs', resource: 'log-group', resourceName: `${logGroup.logGroupName}:log-stream:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    })],
    conditions: {
      StringEquals: { 'aws:SourceAccount': sourceAccounts },
      ArnLike: { 'aws:SourceArn': sourceAccounts.map(account => logsArn(stack, account, '*')) },
    },
  });
  addOrWarn(scope, 'logGroup', logGroup, statement, logGroup.addToResourcePolicy(statement).statementAdded);
}

/** Who writes into a bucket destination: the source accounts and the ARNs of their delivery sources. */
export interface BucketDeliverySources {
  readonly accounts: string[];
  readonly sourceArns: string[];
}

/**
 * Let CloudWatch Logs deliver into a bucket: the bucket policy statement of the CloudWatch Logs User
 * Guide ("Logs sent to Amazon S3") for `delivery.logs.amazonaws.com`, `s3:PutObject` on the key
 * layout `AWSLogs/<source account>/...` with `s3:x-amz-acl` `bucket-owner-full-control`,
 * `aws:SourceAccount` and `aws:SourceArn` of the delivery sources; and, when the bucket's key is
 * known, the key policy statement the same page gives for SSE-KMS. A bucket or key the app does not
 * define gets a warning with the statement to add.
 *
 * Returns the bucket policy, when one was added to, for the delivery to depend on.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
 */
export function grantBucketDelivery(scope: Construct, bucket: s3.IBucket, sources: BucketDeliverySources): s3.BucketPolicy | undefined {
  const conditions = {
    StringEquals: { 'aws:SourceAccount': sources.accounts },
    ArnLike: { 'aws:SourceArn': sources.sourceArns },
  };
  const statement = new iam.PolicyStatement({
    sid: 'AWSLogDeliveryWrite',
    principals: [new iam.ServicePrincipal(LOG_DELIVERY_SERVICE_PRINCIPAL)],
    actions: ['s3:PutObject'],
    resources: sources.accounts.map(account => bucket.arnForObjects(`AWSLogs/${account}/*`)),
    conditions: { ...conditions, StringEquals: { ...conditions.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
  });
  const added = bucket.addToResourcePolicy(statement);
  addOrWarn(scope, 'destinationBucket', bucket, statement, added.statementAdded);
  const key = bucket.encryptionKey;
  if (key) {
    const keyStatement = new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(LOG_DELIVERY_SERVICE_PRINCIPAL)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions,
    });
    addOrWarn(scope, 'destinationBucket\'s encryption key', key, keyStatement, key.addToResourcePolicy(keyStatement, true).statementAdded);
  }
  return added.statementAdded ? bucket.policy : undefined;
}

/**
 * Throw when a literal `deliveryStreamArn` is not the ARN of a Firehose stream, or is in another known
 * account or Region than `scope`'s stack. A token is checked by nobody: nothing is known of it at synth.
 *
 * CloudWatch Logs writes to a stream through the service-linked role `AWSServiceRoleForLogDelivery`,
 * whose policy lets it write only to streams tagged `LogDeliveryEnabled` = `true`; it tags the stream
 * itself when the delivery is created in the stream's account.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-Firehose.html
 */
export function checkDeliveryStreamArn(scope: IConstruct, arn: string): void {
  if (Token.isUnresolved(arn)) {
    return;
  }
  const parts = splitArn(arn, ArnFormat.SLASH_RESOURCE_NAME);
  if (!parts || parts.service !== 'firehose' || parts.resource !== 'deliverystream' || !parts.resourceName) {
    throw new Error(`${scope.node.path}: deliveryStreamArn must be the ARN of a Firehose stream `
      + `(arn:<partition>:firehose:<region>:<account>:deliverystream/<name>), got: ${arn}.`);
  }
  assertArnInStackEnvironment(scope, 'deliveryStreamArn', arn, parts, 'CloudWatch Logs delivers to a Firehose stream of its own account and Region; '
    + 'for a stream in another account, define a CloudWatchLogsDeliveryDestination there and give its deliveryDestinationArn');
}

/**
 * Throw when a literal `deliveryDestinationArn` is not the ARN of a delivery destination, or is in
 * another known Region than `scope`'s stack: a delivery pairs a source and a destination of one Region.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateDelivery.html
 */
export function checkDeliveryDestinationArn(scope: IConstruct, arn: string): void {
  if (Token.isUnresolved(arn)) {
    return;
  }
  const parts = splitArn(arn, ArnFormat.COLON_RESOURCE_NAME);
  if (!parts || parts.service !== 'logs' || parts.resource !== 'delivery-destination' || !parts.resourceName) {
    throw new Error(`${scope.node.path}: deliveryDestinationArn must be the ARN of a CloudWatch Logs delivery destination `
      + `(arn:<partition>:logs:<region>:<account>:delivery-destination:<name>), got: ${arn}. `
      + 'Use the deliveryDestinationArn of the CloudWatchLogsDeliveryDestination in the destination account.');
  }
  const region = Stack.of(scope).region;
  if (parts.region && !Token.isUnresolved(region) && parts.region !== region) {
    throw new Error(`${scope.node.path}: deliveryDestinationArn must be in the Region of ${Stack.of(scope).node.path}, got: ${parts.region}, `
      + `expected: ${region}. A delivery pairs a delivery source and a delivery destination of one Region. Define the destination in ${region}.`);
  }
}

/** The ARN of a CloudWatch Logs resource of `account` in `stack`'s Region and partition. */
export function logsArn(stack: Stack, account: string, resource: string): string {
  return `arn:${partitionOf(stack)}:logs:${stack.region}:${account}:${resource}`;
}

/** The stack's partition: a literal when its Region is known, else the `AWS::Partition` pseudo parameter. */
export function partitionOf(stack: Stack): string {
  if (!Token.isUnresolved(stack.region)) {
    return RegionInfo.get(stack.region).partition ?? stack.partition;
  }
  return stack.partition;
}

/** Whether two buckets are the same: one construct, one L1, or one literal name. */
export function sameBucket(a: s3.IBucket, b: s3.IBucket): boolean {
  if (a === b || (a.node.defaultChild !== undefined && a.node.defaultChild === b.node.defaultChild)) {
    return true;
  }
  if (!Token.isUnresolved(a.bucketName) && !Token.isUnresolved(b.bucketName)) {
    return a.bucketName === b.bucketName;
  }
  const stack = Stack.of(a);
  return stack === Stack.of(b) && JSON.stringify(stack.resolve(a.bucketArn)) === JSON.stringify(stack.resolve(b.bucketArn));
}

function splitArn(arn: string, format: ArnFormat) {
  try {
    return Arn.split(arn, format);
  } catch {
    return undefined;
  }
}

function assertArnInStackEnvironment(scope: IConstruct, prop: string, arn: string, parts: { region?: string; account?: string }, rule: string): void {
  const stack = Stack.of(scope);
  const pairs: Array<[string, string, string | undefined]> = [['Region', stack.region, parts.region], ['account', stack.account, parts.account]];
  for (const [dimension, own, theirs] of pairs) {
    if (theirs && !Token.isUnresolved(own) && theirs !== own) {
      throw new Error(`${scope.node.path}: ${prop} must be in the ${dimension} of ${stack.node.path}, got: ${theirs} (${arn}), expected: ${own}. ${rule}.`);
    }
  }
}

/** Warn (deliveryPermissionNotAdded) when a statement could not be added to a resource the app does not define. */
function addOrWarn(scope: IConstruct, prop: string, target: IConstruct, statement: iam.PolicyStatement, added: boolean): void {
  if (added) {
    return;
  }
  const json = JSON.stringify(Stack.of(scope).resolve(statement.toStatementJson()));
  Annotations.of(scope).addWarningV2(DELIVERY_PERMISSION_NOT_ADDED, `${scope.node.path}: ${prop} (${target.node.path}) is not defined in this app, `
    + `so its policy cannot be changed here, and CloudWatch Logs cannot deliver without this statement. Add it to the policy of its owner: ${json} `
    + '(https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-vended-logs-permissions-V2.html).');
}
