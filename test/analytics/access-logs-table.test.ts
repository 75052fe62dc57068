import { App, Duration, Environment, Lazy, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLogFormat, AccessLoggedBucket, AccessLogsBucket, AccessLogsTable, AccessLogsTableProps } from '../../src';
import { logicalId, newStack } from '../support/stacks';

const ENV: Environment = { account: '123456789012', region: 'eu-west-1' };
const SIMPLE = s3.TargetObjectKeyFormat.simplePrefix();
const SAVED_QUERIES = [
  'DeniedRequests', 'RequestsByRequester', 'ObjectDeletions', 'AnonymousRequests', 'SignatureV2Requests',
  'LegacyTlsRequests', 'AclRequiredRequests', 'ServerErrors', 'TopSourceIps',
];
const COLUMNS = AccessLogFormat.FIELDS.map(field => field.columnName);
const PARTITIONS = ['source_bucket', 'log_date'];

/** A table over a new AccessLogsBucket of its own stack, with `props` on top. */
function tableTemplate(props: Partial<AccessLogsTableProps> = {}): { stack: Stack; logs: s3.IBucket; table: AccessLogsTable; template: Template } {
  const stack = newStack({ env: ENV });
  const logs = props.destinationBucket ?? new AccessLogsBucket(stack, 'Logs');
  const table = new AccessLogsTable(stack, 'Table', { ...props, destinationBucket: logs });
  return { stack, logs, table, template: Template.fromStack(stack) };
}

function tableInput(template: Template): any {
  const tables = Object.values(template.findResources('AWS::Glue::Table'));
  expect(tables).toHaveLength(1);
  return tables[0].Properties.TableInput;
}

/** A CloudFormation string value as text, with every `Ref` written `<Ref:LogicalId>`. */
function text(value: any): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value.Ref) {
    return `<Ref:${value.Ref}>`;
  }
  if (value['Fn::Join']) {
    const [separator, parts] = value['Fn::Join'];
    return parts.map(text).join(separator);
  }
  return JSON.stringify(value);
}

/** The saved queries of a template by construct id (the last path part), as SQL text. */
function savedQueries(template: Template): Record<string, any> {
  const queries = template.findResources('AWS::Athena::NamedQuery');
  return Object.fromEntries(Object.entries(queries).map(([id, query]) => {
    const name = SAVED_QUERIES.find(queryId => id.includes(queryId)) ?? id;
    return [name, { ...query.Properties, sql: text(query.Properties.QueryString) }];
  }));
}

/** SQL keywords and functions the saved queries use: every other word must be a column, a partition or an alias. */
const SQL_WORDS = new Set([
  'select', 'from', 'where', 'and', 'or', 'not', 'in', 'is', 'null', 'as', 'group', 'by', 'order', 'desc', 'limit',
  'count', 'count_if', 'sum', 'coalesce', 'upper', 'parse_datetime', 'date_format', 'current_date', 'current_timestamp',
  'interval', 'day',
]);

/**
 * The names a query reads that are neither SQL words nor aliases it defines (`AS name`), once its
 * comments, string literals and quoted names ("database"."table") are left out.
 */
function referencedNames(sql: string): string[] {
  const code = sql.replace(/--[^\n]*/g, ' ').replace(/'[^']*'/g, ' ').replace(/"[^"]*"/g, ' ');
  const words = code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  const aliases = new Set(words.filter((_word, i) => i > 0 && words[i - 1].toLowerCase() === 'as'));
  return [...new Set(words.filter(word => !SQL_WORDS.has(word.toLowerCase()) && !aliases.has(word)))];
}

describe('referencedNames (the column check of the saved queries)', () => {
  test('finds a name that is not a column', () => {
    const names = referencedNames('-- a comment with words\nSELECT requestor AS who, count(*) AS n FROM "db"."t" WHERE key = \'a b\' ORDER BY n');
    expect(names).toEqual(['requestor', 'key']);
    expect(names.filter(name => !COLUMNS.includes(name))).toEqual(['requestor']);
  });
});

