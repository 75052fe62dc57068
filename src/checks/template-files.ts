import { Aws } from 'aws-cdk-lib';
import { ConditionBranch } from './conditions';
import { LoggingModel } from './model';
import {
  BucketInput, BucketPolicyInput, BucketProperty, buildModel, DeliveryDestinationInput, DeliveryInput, DeliverySourceInput, ExportInput, KeyInput,
  TrailInput,
} from './model-builder';
import { ElementCollector, ResolvedValue } from './resolved-value';

/**
 * The template-file front-end of the model: CloudFormation templates (or SAM, or a cloud assembly's),
 * parsed, their values resolved keeping references, handed to the model builder (`model-builder.ts`),
 * which decides what they mean, as it does for the construct tree (`build-model.ts`).
 *
 * Resolving here does what CloudFormation (and aws-cdk-lib, for the construct tree) does before any
 * meaning is read, and no more:
 *
 * - `Ref` and `Fn::GetAtt` of a resource of the same template become handles to that resource;
 * - `Ref` of a parameter is the value given for it, else stays `{ "Ref": ... }` (a deploy-time value);
 *   in a nested stack it is the value its parent passes, resolved in the parent;
 * - `Fn::GetAtt` of a nested stack's `Outputs.<name>` is that output's value, resolved in the nested stack,
 *   and `Fn::GetStackOutput` (a weak cross-stack reference) the output of the stack it names;
 * - `Ref` of `AWS::Region` and `AWS::AccountId` is the stack's Region and account where they are known,
 *   and `AWS::StackName` its name where the loader knows the deployed name;
 * - everything else (`Fn::Join`, `Fn::If`, `Fn::Sub`, `Fn::ImportValue`, `Fn::Select`, ...) stays as
 *   written, with its arguments resolved: what those mean is for the model builder to decide
 *   (`canonicalValue` joins an `Fn::Join` of strings, for both front-ends).
 *
 * `AWS::Serverless::*` resources are no buckets and are left alone; a SAM `Transform` changes none of
 * the resources read here.
 */

/** One template of the app, as a loader hands it over. */
export interface TemplateStack {
  /** How findings name its stack: a cloud assembly stack's name, a template file's base name. */
  readonly name: string;
  /** The file it was read from, as findings name it. */
  readonly file: string;
  /** The parsed template. */
  readonly template: unknown;
  /** The stack's account, when known. */
  readonly account?: string;
  /** The stack's Region, when known. */
  readonly region?: string;
  /** Whether `name` is the name the stack deploys with (a cloud assembly's), so that `AWS::StackName` is known. */
  readonly nameIsDeployed?: boolean;
  /** The line of each resource in `file`, by logical id, where the loader knows it. */
  readonly resourceLines?: ReadonlyMap<string, number>;
  /** The construct path of each resource, by logical id, where the loader knows it (else each resource's `aws:cdk:path` metadata). */
  readonly constructPaths?: ReadonlyMap<string, string>;
  /** Values of parameters, by name (from `--parameters`); any other parameter is a deploy-time value. */
  readonly parameterValues?: Readonly<Record<string, string>>;
  /** The templates of its nested stacks, by the logical id of their `AWS::CloudFormation::Stack`, where the loader found them. */
  readonly nestedStacks?: ReadonlyMap<string, TemplateStack>;
}

/** Where an element of a template is: the `scope` of the elements of a template model, for findings. */
export interface TemplateLocation {
  /** The stack's name (a nested stack's is `<parent>/<logical id>`). */
  readonly stack: string;
  readonly logicalId: string;
  /** The construct path, when the template has `aws:cdk:path` metadata (or the cloud assembly's manifest names it). */
  readonly constructPath?: string;
  readonly file: string;
  /** The line of the resource in `file`, when the loader knows it. */
  readonly line?: number;
}

/** What resolving a value in a template yields: the value, with handles to resources. */
export type TemplateValue = ResolvedValue<TemplateResource>;

