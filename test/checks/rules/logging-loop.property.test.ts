import { Aws, App, Fn, NestedStack, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import { buildLoggingModel } from '../../../src/checks/build-model';
import { ConditionBranch } from '../../../src/checks/conditions';
import { LoggingModel } from '../../../src/checks/model';
import { ACCOUNT_MISMATCH, checkAccountMismatch } from '../../../src/checks/rules/account-mismatch';
import { checkEnvironmentUnknown, ENVIRONMENT_UNKNOWN } from '../../../src/checks/rules/environment-unknown';
import { checkLoggingLoops, LOGGING_LOOP } from '../../../src/checks/rules/logging-loop';
import { checkRegionMismatch, REGION_MISMATCH } from '../../../src/checks/rules/region-mismatch';
import { checkSelfLogging, SELF_LOGGING } from '../../../src/checks/rules/self-logging';
import { runChecksInEveryBranch } from '../../../src/checks/run-checks';
import { cycleKey, referenceCycles as findReferenceCycles } from '../../support/reference-cycles';
import { vendedDelivery } from '../../support/vended';

const ACCOUNT = '111111111111';

/** The three environment rules, together. */
function checkEnvironment(model: LoggingModel) {
  return [...checkRegionMismatch(model), ...checkAccountMismatch(model), ...checkEnvironmentUnknown(model)];
}

const REGIONS = ['eu-west-1', 'us-east-1'] as const;

/**
 * A random app: stacks with a Region each, some of them nested stacks of the first, and buckets each
 * in a stack, logging nowhere or to a bucket (maybe itself), named by literal name or by reference.
 */
interface AppSpec {
  readonly stackRegions: string[];
  /** For each stack but the first: whether it is a NestedStack of the first (and so in its Region). */
  readonly nested: boolean[];
  readonly buckets: BucketSpec[];
}

interface BucketSpec {
  readonly stack: number;
  /** The index of the bucket it logs to, or undefined when it does not log. */
  readonly target?: number;
  /** For a bucket that logs into itself: whether it says so with an empty LoggingConfiguration rather than its own name. */
  readonly emptyConfiguration: boolean;
  /**
   * Whether the destination is named by a reference (`Ref`, across stacks an export, into or out of
   * a nested stack a parameter or output) rather than by its literal name.
   */
  readonly byReference: boolean;
}

const appSpecs: fc.Arbitrary<AppSpec> = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 30 }).noBias())
  .chain(([stackCount, bucketCount]) => fc.record({
    stackRegions: fc.array(fc.constantFrom(...REGIONS), { minLength: stackCount, maxLength: stackCount }),
    nested: fc.array(fc.boolean(), { minLength: stackCount - 1, maxLength: stackCount - 1 }),
    buckets: fc.array(fc.record({
      stack: fc.integer({ min: 0, max: stackCount - 1 }),
      // One bucket in four does not log.
      target: fc.option(fc.integer({ min: 0, max: bucketCount - 1 }).noBias(), { nil: undefined, freq: 4 }),
      emptyConfiguration: fc.boolean(),
      byReference: fc.boolean(),
    }), { minLength: bucketCount, maxLength: bucketCount }),
  }));

/** The path of a stack: a nested stack is under the first. */
function stackPathOf(spec: AppSpec, stack: number): string {
  return stack > 0 && spec.nested[stack - 1] ? `Stack0/Stack${stack}` : `Stack${stack}`;
}

function pathOf(spec: AppSpec, index: number): string {
  return `${stackPathOf(spec, spec.buckets[index].stack)}/B${index}`;
}

/** The Region a bucket is in: a nested stack's is its parent's. */
function regionOfBucket(spec: AppSpec, index: number): string {
  const stack = spec.buckets[index].stack;
  return spec.stackRegions[stack > 0 && spec.nested[stack - 1] ? 0 : stack];
}

/**
 * Define the app: CfnBuckets with literal names, and logging configurations that name their
 * destination by that name or by a reference (across stacks too: nothing is synthesized, so a cycle
 * of references, which CloudFormation would refuse, is still a cycle of the model). The model needs
 * only the construct tree.
 */
function defineApp(spec: AppSpec): App {
  const app = new App();
  const stacks: Stack[] = [];
  spec.stackRegions.forEach((region, i) => {
    stacks.push(i > 0 && spec.nested[i - 1]
      ? new NestedStack(stacks[0], `Stack${i}`)
      : new Stack(app, `Stack${i}`, { env: { account: ACCOUNT, region } }));
  });
  const buckets = spec.buckets.map((bucket, i) => new s3.CfnBucket(stacks[bucket.stack], `B${i}`, { bucketName: `bucket-${i}` }));
  spec.buckets.forEach((bucket, i) => {
    if (bucket.target === undefined) {
      return;
    }
    const selfLogging = bucket.target === i;
    buckets[i].loggingConfiguration = selfLogging && bucket.emptyConfiguration ? {}
      : { destinationBucketName: bucket.byReference ? buckets[bucket.target].ref : `bucket-${bucket.target}` };
  });
  return app;
}

