import { Token } from 'aws-cdk-lib';
import { BucketNode, LoggingEdge } from './model';
import { LOG_DELIVERY_SERVICE_PRINCIPAL, LOGGING_SERVICE_PRINCIPAL } from '../private/logging-service';

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
  /**
   * Whether a logical id of the destination's stack is a bucket: a policy value that names another
   * bucket than the source never names the source (bucket names are unique).
   */
  readonly isBucketOfDestinationStack?: (logicalId: string) => boolean;
}

type Statement = Record<string, unknown>;

/** The statements of a resolved policy document. */
export function statementsOf(document: unknown): Statement[] {
  const statements = (document as Record<string, unknown> | undefined)?.Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  return list.filter((s): s is Statement => typeof s === 'object' && s !== null);
}

/**
 * Does an `Allow` statement let the logging service write this delivery? Its conditions are evaluated
 * for the logging service's request: an Allow whose `aws:SourceAccount` is another account, or whose
 * `aws:SourceArn` names no ARN of the source bucket (the destination itself, an object pattern),
 * grants nothing.
 */
export function allowsDelivery(statement: Statement, delivery: LogDelivery): Verdict {
  if (statement.Effect !== 'Allow') {
    return 'no';
  }
  return appliesToDelivery(statement, delivery);
}

/**
 * Whether an `Allow` statement would grant this delivery but for its conditions: the condition that
 * fails (`<operator> <key>`), for a message; undefined when it grants, or fails for another reason.
 */
export function failingAllowCondition(statement: Statement, delivery: LogDelivery): string | undefined {
  if (statement.Effect !== 'Allow' || all([principalMatches(statement), actionMatches(statement), resourceMatches(statement, delivery)]) === 'no') {
    return undefined;
  }
  for (const entry of conditionEntries(statement.Condition)) {
    const { operator, name, values } = entry;
    if (conditionHolds(entry, delivery) === 'no') {
      return `${operator} ${name} ${JSON.stringify(values.length === 1 ? values[0] : values)}`;
    }
  }
  return undefined;
}

/** Does a `Deny` statement stop this delivery? Its conditions are evaluated for the logging service. */
export function deniesDelivery(statement: Statement, delivery: LogDelivery): Verdict {
  if (statement.Effect !== 'Deny') {
    return 'no';
  }
  return appliesToDelivery(statement, delivery);
}

/**
 * Whether a statement's principal, action, conditions and resource all match the delivery: `no` as
 * soon as one does not, the resource (which renders an object ARN for the source) last.
 */
function appliesToDelivery(statement: Statement, delivery: LogDelivery): Verdict {
  const principal = principalMatches(statement);
  const action = actionMatches(statement);
  if (principal === 'no' || action === 'no') {
    return 'no';
  }
  const conditions = conditionsHoldForLoggingService(statement.Condition, delivery);
  if (conditions === 'no') {
    return 'no';
  }
  const resource = resourceMatches(statement, delivery);
  if (resource === 'no') {
    return 'no';
  }
  return principal === 'yes' && action === 'yes' && conditions === 'yes' && resource === 'yes' ? 'yes' : 'unknown';
}

/**
 * Does a KMS key policy let the logging service encrypt with the key (`kms:GenerateDataKey`, which
 * writing an SSE-KMS object takes)? `unknown` when the one statement that would has conditions.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
 */
export function keyPolicyLetsLoggingServiceEncrypt(document: unknown, principal: string = LOGGING_SERVICE_PRINCIPAL): Verdict {
  const verdicts = statementsOf(document)
    .filter(statement => statement.Effect === 'Allow' && principalMatches(statement, principal) === 'yes'
      && asList(statement.Action).some(p => typeof p === 'string' && globMatches(p.toLowerCase(), 'kms:generatedatakey')))
    .map((statement): Verdict => statement.Condition === undefined ? 'yes' : viaOtherService(statement.Condition) ? 'no' : 'unknown');
  return verdicts.includes('yes') ? 'yes' : verdicts.includes('unknown') ? 'unknown' : 'no';
}

/**
 * Whether a key policy condition requires the call to come through a service other than S3
 * (`kms:ViaService` of `sns.<region>.amazonaws.com`, ...): S3 makes the call that encrypts a log object.
 *
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 */
function viaOtherService(condition: unknown): boolean {
  return conditionEntries(condition).some(({ operator, key, values }) => key === 'kms:viaservice'
    && /^String(Equals|Like)$/.test(operator) && values.length > 0
    && values.every(value => {
      const text = typeof value === 'string' ? value : (value as Record<string, unknown> | null)?.['Fn::Sub'];
      return typeof text === 'string' && !/^s3[.*]/.test(text);
    }));
}

