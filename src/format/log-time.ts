/**
 * The `%b` month abbreviations S3 writes in the record time, in calendar order.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html
 */
export const MONTHS: readonly string[] = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const MONTH_NUMBERS: ReadonlyMap<string, string> = new Map(MONTHS.map((name, i) => [name, String(i + 1).padStart(2, '0')]));

/** The length of a record time between its brackets: `06/Feb/2019:00:00:38 +0000`. */
export const LOG_TIME_LENGTH = 26;

/** The two-digit month of a `%b` abbreviation, or undefined when `name` is not one. */
export function monthNumber(name: string): string | undefined {
  return MONTH_NUMBERS.get(name);
}

/**
 * A record time as ISO 8601: `06/Feb/2019:00:00:38 +0000` gives `2019-02-06T00:00:38Z`.
 *
 * S3 writes UTC (`+0000`), which becomes `Z`; any other offset is kept (`+01:30`), so no time is
 * ever shifted. `logTime` must already match the record regex: this rearranges, it does not check.
 */
export function isoTime(logTime: string): string {
  const day = logTime.slice(0, 2);
  const month = MONTH_NUMBERS.get(logTime.slice(3, 6));
  const year = logTime.slice(7, 11);
  const clock = logTime.slice(12, 20);
  const offset = logTime.slice(21, 26);
  const zone = offset === '+0000' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  return `${year}-${month}-${day}T${clock}${zone}`;
}