/** The reference's cycles of an app (test/support/reference-cycles.ts), keyed by their members' paths. */
function referenceCycles(spec: AppSpec): Map<string, number[]> {
  return findReferenceCycles(spec.buckets.map(bucket => bucket.target), i => pathOf(spec, i));
}

/** The cycle a finding names, in its order: a loop's `A -> B -> A`, or the self-logging bucket. */
function reportedCycle(finding: { id: string; message: string; subject: { path: string } }): string[] {
  if (finding.id === SELF_LOGGING) {
    expect(finding.message.startsWith(`${finding.subject.path} logs into itself`)).toBe(true);
    return [finding.subject.path];
  }
  expect(finding.id).toBe(LOGGING_LOOP);
  const match = /^logging loop: (.*?)\. Every log object/.exec(finding.message);
  expect(match).not.toBeNull();
  const paths = match![1].split(' -> ');
  // Closed: it ends where it started, and that bucket is where the error is reported.
  expect(paths[paths.length - 1]).toBe(paths[0]);
  expect(finding.subject.path).toBe(paths[0]);
  return paths.slice(0, -1);
}

describe('logging loops in random apps (property-based)', () => {
  test('checkLoggingLoops and checkSelfLogging report exactly the cycles of the logging graph, each once, in edge order, '
    + 'whether edges are names or references, in stacks or nested stacks', () => {
    fc.assert(fc.property(appSpecs, spec => {
      const model = buildLoggingModel(defineApp(spec));
      expect(model.buckets).toHaveLength(spec.buckets.length);

      const expected = referenceCycles(spec);
      const findings = [...checkSelfLogging(model), ...checkLoggingLoops(model)];
      expect(findings.every(f => f.level === 'error')).toBe(true);
      const reported = findings.map(reportedCycle);

      // Each cycle once, and exactly the reference's cycles.
      expect(reported.map(cycleKey).sort()).toEqual([...expected.keys()].sort());
      // Self-loops are reported as self-logging, longer cycles as loops.
      expect(findings.filter(f => f.id === SELF_LOGGING)).toHaveLength([...expected.values()].filter(c => c.length === 1).length);

      // The order of each reported cycle follows the edges.
      const indexOfPath = new Map(spec.buckets.map((_, i) => [pathOf(spec, i), i]));
      for (const cycle of reported) {
        cycle.forEach((path, k) => {
          const next = cycle[(k + 1) % cycle.length];
          expect(pathOf(spec, spec.buckets[indexOfPath.get(path)!].target!)).toBe(next);
        });
      }
    }), { numRuns: 500 });
  });

  test('the environment rules report regionMismatch for exactly the edges between Regions', () => {
    fc.assert(fc.property(appSpecs, spec => {
      const model = buildLoggingModel(defineApp(spec));
      const regionOf = (i: number) => regionOfBucket(spec, i);

      const crossRegionSources = spec.buckets
        .map((bucket, i) => ({ bucket, i }))
        .filter(({ bucket, i }) => bucket.target !== undefined && regionOf(bucket.target) !== regionOf(i))
        .map(({ i }) => pathOf(spec, i));

      const findings = checkEnvironment(model);
      expect(findings.filter(f => f.id === ACCOUNT_MISMATCH || f.id === ENVIRONMENT_UNKNOWN)).toEqual([]);
      const mismatches = findings.filter(f => f.id === REGION_MISMATCH);
      expect(mismatches.every(f => f.level === 'error')).toBe(true);
      expect(mismatches.map(f => f.subject.path).sort()).toEqual(crossRegionSources.sort());
      for (const finding of mismatches) {
        const source = spec.buckets.findIndex((_, i) => pathOf(spec, i) === finding.subject.path);
        const target = spec.buckets[source].target!;
        expect(finding.message).toContain(
          `${pathOf(spec, source)} logs to ${pathOf(spec, target)} in another Region: source ${regionOf(source)}, destination ${regionOf(target)}.`,
        );
      }
    }), { numRuns: 500 });
  });

  test('over Fn::If: in each branch of the conditions, the cycles reported are those of the app as that branch deploys it', () => {
    fc.assert(fc.property(conditionalAppSpecs, spec => {
      const app = defineConditionalApp(spec);
      for (const values of [[true, true], [true, false], [false, true], [false, false]]) {
        // C0 and C1 have no definition in the template: each is a free choice of the branch.
        const branch = new ConditionBranch(new Map([['condition Stack0\u0000C0', values[0]], ['condition Stack0\u0000C1', values[1]]]));
        const model = buildLoggingModel(app, branch);
        const reported = [...checkSelfLogging(model), ...checkLoggingLoops(model)].map(reportedCycle);
        expect(reported.map(cycleKey).sort()).toEqual([...referenceCycles(specIn(spec, values)).keys()].sort());
      }
    }), { numRuns: 500 });
  });

  test('over Fn::If: a loop of every branch is an error, of some branches a warning that names the condition', () => {
    fc.assert(fc.property(conditionalAppSpecs, spec => {
      const findings = runChecksInEveryBranch(branch => buildLoggingModel(defineConditionalApp(spec), branch))
        .filter(f => f.id === LOGGING_LOOP || f.id === SELF_LOGGING);
      const everyBranch = [[true, true], [true, false], [false, true], [false, false]]
        .map(values => new Set(referenceCycles(specIn(spec, values)).keys()));
      for (const finding of findings) {
        const cycle = cycleKey(reportedCycle({ ...finding, message: finding.message.replace(/^Only when [^:]*: /, '') }));
        if (finding.level === 'warning') {
          expect(finding.message).toMatch(/^Only when condition C[01] is (true|false)/);
          expect(everyBranch.some(cycles => cycles.has(cycle))).toBe(true);
        } else {
          expect(everyBranch[0].has(cycle)).toBe(true);
        }
      }
      // A cycle of every branch is reported as an error (on one of its members).
      for (const cycle of everyBranch[0]) {
        if (everyBranch.every(cycles => cycles.has(cycle))) {
          const members = cycle.split(' ');
          expect(findings.some(f => f.level === 'error' && members.includes(f.subject.path))).toBe(true);
        }
      }
    }), { numRuns: 200 });
  });
});

