import { ExpressionKeys, ResolvedValue } from './resolved-value';

/**
 * The conditions of an app, as the model reads them: a template that chooses by `Fn::If` deploys one
 * branch of each, decided by its conditions' values at deploy. The checks run once per combination
 * of the values that decide what they read (a branch), and a finding that holds in some branches only
 * is reported saying in which (`run-checks.ts`).
 *
 * A condition is decided by its definition (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`,
 * `Condition`) down to what only the deployment knows: an `Fn::Equals` of a parameter or an attribute
 * (two conditions over one parameter stay consistent), or a condition whose definition the front-end
 * does not know. Those are the free choices of a branch. An `Fn::Equals` of two literals (a parameter
 * given a value on the command line is one) is decided here.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
 */

/** Beyond this many branches, the others are not checked, and a warning says so (`run-checks.ts`). */
export const MAX_BRANCHES = 64;

/** One condition's value in a branch, as a message names it. */
export interface ConditionValue {
  /** The path of the stack whose `Conditions` define it. */
  readonly stackPath: string;
  readonly name: string;
  readonly value: boolean;
}

/**
 * One branch: a value for each free choice the model reads. A choice not yet decided is taken as
 * true when first read, and recorded (`takenAsTrue`), so that its false side is explored next.
 */
export class ConditionBranch {
  /** The free choices this branch took as true when they were first read, in that order. */
  public readonly takenAsTrue: string[] = [];
  private readonly choices: Map<string, boolean>;
  private readonly conditions = new Map<string, ConditionValue>();

  constructor(decided: ReadonlyMap<string, boolean> = new Map()) {
    this.choices = new Map(decided);
  }

  /** The free choices this branch decided (those it was given, and those it took as true). */
  public get decided(): ReadonlyMap<string, boolean> {
    return this.choices;
  }

  /** The conditions of `Fn::If`s that the model read in this branch, with their values. */
  public get conditionValues(): ConditionValue[] {
    return [...this.conditions.values()];
  }

  /** The value of a free choice in this branch. */
  public choose(key: string): boolean {
    let value = this.choices.get(key);
    if (value === undefined) {
      value = true;
      this.choices.set(key, value);
      this.takenAsTrue.push(key);
    }
    return value;
  }

  /** Record the value an `Fn::If` read for a condition. */
  public noteCondition(stackPath: string, name: string, value: boolean): void {
    this.conditions.set(`${stackPath}\u0000${name}`, { stackPath, name, value });
  }
}

/** A condition's definition, as a front-end knows it: resolved keeping references, or undefined when unknown. */
export type ConditionDefinitions<E> = (stackPath: string, name: string) => ResolvedValue<E> | undefined;

/** Conditions nested deeper than this (through `Condition`) are a cycle, which CloudFormation refuses: a free choice. */
const MAX_CONDITION_DEPTH = 16;

/**
 * Decides the conditions of an app in one branch: the value of a condition by its definition, its
 * free choices taken from the branch.
 */
export class ConditionEvaluator<E> {
  private readonly values = new Map<string, boolean>();
  private readonly keys = new ExpressionKeys<E>();

  constructor(
    private readonly branch: ConditionBranch,
    private readonly definitions: ConditionDefinitions<E>,
    /** Reads a resolved value into canonical form (`Fn::Join` of strings joined). */
    private readonly canonical: (value: unknown) => unknown,
  ) {}

  /** The value of the condition `name` of the stack at `stackPath` in this branch. */
  public valueOf(stackPath: string, name: string): boolean {
    const value = this.conditionValue(stackPath, name, 0);
    this.branch.noteCondition(stackPath, name, value);
    return value;
  }

  private conditionValue(stackPath: string, name: string, depth: number): boolean {
    const key = `${stackPath}\u0000${name}`;
    let value = this.values.get(key);
    if (value === undefined) {
      const definition = depth < MAX_CONDITION_DEPTH ? this.definitions(stackPath, name) : undefined;
      value = definition
        ? this.expressionValue(this.canonical(definition.value), definition, stackPath, depth)
        : this.branch.choose(`condition ${key}`);
      this.values.set(key, value);
    }
    return value;
  }

  private expressionValue(expression: unknown, definition: ResolvedValue<E>, stackPath: string, depth: number): boolean {
    if (typeof expression === 'boolean') {
      return expression;
    }
    const [fn, args] = soleEntry(expression) ?? [];
    const list = Array.isArray(args) ? args : [];
    const operand = (item: unknown) => this.expressionValue(item, definition, stackPath, depth);
    switch (fn) {
      case 'Fn::Equals':
        return list.length === 2 ? this.equalsValue(list[0], list[1], definition, stackPath) : this.freeChoice(expression, definition, stackPath);
      case 'Fn::Not':
        return !operand(list[0]);
      case 'Fn::And':
        return list.every(operand);
      case 'Fn::Or':
        return list.some(operand);
      case 'Condition':
        return typeof args === 'string' ? this.conditionValue(stackPath, args, depth + 1) : this.freeChoice(expression, definition, stackPath);
      default:
        return this.freeChoice(expression, definition, stackPath);
    }
  }

  /** Two literals compare here (CloudFormation compares their strings); anything else is the deployment's. */
  private equalsValue(left: unknown, right: unknown, definition: ResolvedValue<E>, stackPath: string): boolean {
    if (isLiteral(left) && isLiteral(right)) {
      return String(left) === String(right);
    }
    const [first, second] = [this.keys.keyOf(definition, left), this.keys.keyOf(definition, right)].sort();
    return this.branch.choose(`equals ${stackPath}\u0000${first}\u0000${second}`);
  }

  private freeChoice(expression: unknown, definition: ResolvedValue<E>, stackPath: string): boolean {
    return this.branch.choose(`expression ${stackPath}\u0000${this.keys.keyOf(definition, expression)}`);
  }
}

/** What `everyBranch` read: each branch with its result, and whether those are every branch. */
export interface EveryBranch<T> {
  readonly results: { readonly branch: ConditionBranch; readonly result: T }[];
  readonly complete: boolean;
}

/**
 * Every branch of an app's conditions that decides what `read` reads, each read once: the first
 * takes every free choice as true; each choice a branch took as true is then explored false, with
 * the choices taken before it kept. Returns what `read` returned in each branch, with the branch;
 * `complete` is false when more than `MAX_BRANCHES` were needed.
 */
export function everyBranch<T>(read: (branch: ConditionBranch) => T): EveryBranch<T> {
  const results: { branch: ConditionBranch; result: T }[] = [];
  const pending: ReadonlyMap<string, boolean>[] = [new Map()];
  while (pending.length > 0 && results.length < MAX_BRANCHES) {
    const branch = new ConditionBranch(pending.shift());
    results.push({ branch, result: read(branch) });
    const decided = new Map([...branch.decided].filter(([key]) => !branch.takenAsTrue.includes(key)));
    for (const key of branch.takenAsTrue) {
      pending.push(new Map([...decided, [key, false]]));
      decided.set(key, true);
    }
  }
  return { results, complete: pending.length === 0 };
}

function isLiteral(value: unknown): value is string | number | boolean {
  return (typeof value === 'string' && !value.includes('\u0000')) || typeof value === 'number' || typeof value === 'boolean';
}

function soleEntry(value: unknown): [string, unknown] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const keys = Object.keys(value);
  return keys.length === 1 ? [keys[0], (value as Record<string, unknown>)[keys[0]]] : undefined;
}