function all(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('no')) {
    return 'no';
  }
  return verdicts.includes('unknown') ? 'unknown' : 'yes';
}

/**
 * The verdicts of a statement that do not depend on the delivery (whether it names a service's
 * principal, whether it names `s3:PutObject`), by statement: a destination's statements are read once
 * per source, and a shared destination has hundreds of sources.
 */
const principalVerdicts = new WeakMap<Statement, Map<string, Verdict>>();
const actionVerdicts = new WeakMap<Statement, Verdict>();

function principalMatches(statement: Statement, service: string = LOGGING_SERVICE_PRINCIPAL): Verdict {
  let byService = principalVerdicts.get(statement);
  if (!byService) {
    byService = new Map();
    principalVerdicts.set(statement, byService);
  }
  let verdict = byService.get(service);
  if (verdict === undefined) {
    verdict = principalMatchesUncached(statement, service);
    byService.set(service, verdict);
  }
  return verdict;
}

function actionMatches(statement: Statement): Verdict {
  let verdict = actionVerdicts.get(statement);
  if (verdict === undefined) {
    verdict = actionMatchesUncached(statement);
    actionVerdicts.set(statement, verdict);
  }
  return verdict;
}

function principalMatchesUncached(statement: Statement, service: string = LOGGING_SERVICE_PRINCIPAL): Verdict {
  if (statement.Principal !== undefined) {
    return namesService(statement.Principal, service) ? 'yes' : 'no';
  }
  if (statement.NotPrincipal !== undefined) {
    return namesService(statement.NotPrincipal, service) ? 'no' : 'yes';
  }
  return 'no';
}

function namesService(principal: unknown, service: string): boolean {
  if (principal === '*') {
    return true;
  }
  const record = principal as Record<string, unknown>;
  return asList(record.AWS).includes('*') || asList(record.Service).includes(service);
}

/** One write of a CloudWatch Logs vended delivery into a bucket, as the bucket policy evaluator sees it. */
export interface VendedWrite {
  readonly destination: BucketNode;
  /** The account of the delivery source (a literal, or a token string). */
  readonly sourceAccount: string;
  /** The Region of the delivery source. */
  readonly sourceRegion: string;
}

/**
 * Does an `Allow` statement of a bucket policy let `delivery.logs.amazonaws.com` write a vended
 * delivery's objects (`s3:PutObject`)? The policy CloudWatch Logs documents grants it on objects of the
 * bucket with the conditions `aws:SourceAccount` (the source's account) and `aws:SourceArn`
 * (`arn:<partition>:logs:<source Region>:<source account>:*`). The object keys are not read: the
 * service's key layout is not a rule here, so a statement on some objects of the bucket is `unknown`
 * unless it covers every object; it is `no` only for another bucket, the bucket itself (no object), a
 * condition that names another account or Region, or another principal or action.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
 */
export function allowsVendedWrite(statement: Statement, write: VendedWrite): Verdict {
  if (statement.Effect !== 'Allow') {
    return 'no';
  }
  const parts: Verdict[] = [principalMatches(statement, LOG_DELIVERY_SERVICE_PRINCIPAL), actionMatches(statement)];
  if (parts.includes('no')) {
    return 'no';
  }
  parts.push(vendedResourceMatches(statement, write));
  for (const { operator, key, values } of conditionEntries(statement.Condition)) {
    parts.push(vendedConditionHolds(operator, key, values, write));
  }
  return all(parts);
}

/** Whether a statement's `Resource` covers the objects of the destination bucket. */
function vendedResourceMatches(statement: Statement, write: VendedWrite): Verdict {
  if (statement.Resource === undefined) {
    return 'unknown';
  }
  const bucketArn = `arn:aws:s3:::${sampleBucketName(write.destination)}`;
  const verdicts = asList(statement.Resource).map((pattern): Verdict => {
    const rendered = renderVendedValue(pattern, write);
    if (rendered.includes(UNKNOWN)) {
      return 'unknown';
    }
    if (globMatches(rendered, `${bucketArn}/${UNKNOWN}any-key`) || rendered === '*') {
      return 'yes';
    }
    // Some objects of this bucket: which, depends on the service's key layout.
    return rendered.startsWith(`${bucketArn}/`) ? 'unknown' : 'no';
  });
  return verdicts.includes('yes') ? 'yes' : verdicts.includes('unknown') ? 'unknown' : 'no';
}

