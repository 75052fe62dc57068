import { Aws, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ConditionBranch, ConditionEvaluator, everyBranch, MAX_BRANCHES } from '../../src/checks/conditions';
import { canonicalValue } from '../../src/checks/model-builder';
import { ResolvedValue } from '../../src/checks/resolved-value';
import { CONDITIONS_NOT_EXPLORED } from '../../src/checks/rules/conditions-not-explored';
import { SELF_LOGGING } from '../../src/checks/rules/self-logging';
import { describeBranches } from '../../src/checks/run-checks';
import { checkedApp, errorLines, EU, LOG_DELIVERY_ACL, synthErrors, warningsWithId } from '../support/checks';

/** An evaluator over conditions written as template JSON, in one stack, without references. */
function evaluator(branch: ConditionBranch, conditions: Record<string, unknown>): ConditionEvaluator<never> {
  const definitions = (_: string, name: string): ResolvedValue<never> | undefined =>
    name in conditions ? { value: conditions[name], elements: [] } : undefined;
  return new ConditionEvaluator<never>(branch, definitions, value => canonicalValue(value));
}

describe('everyBranch', () => {
  test('reads once what reads no condition', () => {
    const { results, complete } = everyBranch(() => 'read');
    expect(results.map(r => r.result)).toEqual(['read']);
    expect(complete).toBe(true);
  });

  test('reads every combination of the choices read, and only those: a choice read only in one branch splits that branch', () => {
    const { results } = everyBranch(branch => branch.choose('a') ? `a, ${branch.choose('b') ? 'b' : 'not b'}` : 'not a');
    expect(results.map(r => r.result).sort()).toEqual(['a, b', 'a, not b', 'not a']);
  });

  test('stops past MAX_BRANCHES and says it is not complete', () => {
    const { results, complete } = everyBranch(branch => [...Array(8).keys()].map(i => branch.choose(`c${i}`)));
    expect(results).toHaveLength(MAX_BRANCHES);
    expect(complete).toBe(false);
    expect(new Set(results.map(r => JSON.stringify(r.result))).size).toBe(MAX_BRANCHES);
  });
});

describe('ConditionEvaluator', () => {
  const conditions = {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsNotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    AlwaysTrue: { 'Fn::Equals': ['a', 'a'] },
    NeverTrue: { 'Fn::And': [{ 'Fn::Equals': ['a', 'b'] }, { Condition: 'IsProd' }] },
    Either: { 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'Other' }, 'x'] }] },
  };

  test('decides an Fn::Equals of two literals, and keeps two conditions over one parameter consistent', () => {
    const values = everyBranch(branch => {
      const conditionsOf = evaluator(branch, conditions);
      return ['IsProd', 'IsNotProd', 'AlwaysTrue', 'NeverTrue'].map(name => conditionsOf.valueOf('S', name));
    }).results.map(r => r.result);
    expect(values).toEqual([[true, false, true, false], [false, true, true, false]]);
  });

  test('takes a condition whose definition it does not know as a free choice of its own', () => {
    const values = everyBranch(branch => evaluator(branch, {}).valueOf('S', 'Unknown')).results.map(r => r.result);
    expect(values).toEqual([true, false]);
  });

  test('records the conditions read in a branch, for messages', () => {
    const { results } = everyBranch(branch => evaluator(branch, conditions).valueOf('S', 'Either'));
    expect(results.map(r => r.branch.conditionValues)).toEqual([
      [{ stackPath: 'S', name: 'Either', value: true }],
      [{ stackPath: 'S', name: 'Either', value: true }],
      [{ stackPath: 'S', name: 'Either', value: false }],
    ]);
  });
});

describe('describeBranches', () => {
  const branches = everyBranch(branch => {
    branch.noteCondition('S', 'A', branch.choose('a'));
    branch.noteCondition('S', 'B', branch.choose('b'));
  }).results.map(r => r.branch);
  const named = (a: boolean, b: boolean) => branches.find(branch => branch.decided.get('a') === a && branch.decided.get('b') === b)!;

  test('names the values the branches share when those pick them out', () => {
    expect(describeBranches([named(false, true), named(false, false)], branches, 'S')).toBe('condition A is false');
  });

  test('else names each branch', () => {
    expect(describeBranches([named(true, true), named(false, false)], branches, 'S'))
      .toBe('condition A is true and condition B is true, or when condition A is false and condition B is false');
  });

  test('names the stack of a condition of another stack', () => {
    expect(describeBranches([named(false, true), named(false, false)], branches, 'Other')).toBe('condition A of S is false');
  });
});

describe('the synth-time checks read Fn::If in a construct tree', () => {
  function conditional() {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const wanted = new CfnParameter(stack, 'WantLogs', { allowedValues: ['yes', 'no'] });
    const condition = new CfnCondition(stack, 'HasLogs', { expression: Fn.conditionEquals(wanted.valueAsString, 'yes') });
    return { app, stack, condition };
  }

  test('a LoggingConfiguration that is AWS::NoValue in one branch is no logging there, not a bucket logging into itself', () => {
    const { app, stack, condition } = conditional();
    const logs = new s3.CfnBucket(stack, 'Logs', { ...LOG_DELIVERY_ACL });
    new s3.CfnBucket(stack, 'Source', {
      loggingConfiguration: Fn.conditionIf(condition.logicalId, { DestinationBucketName: logs.ref }, Aws.NO_VALUE),
    });

    expect(synthErrors(app)).toBe('');
    expect(warningsWithId(stack, SELF_LOGGING)).toEqual([]);
  });

  test('a DestinationBucketName that is AWS::NoValue in one branch logs into itself there: a warning naming the condition', () => {
    const { app, stack, condition } = conditional();
    const logs = new s3.CfnBucket(stack, 'Logs', { ...LOG_DELIVERY_ACL });
    new s3.CfnBucket(stack, 'Source', {
      loggingConfiguration: { destinationBucketName: Fn.conditionIf(condition.logicalId, logs.ref, Aws.NO_VALUE).toString() },
    });

    expect(synthErrors(app)).toBe('');
    expect(warningsWithId(stack, SELF_LOGGING)).toEqual([
      expect.stringMatching(/^Only when condition HasLogs is false: Stack\/Source logs into itself/),
    ]);
  });

  test('an error of every branch stays an error', () => {
    const { app, stack, condition } = conditional();
    new s3.CfnBucket(stack, 'Source', {
      loggingConfiguration: { logFilePrefix: Fn.conditionIf(condition.logicalId, 'a/', 'b/').toString() },
    });

    expect(errorLines(app, SELF_LOGGING)).toHaveLength(1);
  });

  test('past 64 branches, says which are not checked', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new s3.CfnBucket(stack, 'Logs', { ...LOG_DELIVERY_ACL });
    for (let i = 0; i < 7; i++) {
      new s3.CfnBucket(stack, `Source${i}`, {
        loggingConfiguration: { destinationBucketName: Fn.conditionIf(`Unknown${i}`, logs.ref, 'elsewhere').toString(), logFilePrefix: `${i}/` },
      });
    }

    expect(synthErrors(app)).toBe('');
    expect(warningsWithId(stack, CONDITIONS_NOT_EXPLORED)).toEqual([expect.stringContaining('in more than 64 ways')]);
  });
});
