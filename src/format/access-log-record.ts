/**
 * One Amazon S3 server access log record, as `AccessLogFormat.parseLine` reads it (and
 * `AccessLogFormat.parseJsonRecord` reads a JSON record of the CloudWatch Logs channel).
 *
 * A field written as `-` (unknown, unavailable or not applicable) is undefined, as is a field that
 * the record's format generation does not have yet (records have 18 to 27 fields). Quoted values
 * are given without their quote marks.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html
 */
export interface AccessLogRecord {
  /** The canonical user ID of the owner of the source bucket. */
  readonly bucketOwner?: string;
  /** The name of the bucket the request was made to. */
  readonly bucket?: string;
  /**
   * When the request was received, as ISO 8601: `2019-02-06T00:00:38Z` from a text record, with the
   * milliseconds that a JSON record of the CloudWatch Logs channel has (`2026-06-10T12:00:00.000Z`).
   */
  readonly time?: string;
  /** The apparent IP address of the requester. */
  readonly remoteIp?: string;
  /** The canonical user ID or ARN of the requester; undefined for an unauthenticated (anonymous) request. */
  readonly requester?: string;
  /** The ID S3 gave the request. */
  readonly requestId?: string;
  /** The operation, e.g. `REST.GET.OBJECT`, `REST.DELETE.OBJECT`, `BATCH.DELETE.OBJECT`. */
  readonly operation?: string;
  /** The object key of the request, URL-encoded. */
  readonly key?: string;
  /** The Request-URI of the HTTP request line, e.g. `GET /bucket/key HTTP/1.1`. */
  readonly requestUri?: string;
  /** The HTTP status of the response. */
  readonly httpStatus?: number;
  /** The S3 error code, e.g. `AccessDenied`. */
  readonly errorCode?: string;
  /** The bytes of the response body sent. */
  readonly bytesSent?: number;
  /** The size of the object, in bytes. */
  readonly objectSize?: number;
  /** The milliseconds the request was in flight, from the server's point of view. */
  readonly totalTime?: number;
  /** The milliseconds S3 spent processing the request. */
  readonly turnAroundTime?: number;
  /** The HTTP Referer header. */
  readonly referer?: string;
  /** The HTTP User-Agent header. */
  readonly userAgent?: string;
  /** The version ID of the object in the request. */
  readonly versionId?: string;
  /** The `x-amz-id-2` request ID. */
  readonly hostId?: string;
  /** The signature version that authenticated the request: `SigV2` or `SigV4`. */
  readonly signatureVersion?: string;
  /** The TLS cipher negotiated for an HTTPS request. */
  readonly cipherSuite?: string;
  /** The type of authentication: `AuthHeader`, `QueryString`. */
  readonly authenticationType?: string;
  /** The endpoint the request was made to (the Host header). */
  readonly hostHeader?: string;
  /** The TLS version of an HTTPS request, e.g. `TLSv1.2` (some records write `TLSV1.2`). */
  readonly tlsVersion?: string;
  /** The ARN of the access point of the request. */
  readonly accessPointArn?: string;
  /** `Yes` when an ACL was required to authorize the request. */
  readonly aclRequired?: string;
  /** The source Region field, the last one of the current format. */
  readonly sourceRegion?: string;
}
