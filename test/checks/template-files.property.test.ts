import * as fc from 'fast-check';
import { ConditionBranch } from '../../src/checks/conditions';
import { LoggingModel } from '../../src/checks/model';
import { checkAccountMismatch } from '../../src/checks/rules/account-mismatch';
import { checkEnvironmentUnknown } from '../../src/checks/rules/environment-unknown';
import { checkLoggingLoops, LOGGING_LOOP } from '../../src/checks/rules/logging-loop';
import { checkRegionMismatch, REGION_MISMATCH } from '../../src/checks/rules/region-mismatch';
import { checkSelfLogging, SELF_LOGGING } from '../../src/checks/rules/self-logging';
import { buildTemplateModel, TemplateStack } from '../../src/checks/template-files';
import { referenceCycles as findReferenceCycles } from '../support/reference-cycles';

/**
 * The logging-loop finder over CloudFormation templates (the command's front-end), property-based:
 * random apps of top-level stacks and nested stacks, whose buckets name their destinations by literal
 * name, `Ref`, an export (`Fn::ImportValue`), a weak reference (`Fn::GetStackOutput`), a nested stack's
 * parameter or output, and `Fn::If`; the findings must be the cycles of the logging graph a plain
 * reference finder computes. (The construct-tree twin is `test/checks/rules/logging-loop.property.test.ts`;
 * weak references need a newer aws-cdk-lib than the suite runs on, so only templates have them.)
 */

const ACCOUNT = '111111111111';
const REGIONS = ['eu-west-1', 'us-east-1'] as const;

/**
 * A random app. Units are its stacks: the first `topRegions.length` are top-level stacks (`S<u>`),
 * each with its Region; the others nested stacks (`N<u>`, an `AWS::CloudFormation::Stack` of that
 * logical id in its parent), each in an earlier unit, so nesting can go several levels deep.
 */
interface AppSpec {
  readonly topRegions: string[];
  /** For each nested unit, in order: the unit it is nested in. */
  readonly nestedParents: number[];
  readonly buckets: BucketSpec[];
}

interface BucketSpec {
  readonly unit: number;
  /** Whether it has a literal `BucketName` (`bucket-<i>`). */
  readonly named: boolean;
  /** The bucket it logs to (maybe itself), or undefined when it does not log. */
  readonly target?: number;
  /** Which of the reference kinds valid for the pair names the destination (modulo their number). */
  readonly kind: number;
}

/**
 * How a template names a destination:
 * - `empty`: an empty `LoggingConfiguration` (the bucket logs into itself);
 * - `name`: the destination's literal name;
 * - `route`: within one tree of stacks, `Ref` in the same template, else up through the nested
 *   stacks' `Parameters` (each passed by its parent) and down through their `Outputs` (`Fn::GetAtt`);
 * - `import`: `Fn::ImportValue` of an `Export` of the destination's own stack, from another tree of the same Region;
 * - `stackOutput`: `Fn::GetStackOutput` of an output of the destination's top-level stack, from another tree.
 */
type Kind = 'empty' | 'name' | 'route' | 'import' | 'stackOutput';

const appSpecs: fc.Arbitrary<AppSpec> = fc.tuple(
  fc.integer({ min: 1, max: 4 }),
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 1, max: 30 }).noBias(),
).chain(([topCount, nestedCount, bucketCount]) => fc.record({
  topRegions: fc.array(fc.constantFrom(...REGIONS), { minLength: topCount, maxLength: topCount }),
  nestedParents: fc.tuple(...Array.from({ length: nestedCount }, (_, k) => fc.integer({ min: 0, max: topCount + k - 1 })))
    .map(parents => [...parents]),
  buckets: fc.array(bucketSpecs(topCount + nestedCount, bucketCount), { minLength: bucketCount, maxLength: bucketCount }),
}));

function bucketSpecs(unitCount: number, bucketCount: number): fc.Arbitrary<BucketSpec> {
  return fc.record({
    unit: fc.integer({ min: 0, max: unitCount - 1 }),
    named: fc.boolean(),
    // One bucket in four does not log.
    target: fc.option(fc.integer({ min: 0, max: bucketCount - 1 }).noBias(), { nil: undefined, freq: 4 }),
    kind: fc.nat(11),
  });
}

