import { createHash } from 'crypto';

/**
 * Turn synthesized templates into the S3 API calls CloudFormation would make for their S3 parts:
 * the plan that `replay.py` executes against moto's S3 API. Small pure functions, no I/O.
 * Not a test file itself.
 *
 * What is replayed, per stack in deployment order:
 * 1. `CreateBucket` for each `AWS::S3::Bucket`, in its stack's Region;
 * 2. `PutBucketPolicy` for each `AWS::S3::BucketPolicy`;
 * 3. `PutBucketLogging` (then `GetBucketLogging`) for each bucket with a `LoggingConfiguration`.
 *
 * Policies go before logging configurations: moto's PutBucketLogging checks that the destination's
 * policy grants the logging service the prefix. CloudFormation does not always order them so (in one
 * stack, a destination policy that names its source in `aws:SourceArn` depends on the source, which
 * is created with its LoggingConfiguration, as in AWS's own example template), and real S3 accepts
 * that; the replay checks the deployed end state, not CloudFormation's order within a stack.
 *
 * Every other resource type is left out. An intrinsic function the resolver does not know, in a
 * part it replays, throws: a plan never silently drops what it cannot resolve.
 */

/** The parts of a template the replay reads. */
export interface Template {
  readonly Resources?: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }>;
}

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
}

/** One synthesized stack, as the replay needs it. */
export interface StackInput {
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** Concrete Region; undefined for an environment-agnostic stack (it deploys to `DeployTarget.region`). */
  readonly region?: string;
  /** Concrete account; undefined for an environment-agnostic stack. */
  readonly account?: string;
  /** Stack names this stack must deploy after. */
  readonly dependencies: readonly string[];
  readonly template: Template;
}

/** Where environment-agnostic stacks deploy. */
export interface DeployTarget {
  readonly region: string;
  readonly account: string;
}

export type KeyFormat = { SimplePrefix: {} } | { PartitionedPrefix: { PartitionDateSource?: string } };

interface StepBase {
  /** Stack name and logical id of the resource the call comes from. */
  readonly stack: string;
  readonly logicalId: string;
  /** The bucket the call is made on. */
  readonly bucket: string;
  /** The Region the call is made in: the stack's. */
  readonly region: string;
}

export interface CreateBucketStep extends StepBase {
  readonly op: 'createBucket';
}

export interface PutBucketPolicyStep extends StepBase {
  readonly op: 'putBucketPolicy';
  /** The policy document with every intrinsic resolved, as JSON. */
  readonly policy: string;
}

export interface PutBucketLoggingStep extends StepBase {
  readonly op: 'putBucketLogging';
  readonly targetBucket: string;
  /** `LogFilePrefix`, `''` when there is none (the API requires a TargetPrefix). */
  readonly targetPrefix: string;
  readonly targetObjectKeyFormat?: KeyFormat;
}

export type ReplayStep = CreateBucketStep | PutBucketPolicyStep | PutBucketLoggingStep;

/** The calls of one app, replayed against an empty S3. */
export interface Deployment {
  readonly name: string;
  readonly steps: ReplayStep[];
}

export const AWS_PARTITION = 'aws';
export const AWS_URL_SUFFIX = 'amazonaws.com';

/**
 * Plan the S3 calls that deploying `stacks` (one app) makes.
 *
 * Bucket names are what CloudFormation would choose: `BucketName` when given, otherwise
 * `physicalBucketName(stack, logicalId)`.
 */
