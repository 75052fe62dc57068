import {
  CfnElement, DefaultTokenResolver, IPostProcessor, IResolvable, IResolveContext, Reference, StringConcat, Tokenization,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A value of a construct's L1 properties, resolved the way the checks read it: every reference to
 * a CloudFormation element (a resource, a parameter) is kept as the element it points at rather than
 * resolved, wherever the element is.
 *
 * That is what lets one model follow a destination through `Ref` in one stack, a cross-stack
 * reference (an export, or a weak `Fn::GetStackOutput`), a nested stack's parameters and outputs, at
 * any time: during aspects, before aws-cdk-lib turns cross-stack references into imports (a
 * reference across stacks cannot be resolved then), and at validation, after.
 */
export interface ResolvedValue {
  /** The value with each reference written as a placeholder (see `referencedElement`). */
  readonly value: unknown;
  /** The elements referenced, by placeholder number. */
  readonly elements: readonly CfnElement[];
}

const PLACEHOLDER = /^\u0000ref:(\d+)\u0000$/;

/** Resolve `value` in the context of `scope`, keeping the CloudFormation elements it references. */
export function resolveKeepingReferences(value: unknown, scope: IConstruct): ResolvedValue {
  const collector = new ReferenceCollector();
  const resolved = Tokenization.resolve(value, { scope, resolver: collector });
  return { value: resolved, elements: collector.elements };
}

/** The element a resolved value stands for when the whole value is one reference, else undefined. */
export function referencedElement(resolved: ResolvedValue, value: unknown = resolved.value): CfnElement | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = PLACEHOLDER.exec(value);
  return match ? resolved.elements[Number(match[1])] : undefined;
}

/** Every element a resolved value references, anywhere in it. */
export function referencedElements(resolved: ResolvedValue): readonly CfnElement[] {
  return resolved.elements;
}

/**
 * Resolves a value, recording the CloudFormation elements its references point at instead of
 * resolving them. References to anything else (the stack's own pseudo parameters) resolve as usual.
 */
class ReferenceCollector extends DefaultTokenResolver {
  public readonly elements: CfnElement[] = [];

  constructor() {
    super(new StringConcat());
  }

  public resolveToken(token: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): any {
    if (Reference.isReference(token) && CfnElement.isCfnElement(token.target)) {
      this.elements.push(token.target);
      return `\u0000ref:${this.elements.length - 1}\u0000`;
    }
    return super.resolveToken(token, context, postProcessor);
  }
}