/** The stacks of an app, as a spec places them. */
class Units {
  constructor(private readonly spec: AppSpec) {}

  public get count(): number {
    return this.spec.topRegions.length + this.spec.nestedParents.length;
  }

  public isTop(unit: number): boolean {
    return unit < this.spec.topRegions.length;
  }

  public parentOf(unit: number): number | undefined {
    return this.isTop(unit) ? undefined : this.spec.nestedParents[unit - this.spec.topRegions.length];
  }

  /** The top-level stack whose tree holds the unit. */
  public rootOf(unit: number): number {
    const parent = this.parentOf(unit);
    return parent === undefined ? unit : this.rootOf(parent);
  }

  /** A nested stack is in its parent's Region. */
  public regionOf(unit: number): string {
    return this.spec.topRegions[this.rootOf(unit)];
  }

  /** The logical id of the unit: the stack's name for a top-level stack, the `AWS::CloudFormation::Stack`'s id in its parent for a nested one. */
  public idOf(unit: number): string {
    return this.isTop(unit) ? `S${unit}` : `N${unit}`;
  }

  /** The stack path of the template model: a nested stack's is `<parent>/<logical id>`. */
  public pathOf(unit: number): string {
    const parent = this.parentOf(unit);
    return parent === undefined ? this.idOf(unit) : `${this.pathOf(parent)}/${this.idOf(unit)}`;
  }

  /** The units from `unit` up to its root, `unit` first. */
  public ancestry(unit: number): number[] {
    const parent = this.parentOf(unit);
    return parent === undefined ? [unit] : [unit, ...this.ancestry(parent)];
  }
}

function bucketPath(spec: AppSpec, index: number): string {
  return `${new Units(spec).pathOf(spec.buckets[index].unit)}/B${index}`;
}

/**
 * The kinds that can name `target` from `source`'s template: a literal name only for a named bucket;
 * references within a tree of stacks; across trees an export only in the same Region (exports do not
 * cross Regions), a weak reference anywhere (it takes a `Region`).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getstackoutput.html
 */
function validKinds(spec: AppSpec, source: number, target: number): Kind[] {
  const units = new Units(spec);
  const [from, to] = [spec.buckets[source].unit, spec.buckets[target].unit];
  const named: Kind[] = spec.buckets[target].named ? ['name'] : [];
  if (source === target) {
    return ['empty', 'route', ...named];
  }
  if (units.rootOf(from) === units.rootOf(to)) {
    return ['route', ...named];
  }
  return ['stackOutput', ...(units.regionOf(from) === units.regionOf(to) ? ['import' as const] : []), ...named];
}

function kindOf(spec: AppSpec, source: number, target: number, choice: number): Kind {
  const kinds = validKinds(spec, source, target);
  return kinds[choice % kinds.length];
}

/** One template being written. */
interface Draft {
  readonly resources: Record<string, Record<string, unknown>>;
  readonly outputs: Record<string, Record<string, unknown>>;
  readonly parameters: Record<string, unknown>;
  readonly conditions: Record<string, unknown>;
}

/** Writes the templates of an app: its buckets, and the outputs, exports and parameters their references need. */
class AppWriter {
  public readonly units: Units;
  private readonly drafts: Draft[];

  constructor(private readonly spec: AppSpec) {
    this.units = new Units(spec);
    this.drafts = Array.from({ length: this.units.count }, () => ({ resources: {}, outputs: {}, parameters: {}, conditions: {} }));
    spec.buckets.forEach((bucket, i) => {
      this.drafts[bucket.unit].resources[`B${i}`] = { Type: 'AWS::S3::Bucket', Properties: bucket.named ? { BucketName: `bucket-${i}` } : {} };
    });
    for (let unit = 0; unit < this.units.count; unit++) {
      const parent = this.units.parentOf(unit);
      if (parent !== undefined) {
        this.drafts[parent].resources[this.units.idOf(unit)] = {
          Type: 'AWS::CloudFormation::Stack',
          Properties: { TemplateURL: `https://example.com/${this.units.idOf(unit)}.json`, Parameters: {} },
        };
      }
    }
  }