export function planDeployment(name: string, stacks: readonly StackInput[], target: DeployTarget): Deployment {
  const app = new AppResolver(stacks, target);
  const steps: ReplayStep[] = [];
  for (const stack of deploymentOrder(stacks)) {
    const resources = Object.entries(stack.template.Resources ?? {});
    const region = app.regionOf(stack);
    const base = (logicalId: string, bucket: string) => ({ stack: stack.stackName, logicalId, bucket, region });
    for (const [logicalId, resource] of resources) {
      if (resource.Type === 'AWS::S3::Bucket') {
        steps.push({ op: 'createBucket', ...base(logicalId, app.bucketName(stack, logicalId)) });
      }
    }
    for (const [logicalId, resource] of resources) {
      if (resource.Type === 'AWS::S3::BucketPolicy') {
        const where = `${stack.stackName}/${logicalId}`;
        const bucket = expectString(app.resolve(stack, resource.Properties?.Bucket, `${where}.Bucket`), `${where}.Bucket`);
        const policy = app.resolve(stack, resource.Properties?.PolicyDocument, `${where}.PolicyDocument`);
        steps.push({ op: 'putBucketPolicy', ...base(logicalId, bucket), policy: JSON.stringify(policy) });
      }
    }
    for (const [logicalId, resource] of resources) {
      const logging = resource.Type === 'AWS::S3::Bucket' ? resource.Properties?.LoggingConfiguration : undefined;
      if (logging === undefined) {
        continue;
      }
      const where = `${stack.stackName}/${logicalId}.LoggingConfiguration`;
      const resolved = app.resolve(stack, logging, where) as Record<string, unknown>;
      const bucket = app.bucketName(stack, logicalId);
      const targetObjectKeyFormat = resolved.TargetObjectKeyFormat as KeyFormat | undefined;
      steps.push({
        op: 'putBucketLogging',
        ...base(logicalId, bucket),
        // "By default, logs are stored in the bucket where the LoggingConfiguration property is defined."
        targetBucket: resolved.DestinationBucketName === undefined ? bucket : expectString(resolved.DestinationBucketName, `${where}.DestinationBucketName`),
        targetPrefix: resolved.LogFilePrefix === undefined ? '' : expectString(resolved.LogFilePrefix, `${where}.LogFilePrefix`),
        ...(targetObjectKeyFormat === undefined ? {} : { targetObjectKeyFormat }),
      });
    }
  }
  return { name, steps };
}

/**
 * The name CloudFormation gives a bucket without `BucketName`: stack name and logical id, lower
 * case, then a suffix (random in CloudFormation; here a hash, so plans are reproducible), at most 63
 * characters.
 */
export function physicalBucketName(stackName: string, logicalId: string): string {
  const suffix = createHash('sha256').update(`${stackName}/${logicalId}`).digest('hex').slice(0, 12);
  const stem = `${stackName}-${logicalId}`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63 - suffix.length - 1);
  return `${stem}-${suffix}`;
}

