import { Annotations, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { QUERY_FIELDS_NOT_DELIVERED } from './warning-ids';
import {
  AUDIT_QUESTIONS, AuditQuestion, Condition, conditionFields, groupOutputs, isAggregate, Output, RecordField, upperCaseValues,
} from '../format/audit-questions';
import { FIELD_SPECS } from '../format/fields';
import { LOG_GROUP_QUERY_DEFINITIONS } from '../private/roles';

/**
 * The audit questions (`AUDIT_QUESTIONS`, the list the Athena saved queries render too) as CloudWatch
 * Logs Insights queries over the JSON records of the CloudWatch Logs channel.
 *
 * Only the Logs Insights QL commands `fields`, `filter`, `stats ... by`, `sort` and `limit`, joined by
 * `|`, with `#` comments; comparisons, `and`/`or`/`not`, `in [...]`, and the functions `ispresent`,
 * `coalesce` and `toupper`.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Filter.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-log-format.html
 */

/** One audit question as a Logs Insights query. */
export interface InsightsQuery {
  readonly question: AuditQuestion;
  readonly queryString: string;
  /** The keys of the JSON record that the query reads. */
  readonly recordFields: string[];
}

/** The key of a record field in the JSON records of the channel, from the one field list. */
export function jsonName(name: RecordField): string {
  return FIELD_SPECS.find(field => field.name === name)!.jsonName;
}

/** A Logs Insights string or number literal. */
function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function insightsCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'equals':
      return `${jsonName(condition.field)} = ${literal(condition.value)}`;
    case 'atLeast':
      return `${jsonName(condition.field)} >= ${condition.value}`;
    case 'oneOf':
      // "filter requestId IN [value, value, ...]" (CWL_QuerySyntax-Filter).
      return `${jsonName(condition.field)} in [${condition.values.map(literal).join(', ')}]`;
    case 'noneOfIgnoringCase':
      return upperCaseValues(condition.values).map(value => `toupper(${jsonName(condition.field)}) != ${literal(value)}`).join(' and ');
    case 'absent':
      // A null value of a JSON record is not a field of the event.
      return `not ispresent(${jsonName(condition.field)})`;
    case 'present':
      return `ispresent(${jsonName(condition.field)})`;
    case 'anyOf':
      return `(${condition.conditions.map(insightsCondition).join(' or ')})`;
  }
}

/** An output as Logs Insights names it: a record key, or the name given to an expression. */
function outputName(output: Output): string {
  return output.kind === 'field' ? jsonName(output.field) : output.as;
}

/**
 * Logs Insights has no conditional count (Athena's `count_if`): a question's `countWhere` column is
 * left out of its Logs Insights query, and the query says so.
 */
function insightsAggregate(output: Output): string | undefined {
  switch (output.kind) {
    case 'count':
      return `count(*) as ${output.as}`;
    case 'sum':
      return `sum(${jsonName(output.field)}) as ${output.as}`;
    default:
      return undefined;
  }
}

/** The question as a Logs Insights query. */
export function insightsQuery(question: AuditQuestion): InsightsQuery {
  const groups = groupOutputs(question);
  const aggregated = question.select.some(isAggregate);
  const computed = question.select.flatMap(output => output.kind === 'orDefault'
    ? [`coalesce(${jsonName(output.field)}, ${literal(output.fallback)}) as ${output.as}`]
    : []);
  const dropped = question.select.flatMap(output => output.kind === 'countWhere' ? [output.as] : []);
  const commands = [
    ...(question.where ?? []).map(condition => `filter ${insightsCondition(condition)}`),
    ...(aggregated
      ? [
        ...(computed.length > 0 ? [`fields ${computed.join(', ')}`] : []),
        `stats ${question.select.map(insightsAggregate).filter(a => a !== undefined).join(', ')} by ${groups.map(outputName).join(', ')}`,
      ]
      : [`fields ${question.select.map(outputName).join(', ')}`]),
    `sort ${question.orderByDescending} desc`,
    `limit ${question.limit}`,
  ];
  return {
    question,
    queryString: [
      `# ${question.title}: ${question.description}`,
      '# Over the time range chosen when the query runs.',
      ...(dropped.length > 0 ? [`# Logs Insights has no conditional count: the Athena query's ${dropped.join(', ')} column is not here.`] : []),
      commands.join('\n| '),
    ].join('\n'),
    recordFields: [...new Set(insightsFields(question))],
  };
}

