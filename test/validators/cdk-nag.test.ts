import { App, Aspects, IAspect, Stack } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { SynthesisMessageLevel } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { Example, EXAMPLES } from '../../examples';
import { AccessLoggedBucket, AccessLogsBucket, AccessLogsTable } from '../../src';
import { DESTINATION_STACK_ID_PREFIX } from '../../src/appwide/destination-placement';

/**
 * cdk-nag 2 (an Aspect that reads the `cdk_nag` template metadata) and cdk-nag 3 (a validation
 * plugin that reads the `aws:cdk:acknowledged-rules` construct metadata) over the example apps:
 * nothing this library defines is reported. cdk-nag 3 needs aws-cdk-lib >= 2.257, above this
 * library's floor, so it runs in the newest-aws-cdk-lib pass (scripts/ci/newest-aws-cdk-lib.sh
 * installs it as `cdk-nag-v3` and sets CDK_NAG_V3_REQUIRED, which makes its absence a failure).
 */

interface NagFinding {
  /** e.g. `AwsSolutions-S1` */
  readonly rule: string;
  /** The construct path, without the leading `/`. */
  readonly path: string;
  /** Whether this library defined the construct reported on. */
  readonly ours: boolean;
  /** Whether it is (in) an AccessLogsBucket. */
  readonly destination?: boolean;
}

/** Whether this library defined the construct: it is in one of our constructs, or in a destination stack of `enable()`. */
function definedByThisLibrary(construct: IConstruct): boolean {
  return construct.node.scopes.some(scope => scope instanceof AccessLogsBucket || scope instanceof AccessLoggedBucket
    || (Stack.isStack(scope) && (scope.node.id === DESTINATION_STACK_ID_PREFIX || scope.node.id.startsWith(`${DESTINATION_STACK_ID_PREFIX}-`))));
}