/** A condition of a bucket policy statement, for the vended delivery's request: `aws:SourceAccount` and `aws:SourceArn` decided where literal. */
function vendedConditionHolds(operator: string, key: string, values: unknown[], write: VendedWrite): Verdict {
  if (key === 'aws:securetransport' && operator === 'Bool') {
    return values.map(String).includes('false') ? 'no' : 'yes';
  }
  const actual = key === 'aws:sourceaccount' ? write.sourceAccount
    : key === 'aws:sourcearn' ? `arn:aws:logs:${write.sourceRegion}:${write.sourceAccount}:delivery-source:${UNKNOWN}`
      : undefined;
  if (actual === undefined || Token.isUnresolved(write.sourceAccount) || Token.isUnresolved(write.sourceRegion)) {
    return 'unknown';
  }
  return stringCondition(operator, values, (pattern, glob) => {
    const rendered = renderVendedValue(pattern, write);
    if (rendered.includes(UNKNOWN)) {
      return 'unknown';
    }
    if (!actual.includes(UNKNOWN)) {
      return (glob ? globMatches(rendered, actual) : rendered === actual) ? 'yes' : 'no';
    }
    // The source's name is not read: a pattern that matches every name matches, one of another account or Region never does.
    if (glob && globMatches(rendered, actual.replace(UNKNOWN, 'any-name')) && globMatches(rendered, actual.replace(UNKNOWN, 'other'))) {
      return 'yes';
    }
    return globMatches(rendered, actual.replace(UNKNOWN, '*')) || rendered.startsWith(actual.replace(UNKNOWN, '')) ? 'unknown' : 'no';
  });
}

/** A value of the destination's policy as a string pattern: its stack's pseudo parameters and the destination's own name and ARN; anything else unknown. */
function renderVendedValue(value: unknown, write: VendedWrite): string {
  const { destination } = write;
  if (typeof value === 'string') {
    return normalizePartition(value);
  }
  const record = value as Record<string, unknown> | undefined;
  const join = record?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return normalizePartition(join[1].map(part => renderVendedValue(part, write)).join(join[0]));
  }
  const pseudo = (name: string): string | undefined => {
    switch (name) {
      case 'AWS::Partition': return 'aws';
      case 'AWS::AccountId': return Token.isUnresolved(destination.account) ? UNKNOWN : destination.account;
      case 'AWS::Region': return Token.isUnresolved(destination.region) ? UNKNOWN : destination.region;
      default: return name === destination.logicalId ? sampleBucketName(destination) : undefined;
    }
  };
  const sub = record?.['Fn::Sub'];
  if (typeof sub === 'string') {
    return normalizePartition(sub.replace(/\$\{([^}!][^}]*)\}/g, (_whole, variable: string) => {
      const [name, attribute] = variable.split('.', 2);
      if (attribute === undefined) {
        return pseudo(name) ?? UNKNOWN;
      }
      return name === destination.logicalId && attribute === 'Arn' ? `arn:aws:s3:::${sampleBucketName(destination)}` : UNKNOWN;
    }));
  }
  const getAtt = getAttOf(record);
  if (getAtt) {
    return getAtt.logicalId === destination.logicalId && getAtt.attribute === 'Arn' ? `arn:aws:s3:::${sampleBucketName(destination)}` : UNKNOWN;
  }
  return typeof record?.Ref === 'string' ? pseudo(record.Ref) ?? UNKNOWN : UNKNOWN;
}

