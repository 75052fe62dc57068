import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CloudAssembly, PATH_METADATA_ENABLE_CONTEXT, SynthesisMessageLevel } from 'aws-cdk-lib/cx-api';
import { AccessLoggedBucket, AccessLogs } from '../../src';
import { DELIVERY_GRANT_WIDENED } from '../../src/checks/rules/delivery-grant-widened';
import { DELIVERY_PERMISSION_NOT_ADDED, QUERY_FIELDS_NOT_DELIVERED, UNKNOWN_RECORD_FIELD } from '../../src/visibility/warning-ids';
import { synthErrors } from '../support/checks';
import { CliResult, inTurns, runCliAsync } from '../support/cli';
import { REPRESENTATIVE_APPS } from '../support/representative-apps';

/**
 * Issue #14: the command over the cloud assemblies of CDK apps (every example of `examples/` and the
 * other representative apps, and apps that break a rule), synthesized here into temporary
 * directories as `cdk synth` writes them, with path metadata. It reports what the synth-time checks
 * report, finding by finding, on the same constructs: one engine, read from the construct tree at
 * synth and from the templates afterwards.
 *
 * One difference, by design: `deliveryGrantWidened` is about this library's own grant, a fact recorded
 * on the construct (which sources it could not name, and why) that no template holds; only synth reports it.
 */

/** A finding as `<level> <construct path> <id>`, as both ways of checking give it. */
type FindingLine = string;

/** What synthesis reported, from an assembly's annotations (warnings; an app with an error does not synthesize). */
function synthWarnings(assembly: CloudAssembly): FindingLine[] {
  const nested = assembly.nestedAssemblies.flatMap(artifact => synthWarnings(artifact.nestedAssembly));
  return assembly.artifacts.flatMap(artifact => artifact.messages)
    .filter(message => message.level === SynthesisMessageLevel.WARNING)
    .flatMap(message => {
      const id = /\[ack: (cdk-s3-access-logs:\w+)\]\s*$/.exec(String(message.entry.data));
      return id ? [`warning ${message.id.replace(/^\//, '')} ${id[1]}`] : [];
    })
    .concat(nested);
}

/** The errors a synthesis fails with, as `[path] message [id]` lines name them. */
function synthErrorLines(app: App): FindingLine[] {
  return synthErrors(app).split('\n').flatMap(line => {
    const match = /^\s*\[([^\]]+)\] .* \[(cdk-s3-access-logs:\w+)\]$/.exec(line);
    return match ? [`error ${match[1]} ${match[2]}`] : [];
  });
}

function cliLines(run: CliResult): FindingLine[] {
  type Row = { level: string; path: string | null; stack: string; logicalId: string; id: string };
  const { findings } = JSON.parse(run.stdout) as { findings: Row[] };
  return findings.map(row => `${row.level} ${row.path ?? `${row.stack}/${row.logicalId}`} ${row.id}`);
}

const sorted = (lines: FindingLine[]) => [...new Set(lines)].sort();
/**
 * Synth's findings without those the command cannot give: a widened grant (a fact of our constructs)
 * and the construction-time warnings of the CloudWatch Logs delivery about its own props.
 */
const CONSTRUCTION_ONLY = [DELIVERY_GRANT_WIDENED, UNKNOWN_RECORD_FIELD, QUERY_FIELDS_NOT_DELIVERED, DELIVERY_PERMISSION_NOT_ADDED];
const withoutConstructionOnly = (lines: FindingLine[]) => lines.filter(line => !CONSTRUCTION_ONLY.some(id => line.endsWith(` ${id}`)));

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-cdk-apps-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** An App that writes its assembly under `root`, with the path metadata the CDK CLI turns on. */
function appIn(name: string, context: Record<string, unknown> = {}): { app: App; outdir: string } {
  const outdir = path.join(root, name);
  return { app: new App({ outdir, context: { [PATH_METADATA_ENABLE_CONTEXT]: true, ...context } }), outdir };
}

