import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CloudWatchLogsDelivery } from '../../src';
import { AUDIT_QUESTIONS } from '../../src/format/audit-questions';
import { ALARM_QUESTIONS, alarmFields, filterPattern } from '../../src/visibility/access-log-alarms';
import { insightsQueries } from '../../src/visibility/insights-queries';
import { QUERY_FIELDS_NOT_DELIVERED } from '../../src/visibility/warning-ids';
import { EU, warningsWithId } from '../support/checks';
import { logicalId, newStack } from '../support/stacks';

/**
 * The analysis side of `CloudWatchLogsDelivery`: the audit questions (the list the Athena saved
 * queries render too) as Logs Insights query definitions, and the optional metric filters and alarms.
 */

/** Words of a Logs Insights query that are not record keys: commands, keywords, functions, the names it gives. */
const NOT_FIELDS = new Set(['fields', 'filter', 'stats', 'by', 'sort', 'limit', 'desc', 'as', 'and', 'or', 'not', 'in',
  'count', 'sum', 'coalesce', 'ispresent', 'toupper', 'requests', 'requested_by', 'bytes_sent']);

/** The identifiers a query reads, outside comments and string literals. */
function identifiers(queryString: string): string[] {
  const code = queryString.split('\n').filter(line => !line.startsWith('#')).join('\n').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...new Set(code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])].filter(word => !NOT_FIELDS.has(word));
}

describe('Logs Insights queries of the audit questions', () => {
  test('one per question of the list the Athena saved queries render, in its order', () => {
    expect(insightsQueries().map(query => query.question.id)).toEqual(AUDIT_QUESTIONS.map(question => question.id));
    expect(AUDIT_QUESTIONS.map(question => question.id)).toEqual(['DeniedRequests', 'RequestsByRequester', 'ObjectDeletions',
      'AnonymousRequests', 'SignatureV2Requests', 'LegacyTlsRequests', 'AclRequiredRequests', 'ServerErrors', 'TopSourceIps']);
  });

  test('reference only keys of the channel\'s records (CloudWatchLogsDelivery.RECORD_FIELDS), and say which', () => {
    for (const query of insightsQueries()) {
      const read = identifiers(query.queryString);
      expect(read.filter(word => !CloudWatchLogsDelivery.RECORD_FIELDS.includes(word))).toEqual([]);
      expect([...read].sort()).toEqual([...query.recordFields].sort());
    }
  });

  test('a listing question: filter, fields, sort by request time, limit', () => {
    const denied = insightsQueries().find(query => query.question.id === 'DeniedRequests')!;
    expect(denied.queryString).toBe([
      '# Denied requests: Requests S3 refused for lack of permission (HTTP 403 or AccessDenied), newest first.',
      '# Over the time range chosen when the query runs.',
      'filter (http_status = 403 or error_code = "AccessDenied")',
      '| fields request_time, requester, remote_ip, operation, key_name, http_status, error_code',
      '| sort request_time desc',
      '| limit 1000',
    ].join('\n'));
  });

  test('a ranking question: stats by its other columns, largest first; a conditional count is left out and said so', () => {
    const byRequester = insightsQueries().find(query => query.question.id === 'RequestsByRequester')!;
    expect(byRequester.queryString).toContain('# Logs Insights has no conditional count: the Athena query\'s failed column is not here.');
    expect(byRequester.queryString).toContain([
      'fields coalesce(requester, "anonymous") as requested_by',
      '| stats count(*) as requests, sum(bytes_sent_size) as bytes_sent by requested_by',
      '| sort requests desc',
      '| limit 100',
    ].join('\n'));
  });

  test('the other filters: set membership, absence, every spelling of the TLS versions', () => {
    const byId = Object.fromEntries(insightsQueries().map(query => [query.question.id, query.queryString]));
    expect(byId.ObjectDeletions).toContain('filter operation in ["REST.DELETE.OBJECT", "BATCH.DELETE.OBJECT", "S3.EXPIRE.OBJECT", "S3.CREATE.DELETEMARKER"]');
    expect(byId.AnonymousRequests).toContain('filter not ispresent(requester)');
    expect(byId.LegacyTlsRequests).toContain('filter ispresent(tls_version)\n| filter toupper(tls_version) != "TLSV1.2" and toupper(tls_version) != "TLSV1.3"');
    expect(byId.SignatureV2Requests).toContain('| stats count(*) as requests by requester, user_agent, operation');
  });
});