function actionMatchesUncached(statement: Statement): Verdict {
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
    const rendered = renderArnPattern(pattern, delivery).split(SOURCE_NAME).join(sampleSourceName(delivery.source))
      .split(OTHER_BUCKET_NAME).join('another-bucket-of-the-stack');
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
 * Condition keys that are absent from the logging service's request, so that a negated operator on
 * them is true (IAM: "if the key is not present, a negated operator returns true") and a positive one
 * false: the organization and tag keys of a principal (a service principal has none), and the
 * server-side encryption headers, which log delivery does not send: a Deny of `s3:PutObject` unless
 * `s3:x-amz-server-side-encryption` is `AES256` blocks every delivery (the bug of an AWS Quick Start).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
const KEYS_ABSENT_FROM_LOG_DELIVERY = [
  /^aws:principalorgid$/, /^aws:principalorgpaths$/, /^aws:principaltag\//,
  /^s3:x-amz-server-side-encryption$/, /^s3:x-amz-server-side-encryption-aws-kms-key-id$/,
];

/** One condition of a statement: `{ "<operator>": { "<key>": <values> } }`. */
interface ConditionEntry {
  /** The operator as written (`ForAnyValue:StringLikeIfExists`), for messages. */
  readonly operator: string;
  /** The set operator (`ForAnyValue`, `ForAllValues`), if any. */
  readonly setOperator?: string;
  /** The operator without its set operator and `IfExists` (`StringLike`). */
  readonly baseOperator: string;
  readonly ifExists: boolean;
  /** The key as written, for messages. */
  readonly name: string;
  /** The key lower-cased: condition keys are not case-sensitive. */
  readonly key: string;
  /** Whether the logging service's request lacks the key (`KEYS_ABSENT_FROM_LOG_DELIVERY`). */
  readonly keyAbsentFromLogDelivery: boolean;
  readonly values: unknown[];
}

/** The parsed entries of a condition block, by block: parsed once, read once per delivery. */
const parsedConditions = new WeakMap<object, ConditionEntry[]>();

function conditionEntries(condition: unknown): ConditionEntry[] {
  if (typeof condition !== 'object' || condition === null) {
    return [];
  }
  let entries = parsedConditions.get(condition);
  if (!entries) {
    entries = parseConditionEntries(condition as Record<string, unknown>);
    parsedConditions.set(condition, entries);
  }
  return entries;
}

function parseConditionEntries(condition: Record<string, unknown>): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  for (const [operator, keys] of Object.entries(condition)) {
    const [setOperator, withIfExists] = operator.includes(':') ? operator.split(':', 2) : [undefined, operator];
    const baseOperator = withIfExists.replace(/IfExists$/, '');
    for (const [name, value] of Object.entries((keys ?? {}) as Record<string, unknown>)) {
      const key = name.toLowerCase();
      entries.push({
        operator,
        setOperator,
        baseOperator,
        ifExists: baseOperator !== withIfExists,
        name,
        key,
        keyAbsentFromLogDelivery: KEYS_ABSENT_FROM_LOG_DELIVERY.some(re => re.test(key)),
        values: asList(value),
      });
    }
  }
  return entries;
}

/** Evaluate a statement's conditions for the logging service's request for this delivery; `unknown` for what cannot be decided. */
function conditionsHoldForLoggingService(condition: unknown, delivery: LogDelivery): Verdict {
  let verdict: Verdict = 'yes';
  for (const entry of conditionEntries(condition)) {
    const next = conditionHolds(entry, delivery);
    if (next === 'no') {
      return 'no';
    }
    if (next === 'unknown') {
      verdict = 'unknown';
    }
  }
  return verdict;
}

function conditionHolds(entry: ConditionEntry, delivery: LogDelivery): Verdict {
  const { setOperator, baseOperator: op, ifExists, key, values } = entry;
  if (key === 'aws:securetransport' && op === 'Bool') {
    // The logging service delivers over TLS: a "deny when not TLS" statement (enforceSSL) does not apply.
    return values.map(String).includes('false') ? 'no' : 'yes';
  }
  if (key === 'aws:principalisawsservice' && op === 'Bool') {
    return values.map(String).includes('true') ? 'yes' : 'no';
  }
  if (entry.keyAbsentFromLogDelivery) {
    return conditionOnAbsentKey(setOperator, op, ifExists, values);
  }
  if (setOperator === undefined && (key === 'aws:sourceaccount' || key === 'aws:sourcearn')) {
    return stringCondition(op, values, key === 'aws:sourceaccount' ? sourceAccountMatcher(delivery) : sourceArnMatcher(delivery));
  }
  if (setOperator === undefined && !ifExists && /^String(Equals|Like)$/.test(op) && asksForPublicAccess(key, values)) {
    return 'no';
  }
  return 'unknown';
}

/** The canned ACLs that make an object readable beyond its owner's account. */
const PUBLIC_CANNED_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];

/**
 * Whether a condition matches only requests that make an object public: an `x-amz-acl` of a public
 * canned ACL, an `x-amz-grant-*` to all users or to authenticated users. Log delivery never asks for
 * that (a log object is its destination owner's), so a Deny of public uploads does not catch it.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
 */
function asksForPublicAccess(key: string, values: unknown[]): boolean {
  if (values.length === 0 || !values.every(value => typeof value === 'string')) {
    return false;
  }
  const texts = values as string[];
  if (key === 's3:x-amz-acl') {
    return texts.every(value => PUBLIC_CANNED_ACLS.includes(value));
  }
  return key.startsWith('s3:x-amz-grant-') && texts.every(value => /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/.test(value));
}