describe('AccessLogsTable over date-based keys', () => {
  let stack: Stack;
  let logs: s3.IBucket;
  let table: AccessLogsTable;
  let template: Template;
  beforeAll(() => {
    ({ stack, logs, table, template } = tableTemplate({ logFilePrefix: 'logs' }));
  });

  test('defines a Glue database with a lower-case name of its own, and the table s3_access_logs in it', () => {
    template.resourceCountIs('AWS::Glue::Database', 1);
    const database = Object.values(template.findResources('AWS::Glue::Database'))[0].Properties;
    expect(database.CatalogId).toBe(ENV.account);
    expect(database.DatabaseInput.Name).toMatch(/^[a-z0-9_]+$/);
    expect(database.DatabaseInput.Name).toContain('stack_table');
    template.hasResourceProperties('AWS::Glue::Table', {
      CatalogId: ENV.account,
      DatabaseName: { Ref: Match.stringLikeRegexp('^TableDatabase') },
      TableInput: Match.objectLike({ Name: 's3_access_logs', TableType: 'EXTERNAL_TABLE' }),
    });
    expect(stack.resolve(table.tableName)).toBe('s3_access_logs');
    expect(stack.resolve(table.databaseName)).toEqual({ Ref: expect.stringMatching(/^TableDatabase/) });
  });

  test('reads the records with RegexSerDe and AccessLogFormat.REGEX', () => {
    expect(tableInput(template).StorageDescriptor).toEqual(expect.objectContaining({
      InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      SerdeInfo: {
        SerializationLibrary: 'org.apache.hadoop.hive.serde2.RegexSerDe',
        Parameters: { 'input.regex': AccessLogFormat.REGEX },
      },
    }));
  });

  test('has one typed column per field, in record order', () => {
    expect(tableInput(template).StorageDescriptor.Columns).toEqual(
      AccessLogFormat.FIELDS.map(field => ({ Name: field.columnName, Type: field.columnType })));
  });

  test('is located at the destination, prefix, account and Region of the date-based keys', () => {
    expect(text(tableInput(template).StorageDescriptor.Location))
      .toBe(`s3://<Ref:${logicalId(logs)}>/logs/${ENV.account}/${ENV.region}/`);
  });

  test('projects its partitions: an injected source bucket and a day from 2023/11/01 to today', () => {
    const input = tableInput(template);
    expect(input.PartitionKeys.map((key: any) => [key.Name, key.Type])).toEqual([['source_bucket', 'string'], ['log_date', 'string']]);
    const { 'storage.location.template': locationTemplate, ...parameters } = input.Parameters;
    expect(parameters).toEqual({
      'EXTERNAL': 'TRUE',
      'projection.enabled': 'true',
      'projection.source_bucket.type': 'injected',
      'projection.log_date.type': 'date',
      'projection.log_date.format': 'yyyy/MM/dd',
      'projection.log_date.range': '2023/11/01,NOW',
      'projection.log_date.interval': '1',
      'projection.log_date.interval.unit': 'DAYS',
    });
    expect(text(locationTemplate)).toBe(`s3://<Ref:${logicalId(logs)}>/logs/${ENV.account}/${ENV.region}/\${source_bucket}/\${log_date}/`);
  });

  test('saves the nine audit queries, in the primary WorkGroup', () => {
    const queries = savedQueries(template);
    expect(Object.keys(queries).sort()).toEqual([...SAVED_QUERIES].sort());
    for (const query of Object.values(queries)) {
      expect(query.WorkGroup).toBeUndefined();
      expect(query.Database).toEqual({ Ref: expect.stringMatching(/^TableDatabase/) });
      expect(query.Name).toMatch(/ \(Stack\/Table\)$/);
      expect(query.sql).toContain('FROM "<Ref:TableDatabase');
    }
  });

  test.each(SAVED_QUERIES)('saved query %s reads only the columns and partitions of the table', id => {
    const names = referencedNames(savedQueries(template)[id].sql);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter(name => !COLUMNS.includes(name) && !PARTITIONS.includes(name))).toEqual([]);
  });

  test.each(SAVED_QUERIES)('saved query %s reads the last 7 days of log_date and asks for the source bucket', id => {
    const sql: string = savedQueries(template)[id].sql;
    expect(sql).toContain('log_date >= date_format(current_timestamp - interval \'7\' day, \'%Y/%m/%d\')');
    // An injected partition must be named with a value in every query: the one parameter.
    expect(sql.match(/\?/g)).toEqual(['?']);
    expect(sql).toContain('source_bucket = ?');
  });

  test('answers the audit questions with the right conditions', () => {
    const queries = savedQueries(template);
    expect(queries.DeniedRequests.sql).toContain('(httpstatus = 403 OR errorcode = \'AccessDenied\')');
    expect(queries.AnonymousRequests.sql).toContain('requester IS NULL');
    expect(queries.SignatureV2Requests.sql).toContain('sigv = \'SigV2\'');
    expect(queries.LegacyTlsRequests.sql).toContain('upper(tlsversion) NOT IN (\'TLSV1.2\', \'TLSV1.3\')');
    expect(queries.AclRequiredRequests.sql).toContain('aclrequired = \'Yes\'');
    expect(queries.ServerErrors.sql).toContain('httpstatus >= 500');
    expect(queries.ObjectDeletions.sql).toContain('operation IN (\'REST.DELETE.OBJECT\', \'BATCH.DELETE.OBJECT\'');
    expect(queries.TopSourceIps.sql).toMatch(/GROUP BY remoteip\nORDER BY requests DESC/);
    expect(queries.RequestsByRequester.sql).toContain('GROUP BY coalesce(requester, \'anonymous\')');
  });

  test('defines no WorkGroup and no results bucket unless asked', () => {
    template.resourceCountIs('AWS::Athena::WorkGroup', 0);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    expect(table.workGroupName).toBeUndefined();
    expect(table.resultsBucket).toBeUndefined();
  });
});