describe('CloudWatchLogsDelivery query definitions', () => {
  let stack: Stack;
  let delivery: CloudWatchLogsDelivery;
  let bucket: s3.Bucket;
  let template: Template;
  beforeAll(() => {
    stack = newStack({ env: EU });
    bucket = new s3.Bucket(stack, 'Data');
    delivery = new CloudWatchLogsDelivery(stack, 'ToCloudWatch', { bucket });
    template = Template.fromStack(stack);
  });

  test('defines one per audit question over the log group, named in a folder per bucket', () => {
    template.resourceCountIs('AWS::Logs::QueryDefinition', AUDIT_QUESTIONS.length);
    for (const query of insightsQueries()) {
      template.hasResourceProperties('AWS::Logs::QueryDefinition', {
        Name: { 'Fn::Join': ['', ['S3 server access logs/', { Ref: logicalId(delivery.logGroup) }, `/${query.question.title}`]] },
        QueryString: query.queryString,
        LogGroupNames: [{ Ref: logicalId(delivery.logGroup) }],
      });
    }
    expect(delivery.queryDefinitions.map(definition => definition.node.path)).toEqual(
      AUDIT_QUESTIONS.map(question => `Stack/ToCloudWatch/QueryDefinitions/${question.id}`));
  });

  test('defines no alarm without alarms', () => {
    template.resourceCountIs('AWS::Logs::MetricFilter', 0);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(delivery.alarms).toEqual([]);
  });

  test('defines none with queryDefinitions: false', () => {
    const other = newStack({ env: EU });
    const off = new CloudWatchLogsDelivery(other, 'ToCloudWatch', { bucket: new s3.Bucket(other, 'Data'), queryDefinitions: false });
    Template.fromStack(other).resourceCountIs('AWS::Logs::QueryDefinition', 0);
    expect(off.queryDefinitions).toEqual([]);
  });

  test('skips the questions that read a field recordFields leaves out, with the queryFieldsNotDelivered warning naming them', () => {
    // GIVEN a delivery of a few fields only
    const other = newStack({ env: EU });
    // WHEN
    const narrowed = new CloudWatchLogsDelivery(other, 'ToCloudWatch', {
      bucket: new s3.Bucket(other, 'Data'),
      recordFields: ['request_time', 'requester', 'remote_ip', 'operation', 'key_name', 'http_status', 'error_code'],
    });
    // THEN only the questions those fields answer are defined
    expect(narrowed.queryDefinitions.map(definition => definition.node.id)).toEqual(['DeniedRequests', 'TopSourceIps']);
    const warnings = warningsWithId(other, QUERY_FIELDS_NOT_DELIVERED);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Stack\/ToCloudWatch: recordFields leaves out fields that these Logs Insights queries read, so they are not defined: /);
    expect(warnings[0]).toMatch(/RequestsByRequester \(needs bytes_sent_size\); ObjectDeletions \(needs version_id\); /);
    expect(warnings[0]).toMatch(/Add the fields to recordFields to have them, or set queryDefinitions: false to define none\./);
  });

  test('gives no warning when recordFields has every field a question reads', () => {
    const other = newStack({ env: EU });
    new CloudWatchLogsDelivery(other, 'ToCloudWatch', { bucket: new s3.Bucket(other, 'Data'), recordFields: [...CloudWatchLogsDelivery.RECORD_FIELDS] });
    Template.fromStack(other).resourceCountIs('AWS::Logs::QueryDefinition', AUDIT_QUESTIONS.length);
    expect(warningsWithId(other, QUERY_FIELDS_NOT_DELIVERED)).toEqual([]);
  });
});