describe('the representative apps, every example among them: their cdk.out', () => {
  const cases = REPRESENTATIVE_APPS.map(representative => {
    const { app, outdir } = appIn(representative.name, representative.context);
    return { name: representative.name, app, outdir, build: () => representative.build(app) };
  });
  const results = new Map<string, { synth: FindingLine[]; cli: CliResult } | { error: unknown }>();

  beforeAll(async () => {
    // An app that fails to synthesize fails its own test below, not every app's.
    const synthesized = cases.flatMap(({ name, app, outdir, build }) => {
      try {
        build();
        return [{ name, outdir, synth: synthWarnings(app.synth()) }];
      } catch (error) {
        results.set(name, { error });
        return [];
      }
    });
    const runs = await inTurns(synthesized.map(({ outdir }) => () => runCliAsync(['check', outdir, '--format', 'json'])));
    synthesized.forEach(({ name, synth }, i) => results.set(name, { synth, cli: runs[i] }));
  }, 300_000);

  function resultOf(name: string): { synth: FindingLine[]; cli: CliResult } {
    const result = results.get(name)!;
    if ('error' in result) {
      throw result.error;
    }
    return result;
  }

  test.each(cases.map(({ name }) => name))('%s: what synth reports, on the same constructs', name => {
    const { synth, cli } = resultOf(name);
    expect(cli.stderr).toBe('');
    expect(sorted(cliLines(cli))).toEqual(sorted(withoutConstructionOnly(synth)));
  });

  test('the examples are checked: their buckets are counted, and a widened grant is reported at synth only', () => {
    const { synth, cli } = resultOf('example-cross-stack-destination');
    expect(synth).toEqual(['warning LogArchiveExample/AccessLogs cdk-s3-access-logs:deliveryGrantWidened']);
    expect(cliLines(cli)).toEqual([]);
  });
});

/** Apps that break a rule: synthesis fails (the errors), and the same app synthesized without validation is the cdk.out checked. */
const FAULTY_APPS: Record<string, (app: App) => void> = {
  'region-mismatch': app => {
    new s3.CfnBucket(new Stack(app, 'Logs', { env: { account: '111111111111', region: 'eu-west-1' } }), 'AccessLogs', {
      bucketName: 'cli-test-region-logs',
    });
    new s3.CfnBucket(new Stack(app, 'App', { env: { account: '111111111111', region: 'us-east-1' } }), 'Data', {
      loggingConfiguration: { destinationBucketName: 'cli-test-region-logs', targetObjectKeyFormat: { partitionedPrefix: {} } },
    });
    AccessLogs.of(app).check();
  },
  'nested-stack-kms-destination': app => {
    const parent = new Stack(app, 'Parent', { env: { account: '111111111111', region: 'eu-west-1' } });
    const logs = new s3.Bucket(parent, 'Logs', { encryption: s3.BucketEncryption.KMS_MANAGED });
    new s3.CfnBucket(new NestedStack(parent, 'Nested'), 'Source', { loggingConfiguration: { destinationBucketName: logs.bucketName } });
    AccessLogs.of(app).check();
  },
  'loop-across-stacks': app => {
    new s3.CfnBucket(new Stack(app, 'One'), 'A', { bucketName: 'cli-test-loop-a', loggingConfiguration: { destinationBucketName: 'cli-test-loop-b' } });
    new s3.CfnBucket(new Stack(app, 'Two'), 'B', { bucketName: 'cli-test-loop-b', loggingConfiguration: { destinationBucketName: 'cli-test-loop-a' } });
    AccessLogs.of(app).check();
  },
  'trail-records-its-bucket': app => {
    const stack = new Stack(app, 'Trails');
    const bucket = new s3.Bucket(stack, 'TrailBucket');
    const trail = new cloudtrail.Trail(stack, 'Trail', { bucket, includeGlobalServiceEvents: false });
    trail.addS3EventSelector([{ bucket }]);
    new AccessLoggedBucket(stack, 'Data');
  },
};

describe('apps that break a rule: their cdk.out', () => {
  test.each(Object.keys(FAULTY_APPS))('%s: the errors and warnings synth reports, on the same constructs', async name => {
    // GIVEN the errors synthesis fails with
    const failing = appIn(`${name}-validated`);
    FAULTY_APPS[name](failing.app);
    const errors = synthErrorLines(failing.app);
    expect(errors.length).toBeGreaterThan(0);

    // WHEN the same app, synthesized without validation (so with no warning either), is checked
    const { app, outdir } = appIn(name);
    FAULTY_APPS[name](app);
    app.synth({ skipValidation: true });
    const cli = await runCliAsync(['check', outdir, '--format', 'json']);

    // THEN the command finds the same errors (and exits with 1)
    expect(cli.status).toBe(1);
    expect(sorted(cliLines(cli).filter(line => line.startsWith('error ')))).toEqual(sorted(errors));
  }, 60_000);
});