/**
 * Build the logging model of the app that `stacks` make up, with their nested stacks: one model,
 * so that a destination is followed across templates (`Fn::ImportValue` of an export, a literal name).
 */
export function buildTemplateModel(stacks: readonly TemplateStack[], branch?: ConditionBranch): LoggingModel {
  const contexts: StackContext[] = [];
  const byPath = new Map<string, StackContext>();
  const byName = new Map<string, StackContext>();
  for (const stack of stacks) {
    const context = new StackContext(stack, stack.name, byName);
    byName.set(stack.name, context);
    contexts.push(context, ...context.descendants());
  }
  contexts.forEach(context => byPath.set(context.stackPath, context));

  const buckets: BucketInput<TemplateResource>[] = [];
  const policies: BucketPolicyInput<TemplateResource>[] = [];
  const exports: ExportInput<TemplateResource>[] = [];
  const trails: TrailInput<TemplateResource>[] = [];
  const keys: KeyInput<TemplateResource>[] = [];
  const deliverySources: DeliverySourceInput<TemplateResource>[] = [];
  const deliveryDestinations: DeliveryDestinationInput<TemplateResource>[] = [];
  const deliveries: DeliveryInput<TemplateResource>[] = [];
  for (const context of contexts) {
    for (const [logicalId, resource] of Object.entries(context.resources)) {
      switch (resource.Type) {
        case 'AWS::S3::Bucket':
          buckets.push(bucketInput(context, logicalId, resource));
          break;
        case 'AWS::S3::BucketPolicy':
          policies.push({
            stackPath: context.stackPath,
            bucket: context.resolve(propertyOf(resource, 'Bucket')),
            document: () => context.intrinsicForm(propertyOf(resource, 'PolicyDocument')),
          });
          break;
        case 'AWS::KMS::Key':
          keys.push({
            element: context.element(logicalId),
            stackPath: context.stackPath,
            policy: () => context.intrinsicForm(propertyOf(resource, 'KeyPolicy')),
          });
          break;
        case 'AWS::Logs::DeliverySource':
          deliverySources.push({
            ...context.placed(logicalId),
            element: context.element(logicalId),
            name: context.resolve(propertyOf(resource, 'Name')),
            resourceArn: context.resolve(propertyOf(resource, 'ResourceArn')),
            logType: context.resolve(propertyOf(resource, 'LogType')),
          });
          break;
        case 'AWS::Logs::DeliveryDestination':
          deliveryDestinations.push({
            ...context.placed(logicalId),
            element: context.element(logicalId),
            name: context.resolve(propertyOf(resource, 'Name')),
            destinationResourceArn: context.resolve(propertyOf(resource, 'DestinationResourceArn')),
          });
          break;
        case 'AWS::Logs::Delivery':
          deliveries.push({
            ...context.placed(logicalId),
            deliverySourceName: context.resolve(propertyOf(resource, 'DeliverySourceName')),
            deliveryDestinationArn: context.resolve(propertyOf(resource, 'DeliveryDestinationArn')),
          });
          break;
        case 'AWS::CloudTrail::Trail':
          trails.push({
            ...context.place(logicalId),
            bucketName: context.resolve(propertyOf(resource, 'S3BucketName')),
            selectors: context.resolve({
              AdvancedEventSelectors: propertyOf(resource, 'AdvancedEventSelectors'),
              EventSelectors: propertyOf(resource, 'EventSelectors'),
            }),
          });
          break;
      }
    }
    for (const output of Object.values(context.outputs)) {
      const exportName = asRecord(output)?.Export;
      if (exportName !== undefined) {
        exports.push({ name: context.resolve(asRecord(exportName)?.Name).value, value: context.resolve(asRecord(output)?.Value) });
      }
    }
  }

  const model = buildModel<TemplateResource>({
    buckets,
    policies,
    exports,
    externalBuckets: [],
    trails,
    keys,
    deliverySources,
    deliveryDestinations,
    deliveries,
    describeElement: element => {
      const context = byPath.get(element.stackPath);
      const type = context?.resources[element.logicalId]?.Type;
      return context ? { type: typeof type === 'string' ? type : undefined, region: context.region } : undefined;
    },
    logicalIdOf: element => element.logicalId,
    conditionDefinitions: (stackPath, name) => byPath.get(stackPath)?.condition(name),
  }, branch);
  return { buckets: model.buckets, trails: model.trails, deliverySources: model.deliverySources, vendedDeliveries: model.vendedDeliveries };
}

