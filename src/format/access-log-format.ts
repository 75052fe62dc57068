import { AccessLogRecord } from './access-log-record';
import { FIELD_SPECS } from './fields';
import { readJsonRecord } from './json-record';
import { readRecord } from './line-reader';
import { recordRegex } from './record-regex';

/**
 * One field of an Amazon S3 server access log record, and the Athena column that holds it.
 */
export interface AccessLogField {
  /** The name of the field: the `AccessLogRecord` property that holds its value, e.g. `httpStatus`. */
  readonly name: string;

  /** The name of the column that holds the field in an `AccessLogsTable`, e.g. `httpstatus`. */
  readonly columnName: string;

  /** The Athena type of the column: `string`, `int` or `bigint`. */
  readonly columnType: string;

  /**
   * The key of the field in a JSON record of the CloudWatch Logs channel, e.g. `http_status`.
   *
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html
   */
  readonly jsonName: string;
}

/**
 * The Amazon S3 server access log record format, in one place: its fields in order, the regex that
 * an `AccessLogsTable` reads records with, and a parser that agrees with that regex.
 *
 * Every generation of the format is read, from the 18 fields of the oldest records to the 27 of
 * today's; fields that S3 appends after the known ones are ignored, as AWS asks of parsers.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html
 *
 * Records of the CloudWatch Logs channel are JSON objects: `parseJsonRecord` reads them into the
 * same record type.
 *
 * @example
 * const record = AccessLogFormat.parseLine(line);
 * if (record?.httpStatus === 403) {
 *   // record.requester, record.key, record.time ...
 * }
 */
export class AccessLogFormat {
  /**
   * The fields of a record, in the order S3 writes them, each with its Athena column. The list is
   * frozen.
   */
  public static readonly FIELDS: AccessLogField[] = Object.freeze(FIELD_SPECS.map(({ name, columnName, columnType, jsonName }) =>
    // Not frozen themselves: jsii tags each object it hands to Python, Java, C# or Go, and a frozen
    // object cannot be tagged. Their properties are readonly to every typed caller.
    ({ name, columnName, columnType, jsonName }))) as AccessLogField[];

  /**
   * The regular expression that matches one whole record, with one capture group per field of `FIELDS`.
   *
   * It is the `input.regex` of an `AccessLogsTable` (Athena's RegexSerDe, `java.util.regex`) and reads
   * the same in JavaScript. A field written as `-` (or `"-"`) takes no part in the match, so Athena
   * returns NULL for it; quote marks and the brackets of the time are outside the groups. A line that
   * does not match is not a record (Athena returns a row of NULLs for it).
   *
   * @see https://docs.aws.amazon.com/athena/latest/ug/regex-serde.html
   */
  public static readonly REGEX: string = recordRegex(FIELD_SPECS);

  /**
   * Parse one line of a server access log file.
   *
   * Gives the same values as matching `REGEX` (JavaScript types: numbers for counts and the status,
   * ISO 8601 for the time), without running the regex: `npm run bench` compares the two.
   *
   * @param line one line, without its line break (a trailing carriage return, of a CRLF file, is ignored)
   * @returns the record, or undefined when the line is not a whole record (cut short, a status that
   *          is not three digits, a time without its brackets, ...)
   */
  public static parseLine(line: string): AccessLogRecord | undefined {
    return readRecord(line);
  }

  /**
   * Parse one record of the CloudWatch Logs channel (`CloudWatchLogsDelivery`): a JSON object with
   * one key per field (`schema_version_id`, `bucket_arn`, `bucket_name`, `request_time`, ...), into
   * the record `parseLine` gives for the same request.
   *
   * A key that is absent (a field the delivery's `recordFields` leaves out), null, `-` or empty is
   * undefined; keys that are not fields of `FIELDS` (`schema_version_id`, `bucket_arn`, fields S3 adds
   * later) are ignored. The time is kept as the record writes it, ISO 8601 with milliseconds
   * (`2026-06-10T12:00:00.000Z`).
   *
   * @param json one record: the message of one log event
   * @returns the record, or undefined when the text is not a JSON object with a key of the channel,
   *          or a value is not of its field's type (a status that is not three digits, a time that
   *          is not ISO 8601, ...)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html
   */
  public static parseJsonRecord(json: string): AccessLogRecord | undefined {
    return readJsonRecord(json);
  }

  private constructor() {
  }
}