/** `stacks` in an order where each comes after the stacks it depends on; throws on a cycle. */
export function deploymentOrder(stacks: readonly StackInput[]): StackInput[] {
  const byName = new Map(stacks.map(stack => [stack.stackName, stack]));
  const ordered: StackInput[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (stack: StackInput, path: string[]) => {
    if (state.get(stack.stackName) === 'done') {
      return;
    }
    if (state.get(stack.stackName) === 'visiting') {
      throw new Error(`stack dependency cycle: ${[...path, stack.stackName].join(' -> ')}`);
    }
    state.set(stack.stackName, 'visiting');
    for (const dependency of stack.dependencies) {
      const other = byName.get(dependency);
      if (other) {
        visit(other, [...path, stack.stackName]);
      }
    }
    state.set(stack.stackName, 'done');
    ordered.push(stack);
  };
  stacks.forEach(stack => visit(stack, []));
  return ordered;
}

/** Resolves CloudFormation values across the stacks of one app. */
class AppResolver {
  private readonly stacksByName: Map<string, StackInput>;
  private readonly exports = new Map<string, { stack: StackInput; value: unknown }>();

  constructor(stacks: readonly StackInput[], private readonly target: DeployTarget) {
    this.stacksByName = new Map(stacks.map(stack => [stack.stackName, stack]));
    for (const stack of stacks) {
      for (const [outputId, output] of Object.entries(stack.template.Outputs ?? {})) {
        if (output.Export !== undefined) {
          const exportName = expectString(this.resolve(stack, output.Export.Name, `${stack.stackName}/Outputs/${outputId}.Export.Name`), 'export name');
          this.exports.set(exportName, { stack, value: output.Value });
        }
      }
    }
  }

  public regionOf(stack: StackInput): string {
    return stack.region ?? this.target.region;
  }

  public accountOf(stack: StackInput): string {
    return stack.account ?? this.target.account;
  }

  /** The physical name of bucket `logicalId` of `stack`. */
  public bucketName(stack: StackInput, logicalId: string): string {
    const resource = stack.template.Resources?.[logicalId];
    if (resource?.Type !== 'AWS::S3::Bucket') {
      throw new Error(`${stack.stackName}/${logicalId} is not an AWS::S3::Bucket of the stack`);
    }
    const given = resource.Properties?.BucketName;
    return given === undefined
      ? physicalBucketName(stack.stackName, logicalId)
      : expectString(this.resolve(stack, given, `${stack.stackName}/${logicalId}.BucketName`), 'BucketName');
  }

  /** `value` with every intrinsic function resolved, as deployed; `where` names it in errors. */
  public resolve(stack: StackInput, value: unknown, where: string): unknown {
    if (Array.isArray(value)) {
      return value.map((item, i) => this.resolve(stack, item, `${where}[${i}]`)).filter(item => item !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
      return this.intrinsic(stack, entries[0][0], entries[0][1], `${where}.${entries[0][0]}`);
    }
    const resolved: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const result = this.resolve(stack, item, `${where}.${key}`);
      if (result !== NO_VALUE) {
        resolved[key] = result;
      }
    }
    return resolved;
  }

  private intrinsic(stack: StackInput, fn: string, arg: any, where: string): unknown {
    switch (fn) {
      case 'Ref':
        return this.ref(stack, expectString(arg, where), where);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = typeof arg === 'string' ? splitOnce(arg, '.') : arg as [string, string];
        return this.getAtt(stack, logicalId, expectString(this.resolve(stack, attribute, where), where), where);
      }
      case 'Fn::Join': {
        const [separator, items] = arg as [string, unknown];
        const list = this.resolve(stack, items, where);
        if (!Array.isArray(list)) {
          throw new Error(`${where}: Fn::Join of ${JSON.stringify(items)}, not a list`);
        }
        return list.map(item => expectString(item, where)).join(separator);
      }
      case 'Fn::Sub': {
        const [text, variables] = typeof arg === 'string' ? [arg, {}] : arg as [string, Record<string, unknown>];
        return this.sub(stack, text, variables ?? {}, where);
      }
      case 'Fn::Select': {
        const [index, items] = arg as [unknown, unknown];
        const list = this.resolve(stack, items, where);
        const i = Number(this.resolve(stack, index, where));
        if (!Array.isArray(list) || !(i >= 0 && i < list.length)) {
          throw new Error(`${where}: Fn::Select ${i} of ${JSON.stringify(list)}`);
        }
        return list[i];
      }
      case 'Fn::Split': {
        const [separator, text] = arg as [string, unknown];
        return expectString(this.resolve(stack, text, where), where).split(separator);
      }
      case 'Fn::ImportValue': {
        const exportName = expectString(this.resolve(stack, arg, where), where);
        const exported = this.exports.get(exportName);
        if (!exported) {
          throw new Error(`${where}: imports ${exportName}, which no stack of the app exports`);
        }
        this.expectDeployedBefore(exported.stack, stack, where);
        return this.resolve(exported.stack, exported.value, `${exported.stack.stackName}: export ${exportName}`);
      }
      case 'Fn::GetStackOutput': {
        // Weak cross-stack reference (aws-cdk-lib 2.2xx+): the output of another stack, read at deploy.
        const { StackName, OutputName, Region } = this.resolve(stack, arg, where) as Record<string, unknown>;
        const producer = this.stacksByName.get(expectString(StackName, where));
        const output = producer?.template.Outputs?.[expectString(OutputName, where)];
        if (!producer || !output) {
          throw new Error(`${where}: reads output ${String(OutputName)} of stack ${String(StackName)}, which the app does not define`);
        }
        if (Region !== undefined && Region !== this.regionOf(producer)) {
          throw new Error(`${where}: reads stack ${producer.stackName} in ${String(Region)}, but it deploys to ${this.regionOf(producer)}`);
        }
        this.expectDeployedBefore(producer, stack, where);
        return this.resolve(producer, output.Value, `${producer.stackName}/Outputs/${String(OutputName)}`);
      }
      default:
        throw new Error(`${where}: the replay cannot resolve ${fn} ${JSON.stringify(arg)}`);
    }
  }

  private ref(stack: StackInput, name: string, where: string): unknown {
    switch (name) {
      case 'AWS::Partition': return AWS_PARTITION;
      case 'AWS::Region': return this.regionOf(stack);
      case 'AWS::AccountId': return this.accountOf(stack);
      case 'AWS::URLSuffix': return AWS_URL_SUFFIX;
      case 'AWS::StackName': return stack.stackName;
      case 'AWS::NoValue': return NO_VALUE;
    }
    const resource = stack.template.Resources?.[name];
    if (resource?.Type === 'AWS::S3::Bucket') {
      return this.bucketName(stack, name);
    }
    throw new Error(`${where}: the replay cannot resolve a Ref to ${name} (${resource?.Type ?? 'not a resource of the stack'})`);
  }

  private getAtt(stack: StackInput, logicalId: string, attribute: string, where: string): string {
    const resource = stack.template.Resources?.[logicalId];
    if (resource?.Type === 'AWS::Logs::DeliverySource' && attribute === 'Arn') {
      // A CloudWatch Logs delivery source's ARN, as a bucket policy for vended logs names it in aws:SourceArn.
      const sourceName = expectString(this.resolve(stack, (resource.Properties as Record<string, unknown> | undefined)?.Name, where), where);
      return `arn:${AWS_PARTITION}:logs:${this.regionOf(stack)}:${this.accountOf(stack)}:delivery-source:${sourceName}`;
    }
    if (resource?.Type !== 'AWS::S3::Bucket') {
      throw new Error(`${where}: the replay cannot resolve Fn::GetAtt of ${logicalId} (${resource?.Type ?? 'not a resource of the stack'})`);
    }
    const name = this.bucketName(stack, logicalId);
    switch (attribute) {
      case 'Arn': return `arn:${AWS_PARTITION}:s3:::${name}`;
      case 'DomainName': return `${name}.s3.${AWS_URL_SUFFIX}`;
      case 'RegionalDomainName': return `${name}.s3.${this.regionOf(stack)}.${AWS_URL_SUFFIX}`;
      default: throw new Error(`${where}: the replay cannot resolve Fn::GetAtt ${logicalId}.${attribute}`);
    }
  }

  private sub(stack: StackInput, text: string, variables: Record<string, unknown>, where: string): string {
    return text.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
      if (name.startsWith('!')) {
        return `\${${name.slice(1)}}`;
      }
      if (name in variables) {
        return expectString(this.resolve(stack, variables[name], where), where);
      }
      const [logicalId, attribute] = splitOnce(name, '.');
      return attribute === undefined
        ? expectString(this.ref(stack, name, where), where)
        : this.getAtt(stack, logicalId, attribute, where);
    });
  }

  /** An import is only possible from a stack that deploys first. */
  private expectDeployedBefore(producer: StackInput, consumer: StackInput, where: string): void {
    const order = deploymentOrder([...this.stacksByName.values()]);
    if (order.indexOf(producer) > order.indexOf(consumer)) {
      throw new Error(`${where}: ${consumer.stackName} reads from ${producer.stackName}, which deploys after it`);
    }
  }
}

/** `Ref: AWS::NoValue`: the property is removed. */
const NO_VALUE = Symbol('AWS::NoValue');

function splitOnce(text: string, separator: string): [string, string] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, undefined as unknown as string] : [text.slice(0, i), text.slice(i + separator.length)];
}

function expectString(value: unknown, where: string): string {
  if (typeof value !== 'string') {
    throw new Error(`${where}: expected a string after resolving, got ${JSON.stringify(value)}`);
  }
  return value;
}
