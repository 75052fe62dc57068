import { Annotations, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket } from '../../../src';
import { DELIVERY_GRANT_WIDENED } from '../../../src/checks/rules/delivery-grant-widened';
import { NAMED_SOURCE_BUDGET, PREFIX_STATEMENT_BUDGET } from '../../../src/delivery/log-delivery-grant';
import { checkedApp, EU, expectNoFinding, lit, synthErrors, warningsWithId } from '../../support/checks';

/** The `aws:SourceArn` values of every delivery statement in the stack's bucket policies. */
function sourceArnConditions(stack: Stack): unknown[] {
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::S3::BucketPolicy'));
  const statements = policies.flatMap(policy => (policy as any).Properties.PolicyDocument.Statement as any[]);
  return statements
    .filter(statement => statement.Principal?.Service === 'logging.s3.amazonaws.com')
    .map(statement => statement.Condition.ArnLike['aws:SourceArn']);
}

const ANY_BUCKET = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] };

describe('checkDeliveryGrantWidened', () => {
  test('names same-stack sources and does not warn', () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new AccessLogsBucket(stack, 'Logs');
    new AccessLoggedBucket(stack, 'A', { destinationBucket: logs });
    new AccessLoggedBucket(stack, 'B', { destinationBucket: logs });

    expect(sourceArnConditions(stack)).toEqual([[
      { 'Fn::GetAtt': [expect.stringMatching(/^ABucket/), 'Arn'] },
      { 'Fn::GetAtt': [expect.stringMatching(/^BBucket/), 'Arn'] },
    ]]);
    expectNoFinding(app, [stack], DELIVERY_GRANT_WIDENED);
  });

  test('names a source of another stack that has a literal name, and does not warn', () => {
    const app = checkedApp();
    const logStack = new Stack(app, 'Logs', { env: EU });
    const logs = new AccessLogsBucket(logStack, 'Logs');
    const appStack = new Stack(app, 'App', { env: EU });
    new s3.Bucket(appStack, 'Named', { bucketName: 'named-source', serverAccessLogsBucket: logs });

    expect(sourceArnConditions(logStack)).toEqual([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::named-source']] }]);
    expectNoFinding(app, [logStack, appStack], DELIVERY_GRANT_WIDENED);
  });

  test('widens for a source in another stack with a generated name, and says which one and why', () => {
    const app = checkedApp();
    const logStack = new Stack(app, 'Logs', { env: EU });
    const logs = new AccessLogsBucket(logStack, 'Logs');
    const appStack = new Stack(app, 'App', { env: EU });
    new s3.Bucket(appStack, 'Generated', { serverAccessLogsBucket: logs });

    expect(synthErrors(app)).toBe('');
    expect(sourceArnConditions(logStack)).toEqual([ANY_BUCKET]);
    expect(warningsWithId(logStack, DELIVERY_GRANT_WIDENED)).toEqual([expect.stringMatching(new RegExp(
      `^${lit('Logs/Logs: its bucket policy lets the logging service deliver the server access logs of any bucket in account 111111111111 ')}`
      + `.*${lit('because App/Generated is in another stack with a generated name')}.*${lit('give them literal names (bucketName)')}`,
    ))]);
  });

  test('the warning can be acknowledged on the destination\'s stack, as the README says', () => {
    const app = checkedApp();
    const logStack = new Stack(app, 'Logs', { env: EU });
    const logs = new AccessLogsBucket(logStack, 'Logs');
    new s3.Bucket(new Stack(app, 'App', { env: EU }), 'Generated', { serverAccessLogsBucket: logs });
    Annotations.of(logStack).acknowledgeWarning(DELIVERY_GRANT_WIDENED, 'the account\'s buckets share this destination');

    expect(synthErrors(app)).toBe('');
    expect(warningsWithId(logStack, DELIVERY_GRANT_WIDENED)).toEqual([]);
  });

  test(`widens past ${NAMED_SOURCE_BUDGET} named sources, keeping aws:SourceAccount`, () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new AccessLogsBucket(stack, 'Logs');
    for (let i = 0; i <= NAMED_SOURCE_BUDGET; i++) {
      new s3.Bucket(stack, `Source${i}`, { serverAccessLogsBucket: logs });
    }

    expect(synthErrors(app)).toBe('');
    expect(sourceArnConditions(stack)).toEqual([ANY_BUCKET]);
    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '111111111111' } }) })]) },
    });
    expect(warningsWithId(stack, DELIVERY_GRANT_WIDENED)).toEqual([expect.stringContaining(
      `because it receives the logs of ${NAMED_SOURCE_BUDGET + 1} sources, and naming more than ${NAMED_SOURCE_BUDGET}`,
    )]);
  });

  test(`names exactly ${NAMED_SOURCE_BUDGET} sources`, () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new AccessLogsBucket(stack, 'Logs');
    for (let i = 0; i < NAMED_SOURCE_BUDGET; i++) {
      new s3.Bucket(stack, `Source${i}`, { serverAccessLogsBucket: logs });
    }

    expect((sourceArnConditions(stack)[0] as unknown[]).length).toBe(NAMED_SOURCE_BUDGET);
    expectNoFinding(app, [stack], DELIVERY_GRANT_WIDENED);
  });

  test(`says "prefixes folded" past ${PREFIX_STATEMENT_BUDGET} prefixes, with the common prefix, when every source is named`, () => {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack', { env: EU });
    const logs = new AccessLogsBucket(stack, 'Logs');
    for (let i = 0; i < PREFIX_STATEMENT_BUDGET + 2; i++) {
      new s3.Bucket(stack, `Source${i}`, { serverAccessLogsBucket: logs, serverAccessLogsPrefix: `team/source${i}/` });
    }

    expect(synthErrors(app)).toBe('');
    expect(sourceArnConditions(stack)).not.toContainEqual(ANY_BUCKET);
    expect(warningsWithId(stack, DELIVERY_GRANT_WIDENED)).toEqual([expect.stringMatching(new RegExp(
      `^${lit('Stack/Logs: its bucket policy grants the server access logs of its sources with prefixes folded: ')}`
      + `${lit(`it gives ${PREFIX_STATEMENT_BUDGET} prefixes a statement of their own, and grants the 2 others by wider statements `)}`
      + `${lit('(each by the statement of a prefix that covers it, or else by the one statement for their longest common prefix, ')}`
      + `${lit('\'team/source1\' (<destination ARN>/team/source1*))')}.*${lit('or spread them over several destinations.')}`,
    ))]);
  });

  test('says once, on the destination, both that sources are not named and that prefixes are folded', () => {
    const app = checkedApp();
    const logStack = new Stack(app, 'Logs', { env: EU });
    const logs = new AccessLogsBucket(logStack, 'Logs');
    const appStack = new Stack(app, 'App', { env: EU });
    for (let i = 0; i <= PREFIX_STATEMENT_BUDGET; i++) {
      new s3.Bucket(appStack, `Generated${i}`, { serverAccessLogsBucket: logs, serverAccessLogsPrefix: `p${i}/` });
    }

    expect(synthErrors(app)).toBe('');
    expect(warningsWithId(appStack, DELIVERY_GRANT_WIDENED)).toEqual([]);
    expect(warningsWithId(logStack, DELIVERY_GRANT_WIDENED)).toEqual([expect.stringMatching(new RegExp(
      `^${lit('Logs/Logs: its bucket policy lets the logging service deliver the server access logs of any bucket in account 111111111111 ')}`
      + `.*${lit('in another stack with a generated name')}.*${lit('in the destination\'s stack. Its grant also has prefixes folded: ')}`
      + `${lit(`it gives ${PREFIX_STATEMENT_BUDGET} prefixes a statement of their own, and grants the 1 other by wider statements`)}`
      + `.*${lit('\'p10/\' (<destination ARN>/p10/*)')}`,
    ))]);
  });
});