/** A resource of a template: what a reference to it resolves to. One object per resource, so that handles compare. */
export class TemplateResource {
  constructor(public readonly stackPath: string, public readonly logicalId: string) {}
}

/** The bucket properties the model builder reads, by their names in a template. */
const PROPERTY_NAMES: Record<BucketProperty, string> = {
  bucketName: 'BucketName',
  loggingConfiguration: 'LoggingConfiguration',
  bucketEncryption: 'BucketEncryption',
  objectLockEnabled: 'ObjectLockEnabled',
  objectLockConfiguration: 'ObjectLockConfiguration',
  accessControl: 'AccessControl',
  ownershipControls: 'OwnershipControls',
};

function bucketInput(context: StackContext, logicalId: string, resource: TemplateResourceValue): BucketInput<TemplateResource> {
  return {
    ...context.place(logicalId),
    element: context.element(logicalId),
    logicalId,
    account: context.account,
    region: context.region,
    receivesTrailLogs: false,
    property: name => context.resolve(propertyOf(resource, PROPERTY_NAMES[name])),
  };
}

type TemplateResourceValue = { Type?: unknown; Properties?: unknown; Metadata?: unknown };

/** Nested references deeper than this are a cycle of nested stacks, or no template anyone deploys: they stay as written. */
const MAX_DEPTH = 32;

/** One stack of the app (a template, or a nested stack's), and how values are resolved in it. */
class StackContext {
  public readonly resources: Record<string, TemplateResourceValue>;
  public readonly outputs: Record<string, unknown>;
  private readonly conditions: Record<string, unknown>;
  public readonly account: string;
  public readonly region: string;
  /** The stack's account and Region where known: its own, else its parent's (a nested stack's, at any depth, is its top-level stack's). */
  private readonly knownAccount?: string;
  /** Its Region, when known (its own, or its parent's for a nested stack). */
  public readonly knownRegion?: string;
  private readonly parameters: Record<string, unknown>;
  private readonly elements = new Map<string, TemplateResource>();
  private readonly children = new Map<string, StackContext>();

  constructor(
    private readonly source: TemplateStack,
    /** The stack's name in findings, and its path in the model: `<parent>/<logical id>` for a nested stack. */
    public readonly stackPath: string,
    /** The top-level stacks of the app by name, for `Fn::GetStackOutput`. */
    private readonly stacksByName: ReadonlyMap<string, StackContext>,
    /** For a nested stack, its parent and the logical id of its `AWS::CloudFormation::Stack` there. */
    private readonly parent?: { readonly context: StackContext; readonly logicalId: string },
  ) {
    const template = asRecord(source.template) ?? {};
    this.resources = (asRecord(template.Resources) ?? {}) as Record<string, TemplateResourceValue>;
    this.outputs = asRecord(template.Outputs) ?? {};
    this.parameters = asRecord(template.Parameters) ?? {};
    this.conditions = asRecord(template.Conditions) ?? {};
    this.knownAccount = source.account ?? parent?.context.knownAccount;
    this.knownRegion = source.region ?? parent?.context.knownRegion;
    // Unknown is a token, as for an environment-agnostic stack of the construct tree: the rules treat both alike.
    this.account = this.knownAccount ?? Aws.ACCOUNT_ID;
    this.region = this.knownRegion ?? Aws.REGION;
    for (const [logicalId, nested] of source.nestedStacks ?? []) {
      this.children.set(logicalId, new StackContext(nested, `${stackPath}/${logicalId}`, stacksByName, { context: this, logicalId }));
    }
  }

