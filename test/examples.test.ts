import { Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { buildExampleApps, synthesisFindings } from './support/example-apps';

/**
 * The example apps (`examples/`), which the README quotes and `npm run example` runs.
 *
 * The snapshots are deliberate: they were read line by line when written, and the test task never
 * updates them. After a change to what the library generates, read the diff, then run
 * `npx jest test/examples.test.ts -u`.
 */

const EXPECTED_STACKS: Record<string, string[]> = {
  'single-bucket': ['SingleBucketExample'],
  'shared-destination': ['SharedDestinationExample'],
  'cross-stack-destination': ['LogArchiveExample', 'ApplicationExample'],
  // The destination stacks are defined by AccessLogs.enable() during synthesis, after the example's.
  'app-wide': ['WebEuExample', 'DataEuExample', 'WebUsExample', 'AccessLogs-123456789012-eu-west-1', 'AccessLogs-123456789012-us-east-1'],
  'visibility': ['VisibilityExample'],
  'vended-logs': ['CentralLogsExample', 'VendedLogsExample'],
};

/**
 * aws-cdk-lib's own advisory, not one of ours: the releases that let cross-stack references be weak
 * (`@aws-cdk/core:defaultCrossStackReferences`, newer than our floor; 2.276.0 has it) warn once per
 * app that has a cross-stack reference and sets no strength. The example leaves that choice to the app.
 */
function crossStackStrengthAdvisory(stackPath: string): string[] {
  return 'DEFAULT_CROSS_STACK_REFERENCES' in cxapi ? [`warning ${stackPath} @aws-cdk/core:crossStackReferencesDefaultStrong`] : [];
}

/** Warnings and errors each example may carry, as `synthesisFindings` lists them. */
const EXPECTED_FINDINGS: Record<string, string[]> = {
  'single-bucket': [],
  'shared-destination': [],
  // The application stack's buckets have generated names and are in another stack than the
  // destination, so its grant cannot name them without a dependency cycle: it says so.
  'cross-stack-destination': [
    'warning /LogArchiveExample/AccessLogs cdk-s3-access-logs:deliveryGrantWidened',
    ...crossStackStrengthAdvisory('/ApplicationExample'),
  ],
  'app-wide': [...crossStackStrengthAdvisory('/WebEuExample')],
  // Its delivery narrows recordFields: the audit questions that read a field it leaves out get no
  // Logs Insights query definition, and it says which.
  'visibility': ['warning /VisibilityExample/Orders/CloudWatchLogsDelivery cdk-s3-access-logs:queryFieldsNotDelivered'],
  'vended-logs': [],
};

const exampleApps = buildExampleApps();

test('every example is covered by these tests', () => {
  expect(exampleApps.map(({ example }) => example.name)).toEqual(Object.keys(EXPECTED_STACKS));
});

describe.each(exampleApps.map(exampleApp => [exampleApp.example.name, exampleApp] as const))('example %s', (name, { app, stacks }) => {
  test('defines the expected stacks', () => {
    expect(stacks.map(stack => stack.stackName)).toEqual(EXPECTED_STACKS[name]);
  });

  test('synthesizes with no warnings or errors but the expected ones', () => {
    expect(synthesisFindings(app.synth())).toEqual(EXPECTED_FINDINGS[name]);
  });

  test.each(stacks.map(stack => [stack.stackName, stack] as const))('stack %s matches the snapshot', (_stackName, stack) => {
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});
