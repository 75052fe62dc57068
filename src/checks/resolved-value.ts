/**
 * A value of a template, resolved the way the model builder reads it: CloudFormation-shaped JSON in
 * which each reference to another element of the app (a resource, a parameter) is kept as a handle to
 * that element, rather than resolved.
 *
 * A reference is written in the value as a placeholder string, `\u0000ref:<n>\u0000`, where `n` is
 * the element's index in `elements`; a placeholder may stand alone (the whole value is one reference)
 * or be part of a longer string (an ARN made of a bucket's ARN and `/*`). Each front-end has elements
 * of its own: the construct tree's are `CfnElement`s (`reference-resolver.ts`), the template files'
 * are the resources of the templates (`template-files.ts`). The model builder (`model-builder.ts`)
 * only compares them.
 */
export interface ResolvedValue<E = unknown> {
  /** The value with each reference written as a placeholder (see `referencedElement`). */
  readonly value: unknown;
  /** The elements referenced, by placeholder number. */
  readonly elements: readonly E[];
  /**
   * The elements reached through a reference that does not keep both ends in one account and Region:
   * a weak cross-stack reference (`Fn::GetStackOutput`) given a `Region` or a `RoleArn`.
   */
  readonly acrossEnvironments?: ReadonlySet<E>;
}

/** The character that opens and closes a placeholder; no template string holds it. */
export const PLACEHOLDER_MARK = '\u0000';

const PLACEHOLDER = /^\u0000ref:(\d+)\u0000$/;
/** Every placeholder of a string. */
const PLACEHOLDERS = /\u0000ref:(\d+)\u0000/g;

/** The placeholder of the `index`th element of a resolved value. */
export function placeholder(index: number): string {
  return `${PLACEHOLDER_MARK}ref:${index}${PLACEHOLDER_MARK}`;
}

/** Whether a string holds a placeholder: it is, or is made with, a reference. */
export function holdsReference(text: string): boolean {
  return text.includes(PLACEHOLDER_MARK);
}

/** The element a resolved value stands for when the whole value is one reference, else undefined. */
export function referencedElement<E>(resolved: ResolvedValue<E>, value: unknown = resolved.value): E | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = PLACEHOLDER.exec(value);
  return match ? resolved.elements[Number(match[1])] : undefined;
}

/** Every element a resolved value references, anywhere in it. */
export function referencedElements<E>(resolved: ResolvedValue<E>): readonly E[] {
  return resolved.elements;
}

/**
 * Keys for resolved values that are equal for the same expression over the same elements, whichever
 * value each was resolved in (a placeholder's number is only its index in its own value): to compare
 * the expressions of two values, e.g. a `DestinationBucketName` with a `BucketName`.
 */
export class ExpressionKeys<E> {
  private readonly ids = new Map<E, number>();

  /** The key of `value` (by default the whole value), whose placeholders are those of `resolved`. */
  public keyOf(resolved: ResolvedValue<E>, value: unknown = resolved.value): string {
    return JSON.stringify(value, (_, item) => typeof item === 'string' && holdsReference(item)
      ? item.replace(PLACEHOLDERS, (_match, index) => `${PLACEHOLDER_MARK}#${this.idOf(resolved.elements[Number(index)])}${PLACEHOLDER_MARK}`)
      : item);
  }

  private idOf(element: E): number {
    let id = this.ids.get(element);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(element, id);
    }
    return id;
  }
}

/**
 * Collects the elements of one resolved value as a front-end resolves it: each reference met is given
 * the placeholder of its element (the same element, the same placeholder).
 */
export class ElementCollector<E> {
  public readonly elements: E[] = [];
  /** See `ResolvedValue.acrossEnvironments`. */
  public readonly acrossEnvironments = new Set<E>();
  private readonly indexes = new Map<E, number>();

  /** Record that each element referenced in `value` (a value this collector resolved) was reached across environments. */
  public markAcrossEnvironments(value: unknown): void {
    const visit = (item: unknown): void => {
      if (typeof item === 'string') {
        for (const match of item.matchAll(PLACEHOLDERS)) {
          this.acrossEnvironments.add(this.elements[Number(match[1])]);
        }
      } else if (Array.isArray(item)) {
        item.forEach(visit);
      } else if (typeof item === 'object' && item !== null) {
        Object.values(item).forEach(visit);
      }
    };
    visit(value);
  }

  /** The placeholder that stands for `element` in the value being resolved. */
  public placeholderOf(element: E): string {
    let index = this.indexes.get(element);
    if (index === undefined) {
      index = this.elements.length;
      this.elements.push(element);
      this.indexes.set(element, index);
    }
    return placeholder(index);
  }
}