/** A bucket whose destination is chosen by `Fn::If` on condition C0 or C1 of its stack: `then` or `otherwise` (undefined: AWS::NoValue). */
interface ConditionalBucketSpec extends BucketSpec {
  readonly condition?: { readonly name: 'C0' | 'C1'; readonly then: number; readonly otherwise?: number };
}

interface ConditionalAppSpec extends AppSpec {
  readonly buckets: ConditionalBucketSpec[];
}

/** Random apps of one stack, where one bucket in two chooses its destination by a condition. */
const conditionalAppSpecs: fc.Arbitrary<ConditionalAppSpec> = fc.integer({ min: 1, max: 12 }).chain(bucketCount => fc.record({
  stackRegions: fc.constant(['eu-west-1']),
  nested: fc.constant([]),
  buckets: fc.array(fc.record({
    stack: fc.constant(0),
    target: fc.option(fc.integer({ min: 0, max: bucketCount - 1 }), { nil: undefined, freq: 4 }),
    emptyConfiguration: fc.constant(false),
    byReference: fc.boolean(),
    condition: fc.option(fc.record({
      name: fc.constantFrom('C0' as const, 'C1' as const),
      then: fc.integer({ min: 0, max: bucketCount - 1 }),
      otherwise: fc.option(fc.integer({ min: 0, max: bucketCount - 1 }), { nil: undefined, freq: 3 }),
    }), { nil: undefined }),
  }), { minLength: bucketCount, maxLength: bucketCount }),
}));

/** The plain app the conditional one deploys as when C0 and C1 have these values (AWS::NoValue: the bucket logs into itself). */
function specIn(spec: ConditionalAppSpec, [c0, c1]: boolean[]): AppSpec {
  return {
    ...spec,
    buckets: spec.buckets.map((bucket, i) => {
      if (!bucket.condition) {
        return bucket;
      }
      const holds = bucket.condition.name === 'C0' ? c0 : c1;
      return { ...bucket, target: holds ? bucket.condition.then : bucket.condition.otherwise ?? i };
    }),
  };
}

/** The conditional app: each conditional bucket's DestinationBucketName is an Fn::If of two names (or AWS::NoValue). */
function defineConditionalApp(spec: ConditionalAppSpec): App {
  const app = defineApp(spec);
  const stack = app.node.findChild('Stack0') as Stack;
  spec.buckets.forEach((bucket, i) => {
    if (bucket.condition) {
      const name = (index: number | undefined) => index === undefined ? Aws.NO_VALUE : `bucket-${index}`;
      const cfn = stack.node.findChild(`B${i}`) as s3.CfnBucket;
      cfn.loggingConfiguration = {
        destinationBucketName: Fn.conditionIf(bucket.condition.name, name(bucket.condition.then), name(bucket.condition.otherwise)).toString(),
      };
    }
  });
  return app;
}

