import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AccessLoggedBucket, AccessLogsBucket } from '../../src';
import { DELIVERY_GRANT_WIDENED } from '../../src/checks/rules/delivery-grant-widened';
import { deployedPolicyBytes, DESTINATION_POLICY_MAY_BE_TOO_LARGE, DESTINATION_POLICY_TOO_LARGE } from '../../src/checks/rules/destination-policy-too-large';
import { PREFIX_STATEMENT_BUDGET } from '../../src/delivery/log-delivery-grant';
import { ACCOUNT, EU, LOGGING_SERVICE } from '../support/checks';
import { describeWithTools, findOnPath } from '../support/external-tools';
import { Resources } from '../support/stacks';

/**
 * 1,000 sources, each with a prefix of its own, in 10 stacks, logging into one AccessLogsBucket:
 * half `AccessLoggedBucket`s, half `s3.Bucket`s with `serverAccessLogsBucket`. Its policy stays far
 * under S3's 20 KB limit, and the app synthesizes without a policy size finding.
 */

const STACKS = 10;
const SOURCES_PER_STACK = 100;
/** Held under 16 KB, to leave the owner room for statements of their own. */
const POLICY_BYTES_TARGET = 16 * 1024;

const ANY_BUCKET = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] };

let outdir: string;
let assembly: cxapi.CloudAssembly;
let destinationStack: cxapi.CloudFormationStackArtifact;
let destinationPolicy: any;

beforeAll(() => {
  // GIVEN the destination in the first stack, and 100 sources in each stack, every one with a prefix of its own
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-'));
  const app = new App({ outdir });
  let logs: AccessLogsBucket | undefined;
  for (let s = 0; s < STACKS; s++) {
    const stack = new Stack(app, `Stack${s}`, { env: EU });
    logs ??= new AccessLogsBucket(stack, 'Logs');
    for (let b = 0; b < SOURCES_PER_STACK; b++) {
      const prefix = `stack${s}/source${b}/`;
      if (b % 2 === 0) {
        new AccessLoggedBucket(stack, `Logged${b}`, { destinationBucket: logs, logFilePrefix: prefix });
      } else {
        new s3.Bucket(stack, `Plain${b}`, { serverAccessLogsBucket: logs, serverAccessLogsPrefix: prefix });
      }
    }
  }

  // WHEN
  assembly = app.synth();
  destinationStack = assembly.getStackByName('Stack0');
  const logsId = Stack.of(logs!).getLogicalId(logs!.node.defaultChild as s3.CfnBucket);
  const policies = Object.values(destinationStack.template.Resources as Resources)
    .filter(resource => resource.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(resource.Properties.Bucket) === JSON.stringify({ Ref: logsId }));
  expect(policies).toHaveLength(1);
  destinationPolicy = policies[0].Properties.PolicyDocument;
}, 120_000);

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

function deliveryStatements(): any[] {
  return (destinationPolicy.Statement as any[]).filter(statement => statement.Principal?.Service === LOGGING_SERVICE);
}

/** The messages of every stack with `[ack: <id>]` at their end, as `level path text`. */
function messagesWithId(id: string): string[] {
  return assembly.stacks.flatMap(stack => stack.messages)
    .filter(message => String(message.entry.data).endsWith(`[ack: ${id}]`))
    .map(message => `${message.level} ${message.id} ${message.entry.data}`);
}

