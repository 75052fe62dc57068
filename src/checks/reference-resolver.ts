import {
  CfnElement, DefaultTokenResolver, IPostProcessor, IResolvable, IResolveContext, Reference, StringConcat, Tokenization,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { placeholder, ResolvedValue as GenericResolvedValue } from './resolved-value';

export { referencedElement, referencedElements } from './resolved-value';

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
export type ResolvedValue = GenericResolvedValue<CfnElement>;

/** Resolve `value` in the context of `scope`, keeping the CloudFormation elements it references. */
export function resolveKeepingReferences(value: unknown, scope: IConstruct): ResolvedValue {
  const collector = new ReferenceCollector();
  const resolved = Tokenization.resolve(value, { scope, resolver: collector });
  return { value: resolved, elements: collector.elements };
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
      return placeholder(this.elements.length - 1);
    }
    return super.resolveToken(token, context, postProcessor);
  }
}
