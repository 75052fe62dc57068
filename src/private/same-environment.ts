import { IResource, ResourceEnvironment, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Throw when `target` is in another known Region or account than the stack of `scope`.
 *
 * Values unknown at synth (an environment-agnostic stack) are not an error: a token is not a mismatch.
 *
 * @param scope the construct that wires the delivery (its stack is where the delivery is defined)
 * @param what what `target` is, for the message ("log group", "trail", "bucket")
 * @param target the resource (or construct, in its stack's environment) that must be in the same account and Region
 * @param rule the service's rule, for the message ("CloudWatch Logs delivers ... only to a log group")
 */
export function assertSameEnvironment(scope: IConstruct, what: string, target: IResource | IConstruct, rule: string): void {
  const stack = Stack.of(scope);
  const env = environmentOf(target);
  const pairs: Array<[string, string, string]> = [
    ['Region', stack.region, env.region],
    ['account', stack.account, env.account],
  ];
  for (const [dimension, own, theirs] of pairs) {
    if (knownAndDifferent(own, theirs)) {
      throw new Error(`${scope.node.path}: the ${what} ${target.node.path} must be in the ${dimension} of ${stack.node.path}, `
        + `got: ${theirs}, expected: ${own}. ${rule} in the same account and Region. Use a ${what} in ${own}.`);
    }
  }
}

/** A resource's own environment (an imported one may differ from its stack's), else its stack's. */
function environmentOf(target: IResource | IConstruct): ResourceEnvironment {
  const env = (target as Partial<IResource>).env;
  return env ?? { region: Stack.of(target).region, account: Stack.of(target).account };
}

/** Whether two environment values (an account, a Region) are both known at synth and differ: a token is never a mismatch. */
export function knownAndDifferent(a: string, b: string): boolean {
  return !Token.isUnresolved(a) && !Token.isUnresolved(b) && a !== b;
}