describe('AccessLogsTable options', () => {
  test('makes the source bucket partition an enumeration of the given sources, and queries need no parameter', () => {
    // GIVEN two sources that log into one destination
    const stack = newStack({ env: ENV });
    const logs = new AccessLogsBucket(stack, 'Logs');
    const invoices = new AccessLoggedBucket(stack, 'Invoices', { destinationBucket: logs });
    const reports = new AccessLoggedBucket(stack, 'Reports', { destinationBucket: logs });
    // WHEN
    new AccessLogsTable(stack, 'Table', { destinationBucket: logs, sourceBuckets: [invoices.bucket, reports.bucket] });
    // THEN
    const template = Template.fromStack(stack);
    const parameters = tableInput(template).Parameters;
    expect(parameters['projection.source_bucket.type']).toBe('enum');
    expect(text(parameters['projection.source_bucket.values']))
      .toBe(`<Ref:${logicalId(invoices.bucket)}>,<Ref:${logicalId(reports.bucket)}>`);
    for (const query of Object.values(savedQueries(template))) {
      expect(query.sql).not.toContain('?');
      expect(query.sql).not.toContain('source_bucket');
    }
  });

  test('projects days from the given dateRangeStart', () => {
    const { template } = tableTemplate({ dateRangeStart: '2025/02/28' });
    expect(tableInput(template).Parameters['projection.log_date.range']).toBe('2025/02/28,NOW');
  });

  test('defines the table in a named database, under a name of its own', () => {
    const { stack, table, template } = tableTemplate({ databaseName: 'security_logs' });
    template.resourceCountIs('AWS::Glue::Database', 0);
    const input = tableInput(template);
    expect(Object.values(template.findResources('AWS::Glue::Table'))[0].Properties.DatabaseName).toBe('security_logs');
    expect(input.Name).toMatch(/^stack_table_[a-z0-9]+$/);
    expect(table.databaseName).toBe('security_logs');
    expect(stack.resolve(table.tableName)).toBe(input.Name);
    expect(savedQueries(template).DeniedRequests.sql).toContain(`FROM "security_logs"."${input.Name}"`);
  });

  test('uses the given table name', () => {
    const { template } = tableTemplate({ tableName: 'bucket_logs' });
    expect(tableInput(template).Name).toBe('bucket_logs');
  });

  test('accepts names and a start day given as tokens', () => {
    const token = (value: string) => Lazy.string({ produce: () => value });
    expect(() => tableTemplate({ databaseName: token('Not-Checked'), tableName: token('NoT'), dateRangeStart: token('soon') })).not.toThrow();
  });

  test('locates logs of an env-agnostic destination under its account and Region pseudo parameters', () => {
    const stack = new Stack(new App(), 'Stack');
    const logs = new AccessLogsBucket(stack, 'Logs');
    new AccessLogsTable(stack, 'Table', { destinationBucket: logs });
    const location = text(tableInput(Template.fromStack(stack)).StorageDescriptor.Location);
    expect(location).toBe(`s3://<Ref:${logicalId(logs)}>/<Ref:AWS::AccountId>/<Ref:AWS::Region>/`);
  });

  test('adds no warning or error to the stack', () => {
    const { stack } = tableTemplate({ workGroup: {} });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});

describe('AccessLogsTable over simple keys', () => {
  let logs: s3.IBucket;
  let template: Template;
  beforeAll(() => {
    ({ logs, template } = tableTemplate({ targetObjectKeyFormat: SIMPLE, logFilePrefix: '/web' }));
  });

  test('has no partitions and no projection, and is located at the (normalised) prefix', () => {
    const input = tableInput(template);
    expect(input.PartitionKeys).toBeUndefined();
    expect(input.Parameters).toEqual({ EXTERNAL: 'TRUE' });
    expect(text(input.StorageDescriptor.Location)).toBe(`s3://<Ref:${logicalId(logs)}>/web/`);
  });

  test.each(SAVED_QUERIES)('saved query %s reads only columns, over the last 7 days of request time', id => {
    const sql: string = savedQueries(template)[id].sql;
    expect(referencedNames(sql).filter(name => !COLUMNS.includes(name))).toEqual([]);
    expect(sql).toContain('parse_datetime(requestdatetime, \'dd/MMM/yyyy:HH:mm:ss Z\') >= current_timestamp - interval \'7\' day');
    expect(sql).not.toContain('?');
    expect(sql).toContain('every query scans all its log objects');
  });
});

describe('AccessLogsTable WorkGroup', () => {
  test('writes the query results bucket\'s scanner suppressions (logging, versioning) on it, and on no other bucket', () => {
    const { table, template } = tableTemplate({ workGroup: {} });
    const resultsId = logicalId(table.resultsBucket!);
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(buckets[resultsId].Metadata.checkov.skip.map((skip: { id: string }) => skip.id)).toEqual(['CKV_AWS_18', 'CKV_AWS_21']);
    expect(buckets[resultsId].Metadata.guard.SuppressedRules).toEqual(['S3_BUCKET_LOGGING_ENABLED', 'S3_BUCKET_VERSIONING_ENABLED']);
    for (const [id, bucket] of Object.entries(buckets).filter(([other]) => other !== resultsId)) {
      expect({ id, skips: (bucket.Metadata?.checkov?.skip ?? []).filter((skip: { id: string }) => skip.id === 'CKV_AWS_21') }).toEqual({ id, skips: [] });
    }
  });

  test('defines an encrypted, expiring results bucket and a WorkGroup whose settings queries cannot override', () => {
    // GIVEN / WHEN
    const { stack, table, template } = tableTemplate({ workGroup: {} });
    // THEN the results bucket is private, SSE-S3, TLS-only and expires results after 30 days
    const bucketId = logicalId(table.resultsBucket!);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: {
        Rules: [{ Id: 'QueryResultsRetention', Status: 'Enabled', ExpirationInDays: 30, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
    // AND the WorkGroup enforces SSE-S3 results in that bucket
    const workGroup = Object.values(template.findResources('AWS::Athena::WorkGroup'))[0].Properties;
    expect(workGroup.Name).toMatch(/^Stack-Table-[A-Za-z0-9]+$/);
    expect(workGroup.WorkGroupConfiguration).toEqual({
      EnforceWorkGroupConfiguration: true,
      PublishCloudWatchMetricsEnabled: true,
      ResultConfiguration: {
        OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: bucketId }, '/']] },
        EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
        ExpectedBucketOwner: ENV.account,
      },
    });
    // AND the saved queries are in it
    const workGroupId = Object.keys(template.findResources('AWS::Athena::WorkGroup'))[0];
    for (const query of Object.values(savedQueries(template))) {
      expect(query.WorkGroup).toEqual({ Ref: workGroupId });
    }
    expect(stack.resolve(table.workGroupName)).toEqual({ Ref: workGroupId });
  });

  test('takes a name, a results retention and a per-query scan limit', () => {
    const { template } = tableTemplate({
      workGroup: { workGroupName: 'log-audit', resultsRetention: Duration.days(7), bytesScannedCutoffPerQuery: Size.gibibytes(10) },
    });
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'log-audit',
      WorkGroupConfiguration: Match.objectLike({ BytesScannedCutoffPerQuery: 10 * 1024 ** 3 }),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 7 })] },
    });
  });
});

