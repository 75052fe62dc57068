import { App } from 'aws-cdk-lib';
import { BucketNode, KeyFormat, LoggingEdge } from '../../src/checks/model';
import { allowsDelivery, deniesDelivery, globMatches, LogDelivery, statementsOf } from '../../src/checks/policy-evaluation';
import { LOGGING_SERVICE } from '../support/checks';

type Statement = Record<string, unknown>;

/** A bucket of the model, made by hand. */
function bucketNode(logicalId: string, literalName?: string, env = { account: '111111111111', region: 'eu-west-1' }): BucketNode {
  const scope = new App();
  return {
    scope,
    path: `Stack/${logicalId}`,
    stackPath: 'Stack',
    logicalId,
    account: env.account,
    region: env.region,
    literalName,
    defaultEncryption: [],
    aclsEnabled: false,
    objectLockEnabled: false,
    policyDocuments: [],
    receivesTrailLogs: false,
  };
}

const DESTINATION = bucketNode('Logs', 'dest-logs');

function delivery(prefix = 'logs/', keyFormat: KeyFormat = 'simple', source = bucketNode('Source', 'source-bucket'), destination = DESTINATION): LogDelivery {
  const edge: LoggingEdge = { destination: { kind: 'bucket', bucket: destination, byReference: true }, prefix, keyFormat };
  source.logging = edge;
  return { destination, source, edge };
}

/** The grant AWS documents: the logging service may put objects under the prefix. */
function grant(overrides: Statement = {}): Statement {
  return {
    Effect: 'Allow',
    Principal: { Service: LOGGING_SERVICE },
    Action: 's3:PutObject',
    Resource: 'arn:aws:s3:::dest-logs/logs/*',
    ...overrides,
  };
}

/** A Deny of every S3 action on every object, to everyone, under `condition`. */
function deny(condition?: Statement, overrides: Statement = {}): Statement {
  return {
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 's3:*',
    Resource: ['arn:aws:s3:::dest-logs', 'arn:aws:s3:::dest-logs/*'],
    ...(condition ? { Condition: condition } : {}),
    ...overrides,
  };
}

describe('globMatches', () => {
  test.each([
    ['*', '', true],
    ['*', 'arn:aws:s3:::b/any/thing', true],
    ['arn:aws:s3:::b/logs/*', 'arn:aws:s3:::b/logs/2026-01-01', true],
    ['arn:aws:s3:::b/logs/*', 'arn:aws:s3:::b/logs/', true],
    ['arn:aws:s3:::b/logs/*', 'arn:aws:s3:::b/other/2026', false],
    ['arn:aws:s3:::b/logs/*', 'arn:aws:s3:::b/logs', false],
    ['logs', 'logs/x', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a?c', 'abbc', false],
    ['a*c', 'a/b/c', true],
    ['ARN', 'arn', false],
  ])('%j against %j is %j', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });

  test.each([
    ['a.c', 'abc'],
    ['a+', 'aa'],
    ['(a|b)', 'a'],
    ['[ab]', 'a'],
    ['^a$', 'a'],
    ['a{2}', 'aa'],
    ['a\\d', 'a1'],
  ])('treats regular expression characters in %j literally', (pattern, text) => {
    expect(globMatches(pattern, text)).toBe(false);
    expect(globMatches(pattern, pattern)).toBe(true);
  });

  test('matches across line breaks', () => {
    expect(globMatches('a*b', 'a\nb')).toBe(true);
  });
});

describe('statementsOf', () => {
  test('reads a list, a single statement, and no statement', () => {
    const statement = grant();
    expect(statementsOf({ Statement: [statement, 'junk'] })).toEqual([statement]);
    expect(statementsOf({ Statement: statement })).toEqual([statement]);
    expect(statementsOf({})).toEqual([]);
    expect(statementsOf(undefined)).toEqual([]);
  });
});

