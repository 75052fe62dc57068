import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { AccessLogs } from '../../src';
import { buildLoggingModel } from '../../src/checks/build-model';
import { loggingCycles, BucketNode, LoggingModel } from '../../src/checks/model';

/**
 * `AccessLogs.of(app).enable()` over random apps whose buckets already log in random ways (chains,
 * shared destinations, loops, across stacks and Regions): it adds no cycle, changes no existing
 * edge, never makes a bucket that receives logs log, and gives every other bucket a destination in
 * its own Region.
 */

const ACCOUNT = '111111111111';
const REGIONS = ['eu-west-1', 'us-east-1'] as const;

interface AppSpec {
  readonly stackRegions: string[];
  /** Per bucket: its stack, and the bucket it already logs to (by literal name), if any. */
  readonly buckets: Array<{ readonly stack: number; readonly target?: number }>;
}

const appSpecs: fc.Arbitrary<AppSpec> = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 12 }))
  .chain(([stackCount, bucketCount]) => fc.record({
    stackRegions: fc.array(fc.constantFrom(...REGIONS), { minLength: stackCount, maxLength: stackCount }),
    buckets: fc.array(fc.record({
      stack: fc.integer({ min: 0, max: stackCount - 1 }),
      // Half the buckets log already.
      target: fc.option(fc.integer({ min: 0, max: bucketCount - 1 }), { nil: undefined, freq: 2 }),
    }), { minLength: bucketCount, maxLength: bucketCount }),
  }));

/** Define the app, enable it, and return the model after the aspects (validation skipped: the spec may hold loops). */
function enabledModel(spec: AppSpec): LoggingModel {
  const app = new App();
  const stacks = spec.stackRegions.map((region, i) => new Stack(app, `Stack${i}`, { env: { account: ACCOUNT, region } }));
  spec.buckets.forEach((bucket, i) => new s3.CfnBucket(stacks[bucket.stack], `B${i}`, {
    bucketName: `bucket-${i}`,
    loggingConfiguration: bucket.target === undefined ? undefined : { destinationBucketName: `bucket-${bucket.target}` },
  }));
  AccessLogs.of(app).enable();
  app.synth({ skipValidation: true });
  return buildLoggingModel(app);
}

function indexOf(node: BucketNode): number | undefined {
  const match = /^Stack\d+\/B(\d+)$/.exec(node.path);
  return match ? Number(match[1]) : undefined;
}

describe('AccessLogs.of(app).enable() over random apps (property-based)', () => {
  test('adds no loop, keeps every edge, never makes a destination log, and logs every other bucket within its Region', () => {
    fc.assert(fc.property(appSpecs, spec => {
      const model = enabledModel(spec);
      const receiving = new Set(spec.buckets.map(bucket => bucket.target).filter((target): target is number => target !== undefined));
      const regionOf = (i: number) => spec.stackRegions[spec.buckets[i].stack];

      for (const node of model.buckets) {
        const i = indexOf(node);
        if (i === undefined) {
          // A destination that enable() defined: it does not log.
          expect(node.logging).toBeUndefined();
          continue;
        }
        const before = spec.buckets[i].target;
        const after = node.logging?.destination;
        if (before !== undefined) {
          expect(after).toMatchObject({ kind: 'bucket', bucket: { path: `Stack${spec.buckets[before].stack}/B${before}` } });
        } else if (receiving.has(i)) {
          expect(after).toBeUndefined();
        } else {
          expect(after?.kind).toBe('bucket');
          const destination = (after as { bucket: BucketNode }).bucket;
          expect(indexOf(destination)).toBeUndefined();
          expect(destination.region).toBe(regionOf(i));
        }
      }

      // The cycles are those the app already had.
      const cycleMembers = loggingCycles(model).flat().map(node => indexOf(node));
      expect(cycleMembers.every(i => i !== undefined && spec.buckets[i].target !== undefined)).toBe(true);
    }), { numRuns: 150 });
  });
});