  /** Set the `LoggingConfiguration` of bucket `i`. */
  public setLogging(i: number, configuration: unknown): void {
    this.drafts[this.spec.buckets[i].unit].resources[`B${i}`].Properties = {
      ...this.drafts[this.spec.buckets[i].unit].resources[`B${i}`].Properties as object,
      LoggingConfiguration: configuration,
    };
  }

  /** The `DestinationBucketName` by which bucket `source`'s template names `target`, of kind `kind`. */
  public destination(source: number, target: number, kind: Exclude<Kind, 'empty'>): unknown {
    const from = this.spec.buckets[source].unit;
    const to = this.spec.buckets[target].unit;
    switch (kind) {
      case 'name':
        return `bucket-${target}`;
      case 'route':
        return this.route(from, target);
      case 'import':
        this.drafts[to].outputs[`X${target}`] = { Value: { Ref: `B${target}` }, Export: { Name: `logs-${target}` } };
        return { 'Fn::ImportValue': `logs-${target}` };
      case 'stackOutput': {
        const root = this.units.rootOf(to);
        this.drafts[root].outputs[`O${target}`] = { Value: this.route(root, target) };
        const region = this.units.regionOf(to);
        // Region defaults to the Region of the stack that references: say it when it differs, and sometimes when it does not.
        const regionArgument = region !== this.units.regionOf(from) || target % 2 === 0 ? { Region: region } : {};
        return { 'Fn::GetStackOutput': { StackName: this.units.idOf(root), OutputName: `O${target}`, ...regionArgument } };
      }
    }
  }

  /**
   * How `unit`'s template refers to bucket `target` of its tree: `Ref` in its own template; else through
   * the output `O<target>` of the child it is under; else through the parameter `P<target>`, which the parent passes.
   */
  private route(unit: number, target: number): unknown {
    const to = this.spec.buckets[target].unit;
    if (to === unit) {
      return { Ref: `B${target}` };
    }
    const ancestry = this.units.ancestry(to);
    const at = ancestry.indexOf(unit);
    if (at > 0) {
      const child = ancestry[at - 1];
      this.drafts[child].outputs[`O${target}`] = { Value: this.route(child, target) };
      const childId = this.units.idOf(child);
      // Both forms of Fn::GetAtt.
      return { 'Fn::GetAtt': target % 2 === 0 ? [childId, `Outputs.O${target}`] : `${childId}.Outputs.O${target}` };
    }
    const parent = this.units.parentOf(unit)!;
    this.drafts[unit].parameters[`P${target}`] = { Type: 'String' };
    const passed = (this.drafts[parent].resources[this.units.idOf(unit)].Properties as { Parameters: Record<string, unknown> }).Parameters;
    passed[`P${target}`] = this.route(parent, target);
    return { Ref: `P${target}` };
  }

  /** Give `unit`'s template the conditions C0 and C1, each over a parameter of its own: each is a free choice of the deployment. */
  public addConditions(unit: number): void {
    for (const n of [0, 1]) {
      this.drafts[unit].parameters[`Q${n}`] = { Type: 'String', AllowedValues: ['yes', 'no'] };
      this.drafts[unit].conditions[`C${n}`] = { 'Fn::Equals': [{ Ref: `Q${n}` }, 'yes'] };
    }
  }

  /** The top-level stacks, as the command's loader hands them over: the environment on each top-level stack only. */
  public stacks(): TemplateStack[] {
    return this.spec.topRegions.map((region, unit) => ({ ...this.stackOf(unit), account: ACCOUNT, region }));
  }

  private stackOf(unit: number): TemplateStack {
    const draft = this.drafts[unit];
    const children = Array.from({ length: this.units.count }, (_, u) => u).filter(u => this.units.parentOf(u) === unit);
    return {
      name: this.units.idOf(unit),
      file: `${this.units.idOf(unit)}.json`,
      template: {
        Parameters: draft.parameters,
        Conditions: draft.conditions,
        Resources: draft.resources,
        Outputs: draft.outputs,
      },
      nestedStacks: new Map(children.map(child => [this.units.idOf(child), this.stackOf(child)])),
    };
  }
}

/** The templates of an app: each logging bucket names its destination by one of the kinds valid for the pair. */
function defineApp(spec: AppSpec): AppWriter {
  const writer = new AppWriter(spec);
  spec.buckets.forEach((bucket, i) => {
    if (bucket.target !== undefined) {
      const kind = kindOf(spec, i, bucket.target, bucket.kind);
      writer.setLogging(i, kind === 'empty' ? {} : { DestinationBucketName: writer.destination(i, bucket.target, kind) });
    }
  });
  return writer;
}

