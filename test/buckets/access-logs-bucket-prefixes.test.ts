import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { AccessLoggedBucket, AccessLogsBucket } from '../../src';
import { DELIVERY_GRANT_WIDENED } from '../../src/checks/rules/delivery-grant-widened';
import { BUCKET_POLICY_LIMIT_BYTES, deployedPolicyBytes } from '../../src/checks/rules/destination-policy-too-large';
import { PREFIX_STATEMENT_BUDGET } from '../../src/delivery/log-delivery-grant';
import { EU, expectNoFinding, LOGGING_SERVICE, synthErrors, warningsWithId } from '../support/checks';
import { logicalId } from '../support/stacks';

/**
 * How an AccessLogsBucket grants many distinct prefixes: a statement of their own for the first
 * PREFIX_STATEMENT_BUDGET; past it, the statement of a prefix that covers them, or one statement for
 * the longest common prefix of the rest.
 */

const ANY_BUCKET = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] };

/** `own0/` ... `own9/`: enough distinct prefixes, none covering another, to use up the budget. */
const OWN_PREFIXES = Array.from({ length: PREFIX_STATEMENT_BUDGET }, (_, i) => `own${i}/`);

interface DeliveryStatement {
  readonly Sid: string;
  /** What `Resource` grants after `<destination ARN>/`, e.g. `logs/*`. */
  readonly pattern: string;
  readonly sourceArn: unknown;
  readonly sourceAccount: unknown;
}

/** The destination's delivery statements, read from its synthesized template. */
function deliveryStatements(destination: s3.IBucket): DeliveryStatement[] {
  const template = Stack.of(destination).resolve(destination.policy!.document);
  return (template.Statement as any[])
    .filter(statement => statement.Principal?.Service === LOGGING_SERVICE)
    .map(statement => ({
      Sid: statement.Sid,
      pattern: objectsPattern(destination, statement.Resource),
      sourceArn: statement.Condition.ArnLike['aws:SourceArn'],
      sourceAccount: statement.Condition.StringEquals['aws:SourceAccount'],
    }));
}

/** `logs/*` of `{ Fn::Join: ['', [{ Fn::GetAtt: [<destination>, 'Arn'] }, '/logs/*']] }`; fails the test for any other shape. */
function objectsPattern(destination: s3.IBucket, resource: any): string {
  const parts = resource?.['Fn::Join']?.[1];
  expect(resource['Fn::Join'][0]).toBe('');
  expect(parts[0]).toEqual({ 'Fn::GetAtt': [logicalId(destination), 'Arn'] });
  const rest = parts.slice(1);
  expect(rest.every((part: unknown) => typeof part === 'string')).toBe(true);
  const text = rest.join('');
  expect(text.startsWith('/')).toBe(true);
  return text.slice(1);
}

function arnOf(bucket: s3.IBucket): unknown {
  return { 'Fn::GetAtt': [logicalId(bucket), 'Arn'] };
}

/** A stack with an AccessLogsBucket and one AccessLoggedBucket per prefix, `Source0`, `Source1`, ... */
function destinationWithPrefixes(prefixes: string[]): { app: App; stack: Stack; logs: AccessLogsBucket; sources: AccessLoggedBucket[] } {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: EU });
  const logs = new AccessLogsBucket(stack, 'Logs');
  const sources = prefixes.map((logFilePrefix, i) => new AccessLoggedBucket(stack, `Source${i}`, { destinationBucket: logs, logFilePrefix }));
  return { app, stack, logs, sources };
}