describe('allowsDelivery', () => {
  test('is yes for the documented grant under the prefix', () => {
    expect(allowsDelivery(grant(), delivery())).toBe('yes');
  });

  test.each<[string, Statement, string]>([
    ['aws:SourceAccount of the source', { StringEquals: { 'aws:SourceAccount': '111111111111' } }, 'yes'],
    ['aws:SourceAccount of another account', { StringEquals: { 'aws:SourceAccount': '222222222222' } }, 'no'],
    ['aws:SourceAccount as the destination stack\'s AWS::AccountId', { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }, 'yes'],
    ['aws:SourceArn of the source by name', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::source-bucket' } }, 'yes'],
    ['aws:SourceArn of the source by Fn::GetAtt', { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': ['Source', 'Arn'] } } }, 'yes'],
    ['aws:SourceArn of every bucket', { ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] } } }, 'yes'],
    ['aws:SourceArn among several, one of them the source', { ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::other', 'arn:aws:s3:::source-bucket'] } }, 'yes'],
    ['aws:SourceArn of another bucket', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::other-bucket' } }, 'no'],
    ['aws:SourceArn of the destination itself', { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': ['Logs', 'Arn'] } } }, 'no'],
    ['aws:SourceArn of an object pattern', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::source-bucket/*' } }, 'no'],
    ['aws:SourceArn of a bucket named only at deploy', { ArnLike: { 'aws:SourceArn': { Ref: 'SourceBucketName' } } }, 'unknown'],
    ['a negated aws:SourceAccount of another account', { StringNotEquals: { 'aws:SourceAccount': '222222222222' } }, 'yes'],
    ['a condition key the evaluator does not know', { StringEquals: { 'aws:SourceVpce': 'vpce-1' } }, 'unknown'],
  ])('evaluates the conditions of an Allow for the logging service\'s request: %s', (_name, condition, expected) => {
    expect(allowsDelivery(grant({ Condition: condition }), delivery())).toBe(expected);
  });

  test('is no for a Deny statement', () => {
    expect(allowsDelivery(grant({ Effect: 'Deny' }), delivery())).toBe('no');
  });

  test.each([
    ['"*"', '*', 'yes'],
    ['{ AWS: "*" }', { AWS: '*' }, 'yes'],
    ['a list of services with the logging service', { Service: ['ec2.amazonaws.com', LOGGING_SERVICE] }, 'yes'],
    ['another service', { Service: 'cloudtrail.amazonaws.com' }, 'no'],
    ['an account', { AWS: 'arn:aws:iam::111111111111:root' }, 'no'],
  ])('Principal %s: %s', (_, principal, expected) => {
    expect(allowsDelivery(grant({ Principal: principal }), delivery())).toBe(expected);
  });

  test('NotPrincipal: yes when it names someone else, no when it names the logging service', () => {
    const { Principal: _principal, ...withoutPrincipal } = grant();
    expect(allowsDelivery({ ...withoutPrincipal, NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' } }, delivery())).toBe('yes');
    expect(allowsDelivery({ ...withoutPrincipal, NotPrincipal: { Service: LOGGING_SERVICE } }, delivery())).toBe('no');
  });

  test('no Principal and no NotPrincipal is no', () => {
    const { Principal: _principal, ...withoutPrincipal } = grant();
    expect(allowsDelivery(withoutPrincipal, delivery())).toBe('no');
  });

  test.each([
    ['s3:*', 'yes'],
    ['*', 'yes'],
    ['S3:PUTOBJECT', 'yes'],
    ['s3:Put*', 'yes'],
    ['s3:PutObjec?', 'yes'],
    [['s3:GetObject', 's3:PutObject'], 'yes'],
    ['s3:GetObject', 'no'],
    ['s3:PutObjectAcl', 'no'],
  ])('Action %j: %s', (action, expected) => {
    expect(allowsDelivery(grant({ Action: action }), delivery())).toBe(expected);
  });

  test('NotAction: yes when it leaves s3:PutObject out, no when it covers it', () => {
    const { Action: _action, ...withoutAction } = grant();
    expect(allowsDelivery({ ...withoutAction, NotAction: 's3:GetObject' }, delivery())).toBe('yes');
    expect(allowsDelivery({ ...withoutAction, NotAction: 's3:*' }, delivery())).toBe('no');
    expect(allowsDelivery(withoutAction, delivery())).toBe('no');
  });

  test.each([
    ['the whole bucket', 'arn:aws:s3:::dest-logs/*', 'yes'],
    ['the prefix', 'arn:aws:s3:::dest-logs/logs/*', 'yes'],
    ['the prefix without its slash', 'arn:aws:s3:::dest-logs/logs*', 'yes'],
    ['another partition', 'arn:aws-cn:s3:::dest-logs/logs/*', 'yes'],
    ['another prefix', 'arn:aws:s3:::dest-logs/other/*', 'no'],
    ['the bucket itself', 'arn:aws:s3:::dest-logs', 'no'],
    ['another bucket', 'arn:aws:s3:::other-logs/*', 'no'],
    ['a list with one match', ['arn:aws:s3:::other-logs/*', 'arn:aws:s3:::dest-logs/*'], 'yes'],
  ])('Resource on %s: %s', (_, resource, expected) => {
    expect(allowsDelivery(grant({ Resource: resource }), delivery())).toBe(expected);
  });

  test('NotResource: yes when it leaves the log objects out, no when it covers them', () => {
    const { Resource: _resource, ...withoutResource } = grant();
    expect(allowsDelivery({ ...withoutResource, NotResource: 'arn:aws:s3:::dest-logs/other/*' }, delivery())).toBe('yes');
    expect(allowsDelivery({ ...withoutResource, NotResource: 'arn:aws:s3:::dest-logs/*' }, delivery())).toBe('no');
    expect(allowsDelivery(withoutResource, delivery())).toBe('no');
  });

  test('follows Fn::Join, Fn::GetAtt and Ref of the destination and AWS::Partition', () => {
    const generated = bucketNode('GeneratedLogs');
    const byGetAtt = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['GeneratedLogs', 'Arn'] }, '/logs/*']] };
    const byRef = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'GeneratedLogs' }, '/logs/*']] };
    const otherPrefix = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['GeneratedLogs', 'Arn'] }, '/other/*']] };
    const source = bucketNode('Source');
    expect(allowsDelivery(grant({ Resource: byGetAtt }), delivery('logs/', 'simple', source, generated))).toBe('yes');
    expect(allowsDelivery(grant({ Resource: byRef }), delivery('logs/', 'simple', source, generated))).toBe('yes');
    expect(allowsDelivery(grant({ Resource: otherPrefix }), delivery('logs/', 'simple', source, generated))).toBe('no');
  });

  test('is unknown when a part of the resource is unknown but could match, no when it cannot', () => {
    const unknownBucket = { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'SomeParameter' }, '/logs/*']] };
    const unknownBucketOtherPrefix = { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'SomeParameter' }, '/other/*']] };
    const otherBucketsArn = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['OtherBucket', 'Arn'] }, '/*']] };
    expect(allowsDelivery(grant({ Resource: unknownBucket }), delivery())).toBe('unknown');
    expect(allowsDelivery(grant({ Resource: unknownBucketOtherPrefix }), delivery())).toBe('no');
    expect(allowsDelivery(grant({ Resource: otherBucketsArn }), delivery())).toBe('unknown');
  });

  test('places the date-based key after the prefix: account, Region and source bucket', () => {
    const forAccount = grant({ Resource: 'arn:aws:s3:::dest-logs/logs/111111111111/eu-west-1/source-bucket/*' });
    expect(allowsDelivery(forAccount, delivery('logs/', 'partitioned'))).toBe('yes');
    expect(allowsDelivery(forAccount, delivery('logs/', 'simple'))).toBe('no');
    const otherAccount = bucketNode('Source', 'source-bucket', { account: '222222222222', region: 'eu-west-1' });
    expect(allowsDelivery(forAccount, delivery('logs/', 'partitioned', otherAccount))).toBe('no');
  });
});

describe('deniesDelivery', () => {
  test('is yes for an unconditional Deny of everything to everyone', () => {
    expect(deniesDelivery(deny(), delivery())).toBe('yes');
  });

  test('is no for an Allow', () => {
    expect(deniesDelivery(grant(), delivery())).toBe('no');
  });

  test('does not count enforceSSL: Bool aws:SecureTransport false', () => {
    expect(deniesDelivery(deny({ Bool: { 'aws:SecureTransport': 'false' } }), delivery())).toBe('no');
    expect(deniesDelivery(deny({ Bool: { 'aws:SecureTransport': false } }), delivery())).toBe('no');
  });

  test('counts a Deny of TLS requests: Bool aws:SecureTransport true', () => {
    expect(deniesDelivery(deny({ Bool: { 'aws:SecureTransport': 'true' } }), delivery())).toBe('yes');
  });

  test.each([
    ['StringNotEquals', 'aws:PrincipalOrgID', 'o-abc123', 'yes'],
    ['StringNotEquals', 'AWS:PrincipalOrgId', 'o-abc123', 'yes'],
    ['StringEquals', 'aws:PrincipalOrgID', 'o-abc123', 'no'],
    ['StringNotEqualsIfExists', 'aws:PrincipalOrgID', 'o-abc123', 'yes'],
    ['StringEqualsIfExists', 'aws:PrincipalOrgID', 'o-abc123', 'yes'],
    ['Null', 'aws:PrincipalOrgID', 'true', 'yes'],
    ['Null', 'aws:PrincipalOrgID', 'false', 'no'],
    ['StringNotLike', 'aws:PrincipalOrgPaths', 'o-abc123/*', 'yes'],
    ['StringNotEquals', 'aws:PrincipalTag/team', 'audit', 'yes'],
    ['StringEquals', 'aws:PrincipalTag/team', 'audit', 'no'],
  ])('%s %s %s (absent for a service principal): %s', (operator, key, value, expected) => {
    expect(deniesDelivery(deny({ [operator]: { [key]: value } }), delivery())).toBe(expected);
  });

  test('does not count a Deny that exempts AWS services: BoolIfExists aws:PrincipalIsAWSService false', () => {
    expect(deniesDelivery(deny({ BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } }), delivery())).toBe('no');
    const outsideOrgButServices = {
      StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    };
    expect(deniesDelivery(deny(outsideOrgButServices), delivery())).toBe('no');
  });

  test('counts a Deny of AWS services: Bool aws:PrincipalIsAWSService true', () => {
    expect(deniesDelivery(deny({ Bool: { 'aws:PrincipalIsAWSService': 'true' } }), delivery())).toBe('yes');
  });

  test('is unknown for a condition key it cannot decide, unless another condition rules the Deny out', () => {
    expect(deniesDelivery(deny({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }), delivery())).toBe('unknown');
    expect(deniesDelivery(deny({ StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:PrincipalOrgID': 'o-abc123' } }), delivery())).toBe('unknown');
    expect(deniesDelivery(deny({
      StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' },
      Bool: { 'aws:SecureTransport': 'false' },
    }), delivery())).toBe('no');
  });

  test('NotPrincipal: yes when it names someone else, no when it names the logging service', () => {
    expect(deniesDelivery(deny(undefined, { Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' } }), delivery())).toBe('yes');
    expect(deniesDelivery(deny(undefined, { Principal: undefined, NotPrincipal: { Service: LOGGING_SERVICE } }), delivery())).toBe('no');
  });

  test('NotAction and NotResource', () => {
    expect(deniesDelivery(deny(undefined, { Action: undefined, NotAction: 's3:GetObject' }), delivery())).toBe('yes');
    expect(deniesDelivery(deny(undefined, { Action: undefined, NotAction: 's3:Put*' }), delivery())).toBe('no');
    expect(deniesDelivery(deny(undefined, { Resource: undefined, NotResource: 'arn:aws:s3:::dest-logs/logs/*' }), delivery())).toBe('no');
    expect(deniesDelivery(deny(undefined, { Resource: undefined, NotResource: 'arn:aws:s3:::dest-logs/private/*' }), delivery())).toBe('yes');
  });

  test('is no for a Deny of another prefix, another action or another principal', () => {
    expect(deniesDelivery(deny(undefined, { Resource: 'arn:aws:s3:::dest-logs/private/*' }), delivery())).toBe('no');
    expect(deniesDelivery(deny(undefined, { Action: 's3:DeleteObject' }), delivery())).toBe('no');
    expect(deniesDelivery(deny(undefined, { Principal: { AWS: 'arn:aws:iam::111111111111:root' } }), delivery())).toBe('no');
  });

  /*
   * IAM: "ForAnyValue ... returns false if the context key is not present", and ForAllValues "also
   * returns true if there's no context key in the request". The evaluator ignores the set operator
   * and decides by the word "Not" alone.
   */
  test('a ForAnyValue:StringNotLike Deny on aws:PrincipalOrgPaths does not block the logging service (IAM: false when the key is absent)', () => {
    expect(deniesDelivery(deny({ 'ForAnyValue:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-abc123/r-ab12/ou-ab12-11111111/*' } }), delivery())).toBe('no');
  });

  test('a ForAllValues:StringLike Deny on aws:PrincipalOrgPaths blocks the logging service (IAM: true when the key is absent)', () => {
    expect(deniesDelivery(deny({ 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': 'o-abc123/*' } }), delivery())).toBe('yes');
  });
});
