import { Token } from 'aws-cdk-lib';
import { BucketNode, LoggingEdge } from './model';
import { LOGGING_SERVICE_PRINCIPAL } from '../private/logging-service';

/**
 * Whether a bucket policy statement applies to one log delivery: the S3 logging service calling
 * `s3:PutObject` on a log object key of a given source.
 *
 * `unknown` where the template holds a value this evaluator cannot follow (an intrinsic it does not
 * know, a condition key it cannot decide); the checks turn that into a warning, never an error.
 */
export type Verdict = 'yes' | 'no' | 'unknown';

/** One log delivery, as the policy evaluator sees it. */
export interface LogDelivery {
  readonly destination: BucketNode;
  readonly source: BucketNode;
  readonly edge: LoggingEdge;
}

type Statement = Record<string, unknown>;

/** The statements of a resolved policy document. */
export function statementsOf(document: unknown): Statement[] {
  const statements = (document as Record<string, unknown> | undefined)?.Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  return list.filter((s): s is Statement => typeof s === 'object' && s !== null);
}

/** Does an `Allow` statement let the logging service write this delivery? Conditions are assumed met. */
export function allowsDelivery(statement: Statement, delivery: LogDelivery): Verdict {
  if (statement.Effect !== 'Allow') {
    return 'no';
  }
  return all([
    principalMatches(statement),
    actionMatches(statement),
    resourceMatches(statement, delivery),
  ]);
}

/** Does a `Deny` statement stop this delivery? Its conditions are evaluated for the logging service. */
export function deniesDelivery(statement: Statement, delivery: LogDelivery): Verdict {
  if (statement.Effect !== 'Deny') {
    return 'no';
  }
  return all([
    principalMatches(statement),
    actionMatches(statement),
    resourceMatches(statement, delivery),
    conditionsHoldForLoggingService(statement.Condition),
  ]);
}

function all(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('no')) {
    return 'no';
  }
  return verdicts.includes('unknown') ? 'unknown' : 'yes';
}

function principalMatches(statement: Statement): Verdict {
  if (statement.Principal !== undefined) {
    return namesLoggingService(statement.Principal) ? 'yes' : 'no';
  }
  if (statement.NotPrincipal !== undefined) {
    return namesLoggingService(statement.NotPrincipal) ? 'no' : 'yes';
  }
  return 'no';
}

function namesLoggingService(principal: unknown): boolean {
  if (principal === '*') {
    return true;
  }
  const record = principal as Record<string, unknown>;
  return asList(record.AWS).includes('*') || asList(record.Service).includes(LOGGING_SERVICE_PRINCIPAL);
}

function actionMatches(statement: Statement): Verdict {
  const matches = (patterns: unknown) => asList(patterns).some(p => typeof p === 'string' && globMatches(p.toLowerCase(), 's3:putobject'));
  if (statement.Action !== undefined) {
    return matches(statement.Action) ? 'yes' : 'no';
  }
  if (statement.NotAction !== undefined) {
    return matches(statement.NotAction) ? 'no' : 'yes';
  }
  return 'no';
}

function resourceMatches(statement: Statement, delivery: LogDelivery): Verdict {
  const objectArn = sampleLogObjectArn(delivery);
  const matchOne = (pattern: unknown): Verdict => {
    const rendered = renderArnPattern(pattern, delivery.destination);
    if (!rendered.includes(UNKNOWN)) {
      return globMatches(rendered, objectArn) ? 'yes' : 'no';
    }
    return globMatches(rendered.split(UNKNOWN).join('*'), objectArn) ? 'unknown' : 'no';
  };
  const anyOf = (patterns: unknown): Verdict => {
    const verdicts = asList(patterns).map(matchOne);
    return verdicts.includes('yes') ? 'yes' : verdicts.includes('unknown') ? 'unknown' : 'no';
  };
  if (statement.Resource !== undefined) {
    return anyOf(statement.Resource);
  }
  if (statement.NotResource !== undefined) {
    const verdict = anyOf(statement.NotResource);
    return verdict === 'yes' ? 'no' : verdict === 'no' ? 'yes' : 'unknown';
  }
  return 'no';
}