describe(`${STACKS * SOURCES_PER_STACK} sources with distinct prefixes in ${STACKS} stacks into one AccessLogsBucket`, () => {
  test(`the destination's policy is under ${POLICY_BYTES_TARGET} bytes deployed, with 63-character names`, () => {
    expect(deployedPolicyBytes(destinationPolicy, 63)).toBeLessThan(POLICY_BYTES_TARGET);
    expect(deliveryStatements()).toHaveLength(PREFIX_STATEMENT_BUDGET + 1);
  });

  test('every delivery statement holds aws:SourceAccount', () => {
    for (const statement of deliveryStatements()) {
      expect(statement.Condition.StringEquals).toEqual({ 'aws:SourceAccount': ACCOUNT });
    }
  });

  test('every source\'s prefix is granted; the destination\'s stack names its sources, the folded statement any bucket of the account', () => {
    const statements = deliveryStatements();
    const patterns = statements.map(statement => String(statement.Resource['Fn::Join'][1].slice(1).join('')).replace(/^\//, '').replace(/\*$/, ''));
    const prefixes = assembly.stacks.flatMap(stack => Object.values(stack.template.Resources as Resources))
      .filter(resource => resource.Type === 'AWS::S3::Bucket' && resource.Properties?.LoggingConfiguration)
      .map(resource => resource.Properties.LoggingConfiguration.LogFilePrefix as string);
    expect(new Set(prefixes).size).toBe(STACKS * SOURCES_PER_STACK);
    expect(prefixes.filter(prefix => !patterns.some(pattern => prefix.startsWith(pattern)))).toEqual([]);
    // The AccessLoggedBuckets of the destination's stack come first (the plain buckets are granted
    // during synthesis): their first 10 prefixes are granted exactly, naming their source.
    const exact = Array.from({ length: PREFIX_STATEMENT_BUDGET }, (_, i) => `stack0/source${2 * i}/`);
    expect(patterns).toEqual([...exact, 'stack']);
    expect(statements.slice(0, PREFIX_STATEMENT_BUDGET).map(statement => statement.Condition.ArnLike['aws:SourceArn']))
      .toEqual(exact.map((_, i) => ({ 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^Logged${2 * i}Bucket`)), 'Arn'] })));
    expect(statements[PREFIX_STATEMENT_BUDGET].Condition.ArnLike['aws:SourceArn']).toEqual(ANY_BUCKET);
  });

  test('no policy size finding', () => {
    expect(messagesWithId(DESTINATION_POLICY_TOO_LARGE)).toEqual([]);
    expect(messagesWithId(DESTINATION_POLICY_MAY_BE_TOO_LARGE)).toEqual([]);
    expect(assembly.stacks.flatMap(stack => stack.messages).filter(message => message.level === 'error')).toEqual([]);
  });

  test('exactly one deliveryGrantWidened warning, on the destination, naming both reasons', () => {
    expect(messagesWithId(DELIVERY_GRANT_WIDENED)).toEqual([expect.stringMatching(new RegExp(
      '^warning /Stack0/Logs Stack0/Logs: its bucket policy lets the logging service deliver the server access logs of any bucket in account '
      + `${ACCOUNT} .* because Stack1/Logged0/Bucket, .* and 895 more are in another stack with a generated name, .* `
      + `Its grant also has prefixes folded: it gives ${PREFIX_STATEMENT_BUDGET} prefixes a statement of their own, and grants the 990 others `
      + '.*their longest common prefix, \'stack\' \\(<destination ARN>/stack\\*\\)',
    ))]);
  });
});

const cfnLint = findOnPath('cfn-lint');

/**
 * The destination's template: its folded policy, and 100 of the sources. (The other stacks' templates
 * are of the kinds test/validators/cfn-lint.test.ts lints; linting all ten takes cfn-lint ten times as long.)
 */
describeWithTools(`cfn-lint over the destination's template of the ${STACKS * SOURCES_PER_STACK}-prefix app`, { 'cfn-lint': cfnLint }, 'Install it: pip install cfn-lint', () => {
  test('reports nothing', () => {
    const result = spawnSync(cfnLint!, ['--format', 'parseable', '--regions', EU.region!, '--', destinationStack.templateFullPath], {
      encoding: 'utf8',
      timeout: 170_000,
    });
    if (result.error) {
      throw result.error;
    }
    expect({ status: result.status, findings: `${result.stdout}${result.stderr}`.split('\n').filter(line => line.trim() !== '') })
      .toEqual({ status: 0, findings: [] });
  }, 180_000);
});
