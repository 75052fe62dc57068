/**
 * The service principal that writes server access logs.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
export const LOGGING_SERVICE_PRINCIPAL = 'logging.s3.amazonaws.com';