/** The reference's cycles of an app (test/support/reference-cycles.ts), keyed by their members' paths. */
function referenceCycles(spec: AppSpec): Map<string, number[]> {
  return findReferenceCycles(spec.buckets.map(bucket => bucket.target), i => bucketPath(spec, i));
}

/**
 * The bucket paths of an app in the order the model lists them: each top-level stack, then its nested
 * stacks depth first (in the order of their `AWS::CloudFormation::Stack`s); in a template, its buckets in order.
 */
function modelOrder(spec: AppSpec): string[] {
  const units = new Units(spec);
  const inTree = (unit: number): number[] => [unit, ...Array.from({ length: units.count }, (_, u) => u)
    .filter(u => units.parentOf(u) === unit).flatMap(inTree)];
  return spec.topRegions.flatMap((_, top) => inTree(top))
    .flatMap(unit => spec.buckets.flatMap((bucket, i) => bucket.unit === unit ? [bucketPath(spec, i)] : []));
}

/** A loop finding, as a test compares it: the cycle its message names, closed (`A -> B -> A`), or the self-logging bucket. */
interface ReportedCycle {
  readonly id: string;
  readonly level: string;
  readonly subject: string;
  readonly cycle: string[];
}

/** What a finding of the loop rules says. (Plain values, compared once: each `expect` costs about a tenth of a millisecond.) */
function reportedCycle(finding: { id: string; level: string; message: string; subject: { path: string } }): ReportedCycle {
  const subject = finding.subject.path;
  if (finding.id === SELF_LOGGING) {
    const cycle = finding.message.startsWith(`${subject} logs into itself`) ? [subject] : [`unexpected message: ${finding.message}`];
    return { id: finding.id, level: finding.level, subject, cycle };
  }
  const match = /^logging loop: (.*?)\. Every log object/.exec(finding.message);
  return { id: finding.id, level: finding.level, subject, cycle: match ? match[1].split(' -> ') : [`unexpected message: ${finding.message}`] };
}

/**
 * What the loop rules must report for `spec`: each cycle of the reference once, as an error on its
 * member the model lists first, in edge order from it; a self-loop as self-logging, a longer cycle as a loop.
 */
function expectedCycles(spec: AppSpec): ReportedCycle[] {
  const order = new Map(modelOrder(spec).map((path, i) => [path, i]));
  return [...referenceCycles(spec).values()].map(walk => {
    const paths = walk.map(i => bucketPath(spec, i));
    const first = paths.reduce((best, path, k) => (order.get(path)! < order.get(paths[best])! ? k : best), 0);
    const cycle = [...paths.slice(first), ...paths.slice(0, first)];
    return cycle.length === 1
      ? { id: SELF_LOGGING, level: 'error', subject: cycle[0], cycle }
      : { id: LOGGING_LOOP, level: 'error', subject: cycle[0], cycle: [...cycle, cycle[0]] };
  });
}

/** The loop rules' findings over `model`, and what they must be for `spec`, each sorted alike. */
function cyclesOf(spec: AppSpec, model: LoggingModel): { reported: ReportedCycle[]; expected: ReportedCycle[] } {
  const bySubject = (a: ReportedCycle, b: ReportedCycle) => a.subject.localeCompare(b.subject);
  return {
    reported: [...checkSelfLogging(model), ...checkLoggingLoops(model)].map(reportedCycle).sort(bySubject),
    expected: expectedCycles(spec).sort(bySubject),
  };
}