  /** Its nested stacks, and theirs, in template order. */
  public descendants(): StackContext[] {
    return [...this.children.values()].flatMap(child => [child, ...child.descendants()]);
  }

  /** The definition of one of its conditions, resolved; undefined when the template has none of that name. */
  public condition(name: string): TemplateValue | undefined {
    return name in this.conditions ? this.resolve(this.conditions[name]) : undefined;
  }

  /** The handle of one of its resources. */
  public element(logicalId: string): TemplateResource {
    let element = this.elements.get(logicalId);
    if (!element) {
      element = new TemplateResource(this.stackPath, logicalId);
      this.elements.set(logicalId, element);
    }
    return element;
  }

  /** Where one of its resources is, for findings and messages. */
  public place(logicalId: string): { scope: TemplateLocation; path: string; stackPath: string } {
    const constructPath = this.constructPathOf(logicalId);
    const location: TemplateLocation = {
      stack: this.stackPath,
      logicalId,
      constructPath,
      file: this.source.file,
      line: this.source.resourceLines?.get(logicalId),
    };
    return { scope: location, path: constructPath ?? `${this.stackPath}/${logicalId}`, stackPath: this.stackPath };
  }

  /** Where one of its resources is, with the stack's environment. */
  public placed(logicalId: string): { scope: TemplateLocation; path: string; stackPath: string; account: string; region: string } {
    return { ...this.place(logicalId), account: this.account, region: this.region };
  }

  /** A value of this template, resolved keeping references to resources. */
  public resolve(value: unknown): TemplateValue {
    const collector = new ElementCollector<TemplateResource>();
    return { value: this.resolveValue(value, collector, 0), elements: collector.elements, acrossEnvironments: collector.acrossEnvironments };
  }