describe('AccessLogsTable refuses at synth', () => {
  test.each([
    ['databaseName', { databaseName: 'Access-Logs' }, /Stack\/Table: databaseName must be 1 to 255 lower-case letters, digits or underscores .*got: "Access-Logs"\. Use e\.g\. "access_logs"/],
    ['tableName', { tableName: 'logs table' }, /Stack\/Table: tableName must be 1 to 255 .*got: "logs table"\. Use e\.g\. "logs_table"/],
    ['a tableName over 255 characters', { tableName: 'a'.repeat(256) }, /tableName must be 1 to 255/],
    ['an empty databaseName', { databaseName: '' }, /databaseName must be 1 to 255/],
    ['dateRangeStart with dashes', { dateRangeStart: '2024-01-01' }, /Stack\/Table: dateRangeStart must be a day written yyyy\/MM\/dd, as in the log keys \(e\.g\. "2023\/11\/01"\), got: "2024-01-01"/],
    ['dateRangeStart that is no day', { dateRangeStart: '2024/02/30' }, /dateRangeStart must be a day written yyyy\/MM\/dd.*got: "2024\/02\/30"/],
    ['a relative dateRangeStart', { dateRangeStart: 'NOW-1YEARS' }, /dateRangeStart must be a day/],
    ['an empty sourceBuckets', { sourceBuckets: [] }, /Stack\/Table: sourceBuckets is empty, so the table would read no logs/],
    ['dateRangeStart with simple keys', { targetObjectKeyFormat: SIMPLE, dateRangeStart: '2024/01/01' },
      /Stack\/Table: dateRangeStart applies only to the date-based key format.*use TargetObjectKeyFormat\.partitionedPrefix\(\)/],
    ['a workGroupName with spaces', { workGroup: { workGroupName: 'log audit' } }, /Stack\/Table: workGroup\.workGroupName must be 1 to 128 .*Use e\.g\. "log-audit"/],
    ['a scan limit under 10 MB', { workGroup: { bytesScannedCutoffPerQuery: Size.mebibytes(5) } }, /workGroup\.bytesScannedCutoffPerQuery must be at least 10 MB .*got: 5242880 bytes/],
  ])('%s', (_what, props, error) => {
    expect(() => tableTemplate(props as Partial<AccessLogsTableProps>)).toThrow(error);
  });

  test('sourceBuckets with simple keys', () => {
    const stack = newStack({ env: ENV });
    const logs = new AccessLogsBucket(stack, 'Logs');
    const source = new s3.Bucket(stack, 'Source');
    expect(() => new AccessLogsTable(stack, 'Table', { destinationBucket: logs, targetObjectKeyFormat: SIMPLE, sourceBuckets: [source] }))
      .toThrow(/Stack\/Table: sourceBuckets applies only to the date-based key format/);
  });
});