describe('an AccessLogsBucket grants distinct prefixes', () => {
  test(`gives each of ${PREFIX_STATEMENT_BUDGET} prefixes a statement of its own, even one that another covers, and does not warn`, () => {
    const prefixes = ['', 'logs/', 'logs/a/', ...OWN_PREFIXES.slice(3)];
    const { app, stack, logs, sources } = destinationWithPrefixes(prefixes);

    expectNoFinding(app, [stack], DELIVERY_GRANT_WIDENED);
    const statements = deliveryStatements(logs);
    expect(statements.map(s => s.pattern)).toEqual(prefixes.map(prefix => `${prefix}*`));
    expect(statements.map(s => s.sourceArn)).toEqual(sources.map(source => arnOf(source.bucket)));
    expect(statements[0].Sid).toBe('S3ServerAccessLogsDelivery');
    expect(statements[PREFIX_STATEMENT_BUDGET - 1].Sid).toBe(`S3ServerAccessLogsDelivery${PREFIX_STATEMENT_BUDGET}`);
  });

  test('past the budget, a prefix that a statement covers joins it: the one of the longest prefix', () => {
    // GIVEN '' and 'logs/' among the prefixes with a statement of their own
    const { app, stack, logs, sources } = destinationWithPrefixes([...OWN_PREFIXES.slice(0, PREFIX_STATEMENT_BUDGET - 2), '', 'logs/', 'logs/a/b/', 'own0/x/']);

    // THEN 'logs/a/b/' joins 'logs/', 'own0/x/' joins 'own0/' (not ''), and no statement is added
    expect(synthErrors(app)).toBe('');
    const statements = deliveryStatements(logs);
    expect(statements).toHaveLength(PREFIX_STATEMENT_BUDGET);
    expect(statements.find(s => s.pattern === 'logs/*')!.sourceArn).toEqual([arnOf(sources[9].bucket), arnOf(sources[10].bucket)]);
    expect(statements.find(s => s.pattern === 'own0/*')!.sourceArn).toEqual([arnOf(sources[0].bucket), arnOf(sources[11].bucket)]);
    expect(statements.find(s => s.pattern === '*')!.sourceArn).toEqual(arnOf(sources[8].bucket));
    expect(warningsWithId(stack, DELIVERY_GRANT_WIDENED)).toEqual([
      `Stack/Logs: its bucket policy grants the server access logs of its sources with prefixes folded: it gives ${PREFIX_STATEMENT_BUDGET} `
      + 'prefixes a statement of their own, and grants the 2 others by wider statements (each by the statement of a prefix that covers it), '
      + 'so that their sources may deliver anywhere under that statement\'s prefix; this keeps the policy under S3\'s 20 KB limit however '
      + 'many prefixes there are. To have each prefix granted on its own, give the sources fewer distinct prefixes (with the date-based '
      + 'key format, sources under one prefix are still told apart by account, Region and bucket), or spread them over several destinations. '
      + `[ack: ${DELIVERY_GRANT_WIDENED}]`,
    ]);
  });

  test('past the budget, the other prefixes share one statement for their longest common prefix, naming their sources', () => {
    const { app, stack, logs, sources } = destinationWithPrefixes([...OWN_PREFIXES, 'app/web/', 'app/data/', 'app/web/', 'app/data/raw/']);

    expect(synthErrors(app)).toBe('');
    const statements = deliveryStatements(logs);
    expect(statements).toHaveLength(PREFIX_STATEMENT_BUDGET + 1);
    expect(statements[PREFIX_STATEMENT_BUDGET]).toEqual({
      Sid: 'S3ServerAccessLogsDeliveryFolded',
      pattern: 'app/*',
      sourceArn: sources.slice(PREFIX_STATEMENT_BUDGET).map(source => arnOf(source.bucket)),
      sourceAccount: EU.account,
    });
    expect(warningsWithId(stack, DELIVERY_GRANT_WIDENED)).toEqual([expect.stringContaining(
      `prefixes folded: it gives ${PREFIX_STATEMENT_BUDGET} prefixes a statement of their own, and grants the 3 others by wider statements `
      + '(each by the statement of a prefix that covers it, or else by the one statement for their longest common prefix, \'app/\' '
      + '(<destination ARN>/app/*)), so that their sources may deliver anywhere under that statement\'s prefix',
    )]);
  });

  test('one prefix past the budget is granted exactly, by the folded statement', () => {
    const { logs } = destinationWithPrefixes([...OWN_PREFIXES, 'app/web/']);
    expect(deliveryStatements(logs).map(s => s.pattern)).toEqual([...OWN_PREFIXES, 'app/web/'].map(prefix => `${prefix}*`));
  });

  test('prefixes past the budget with nothing in common are granted the whole bucket, and the warning says so', () => {
    const { app, stack, logs } = destinationWithPrefixes([...OWN_PREFIXES, 'web/', 'data/']);

    expect(synthErrors(app)).toBe('');
    expect(deliveryStatements(logs)[PREFIX_STATEMENT_BUDGET].pattern).toBe('*');
    expect(warningsWithId(stack, DELIVERY_GRANT_WIDENED)).toEqual([
      expect.stringContaining('their longest common prefix, \'\' (the whole bucket) (<destination ARN>/*)'),
    ]);
  });

  test('a source that joins the folded statement later still widens it: the resource is decided at synth', () => {
    // GIVEN the folded statement defined for 'app/web/' first
    const { app, logs, stack } = destinationWithPrefixes([...OWN_PREFIXES, 'app/web/']);
    // WHEN a plain bucket, granted during synthesis by the AccessLogsBucket's Aspect, adds 'admin/'
    new s3.Bucket(stack, 'Plain', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'admin/' });
    expect(synthErrors(app)).toBe('');
    // THEN
    expect(deliveryStatements(logs)[PREFIX_STATEMENT_BUDGET].pattern).toBe('a*');
  });

  test.each([
    ['app/${Team}/ and app/api/', (team: string) => [`app/${team}/`, 'app/api/'], 'app/*'],
    ['${Team} and app/api/', (team: string) => [team, 'app/api/'], '*'],
  ])('a token prefix past the budget counts only its literal head towards the common prefix: %s', (_, prefixesOf, pattern) => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new AccessLogsBucket(stack, 'Logs');
    OWN_PREFIXES.forEach((prefix, i) => new AccessLoggedBucket(stack, `Source${i}`, { destinationBucket: logs, logFilePrefix: prefix }));
    const team = new CfnParameter(stack, 'Team').valueAsString;
    prefixesOf(team).forEach((logFilePrefix, i) => new s3.CfnBucket(stack, `Token${i}`, {
      loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix },
    }));

    expect(synthErrors(app)).toBe('');
    expect(deliveryStatements(logs)[PREFIX_STATEMENT_BUDGET].pattern).toBe(pattern);
  });

  test('the common prefix never ends in half a character', () => {
    // '\u{1F600}' and '\u{1F601}' share their first UTF-16 code unit.
    const { logs } = destinationWithPrefixes([...OWN_PREFIXES, 'x\u{1F600}/', 'x\u{1F601}/']);
    expect(deliveryStatements(logs)[PREFIX_STATEMENT_BUDGET].pattern).toBe('x*');
  });

  test('the templates of a folded grant are the same from one build to the next', () => {
    const build = () => {
      const { stack } = destinationWithPrefixes([...OWN_PREFIXES, 'app/web/', 'logs/', 'own3/x/']);
      return JSON.stringify(stack.resolve((stack.node.findChild('Logs') as AccessLogsBucket).policy!.document));
    };
    expect(build()).toEqual(build());
  });
});