/** A random app as `appSpecs` makes, and for some buckets a CloudWatch Logs vended delivery of their logs into a bucket. */
interface VendedAppSpec {
  readonly app: AppSpec;
  /** For each bucket, the bucket its vended logs go into, or undefined (one in two). */
  readonly vendedTargets: (number | undefined)[];
}

const vendedAppSpecs: fc.Arbitrary<VendedAppSpec> = appSpecs.chain(app => fc.record({
  app: fc.constant(app),
  vendedTargets: fc.array(fc.option(fc.integer({ min: 0, max: app.buckets.length - 1 }), { nil: undefined }),
    { minLength: app.buckets.length, maxLength: app.buckets.length }),
}));

/** The app of `spec.app`, with each vended delivery in its bucket's stack, naming the destination by reference or by its literal ARN. */
function defineVendedApp(spec: VendedAppSpec): App {
  const app = defineApp(spec.app);
  const cfnOf = (i: number) => app.node.findAll().find(c => c.node.id === `B${i}` && c instanceof s3.CfnBucket) as s3.CfnBucket;
  spec.vendedTargets.forEach((target, i) => {
    if (target !== undefined) {
      const source = cfnOf(i);
      const destination = spec.app.buckets[i].byReference ? cfnOf(target).attrArn : `arn:aws:s3:::bucket-${target}`;
      vendedDelivery(source.stack, `V${i}`, source.attrArn, destination);
    }
  });
  return app;
}

describe('logging loops over both channels in random apps (property-based)', () => {
  test('checkLoggingLoops reports one loop per strongly connected part of the graph of server access logging and vended deliveries, '
    + 'each a cycle of real edges from the part\'s bucket first in the model\'s order', () => {
    fc.assert(fc.property(vendedAppSpecs, spec => {
      const n = spec.app.buckets.length;
      // The reference graph: server access logging (without a bucket's edge to itself, the self-logging rule's) and vended deliveries.
      const edges: Set<number>[] = spec.app.buckets.map((bucket, i) => {
        const out = new Set<number>();
        if (bucket.target !== undefined && bucket.target !== i) {
          out.add(bucket.target);
        }
        if (spec.vendedTargets[i] !== undefined) {
          out.add(spec.vendedTargets[i]!);
        }
        return out;
      });
      const reach = edges.map((_, start) => {
        const seen = new Set<number>();
        const queue = [...edges[start]];
        while (queue.length > 0) {
          const next = queue.shift()!;
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(...edges[next]);
          }
        }
        return seen;
      });
      const componentOf = (i: number) => [...Array(n).keys()].filter(j => j === i || (reach[i].has(j) && reach[j].has(i)));
      const cyclic = new Map<string, number[]>();
      for (let i = 0; i < n; i++) {
        if (reach[i].has(i)) {
          const component = componentOf(i);
          cyclic.set(component.join(' '), component);
        }
      }

      const model = buildLoggingModel(defineVendedApp(spec));
      const findings = checkLoggingLoops(model);
      const modelOrder = new Map(model.buckets.map((bucket, k) => [bucket.path, k]));
      const firstInModel = (members: number[]) => members.reduce((best, i) =>
        modelOrder.get(pathOf(spec.app, i))! < modelOrder.get(pathOf(spec.app, best))! ? i : best);
      const indexOfPath = new Map(spec.app.buckets.map((_, i) => [pathOf(spec.app, i), i]));
      const reported = findings.map(finding => {
        const match = /^logging loop: (.*?)\. (Edges: |Every log object)/.exec(finding.message);
        expect(match).not.toBeNull();
        const cycle = match![1].split(' -> ').map(path => indexOfPath.get(path)!);
        expect(cycle[cycle.length - 1]).toBe(cycle[0]);
        // Every step is an edge of the graph.
        cycle.slice(0, -1).forEach((from, k) => expect(edges[from].has(cycle[k + 1])).toBe(true));
        return cycle.slice(0, -1);
      });

      // One loop per cyclic part, starting with its bucket first in the model's order.
      const parts = reported.map(cycle => componentOf(cycle[0]).join(' '));
      expect([...parts].sort()).toEqual([...cyclic.keys()].sort());
      reported.forEach(cycle => expect(cycle[0]).toBe(firstInModel(componentOf(cycle[0]))));
    }), { numRuns: 300 });
  });
});