/** Whether a condition value (a pattern, possibly with intrinsics) matches the request's value of a key. */
type ValueMatcher = (pattern: unknown, glob: boolean) => Verdict;

/**
 * A string or ARN condition on a single-valued key: any value matches (OR); a negated operator is
 * the opposite; operators this evaluator does not know are `unknown`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
function stringCondition(op: string, values: unknown[], matches: ValueMatcher): Verdict {
  const match = /^(String|Arn)(Not)?(Equals|Like)$/.exec(op);
  if (!match) {
    return 'unknown';
  }
  // ArnEquals and ArnLike both take wildcards; StringEquals does not.
  const glob = match[1] === 'Arn' || match[3] === 'Like';
  const verdicts = values.map(value => matches(value, glob));
  const any: Verdict = verdicts.includes('yes') ? 'yes' : verdicts.includes('unknown') ? 'unknown' : 'no';
  return match[2] ? negate(any) : any;
}

function negate(verdict: Verdict): Verdict {
  return verdict === 'yes' ? 'no' : verdict === 'no' ? 'yes' : 'unknown';
}

/**
 * `aws:SourceAccount` is the source bucket's account. The policy is in the destination's stack, so a
 * `Ref` of `AWS::AccountId` there is the destination's account.
 */
function sourceAccountMatcher(delivery: LogDelivery): ValueMatcher {
  const actual = delivery.source.account;
  return (pattern, glob) => {
    const rendered = renderAccountId(pattern, delivery.destination.account);
    if (rendered === undefined) {
      return 'unknown';
    }
    if (rendered === actual) {
      return 'yes';
    }
    if (Token.isUnresolved(rendered) || Token.isUnresolved(actual)) {
      return 'unknown';
    }
    return (glob ? globMatches(rendered, actual) : rendered === actual) ? 'yes' : 'no';
  };
}

/** An account id value of the destination's policy: a literal, or its stack's `AWS::AccountId` (by `Ref` or `Fn::Sub`). */
function renderAccountId(value: unknown, destinationAccount: string): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  const record = (value ?? {}) as Record<string, unknown>;
  if (record.Ref === 'AWS::AccountId' || record['Fn::Sub'] === '${AWS::AccountId}') {
    return destinationAccount;
  }
  return undefined;
}

/**
 * `aws:SourceArn` is the source bucket's ARN (`arn:<partition>:s3:::<name>`). A pattern that names
 * the source (`Fn::GetAtt` of it, or its literal name) matches; one that names the destination or an
 * object (`.../key`) never does, whatever the source's name; a wildcard over every bucket always does.
 */
function sourceArnMatcher(delivery: LogDelivery): ValueMatcher {
  const { source, destination } = delivery;
  return (pattern, glob) => {
    const rendered = renderArnPattern(pattern, delivery);
    if (rendered === `arn:aws:s3:::${SOURCE_NAME}`) {
      return 'yes';
    }
    const known = rendered.split(UNKNOWN).join('').split(SOURCE_NAME).join('');
    if (/^arn:aws:s3:::[^/]*\//.test(known)) {
      // An object ARN: a bucket's ARN has no "/".
      return 'no';
    }
    if (rendered === `arn:aws:s3:::${sampleBucketName(destination)}` && source !== destination) {
      return 'no';
    }
    if (source.literalName === undefined) {
      // A generated name is only known at deploy: only a wildcard over every bucket surely matches it,
      // and only the name of another bucket surely does not.
      if (glob && /^arn:aws:s3:::\*+$/.test(rendered)) {
        return 'yes';
      }
      const namesAnotherBucket = rendered.includes(OTHER_BUCKET_NAME) && !rendered.includes(UNKNOWN) && !(glob && /[*?]/.test(rendered));
      return namesAnotherBucket ? 'no' : 'unknown';
    }
    const actual = `arn:aws:s3:::${source.literalName}`;
    const withSource = rendered.split(SOURCE_NAME).join(source.literalName);
    if (!withSource.includes(UNKNOWN)) {
      return (glob ? globMatches(withSource, actual) : withSource === actual) ? 'yes' : 'no';
    }
    return globMatches(withSource.split(UNKNOWN).join('*'), actual) ? 'unknown' : 'no';
  };
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

/** Where the source bucket's name stands in a rendered pattern of the destination's policy. */
const SOURCE_NAME = '\u0001';
/** Where the name of another bucket of the destination's stack stands: known, and not the source's. */
const OTHER_BUCKET_NAME = '\u0002';

/**
 * A value of a resolved policy as an ARN pattern: intrinsics (`Ref`, `Fn::GetAtt` of `Arn`,
 * `Fn::Join`, `Fn::Sub`) that name the destination become its name, those that name the source (in
 * the destination's stack) the `SOURCE_NAME` marker, `AWS::Partition` becomes `aws`, anything else
 * the marker for an unknown part.
 */
function renderArnPattern(value: unknown, delivery: LogDelivery): string {
  if (typeof value === 'string') {
    return normalizePartition(value);
  }
  const record = value as Record<string, unknown> | undefined;
  const join = record?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return normalizePartition(join[1].map(part => renderArnPattern(part, delivery)).join(join[0]));
  }
  const sub = record?.['Fn::Sub'];
  if (typeof sub === 'string' || (Array.isArray(sub) && typeof sub[0] === 'string')) {
    return normalizePartition(renderSub(typeof sub === 'string' ? sub : sub[0], delivery));
  }
  const getAtt = getAttOf(record);
  if (getAtt?.attribute === 'Arn') {
    const name = nameOfLogicalId(getAtt.logicalId, delivery);
    return name === UNKNOWN ? UNKNOWN : `arn:aws:s3:::${name}`;
  }
  const ref = record?.Ref;
  if (ref === 'AWS::Partition') {
    return 'aws';
  }
  return typeof ref === 'string' ? nameOfLogicalId(ref, delivery) : UNKNOWN;
}

