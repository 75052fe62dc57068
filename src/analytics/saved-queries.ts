import { LOG_DATE_PARTITION, SOURCE_BUCKET_PARTITION } from './partition-projection';
import { AUDIT_QUESTIONS, AuditQuestion, Condition, groupOutputs, Output, RecordField, REQUEST_TIME_NAME, upperCaseValues } from '../format/audit-questions';
import { FIELD_SPECS } from '../format/fields';

/** The table the saved queries read. */
export interface QueryTable {
  /** `"database"."table"`, quoted so that any Glue name reads as written. */
  readonly reference: string;
  /** Whether the table has the date-based partitions (`source_bucket`, `log_date`). */
  readonly partitioned: boolean;
  /** Whether the source bucket partition is injected: every query must then name the bucket (`?`). */
  readonly sourceBucketParameter: boolean;
}

/** One saved (named) Athena query. */
export interface SavedQuery {
  /** PascalCase, for the construct id. */
  readonly id: string;
  /** Short, for the query name. */
  readonly title: string;
  /** What it answers, for the query description. */
  readonly description: string;
  readonly sql: string;
}

/** How far back the saved queries look. A bound on the days read is a bound on the bytes scanned. */
export const QUERY_WINDOW_DAYS = 7;

/**
 * The audit questions users ask of their access logs (`AUDIT_QUESTIONS`, the list every channel
 * renders), as Athena queries over `table`.
 *
 * Each reads the last QUERY_WINDOW_DAYS days only: on a date-based table through the `log_date`
 * partition, so Athena reads those days' objects alone; on a simple-format table through the
 * request time, which still scans every log object (the cost note in the README).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-s3-access-logs-to-identify-requests.html
 */
export function savedQueries(table: QueryTable): SavedQuery[] {
  return AUDIT_QUESTIONS.map(query => ({
    id: query.id,
    title: query.title,
    description: query.description,
    sql: renderQuery(table, query),
  }));
}

/** The column of a record field, from the one field list. */
function column(name: RecordField): string {
  return FIELD_SPECS.find(field => field.name === name)!.columnName;
}

/**
 * The request time as a timestamp: the column holds the time as written (`06/Feb/2019:00:00:38 +0000`),
 * because RegexSerDe reads a timestamp column only as `yyyy-MM-dd HH:mm:ss`.
 */
const REQUEST_TIME = `parse_datetime(${column('time')}, 'dd/MMM/yyyy:HH:mm:ss Z')`;

/** An Athena (Trino) literal. */
function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
}

/** A condition of the question list in Athena SQL. */
function sqlCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'equals':
      return `${column(condition.field)} = ${literal(condition.value)}`;
    case 'atLeast':
      return `${column(condition.field)} >= ${condition.value}`;
    case 'oneOf':
      return `${column(condition.field)} IN (${condition.values.map(literal).join(', ')})`;
    case 'noneOfIgnoringCase':
      // upper() folds the spellings of a value into one.
      return `upper(${column(condition.field)}) NOT IN (${upperCaseValues(condition.values).map(literal).join(', ')})`;
    case 'absent':
      return `${column(condition.field)} IS NULL`;
    case 'present':
      return `${column(condition.field)} IS NOT NULL`;
    case 'anyOf':
      return `(${condition.conditions.map(sqlCondition).join(' OR ')})`;
  }
}

/** An output's expression, without its name. */
function sqlExpression(output: Output): string {
  switch (output.kind) {
    case 'field':
      return output.field === 'time' ? REQUEST_TIME : column(output.field);
    case 'orDefault':
      return `coalesce(${column(output.field)}, ${literal(output.fallback)})`;
    case 'count':
      return 'count(*)';
    case 'countWhere':
      return `count_if(${sqlCondition(output.condition)})`;
    case 'sum':
      return `sum(${column(output.field)})`;
  }
}

/** An output as a column of the SELECT list. */
function sqlSelect(output: Output): string {
  if (output.kind === 'field') {
    return output.field === 'time' ? `${REQUEST_TIME} AS ${REQUEST_TIME_NAME}` : column(output.field);
  }
  return `${sqlExpression(output)} AS ${output.as}`;
}

function renderQuery(table: QueryTable, query: AuditQuestion): string {
  const conditions = [...windowConditions(table), ...(query.where ?? []).map(sqlCondition)];
  const groups = groupOutputs(query);
  return [
    `-- ${query.title}: ${query.description}`,
    `-- ${windowNote(table)}`,
    `SELECT ${query.select.map(sqlSelect).join(',\n       ')}`,
    `FROM ${table.reference}`,
    `WHERE ${conditions.join('\n  AND ')}`,
    ...(groups.length > 0 ? [`GROUP BY ${groups.map(sqlExpression).join(', ')}`] : []),
    `ORDER BY ${query.orderByDescending} DESC`,
    `LIMIT ${query.limit}`,
  ].join('\n');
}

function windowConditions(table: QueryTable): string[] {
  if (!table.partitioned) {
    return [`${REQUEST_TIME} >= current_timestamp - interval '${QUERY_WINDOW_DAYS}' day`];
  }
  return [
    ...(table.sourceBucketParameter ? [`${SOURCE_BUCKET_PARTITION} = ?`] : []),
    // A timestamp with time zone (UTC in Athena), as date_format takes; the keys' days are UTC days.
    `${LOG_DATE_PARTITION} >= date_format(current_timestamp - interval '${QUERY_WINDOW_DAYS}' day, '%Y/%m/%d')`,
  ];
}

function windowNote(table: QueryTable): string {
  if (!table.partitioned) {
    return `The last ${QUERY_WINDOW_DAYS} days. This table has no partitions: every query scans all its log objects.`;
  }
  const bucket = table.sourceBucketParameter ? ' Give the source bucket\'s name as the parameter.' : '';
  return `The last ${QUERY_WINDOW_DAYS} days (log_date is yyyy/MM/dd); only those days' objects are read.${bucket}`;
}