  /**
   * A value in CloudFormation's own form, as the policy rules read a policy document: references to
   * resources stay `Ref` and `Fn::GetAtt`; a parameter with a value, and a pseudo parameter known here, is that value.
   */
  public intrinsicForm(value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map(item => this.intrinsicForm(item));
    }
    const record = asRecord(value);
    if (!record) {
      return value;
    }
    const [key, argument] = soleEntry(record) ?? [];
    if (key === 'Ref' && typeof argument === 'string' && !(argument in this.resources)) {
      return this.knownParameterOrPseudo(argument) ?? value;
    }
    return Object.fromEntries(Object.entries(record).map(([name, item]) => [name, this.intrinsicForm(item)]));
  }

  private resolveValue(value: unknown, collector: ElementCollector<TemplateResource>, depth: number): unknown {
    if (Array.isArray(value)) {
      return value.map(item => this.resolveValue(item, collector, depth));
    }
    const record = asRecord(value);
    if (!record) {
      return value;
    }
    const [key, argument] = soleEntry(record) ?? [];
    switch (key) {
      case 'Ref':
        return typeof argument === 'string' ? this.resolveRef(argument, value, collector, depth) : value;
      case 'Fn::GetAtt':
        return this.resolveGetAtt(getAttArguments(argument), value, collector, depth);
      case 'Fn::GetStackOutput':
        return this.resolveStackOutput(argument, value, collector, depth);
    }
    return Object.fromEntries(Object.entries(record).map(([name, item]) => [name, this.resolveValue(item, collector, depth)]));
  }

  private resolveRef(name: string, value: unknown, collector: ElementCollector<TemplateResource>, depth: number): unknown {
    if (name in this.resources) {
      return collector.placeholderOf(this.element(name));
    }
    if (name in this.parameters && this.parent && depth < MAX_DEPTH) {
      const passed = asRecord(propertyOf(this.parent.context.resources[this.parent.logicalId], 'Parameters'));
      if (passed && name in passed) {
        return this.parent.context.resolveValue(passed[name], collector, depth + 1);
      }
    }
    return this.knownParameterOrPseudo(name) ?? value;
  }

  /** The value of a parameter given on the command line, or of a pseudo parameter known for this stack. */
  private knownParameterOrPseudo(name: string): string | undefined {
    if (name in this.parameters) {
      return this.source.parameterValues?.[name];
    }
    switch (name) {
      case 'AWS::Region': return this.knownRegion;
      case 'AWS::AccountId': return this.knownAccount;
      case 'AWS::StackName': return this.source.nameIsDeployed && !this.parent ? this.source.name : undefined;
      default: return undefined;
    }
  }

  private resolveGetAtt(args: [string, string] | undefined, value: unknown, collector: ElementCollector<TemplateResource>, depth: number): unknown {
    if (!args || !(args[0] in this.resources)) {
      return value;
    }
    const [logicalId, attribute] = args;
    const child = this.children.get(logicalId);
    if (child && attribute.startsWith('Outputs.') && depth < MAX_DEPTH) {
      const output = asRecord(child.outputs[attribute.slice('Outputs.'.length)]);
      return output ? child.resolveValue(output.Value, collector, depth + 1) : value;
    }
    return collector.placeholderOf(this.element(logicalId));
  }

  /** A weak cross-stack reference: the output of a stack of the app, resolved in that stack. */
  /**
   * `Fn::GetStackOutput`: the output of the stack of the app it names, in the Region it gives (by
   * default the referencing stack's). Given another Region than the referencing stack's own, or a
   * `RoleArn`, it may reach another Region or account, so what it reaches is marked as reached across
   * environments.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getstackoutput.html
   */
  private resolveStackOutput(argument: unknown, value: unknown, collector: ElementCollector<TemplateResource>, depth: number): unknown {
    const args = asRecord(argument);
    const stack = typeof args?.StackName === 'string' ? this.stacksByName.get(args.StackName) : undefined;
    const output = stack && typeof args?.OutputName === 'string' ? asRecord(stack.outputs[args.OutputName]) : undefined;
    if (!output || depth >= MAX_DEPTH) {
      return value;
    }
    const region = args!.Region === undefined ? undefined : this.resolveValue(args!.Region, collector, depth + 1);
    if (typeof region === 'string' && stack!.knownRegion !== undefined && region !== stack!.knownRegion) {
      // The stack of that name in another Region: not the app's.
      return value;
    }
    const resolved = stack!.resolveValue(output.Value, collector, depth + 1);
    if (args!.RoleArn !== undefined || (region !== undefined && !this.isOwnRegion(region))) {
      collector.markAcrossEnvironments(resolved);
    }
    return resolved;
  }

  /** Whether a resolved Region is this stack's own: its `AWS::Region` (aws-cdk-lib's weak references name it), or its known Region. */
  private isOwnRegion(region: unknown): boolean {
    const ref = asRecord(region)?.Ref;
    return ref === 'AWS::Region' || (this.knownRegion !== undefined && region === this.knownRegion);
  }

  private constructPathOf(logicalId: string): string | undefined {
    const path = this.source.constructPaths?.get(logicalId) ?? asRecord(this.resources[logicalId]?.Metadata)?.['aws:cdk:path'];
    // The L2 a user knows when the L1 is its default child, as the construct tree's model names it.
    return typeof path === 'string' ? path.replace(/\/(Resource|Default)$/, '') : undefined;
  }
}

/** `Fn::GetAtt`'s arguments, from its array form or its `Resource.Attribute` string form (`!GetAtt Nested.Outputs.Name` splits once). */
function getAttArguments(argument: unknown): [string, string] | undefined {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    return dot > 0 ? [argument.slice(0, dot), argument.slice(dot + 1)] : undefined;
  }
  if (Array.isArray(argument) && argument.length === 2 && typeof argument[0] === 'string' && typeof argument[1] === 'string') {
    return [argument[0], argument[1]];
  }
  return undefined;
}

function propertyOf(resource: TemplateResourceValue | undefined, name: string): unknown {
  return asRecord(resource?.Properties)?.[name];
}

function soleEntry(record: Record<string, unknown>): [string, unknown] | undefined {
  const keys = Object.keys(record);
  return keys.length === 1 ? [keys[0], record[keys[0]]] : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}