/** Every finding of a cdk-nag 2 pack over an example app. */
function nagFindings(example: Example, pack: IAspect): NagFinding[] {
  const app = new App();
  example.build(app);
  Aspects.of(app).add(pack);
  const assembly = app.synth();
  const constructs = new Map(app.node.findAll().map(construct => [construct.node.path, construct]));
  return assembly.stacks.flatMap(stack => stack.messages)
    .filter(message => message.level !== SynthesisMessageLevel.INFO)
    .map(message => ({ rule: /^([A-Za-z0-9.]+-[A-Za-z0-9]+):/.exec(String(message.entry.data))?.[1], path: message.id.replace(/^\//, '') }))
    .filter((finding): finding is { rule: string; path: string } => finding.rule !== undefined)
    .map(finding => ({
      ...finding,
      ours: definedByThisLibrary(constructs.get(finding.path)!),
      destination: constructs.get(finding.path)!.node.scopes.some(scope => scope instanceof AccessLogsBucket),
    }));
}

const PACKS: Array<[string, () => IAspect]> = [
  ['AwsSolutions', () => new AwsSolutionsChecks()],
  ['HIPAA.Security', () => new HIPAASecurityChecks()],
  ['NIST.800.53.R4', () => new NIST80053R4Checks()],
  ['NIST.800.53.R5', () => new NIST80053R5Checks()],
  ['PCI.DSS.321', () => new PCIDSS321Checks()],
];

describe.each(EXAMPLES.map(example => [example.name, example] as const))('cdk-nag 2 over the example %s', (_name, example) => {
  test('AwsSolutions reports nothing on what this library defines', () => {
    const findings = nagFindings(example, new AwsSolutionsChecks());
    expect(findings.filter(finding => finding.ours)).toEqual([]);
  });

  test.each(PACKS)('%s reports no bucket without server access logging that this library defined', (_pack, pack) => {
    const findings = nagFindings(example, pack());
    expect(findings.filter(finding => finding.ours && /-(S1|S3BucketLoggingEnabled)$/.test(finding.rule))).toEqual([]);
  });

  test.each(PACKS)('%s asks no log destination for SSE-KMS or Object Lock, which S3 cannot deliver logs into', (_pack, pack) => {
    const findings = nagFindings(example, pack());
    expect(findings.filter(finding => finding.destination && /-(S3DefaultEncryptionKMS|S3BucketDefaultLockEnabled)$/.test(finding.rule))).toEqual([]);
  });
});

test.each(PACKS)('%s reports neither logging nor versioning on the query results bucket of an AccessLogsTable', (_pack, pack) => {
  const findings = nagFindings({
    name: 'access-logs-table',
    description: 'an AccessLogsTable with a workgroup',
    build: app => {
      const stack = new Stack(app, 'Stack');
      new AccessLogsTable(stack, 'Table', { destinationBucket: new AccessLogsBucket(stack, 'Logs'), workGroup: {} });
    },
  }, pack());
  expect(findings.filter(finding => finding.path.startsWith('Stack/Table/QueryResultsBucket')
    && /-(S1|S3BucketLoggingEnabled|S3BucketVersioningEnabled)$/.test(finding.rule))).toEqual([]);
});

test('the app-wide example leaves no bucket without server access logging, ours or not', () => {
  const appWide = EXAMPLES.find(example => example.name === 'app-wide')!;
  const findings = nagFindings(appWide, new AwsSolutionsChecks());
  expect(findings.filter(finding => finding.rule === 'AwsSolutions-S1')).toEqual([]);
});

test('without the acknowledgement, cdk-nag 2 does report a log destination (the test can fail)', () => {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const logs = new AccessLogsBucket(stack, 'Logs');
  (logs.node.defaultChild as CfnBucket).cfnOptions.metadata = {};
  Aspects.of(app).add(new AwsSolutionsChecks());

  const messages = app.synth().getStackByName('Stack').messages.map(message => `${message.id} ${String(message.entry.data).split(':')[0]}`);

  expect(messages).toContain('/Stack/Logs/Resource AwsSolutions-S1');
});

/** cdk-nag 3, when this run installed it (the newest-aws-cdk-lib pass does). */
function loadCdkNagV3(): any | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('cdk-nag-v3');
  } catch {
    return undefined;
  }
}

const cdkNagV3 = loadCdkNagV3();

/** Every violation cdk-nag 3's AwsSolutions pack reports over a synthesized app, with whether it is ours. */
function nagV3Findings(app: App): NagFinding[] {
  const constructs = new Map(app.node.findAll().map(construct => [construct.node.path, construct]));
  const report = new cdkNagV3.AwsSolutionsChecks().validateScope(app);
  return (report.violations as any[]).flatMap(violation => (violation.violatingResources as any[]).map(resource => ({
    rule: String(violation.ruleName),
    path: String(resource.constructPath),
    ours: definedByThisLibrary(constructs.get(String(resource.constructPath))!),
  })));
}

if (cdkNagV3) {
  describe.each(EXAMPLES.map(example => [example.name, example] as const))('cdk-nag 3 over the example %s', (_name, example) => {
    test('AwsSolutions reports nothing on what this library defines', () => {
      const app = new App();
      example.build(app);
      app.synth();
      expect(nagV3Findings(app).filter(finding => finding.ours)).toEqual([]);
    });
  });

  test('cdk-nag 3 does report a bucket without logging that nobody acknowledged (the test can fail)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new AccessLogsBucket(stack, 'Logs');
    new CfnBucket(stack, 'Plain');
    app.synth();

    const s1 = nagV3Findings(app).filter(finding => finding.rule === 'AwsSolutions-S1').map(finding => finding.path);
    expect(s1).toEqual(['Stack/Plain']);
  });
} else if (process.env.CDK_NAG_V3_REQUIRED === '1') {
  test('cdk-nag 3 is installed (CDK_NAG_V3_REQUIRED is set)', () => {
    throw new Error('cdk-nag-v3 cannot be loaded; scripts/ci/newest-aws-cdk-lib.sh installs it as cdk-nag-v3@npm:cdk-nag@^3');
  });
} else {
  describe('cdk-nag 3 (runs in the newest-aws-cdk-lib pass of .ci/run: it needs aws-cdk-lib >= 2.257)', () => {
    test.skip('AwsSolutions reports nothing on what this library defines', () => undefined);
  });
}
