/**
 * The exact words of the rules that both our constructs (at once) and the app-wide pass (at synth)
 * report, written out here once: a test of either holds it to the same text.
 */

/** `destinationEncryption`; `sources` undefined for a destination that has none yet. */
export function encryptionMessage(destination: string, sources: string | undefined, algorithms: string): string {
  const receives = sources === undefined ? ' is a server access log destination, but its' : ` receives the server access logs of ${sources}, but its`;
  return `${destination}${receives} default encryption is ${algorithms}; `
    + 'S3 delivers server access logs only to a bucket encrypted with SSE-S3 (AES256). '
    + 'Use SSE-S3 on it (`encryption: BucketEncryption.S3_MANAGED` and no `encryptionKey`), or use an AccessLogsBucket. '
    + '[cdk-s3-access-logs:destinationEncryption]';
}

/** `destinationObjectLock`; `sources` undefined for a destination that has none yet. */
export function objectLockMessage(destination: string, sources: string | undefined): string {
  const receives = sources === undefined ? ' is a server access log destination, but has' : ` receives the server access logs of ${sources}, but has`;
  return `${destination}${receives} Object Lock enabled; S3 does not deliver server access logs to a bucket with Object Lock. `
    + 'Use a destination without Object Lock (no `objectLockEnabled` or `objectLockDefaultRetention`; an AccessLogsBucket keeps logs '
    + 'safe with versioning and lifecycle rules). [cdk-s3-access-logs:destinationObjectLock]';
}

/** `regionMismatch` and `accountMismatch`. */
export function environmentMismatchMessage(source: string, destination: string, dimension: 'Region' | 'account', sourceValue: string, destinationValue: string): string {
  return `${source} logs to ${destination} in another ${dimension}: source ${sourceValue}, destination ${destinationValue}. `
    + `S3 delivers server access logs only to a bucket in the source's own ${dimension}. `
    + `Use a destination in ${sourceValue}, e.g. an AccessLogsBucket in a stack of that ${dimension}. `
    + `[cdk-s3-access-logs:${dimension === 'Region' ? 'regionMismatch' : 'accountMismatch'}]`;
}
