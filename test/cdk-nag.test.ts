import { App, Aspects, IAspect, Stack } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { SynthesisMessageLevel } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { Example, EXAMPLES } from '../examples';
import { AccessLoggedBucket, AccessLogsBucket } from '../src';
import { DESTINATION_STACK_ID_PREFIX } from '../src/private/destination-placement';

/**
 * cdk-nag 2 (an Aspect that reads the `cdk_nag` template metadata) over the example apps: nothing
 * this library defines is reported. cdk-nag 3 reads the other acknowledgement this library writes;
 * it needs aws-cdk-lib >= 2.257 (above this library's floor), so the newest-aws-cdk-lib pass runs it.
 */

interface NagFinding {
  /** e.g. `AwsSolutions-S1` */
  readonly rule: string;
  /** The construct path, without the leading `/`. */
  readonly path: string;
  /** Whether this library defined the construct reported on. */
  readonly ours: boolean;
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
    .map(finding => ({ ...finding, ours: definedByThisLibrary(constructs.get(finding.path)!) }));
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