describe('CloudWatchLogsDelivery alarms', () => {
  let stack: Stack;
  let bucket: s3.Bucket;
  let delivery: CloudWatchLogsDelivery;
  let template: Template;
  let topic: sns.Topic;
  beforeAll(() => {
    stack = newStack({ env: EU });
    bucket = new s3.Bucket(stack, 'Data');
    topic = new sns.Topic(stack, 'Alerts');
    delivery = new CloudWatchLogsDelivery(stack, 'ToCloudWatch', {
      bucket,
      alarms: { alarmActions: [{ bind: () => ({ alarmActionArn: topic.topicArn }) }] },
    });
    template = Template.fromStack(stack);
  });

  test('a metric filter per alarm question, on the log group, counting 1 per record by bucket name', () => {
    template.resourceCountIs('AWS::Logs::MetricFilter', 4);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logicalId(delivery.logGroup) },
      FilterPattern: '{ ($.http_status = 403) || ($.error_code = "AccessDenied") }',
      MetricTransformations: [{
        MetricNamespace: 'S3ServerAccessLogs',
        MetricName: 'DeniedRequests',
        MetricValue: '1',
        Dimensions: [{ Key: 'BucketName', Value: '$.bucket_name' }],
        DefaultValue: Match.absent(),
      }],
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.requester IS NULL }',
      MetricTransformations: [Match.objectLike({ MetricName: 'AnonymousRequests' })],
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.signature_version = "SigV2" }',
      MetricTransformations: [Match.objectLike({ MetricName: 'SignatureV2Requests' })],
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ ($.tls_version = "*") && (($.tls_version != "TLSv1.2") && ($.tls_version != "TLSV1.2") && ($.tls_version != "TLSv1.3") && ($.tls_version != "TLSV1.3")) }',
      MetricTransformations: [Match.objectLike({ MetricName: 'LegacyTlsRequests' })],
    });
  });

  test('the denied-requests alarm goes off above 10 in 5 minutes; the others at the first request; no data is not breaching', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    const common = {
      Namespace: 'S3ServerAccessLogs',
      Dimensions: [{ Name: 'BucketName', Value: { Ref: logicalId(bucket) } }],
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: logicalId(topic) }],
    };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common, MetricName: 'DeniedRequests', Threshold: 10, ComparisonOperator: 'GreaterThanThreshold',
    });
    for (const metricName of ['AnonymousRequests', 'SignatureV2Requests', 'LegacyTlsRequests']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common, MetricName: metricName, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
    expect(delivery.alarms.map(alarm => alarm.node.path)).toEqual(
      ALARM_QUESTIONS.map(id => `Stack/ToCloudWatch/Alarms/${id}/Alarm`));
  });

  test('takes the threshold and period given', () => {
    const other = newStack({ env: EU });
    new CloudWatchLogsDelivery(other, 'ToCloudWatch', {
      bucket: new s3.Bucket(other, 'Data'),
      alarms: { deniedRequestsThreshold: 0, period: Duration.hours(1) },
    });
    Template.fromStack(other).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'DeniedRequests', Threshold: 0, Period: 3600, AlarmActions: Match.absent(),
    });
  });

  test('throws for a threshold that is not a whole number of requests', () => {
    const other = newStack({ env: EU });
    expect(() => new CloudWatchLogsDelivery(other, 'ToCloudWatch', { bucket: new s3.Bucket(other, 'Data'), alarms: { deniedRequestsThreshold: 2.5 } }))
      .toThrow(/Stack\/ToCloudWatch: alarms.deniedRequestsThreshold must be a whole number of requests, 0 or more, got: 2.5\./);
  });

  test('throws when recordFields leaves out a field a metric filter reads, naming it', () => {
    const other = newStack({ env: EU });
    expect(() => new CloudWatchLogsDelivery(other, 'ToCloudWatch', {
      bucket: new s3.Bucket(other, 'Data'),
      recordFields: ['bucket_name', 'http_status', 'error_code', 'requester', 'tls_version'],
      alarms: {},
    })).toThrow(/Stack\/ToCloudWatch: recordFields leaves out 'signature_version', which the metric filters of alarms read: those alarms could never go off\. Add the fields to recordFields, or leave alarms out\./);
  });

  test('every field the metric filters read is a key of the channel', () => {
    for (const id of ALARM_QUESTIONS) {
      const question = AUDIT_QUESTIONS.find(q => q.id === id)!;
      expect(alarmFields(question).filter(field => !CloudWatchLogsDelivery.RECORD_FIELDS.includes(field))).toEqual([]);
      expect(filterPattern(question).logPatternString).toMatch(/^\{ .* \}$/);
    }
  });

  test('an alarm action of cloudwatch-actions binds as usual', () => {
    // A plain IAlarmAction: any jsii language can give one.
    const action: cloudwatch.IAlarmAction = { bind: () => ({ alarmActionArn: 'arn:aws:sns:eu-west-1:111111111111:t' }) };
    const other = newStack({ env: EU });
    new CloudWatchLogsDelivery(other, 'ToCloudWatch', { bucket: new s3.Bucket(other, 'Data'), alarms: { alarmActions: [action] } });
    Template.fromStack(other).hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: ['arn:aws:sns:eu-west-1:111111111111:t'] });
  });
});

describe('CloudWatchLogsDelivery query definitions over a shared log group', () => {
  test('are defined once per log group: the deliveries into it share them', () => {
    // GIVEN two buckets delivering into one log group
    const stack = newStack({ env: EU });
    const logGroup = new logs.LogGroup(stack, 'Shared');
    // WHEN
    const first = new CloudWatchLogsDelivery(stack, 'First', { bucket: new s3.Bucket(stack, 'A'), logGroup });
    const second = new CloudWatchLogsDelivery(stack, 'Second', { bucket: new s3.Bucket(stack, 'B'), logGroup });
    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::Logs::QueryDefinition', AUDIT_QUESTIONS.length);
    expect(second.queryDefinitions).toEqual(first.queryDefinitions);
  });
});