/** `Fn::GetAtt` in either form a template may use: `[logicalId, attribute]` or `"logicalId.attribute"`. */
function getAttOf(record: Record<string, unknown> | undefined): { logicalId: string; attribute: string } | undefined {
  const getAtt = record?.['Fn::GetAtt'];
  const parts = typeof getAtt === 'string' ? getAtt.split('.', 2) : getAtt;
  return Array.isArray(parts) && typeof parts[0] === 'string' && typeof parts[1] === 'string'
    ? { logicalId: parts[0], attribute: parts[1] }
    : undefined;
}

/** `Fn::Sub` without its variable map: `${AWS::Partition}`, `${LogicalId}` and `${LogicalId.Arn}` of the two buckets. */
function renderSub(template: string, delivery: LogDelivery): string {
  return template.replace(/\$\{([^}!][^}]*)\}/g, (_whole, variable: string) => {
    if (variable === 'AWS::Partition') {
      return 'aws';
    }
    const [logicalId, attribute] = variable.split('.', 2);
    const name = nameOfLogicalId(logicalId, delivery);
    if (attribute === undefined || name === UNKNOWN) {
      return attribute === undefined ? name : UNKNOWN;
    }
    return attribute === 'Arn' ? `arn:aws:s3:::${name}` : UNKNOWN;
  });
}

/** The bucket name a logical id of the destination's stack stands for in a rendered pattern. */
function nameOfLogicalId(logicalId: unknown, delivery: LogDelivery): string {
  const { destination, source } = delivery;
  if (logicalId === destination.logicalId) {
    return sampleBucketName(destination);
  }
  if (logicalId === source.logicalId && source.stackPath === destination.stackPath) {
    return SOURCE_NAME;
  }
  return typeof logicalId === 'string' && delivery.isBucketOfDestinationStack?.(logicalId) ? OTHER_BUCKET_NAME : UNKNOWN;
}

function normalizePartition(arn: string): string {
  return arn.replace(/^arn:aws(-[a-z-]+)?:/, 'arn:aws:');
}

/** The ARN of a log object this delivery would write, with the source's real values where known. */
function sampleLogObjectArn(delivery: LogDelivery): string {
  const { source, edge, destination } = delivery;
  const timestamp = '2026-01-01-00-00-00-0123456789ABCDEF';
  const key = edge.keyFormat === 'partitioned'
    ? `${edge.prefix}${knownOr(source.account, '123456789012')}/${knownOr(source.region, 'us-east-1')}/${sampleSourceName(source)}/2026/01/01/${timestamp}`
    : `${edge.prefix}${timestamp}`;
  return `arn:aws:s3:::${sampleBucketName(destination)}/${key}`;
}

/**
 * The source's name in a sample log object key: its literal name, or one that stands for a generated
 * name (the same wherever the source is named, and never a name of the destination or another bucket).
 */
function sampleSourceName(source: BucketNode): string {
  return source.literalName ?? 'generated-name-of-the-source';
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