describe('logging loops in random templates (property-based)', () => {
  test('checkLoggingLoops and checkSelfLogging report exactly the cycles of the logging graph, each once, in edge order, '
    + 'whether edges are names, Ref, exports, weak references or nested stack parameters and outputs', () => {
    fc.assert(fc.property(appSpecs, spec => {
      const model = buildTemplateModel(defineApp(spec).stacks());

      const { reported, expected } = cyclesOf(spec, model);
      expect({ buckets: model.buckets.map(b => b.path), cycles: reported }).toEqual({ buckets: modelOrder(spec), cycles: expected });
    }), { numRuns: 500 });
  });

  test('the environment rules report regionMismatch for exactly the edges between Regions, a nested stack in its parent\'s Region', () => {
    fc.assert(fc.property(appSpecs, spec => {
      const units = new Units(spec);
      const model = buildTemplateModel(defineApp(spec).stacks());
      const regionOf = (i: number) => units.regionOf(spec.buckets[i].unit);

      const crossRegionSources = spec.buckets
        .map((bucket, i) => ({ bucket, i }))
        .filter(({ bucket, i }) => bucket.target !== undefined && regionOf(bucket.target) !== regionOf(i))
        .map(({ i }) => i);

      const findings = [...checkRegionMismatch(model), ...checkAccountMismatch(model), ...checkEnvironmentUnknown(model)];
      // Each finding's first sentence: what it says of the edge.
      const reported = findings.map(f => ({ id: f.id, level: f.level, subject: f.subject.path, says: f.message.split(' S3 delivers')[0] }));
      const expected = crossRegionSources.map(source => ({
        id: REGION_MISMATCH,
        level: 'error',
        subject: bucketPath(spec, source),
        says: `${bucketPath(spec, source)} logs to ${bucketPath(spec, spec.buckets[source].target!)} in another Region: `
          + `source ${regionOf(source)}, destination ${regionOf(spec.buckets[source].target!)}.`,
      }));
      // No accountMismatch or environmentUnknown: one account, and every environment known.
      const bySubject = (a: { subject: string }, b: { subject: string }) => a.subject.localeCompare(b.subject);
      expect(reported.sort(bySubject)).toEqual(expected.sort(bySubject));
    }), { numRuns: 500 });
  });

  test('over Fn::If: in each branch of the conditions, the cycles reported are those of the app as that branch deploys it', () => {
    fc.assert(fc.property(conditionalAppSpecs, spec => {
      const writer = defineConditionalApp(spec);
      const stacks = writer.stacks();
      const choices = freeChoices(spec, writer.units);
      for (let combination = 0; combination < 2 ** choices.length; combination++) {
        // GIVEN a value for each condition the app reads
        const values = new Map(choices.map((choice, k) => [choice.key, Math.floor(combination / 2 ** k) % 2 === 1]));
        const branch = new ConditionBranch(values);

        // WHEN the model is built in that branch
        const model = buildTemplateModel(stacks, branch);

        // THEN it took no free choice but those (each condition an Fn::Equals of its own parameter), read
        // the conditions with those values, and reports the loops of the app that branch deploys
        const { reported, expected } = cyclesOf(specIn(spec, (unit, name) => values.get(choiceKey(writer.units.pathOf(unit), name))!), model);
        expect({
          takenAsTrue: branch.takenAsTrue,
          conditions: branch.conditionValues.map(c => `${c.stackPath} ${c.name} ${c.value}`).sort(),
          cycles: reported,
        }).toEqual({
          takenAsTrue: [],
          conditions: choices.map(c => `${c.stackPath} ${c.name} ${values.get(c.key)}`).sort(),
          cycles: expected,
        });
      }
    }), { numRuns: 300 });
  });
});

/**
 * A bucket whose logging is chosen by `Fn::If` on condition C0 or C1 of its template: `then` or
 * `otherwise` (undefined: `AWS::NoValue`), each named by a kind valid for the pair. Around the
 * `DestinationBucketName` (`AWS::NoValue` removes it: the bucket logs into itself), or around the
 * whole `LoggingConfiguration` (`AWS::NoValue`: the bucket does not log).
 */
interface ConditionalBucketSpec extends BucketSpec {
  readonly condition?: {
    readonly name: 'C0' | 'C1';
    readonly then?: number;
    readonly otherwise?: number;
    readonly aroundConfiguration: boolean;
    readonly otherwiseKind: number;
  };
}

interface ConditionalAppSpec extends AppSpec {
  readonly buckets: ConditionalBucketSpec[];
}

/** Units that may have conditional buckets: the first two, so that an app has at most four free choices (16 branches). */
const CONDITIONAL_UNITS = 2;

