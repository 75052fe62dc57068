import {
  CfnElement, DefaultTokenResolver, Intrinsic, IPostProcessor, IResolvable, IResolveContext, Reference, StringConcat, Token, Tokenization,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ElementCollector, placeholder, ResolvedValue as GenericResolvedValue } from './resolved-value';

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
  return resolvePlainValue(value, targetsOfApp(scope)) ?? resolveTokens(value, scope);
}

/**
 * The common case without `Tokenization.resolve`, which costs most of a large app's model: plain
 * objects, arrays and literals, whose only tokens are strings that are each one reference to a
 * CloudFormation element (an L2's props give an L1 such values). Gives what `resolveTokens` gives
 * for them (undefined properties and items dropped); undefined for anything else.
 */
function resolvePlainValue(value: unknown, targets: Map<string, DecodedToken>): ResolvedValue | undefined {
  const collector = new ElementCollector<CfnElement>();
  const NOT_PLAIN = Symbol('not plain');
  const read = (item: unknown): unknown => {
    if (item === undefined || item === null || typeof item === 'boolean') {
      return item;
    }
    if (typeof item === 'number') {
      return Token.isUnresolved(item) ? NOT_PLAIN : item;
    }
    if (typeof item === 'string') {
      return Token.isUnresolved(item) ? referencePlaceholder(item) : item;
    }
    if (Array.isArray(item)) {
      const items = item.map(read);
      return items.includes(NOT_PLAIN) ? NOT_PLAIN : items.filter(entry => entry !== undefined);
    }
    if (typeof item !== 'object' || Object.getPrototypeOf(item) !== Object.prototype || Tokenization.isResolvable(item)) {
      return NOT_PLAIN;
    }
    const entries: [string, unknown][] = [];
    for (const [key, entry] of Object.entries(item)) {
      const resolved = read(entry);
      if (resolved === NOT_PLAIN) {
        return NOT_PLAIN;
      }
      if (resolved !== undefined) {
        entries.push([key, resolved]);
      }
    }
    return Object.fromEntries(entries);
  };
  const referencePlaceholder = (text: string): unknown => {
    const decoded = decodedTokenOf(text, targets);
    if (decoded instanceof CfnElement) {
      return collector.placeholderOf(decoded);
    }
    return decoded ? read(decoded.value) : NOT_PLAIN;
  };
  const resolved = read(value);
  return resolved === NOT_PLAIN ? undefined : { value: resolved, elements: collector.elements };
}

/**
 * What a token string stands for, when the checks can read it without resolving: one reference to a
 * CloudFormation element; or one plain `Intrinsic` (aws-cdk-lib >= 2.2xx gives an unnamed bucket's
 * `bucketName` as one, of `undefined`), whose value is read as it is. Null for anything else.
 */
type DecodedToken = CfnElement | { readonly value: unknown } | null;

/**
 * Decode a token string, remembered in `targets`, the app's (a destination's reference is the same
 * string in each of its sources' props, and decoding a token string is most of the cost of reading it).
 */
function decodedTokenOf(text: string, targets: Map<string, DecodedToken>): DecodedToken {
  let decoded = targets.get(text);
  if (decoded === undefined) {
    const fragments = Tokenization.reverseString(text);
    const token = fragments.length === 1 ? fragments.firstToken : undefined;
    if (token && Reference.isReference(token)) {
      decoded = CfnElement.isCfnElement(token.target) ? token.target : null;
    } else if (token && Object.getPrototypeOf(token) === Intrinsic.prototype) {
      // Exactly an Intrinsic (no subclass, which may resolve otherwise): it resolves to its value.
      decoded = { value: token.resolve(undefined as unknown as IResolveContext) };
    } else {
      decoded = null;
    }
    targets.set(text, decoded);
  }
  return decoded;
}

/** The token strings of an app decoded so far, by app (the root of the construct tree); dropped with the app. */
const TARGETS_BY_APP = new WeakMap<IConstruct, Map<string, DecodedToken>>();

function targetsOfApp(scope: IConstruct): Map<string, DecodedToken> {
  const root = scope.node.root;
  let targets = TARGETS_BY_APP.get(root);
  if (!targets) {
    targets = new Map();
    TARGETS_BY_APP.set(root, targets);
  }
  return targets;
}

function resolveTokens(value: unknown, scope: IConstruct): ResolvedValue {
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