describe('an AccessLogsBucket over random sets of prefixes (property-based)', () => {
  /**
   * Prefixes from few segments, so that many cover others and many share a common prefix; rarely
   * `''`, which covers every other prefix and would leave nothing to fold into the common prefix.
   */
  const prefix = fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: 20,
      arbitrary: fc.array(fc.constantFrom('a', 'ab', 'b', 'logs'), { minLength: 1, maxLength: 3 })
        .chain(segments => fc.constantFrom(segments.join('/'), `${segments.join('/')}/`)),
    },
  );
  const source = fc.record({
    prefix,
    kind: fc.constantFrom('AccessLoggedBucket', 's3.Bucket', 'CfnBucket'),
    /** In the destination's stack, or in another: named (a literal bucket name) or not. */
    place: fc.constantFrom('same stack', 'other stack, literal name', 'other stack, generated name'),
  });
  type SourceSpec = { prefix: string; kind: string; place: string };

  /** Define the app and synthesize it; return, per source, its prefix (as configured) and what would name it. */
  function synthesized(specs: SourceSpec[]) {
    const app = new App();
    const stack = new Stack(app, 'Logs', { env: EU });
    const other = new Stack(app, 'Other', { env: EU });
    const logs = new AccessLogsBucket(stack, 'Logs');
    const sources = specs.map((spec, i) => {
      const scope = spec.place === 'same stack' ? stack : other;
      const bucketName = spec.place === 'other stack, literal name' ? `source-bucket-${i}` : undefined;
      let cfn: s3.CfnBucket;
      if (spec.kind === 'AccessLoggedBucket') {
        const logged = new AccessLoggedBucket(scope, `S${i}`, { destinationBucket: logs, logFilePrefix: spec.prefix, bucketProps: { bucketName } });
        cfn = logged.bucket.node.defaultChild as s3.CfnBucket;
      } else if (spec.kind === 's3.Bucket') {
        const bucket = new s3.Bucket(scope, `S${i}`, { bucketName, serverAccessLogsBucket: logs, serverAccessLogsPrefix: spec.prefix || undefined });
        cfn = bucket.node.defaultChild as s3.CfnBucket;
      } else {
        cfn = new s3.CfnBucket(scope, `S${i}`, {
          bucketName,
          loggingConfiguration: { destinationBucketName: logs.bucketName, logFilePrefix: spec.prefix || undefined },
        });
      }
      return { spec, cfn, bucketName };
    });
    expect(synthErrors(app)).toBe('');
    return { stack, logs, sources };
  }

  test('every source\'s prefix is covered by a statement whose aws:SourceArn admits it, and the policy stays small', () => {
    fc.assert(fc.property(fc.array(source, { minLength: 1, maxLength: 40, size: 'max' }), specs => {
      const { stack, logs, sources } = synthesized(specs);
      const statements = deliveryStatements(logs);

      for (const { cfn, bucketName } of sources) {
        // The prefix S3 writes under: the source's LoggingConfiguration as synthesized (normalised by AccessLoggedBucket).
        const configured: string = Stack.of(cfn).resolve(cfn.loggingConfiguration as s3.CfnBucket.LoggingConfigurationProperty).logFilePrefix ?? '';
        const name = Stack.of(cfn) === stack ? { 'Fn::GetAtt': [logicalId(cfn), 'Arn'] }
          : bucketName ? { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${bucketName}`]] } : undefined;
        const admits = (arns: unknown) => (Array.isArray(arns) ? arns : [arns])
          .some(arn => JSON.stringify(arn) === JSON.stringify(ANY_BUCKET) || (name !== undefined && JSON.stringify(arn) === JSON.stringify(name)));
        const granting = statements.filter(s => configured.startsWith(s.pattern.slice(0, -1)) && admits(s.sourceArn));
        expect({ source: cfn.node.path, configured, granted: granting.length > 0 }).toEqual({ source: cfn.node.path, configured, granted: true });
      }
      for (const statement of statements) {
        expect(statement.pattern.endsWith('*')).toBe(true);
        expect(statement.sourceAccount).toBe(EU.account);
      }
      expect(statements.length).toBeLessThanOrEqual(PREFIX_STATEMENT_BUDGET + 1);
      expect(deployedPolicyBytes(stack.resolve(logs.policy!.document), 63)).toBeLessThan(BUCKET_POLICY_LIMIT_BYTES);
    }), { numRuns: 40 });
  }, 120_000);
});
