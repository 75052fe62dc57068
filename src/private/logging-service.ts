/**
 * The service principal that writes server access logs.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
export const LOGGING_SERVICE_PRINCIPAL = 'logging.s3.amazonaws.com';

/**
 * The service principal that CloudWatch Logs delivers vended logs with (into an S3 bucket: the bucket
 * policy and the SSE-KMS key policy name it).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
 */
export const LOG_DELIVERY_SERVICE_PRINCIPAL = 'delivery.logs.amazonaws.com';
