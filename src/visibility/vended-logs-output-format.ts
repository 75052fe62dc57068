/**
 * The format in which CloudWatch Logs writes server access log records to a delivery destination
 * (`AWS::Logs::DeliveryDestination.OutputFormat`).
 *
 * For log type `S3_SERVER_ACCESS_LOGS` the service offers JSON to every kind of destination, and
 * Parquet to an Amazon S3 bucket only: the formats of this log type's configuration template
 * (`DescribeConfigurationTemplates`), as aws-cdk's generated `CfnBucketS3ServerAccessLogsOutputFormat`
 * lists them per destination (log group: JSON; Firehose: JSON; S3: JSON, PARQUET).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeliveryDestination.html
 * @see https://docs.aws.amazon.com/cdk/api/v2/python/aws_cdk.mixins_preview.aws_s3.mixins/CfnBucketS3ServerAccessLogsOutputFormat.html
 */
export enum VendedLogsOutputFormat {
  /** One JSON object per record: every kind of destination. */
  JSON = 'json',
  /** Apache Parquet: an Amazon S3 bucket only. */
  PARQUET = 'parquet',
}