describe('AccessLoggedBucket.addTable', () => {
  test('reads the destination, prefix and key format the bucket logs with, and names the bucket as the source', () => {
    // GIVEN
    const stack = newStack({ env: ENV });
    const logged = new AccessLoggedBucket(stack, 'Data', { logFilePrefix: 'audit' });
    // WHEN
    const table = logged.addTable();
    // THEN
    expect(table.node.path).toBe('Stack/Data/AccessLogsTable');
    const input = tableInput(Template.fromStack(stack));
    expect(text(input.StorageDescriptor.Location))
      .toBe(`s3://<Ref:${logicalId(logged.destinationBucket)}>/audit/${ENV.account}/${ENV.region}/`);
    expect(input.Parameters['projection.source_bucket.type']).toBe('enum');
    expect(input.Parameters['projection.source_bucket.values']).toEqual({ Ref: logicalId(logged.bucket) });
  });

  test('passes the options on, under the given id', () => {
    const stack = newStack({ env: ENV });
    const logged = new AccessLoggedBucket(stack, 'Data');
    const table = logged.addTable('Audit', { tableName: 'data_logs', dateRangeStart: '2026/01/01', workGroup: {} });
    expect(table.node.path).toBe('Stack/Data/Audit');
    const template = Template.fromStack(stack);
    expect(tableInput(template)).toEqual(expect.objectContaining({ Name: 'data_logs' }));
    expect(tableInput(template).Parameters['projection.log_date.range']).toBe('2026/01/01,NOW');
    template.resourceCountIs('AWS::Athena::WorkGroup', 1);
  });

  test('defines an unpartitioned table for a bucket that logs with simple keys', () => {
    const stack = newStack({ env: ENV });
    const logged = new AccessLoggedBucket(stack, 'Data', { targetObjectKeyFormat: SIMPLE, logFilePrefix: 'data' });
    logged.addTable();
    const input = tableInput(Template.fromStack(stack));
    expect(input.PartitionKeys).toBeUndefined();
    expect(text(input.StorageDescriptor.Location)).toBe(`s3://<Ref:${logicalId(logged.destinationBucket)}>/data/`);
  });

  test('refuses a dateRangeStart for a bucket that logs with simple keys', () => {
    const logged = new AccessLoggedBucket(newStack({ env: ENV }), 'Data', { targetObjectKeyFormat: SIMPLE });
    expect(() => logged.addTable(undefined, { dateRangeStart: '2024/01/01' })).toThrow(/Stack\/Data\/AccessLogsTable: dateRangeStart applies only to the date-based key format/);
  });

  test('puts the table in the source stack when the destination is in another one, and the app synthesizes', () => {
    // GIVEN a log archive stack and an application stack whose bucket logs into it
    const app = new App();
    const archive = new Stack(app, 'Archive', { env: ENV });
    const logs = new AccessLogsBucket(archive, 'Logs');
    const application = new Stack(app, 'Application', { env: ENV });
    const logged = new AccessLoggedBucket(application, 'Data', { destinationBucket: logs });
    // WHEN
    logged.addTable();
    // THEN the table reads the archive bucket through a cross-stack reference, in the same direction
    // as the logging configuration (no cycle), and the app synthesizes without errors
    const input = tableInput(Template.fromStack(application));
    expect(JSON.stringify(input.StorageDescriptor.Location)).toContain('Fn::ImportValue');
    expect(() => app.synth()).not.toThrow();
    expect(Annotations.fromStack(application).findError('*', Match.anyValue())).toEqual([]);
  });
});
