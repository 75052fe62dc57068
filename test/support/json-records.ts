/**
 * Records of the CloudWatch Logs channel, for the JSON parser's tests. Not a test file itself.
 *
 * The S3 User Guide's page on the format (https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html)
 * documents every key in a table (name, type, meaning) but, in the copy read for this library, shows
 * no whole record. So this record is built from that table: its keys in the table's order, its types
 * as the table gives them (http_status an int, the counts numbers, request_time ISO 8601 with
 * milliseconds, unknown values null), and its values those of the first example record of the text
 * format (https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html, line 1 of
 * test/fixtures/docs-sample-lines.log), so that both parsers can be held to the same reading.
 */
export const DOCUMENTED_JSON_RECORD = JSON.stringify({
  schema_version_id: 'V_1_0',
  bucket_arn: 'arn:aws:s3:::amzn-s3-demo-bucket1',
  bucket_name: 'amzn-s3-demo-bucket1',
  request_time: '2019-02-06T00:00:38.000Z',
  bucket_owner_id: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
  remote_ip: '192.0.2.3',
  requester: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
  request_id: '3E57427F3EXAMPLE',
  operation: 'REST.GET.VERSIONING',
  key_name: null,
  request_uri: 'GET /amzn-s3-demo-bucket1?versioning HTTP/1.1',
  http_status: 200,
  error_code: null,
  bytes_sent_size: 113,
  object_size: null,
  total_duration: 7,
  turn_around_duration: null,
  referer: null,
  user_agent: 'S3Console/0.4',
  version_id: null,
  host_id: 's9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234=',
  signature_version: 'SigV4',
  cipher_suite: 'ECDHE-RSA-AES128-GCM-SHA256',
  authentication_type: 'AuthHeader',
  host_header: 'amzn-s3-demo-bucket1.s3.us-west-1.amazonaws.com',
  tls_version: 'TLSV1.2',
  access_point_arn: 'arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP',
  acl_required: 'Yes',
  source_region: 'us-east-1',
});

/** The record with some keys changed (a value, null, or `undefined` to leave the key out). */
export function editedJsonRecord(changes: Record<string, unknown>): string {
  const record: Record<string, unknown> = { ...JSON.parse(DOCUMENTED_JSON_RECORD), ...changes };
  return JSON.stringify(Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
}
