import type { AccessLogRecord } from './access-log-record';
import { FIELD_SPECS, FieldKind, FieldValue } from './fields';
import { isoTime } from './log-time';

/**
 * The record of the field values read from a line, in `FIELD_SPECS` order.
 *
 * Written out property by property, rather than in a loop over `FIELD_SPECS`, so that every record
 * has one shape that V8 can optimise for; a test holds the two lists to the same order.
 */
export function toRecord(values: readonly FieldValue[]): AccessLogRecord {
  return {
    bucketOwner: values[0] as string | undefined,
    bucket: values[1] as string | undefined,
    time: values[2] as string | undefined,
    remoteIp: values[3] as string | undefined,
    requester: values[4] as string | undefined,
    requestId: values[5] as string | undefined,
    operation: values[6] as string | undefined,
    key: values[7] as string | undefined,
    requestUri: values[8] as string | undefined,
    httpStatus: values[9] as number | undefined,
    errorCode: values[10] as string | undefined,
    bytesSent: values[11] as number | undefined,
    objectSize: values[12] as number | undefined,
    totalTime: values[13] as number | undefined,
    turnAroundTime: values[14] as number | undefined,
    referer: values[15] as string | undefined,
    userAgent: values[16] as string | undefined,
    versionId: values[17] as string | undefined,
    hostId: values[18] as string | undefined,
    signatureVersion: values[19] as string | undefined,
    cipherSuite: values[20] as string | undefined,
    authenticationType: values[21] as string | undefined,
    hostHeader: values[22] as string | undefined,
    tlsVersion: values[23] as string | undefined,
    accessPointArn: values[24] as string | undefined,
    aclRequired: values[25] as string | undefined,
    sourceRegion: values[26] as string | undefined,
  };
}

/**
 * The record a match of `AccessLogFormat.REGEX` stands for: group i is field i, a group that took no
 * part is undefined (NULL in Athena), counts become numbers and the time ISO 8601.
 *
 * This is the reference reading, what the Athena table sees in JavaScript types; `parseLine` must
 * agree with it on every line, which the tests check.
 */
export function recordFromMatch(match: RegExpExecArray): AccessLogRecord {
  return toRecord(FIELD_SPECS.map((field, i) => groupValue(field.kind, match[i + 1])));
}

function groupValue(kind: FieldKind, group: string | undefined): FieldValue {
  if (group === undefined) {
    return undefined;
  }
  switch (kind) {
    case FieldKind.TIME:
      return isoTime(group);
    case FieldKind.STATUS:
    case FieldKind.COUNT:
      return Number(group);
    default:
      return group;
  }
}