/** Random apps (smaller than above), where one bucket in two of the first two units chooses its logging by a condition. */
const conditionalAppSpecs: fc.Arbitrary<ConditionalAppSpec> = fc.tuple(
  fc.integer({ min: 1, max: 2 }),
  fc.integer({ min: 0, max: 2 }),
  fc.integer({ min: 1, max: 12 }),
).chain(([topCount, nestedCount, bucketCount]) => fc.record({
  topRegions: fc.array(fc.constantFrom(...REGIONS), { minLength: topCount, maxLength: topCount }),
  nestedParents: fc.tuple(...Array.from({ length: nestedCount }, (_, k) => fc.integer({ min: 0, max: topCount + k - 1 })))
    .map(parents => [...parents]),
  buckets: fc.array(fc.tuple(bucketSpecs(topCount + nestedCount, bucketCount), fc.option(fc.record({
    name: fc.constantFrom('C0' as const, 'C1' as const),
    then: fc.option(fc.integer({ min: 0, max: bucketCount - 1 }), { nil: undefined, freq: 4 }),
    otherwise: fc.option(fc.integer({ min: 0, max: bucketCount - 1 }), { nil: undefined, freq: 3 }),
    aroundConfiguration: fc.boolean(),
    otherwiseKind: fc.nat(11),
  }), { nil: undefined })).map(([bucket, condition]): ConditionalBucketSpec =>
    (condition && bucket.unit < CONDITIONAL_UNITS ? { ...bucket, condition } : bucket)), { minLength: bucketCount, maxLength: bucketCount }),
}));

/** The key of the free choice of condition `name` of the stack at `stackPath`: its `Fn::Equals`, keyed as the model keys it (`conditions.ts`). */
function choiceKey(stackPath: string, name: string): string {
  const [first, second] = [JSON.stringify('yes'), JSON.stringify({ Ref: `Q${name.slice(1)}` })].sort();
  return `equals ${stackPath}\u0000${first}\u0000${second}`;
}

/** The conditions the conditional buckets read, each a free choice. */
function freeChoices(spec: ConditionalAppSpec, units: Units): { key: string; stackPath: string; name: string }[] {
  const read = new Map<string, { key: string; stackPath: string; name: string }>();
  for (const bucket of spec.buckets) {
    if (bucket.condition) {
      const stackPath = units.pathOf(bucket.unit);
      const key = choiceKey(stackPath, bucket.condition.name);
      read.set(key, { key, stackPath, name: bucket.condition.name });
    }
  }
  return [...read.values()];
}

/**
 * The plain app the conditional one deploys as when its conditions have these values: a conditional
 * bucket logs to its chosen target; without one, into itself or nowhere.
 */
function specIn(spec: ConditionalAppSpec, holds: (unit: number, name: string) => boolean): AppSpec {
  return {
    ...spec,
    buckets: spec.buckets.map((bucket, i) => {
      const condition = bucket.condition;
      if (!condition) {
        return bucket;
      }
      const chosen = holds(bucket.unit, condition.name) ? condition.then : condition.otherwise;
      return { ...bucket, target: chosen ?? (condition.aroundConfiguration ? undefined : i) };
    }),
  };
}

/** The conditional app: each conditional bucket's logging is an Fn::If of two destinations (or AWS::NoValue). */
function defineConditionalApp(spec: ConditionalAppSpec): AppWriter {
  const writer = defineApp(spec);
  const conditionalUnits = new Set(spec.buckets.filter(b => b.condition).map(b => b.unit));
  conditionalUnits.forEach(unit => writer.addConditions(unit));
  spec.buckets.forEach((bucket, i) => {
    const condition = bucket.condition;
    if (!condition) {
      return;
    }
    const name = (target: number | undefined, choice: number): unknown => {
      if (target === undefined) {
        return { Ref: 'AWS::NoValue' };
      }
      const kind = kindOf(spec, i, target, choice);
      const destination = kind === 'empty' ? { Ref: 'AWS::NoValue' } : writer.destination(i, target, kind);
      return condition.aroundConfiguration ? { DestinationBucketName: destination } : destination;
    };
    const chosen = { 'Fn::If': [condition.name, name(condition.then, bucket.kind), name(condition.otherwise, condition.otherwiseKind)] };
    writer.setLogging(i, condition.aroundConfiguration ? chosen : { DestinationBucketName: chosen });
  });
  return writer;
}