/**
 * Condition keys that are absent from a request made by an AWS service principal, so that a
 * negated operator on them is true (IAM: "if the key is not present, a negated operator returns
 * true") and a positive one false.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
const KEYS_ABSENT_FOR_SERVICE_PRINCIPALS = [/^aws:principalorgid$/, /^aws:principalorgpaths$/, /^aws:principaltag\//];

/** Evaluate a Deny statement's conditions for the logging service; `unknown` for what cannot be decided. */
function conditionsHoldForLoggingService(condition: unknown): Verdict {
  if (condition === undefined) {
    return 'yes';
  }
  const verdicts: Verdict[] = [];
  for (const [operator, keys] of Object.entries(condition as Record<string, unknown>)) {
    for (const [key, value] of Object.entries((keys ?? {}) as Record<string, unknown>)) {
      verdicts.push(conditionHolds(operator, key.toLowerCase(), asList(value)));
    }
  }
  return all(verdicts);
}

function conditionHolds(operator: string, key: string, values: unknown[]): Verdict {
  const [setOperator, baseOperator] = operator.includes(':') ? operator.split(':', 2) : [undefined, operator];
  const op = baseOperator.replace(/IfExists$/, '');
  const ifExists = op !== baseOperator;
  if (key === 'aws:securetransport' && op === 'Bool') {
    // The logging service delivers over TLS: a "deny when not TLS" statement (enforceSSL) does not apply.
    return values.map(String).includes('false') ? 'no' : 'yes';
  }
  if (key === 'aws:principalisawsservice' && op === 'Bool') {
    return values.map(String).includes('true') ? 'yes' : 'no';
  }
  if (KEYS_ABSENT_FOR_SERVICE_PRINCIPALS.some(re => re.test(key))) {
    return conditionOnAbsentKey(setOperator, op, ifExists, values);
  }
  return 'unknown';
}

/**
 * A condition on a key the request does not have: `...IfExists` and `Null: true` hold; a set
 * operator over no values is false for `ForAnyValue` and true for `ForAllValues`; otherwise a
 * negated operator holds and a positive one does not.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
function conditionOnAbsentKey(setOperator: string | undefined, op: string, ifExists: boolean, values: unknown[]): Verdict {
  if (ifExists) {
    return 'yes';
  }
  if (op === 'Null') {
    return values.map(String).includes('true') ? 'yes' : 'no';
  }
  if (setOperator === 'ForAnyValue') {
    return 'no';
  }
  if (setOperator === 'ForAllValues') {
    return 'yes';
  }
  return /Not/.test(op) ? 'yes' : 'no';
}

const UNKNOWN = '\u0000';

/**
 * A resource value of a resolved policy as an ARN pattern: intrinsics that name the destination
 * become its name, `AWS::Partition` becomes `aws`, anything else the marker for an unknown part.
 */
function renderArnPattern(value: unknown, destination: BucketNode): string {
  if (typeof value === 'string') {
    return normalizePartition(value);
  }
  const record = value as Record<string, unknown> | undefined;
  const join = record?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return normalizePartition(join[1].map(part => renderArnPattern(part, destination)).join(join[0]));
  }
  const getAtt = record?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[0] === destination.logicalId && getAtt[1] === 'Arn') {
    return `arn:aws:s3:::${sampleBucketName(destination)}`;
  }
  const ref = record?.Ref;
  if (ref === destination.logicalId) {
    return sampleBucketName(destination);
  }
  if (ref === 'AWS::Partition') {
    return 'aws';
  }
  return UNKNOWN;
}

function normalizePartition(arn: string): string {
  return arn.replace(/^arn:aws(-[a-z-]+)?:/, 'arn:aws:');
}

/** The ARN of a log object this delivery would write, with the source's real values where known. */
function sampleLogObjectArn(delivery: LogDelivery): string {
  const { source, edge, destination } = delivery;
  const timestamp = '2026-01-01-00-00-00-0123456789ABCDEF';
  const key = edge.keyFormat === 'partitioned'
    ? `${edge.prefix}${knownOr(source.account, '123456789012')}/${knownOr(source.region, 'us-east-1')}/${sampleBucketName(source)}/2026/01/01/${timestamp}`
    : `${edge.prefix}${timestamp}`;
  return `arn:aws:s3:::${sampleBucketName(destination)}/${key}`;
}

function sampleBucketName(bucket: BucketNode): string {
  return bucket.literalName ?? `logical-id-${bucket.logicalId.toLowerCase()}`;
}

function knownOr(value: string, sample: string): string {
  return Token.isUnresolved(value) ? sample : value;
}

const compiledGlobs = new Map<string, RegExp>();

/** IAM wildcard matching: `*` any run of characters, `?` one character. */
export function globMatches(pattern: string, text: string): boolean {
  let regex = compiledGlobs.get(pattern);
  if (!regex) {
    const source = pattern.split('').map(ch => ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('');
    regex = new RegExp(`^${source}$`, 's');
    compiledGlobs.set(pattern, regex);
  }
  return regex.test(text);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