/** The record keys a question's Logs Insights query reads. */
function insightsFields(question: AuditQuestion): string[] {
  // A countWhere column is not in the query (insightsAggregate), so neither is its condition's field.
  const fromOutputs = question.select.flatMap(output =>
    output.kind === 'field' || output.kind === 'orDefault' || output.kind === 'sum' ? [output.field] : []);
  const fromConditions = (question.where ?? []).flatMap(conditionFields);
  return [...fromConditions, ...fromOutputs].map(jsonName);
}

/** Every audit question as a Logs Insights query, in the list's order. */
export function insightsQueries(): InsightsQuery[] {
  return AUDIT_QUESTIONS.map(insightsQuery);
}

/** What `defineQueryDefinitions` needs of a delivery. */
export interface QueryDefinitionsOptions {
  readonly bucket: s3.IBucket;
  readonly logGroup: logs.ILogGroup;
  /** The record fields delivered, or undefined for every field. */
  readonly recordFields?: string[];
}

/** The folder of the query definitions in the console: one per log group. */
export const QUERY_FOLDER = 'S3 server access logs';

/**
 * One `AWS::Logs::QueryDefinition` per audit question, over the delivery's log group, named
 * `S3 server access logs/<log group name>/<title>`: the console shows the `/`-separated parts of a
 * name as folders. A query definition costs nothing; running it is charged by the data it scans.
 *
 * Once per log group: deliveries of several buckets into one log group (`enable()`'s one per stack)
 * share the first one's definitions, which read every bucket's records (9 resources per log group,
 * not per bucket, so a stack stays within CloudFormation's 500 resources).
 *
 * A question that reads a field the delivery leaves out (`recordFields`) would find nothing: it is
 * not defined, and the `queryFieldsNotDelivered` warning names it and the fields it needs.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-querydefinition.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_Insights-Saving-Queries.html
 */
export function defineQueryDefinitions(scope: Construct, options: QueryDefinitionsOptions): logs.CfnQueryDefinition[] {
  const shared = LOG_GROUP_QUERY_DEFINITIONS.get(options.logGroup);
  if (shared) {
    return shared as logs.CfnQueryDefinition[];
  }
  const container = new Construct(scope, 'QueryDefinitions');
  const delivered = options.recordFields;
  // A field given as a token may be any field: nothing can be said to be left out.
  const knowable = delivered === undefined || !delivered.some(field => Token.isUnresolved(field));
  const skipped: string[] = [];
  const defined: logs.CfnQueryDefinition[] = [];
  for (const query of insightsQueries()) {
    const missing = delivered && knowable ? query.recordFields.filter(field => !delivered.includes(field)) : [];
    if (missing.length > 0) {
      skipped.push(`${query.question.id} (needs ${missing.join(', ')})`);
      continue;
    }
    defined.push(new logs.CfnQueryDefinition(container, query.question.id, {
      name: `${QUERY_FOLDER}/${options.logGroup.logGroupName}/${query.question.title}`,
      queryString: query.queryString,
      logGroupNames: [options.logGroup.logGroupName],
    }));
  }
  if (skipped.length > 0) {
    Annotations.of(scope).addWarningV2(QUERY_FIELDS_NOT_DELIVERED, `${scope.node.path}: recordFields leaves out fields that these Logs Insights `
      + `queries read, so they are not defined: ${skipped.join('; ')}. Add the fields to recordFields to have them, `
      + 'or set queryDefinitions: false to define none.');
  }
  LOG_GROUP_QUERY_DEFINITIONS.set(options.logGroup, defined);
  return defined;
}
