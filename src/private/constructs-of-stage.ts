import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Every construct under `root`, in tree order, but those of nested stages: each stage is
 * synthesized (and checked, and enabled) on its own, and no reference can cross from one stage
 * into another.
 */
export function constructsOfStage(root: IConstruct): IConstruct[] {
  const found: IConstruct[] = [];
  const pending: IConstruct[] = [root];
  while (pending.length > 0) {
    const construct = pending.pop()!;
    found.push(construct);
    const children = construct.node.children.filter(child => !Stage.isStage(child));
    // Reversed onto the stack, so that constructs come out in tree order.
    for (let i = children.length - 1; i >= 0; i--) {
      pending.push(children[i]);
    }
  }
  return found;
}
