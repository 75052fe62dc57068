import { cpSync, rmSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EU } from '../support/checks';

/**
 * Two installed copies of this package in one app (a monorepo with two installs) behave as one:
 * every fact this library records lives on the constructs, under `Symbol.for` keys, so each copy
 * reads what the other wrote. The copies are two copies of src/ at two paths, so that Node loads two
 * module instances of every file of ours, sharing one aws-cdk-lib.
 */

type Library = typeof import('../../src');

const ROOT = join(__dirname, '..', '..');
const COPIES = join(ROOT, '.two-copies');

let first: Library;
let second: Library;

beforeAll(() => {
  rmSync(COPIES, { recursive: true, force: true });
  for (const name of ['first', 'second']) {
    cpSync(join(ROOT, 'src'), join(COPIES, name, 'src'), { recursive: true });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  first = require(join(COPIES, 'first', 'src')) as Library;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  second = require(join(COPIES, 'second', 'src')) as Library;
});

afterAll(() => rmSync(COPIES, { recursive: true, force: true }));

/**
 * An app whose constructs come from copies `a` and `b` (the same copy, or two): A's destination; B's
 * source and a plain bucket logging into it; A's opted-out bucket; B's app-wide enablement, which
 * must leave A's destination and A's opted-out bucket alone; and, with `loop`, a loop of two L1
 * buckets that the checks of one copy or the other must report, once.
 */
function defineApp(a: Library, b: Library, options: { loop: boolean }): App {
  const root = new App();
  const logsStack = new Stack(root, 'Logs', { env: EU });
  const dataStack = new Stack(root, 'Data', { env: EU });
  const logs = new a.AccessLogsBucket(logsStack, 'Archive', { bucketName: 'archive-logs' });
  new b.AccessLoggedBucket(logsStack, 'Orders', { destinationBucket: logs });
  new s3.Bucket(logsStack, 'Plain', { serverAccessLogsBucket: logs, serverAccessLogsPrefix: 'plain/' });
  new a.AccessLoggedBucket(dataStack, 'Quiet', { enabled: false });
  new s3.Bucket(dataStack, 'Reports');
  const exclude = [];
  if (options.loop) {
    exclude.push(new s3.CfnBucket(dataStack, 'LoopA', { bucketName: 'loop-a', loggingConfiguration: { destinationBucketName: 'loop-b' } }));
    new s3.CfnBucket(dataStack, 'LoopB', { bucketName: 'loop-b', loggingConfiguration: { destinationBucketName: 'loop-a' } });
  }
  b.AccessLogs.of(root).enable({ exclude });
  return root;
}

function synthError(root: App): string {
  try {
    root.synth();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('synth did not fail');
}

function templates(root: App): Record<string, unknown> {
  return Object.fromEntries(root.synth().stacks.map(stack => [stack.stackName, stack.template]));
}

describe('two copies of the package in one app', () => {
  test('load as two module instances', () => {
    expect(first.AccessLogsBucket).not.toBe(second.AccessLogsBucket);
  });

  test('report the same findings, once, as one copy does', () => {
    const one = synthError(defineApp(first, first, { loop: true }));
    const two = synthError(defineApp(first, second, { loop: true }));

    expect(one.match(/\[cdk-s3-access-logs:loggingLoop\]/g)).toHaveLength(1);
    expect(two).toEqual(one);
  });

  test('define the same templates as one copy does: one delivery statement, no log destination made to log', () => {
    const one = templates(defineApp(first, first, { loop: false }));
    const two = templates(defineApp(first, second, { loop: false }));

    // enable() sends the logs of Data to the app's own archive: no stack of its own.
    expect(Object.keys(one).sort()).toEqual(['Data', 'Logs']);
    expect(two).toEqual(one);
  });
});
