import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { collectFindings, FindingsByBucket } from '../realworld/synth-findings';
import { CliResult, inTurns, runCli, runCliAsync } from '../support/cli';

/**
 * Issue #14: `cdk-s3-access-logs check`, spawned as users run it, on templates of our own
 * (`fixtures/`): every rule, the templates of one app together (imports, literal names), a cloud
 * assembly with its environments and a nested stack, parameters, conditions, nested stacks of plain
 * templates, SAM; the exit codes, the text and JSON reports, and how bad input is reported.
 */

const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

interface Row {
  id: string;
  level: 'error' | 'warning';
  stack: string;
  logicalId: string;
  path: string | null;
  file: string;
  line: number | null;
  message: string;
}

function rowsOf(run: CliResult): Row[] {
  return (JSON.parse(run.stdout) as { findings: Row[] }).findings;
}

/** A run's findings as `<logical id>: <level> <id>` lines, sorted: what each test below states. */
function summary(run: CliResult): string[] {
  return rowsOf(run).map(row => `${row.logicalId}: ${row.level} ${row.id.replace('cdk-s3-access-logs:', '')}`).sort();
}

/** The synth-time checks' findings over a template (through CfnInclude), in the form of `summary`. */
function synthSummary(file: string): string[] {
  const findings: FindingsByBucket = collectFindings(file);
  return [...findings.byLogicalId.entries()].flatMap(([logicalId, { errors, warnings }]) => [
    ...errors.map(id => `${logicalId}: error ${id}`),
    ...warnings.map(id => `${logicalId}: warning ${id}`),
  ]).sort();
}

/** A run's findings with each id once per resource, as the synth-time checks' annotations are collected. */
function distinct(lines: string[]): string[] {
  return [...new Set(lines)];
}

const RULE_FIXTURES: Record<string, string[]> = {
  'self-logging.yaml': ['NoDestination: error selfLogging', 'OwnName: error selfLogging'],
  'logging-loop.yaml': ['BucketA: error loggingLoop'],
  'destination-settings.json': ['KmsLogs: error destinationEncryption', 'LockedLogs: error destinationObjectLock', 'UngrantedLogs: error noDeliveryPermission'],
  'deny.yaml': ['OrgOnlyLogs: error denyBlocksDelivery', 'SourceIpLogs: warning denyMayBlockDelivery'],
  'prefixes.yaml': [
    'LeadingSlash: error invalidLogFilePrefix',
    'Logs: warning destinationLogsElsewhere',
    'SharedOne: warning sharedSimplePrefix',
    'SharedTwo: warning sharedSimplePrefix',
  ],
  'unfollowed.yaml': [
    'ToCustomResource: warning destinationUnresolved',
    'ToElsewhere: warning importedDestinationPolicy',
    'ToParameter: warning destinationUnresolved',
  ],
  'data-events-loop.yaml': ['Trail: error dataEventsLoop'],
  'conditions.yaml': ['Archive: warning noDeliveryPermission', 'Logs: warning noDeliveryPermission', 'Source: warning invalidLogFilePrefix'],
  'deploy-time-values.yaml': ['Source: warning destinationUnresolved'],
  'sam.yaml': ['Uploads: error selfLogging'],
  'vended.yaml': [
    'BucketA: error loggingLoop',
    'KmsLogs: error vendedDestinationEncryption',
    'SharedSourceTwo: error duplicateDeliverySource',
    'ToOtherRegionDelivery: warning vendedRegionMismatch',
    'ToPolicyDelivery: warning vendedDeliveryPermission',
  ],
};

describe('every rule, on a template of its own', () => {
  const runs = new Map<string, CliResult>();

  beforeAll(async () => {
    const files = Object.keys(RULE_FIXTURES);
    const results = await inTurns(files.map(file => () => runCliAsync(['check', fixture('rules', file), '--format', 'json'])));
    files.forEach((file, i) => runs.set(file, results[i]));
  }, 120_000);

  describe.each(Object.entries(RULE_FIXTURES))('%s', (file, expected) => {
    test(`finds ${expected.join('; ')}`, () => {
      expect(summary(runs.get(file)!)).toEqual(expected);
    });

    test('finds what the synth-time checks find in the same template', () => {
      expect(distinct(summary(runs.get(file)!))).toEqual(synthSummary(fixture('rules', file)));
    });

    test('exits with 1 when there is an error, else 0', () => {
      expect(runs.get(file)!.status).toBe(expected.some(line => line.includes(': error ')) ? 1 : 0);
    });
  });

  test('places each finding at its resource: stack, logical id, file and line', () => {
    const [loop] = rowsOf(runs.get('logging-loop.yaml')!);
    expect(loop).toEqual({
      id: 'cdk-s3-access-logs:loggingLoop',
      level: 'error',
      stack: 'logging-loop',
      logicalId: 'BucketA',
      path: null,
      file: 'test/cli/fixtures/rules/logging-loop.yaml',
      line: 4,
      message: expect.stringContaining('logging loop: logging-loop/BucketA -> logging-loop/BucketB -> logging-loop/BucketA.'),
    });
    const kms = rowsOf(runs.get('destination-settings.json')!).find(row => row.logicalId === 'KmsLogs')!;
    expect(kms).toMatchObject({ file: 'test/cli/fixtures/rules/destination-settings.json', line: 5 });
  });

  test('writes a message as the synth-time check does, naming <stack>/<logical id> for a plain template, with the fix', () => {
    const [kms] = rowsOf(runs.get('destination-settings.json')!);
    expect(kms.message).toBe('destination-settings/KmsLogs receives the server access logs of destination-settings/ToKms, but its default '
      + 'encryption is aws:kms with the AWS managed key aws/s3; S3 delivers server access logs only to a bucket encrypted with SSE-S3 (AES256). Use SSE-S3 on it '
      + '(`encryption: BucketEncryption.S3_MANAGED` and no `encryptionKey`), or use an AccessLogsBucket.');
  });

  test('writes a value known only at deploy as the intrinsic it is, never as a token', () => {
    const run = runCli(['check', fixture('rules', 'deploy-time-values.yaml'), '--format', 'json']);
    const [unresolved] = rowsOf(run);
    expect(unresolved.message).toContain('({"Ref":"LogBucketName"})');
    expect(unresolved.message).toContain('under "{"Ref":"Prefix"}"');
    expect(run.stdout).not.toMatch(/\$\{Token\[/);
  });

  test('says in which branch of Fn::If a finding holds', () => {
    const rows = rowsOf(runs.get('conditions.yaml')!);
    expect(rows.find(row => row.logicalId === 'Source')!.message)
      .toMatch(/^Only when condition Archive is true: conditions\/Source: log file prefix "\/archive\/" starts with "\/"/);
    expect(rows.find(row => row.logicalId === 'Logs')!.message).toMatch(/^Only when condition Archive is false: conditions\/Logs receives/);
  });
});

describe('the policy size rules, on generated templates', () => {
  let directory: string;

  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-policy-size-'));
  });
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  /** A destination whose policy has `count` statements, each naming a bucket by `name`, and a source. */
  function policyTemplate(count: number, name: unknown): string {
    const statement = (i: number) => ({
      Sid: `Statement${i}`,
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', ['arn:aws:s3:::', name, `/prefix-${i}/*`]] },
    });
    return JSON.stringify({
      Parameters: { Name: { Type: 'String' } },
      Resources: {
        Logs: { Type: 'AWS::S3::Bucket' },
        LogsPolicy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { Ref: 'Logs' },
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Logs', 'Arn'] }, '/*']] } },
                ...Array.from({ length: count }, (_, i) => statement(i)),
              ],
            },
          },
        },
        Source: { Type: 'AWS::S3::Bucket', Properties: { LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' }, TargetObjectKeyFormat: { PartitionedPrefix: {} } } } },
      },
    }, undefined, 2);
  }

  test('destinationPolicyTooLarge: over 20 KB with any names', () => {
    const file = path.join(directory, 'too-large.json');
    fs.writeFileSync(file, policyTemplate(200, 'fixture-literal-name'));
    const run = runCli(['check', file, '--format', 'json']);
    expect(summary(run)).toEqual(['Logs: error destinationPolicyTooLarge']);
    expect(run.status).toBe(1);
    expect(distinct(summary(run))).toEqual(synthSummary(file));
  });

  test('destinationPolicyMayBeTooLarge: over 20 KB only with long names known at deploy', () => {
    const file = path.join(directory, 'may-be-too-large.json');
    fs.writeFileSync(file, policyTemplate(115, { Ref: 'Name' }));
    const run = runCli(['check', file, '--format', 'json']);
    expect(summary(run)).toEqual(['Logs: warning destinationPolicyMayBeTooLarge']);
    expect(run.status).toBe(0);
    expect(distinct(summary(run))).toEqual(synthSummary(file));
  });
});

describe('several templates are one app', () => {
  test('follows Fn::ImportValue to the Export of another template, and literal names to the buckets of others', () => {
    const run = runCli(['check', fixture('cross'), '--format', 'json']);

    expect(summary(run)).toEqual([
      'A: error loggingLoop',
      'A: warning environmentUnknown',
      'B: warning environmentUnknown',
      'SharedLogs: error destinationEncryption',
    ]);
    const loop = rowsOf(run).find(row => row.id.endsWith('loggingLoop'))!;
    expect(loop.message).toContain('logging loop: loop-a/A -> loop-b/B -> loop-a/A.');
    const kms = rowsOf(run).find(row => row.id.endsWith('destinationEncryption'))!;
    expect(kms).toMatchObject({ stack: 'exporter', file: 'test/cli/fixtures/cross/exporter.yaml', line: 3 });
    expect(kms.message).toContain('receives the server access logs of importer/Orders');
  });

  test('warns where literal names cross templates of an unknown environment, and not once --region and --account give it', () => {
    const run = runCli(['check', fixture('cross'), '--region', 'eu-west-1', '--account', '111111111111', '--format', 'json']);

    expect(summary(run)).toEqual(['A: error loggingLoop', 'SharedLogs: error destinationEncryption']);
  });

  test('takes the same templates as files as from their directory', () => {
    const files = ['exporter.yaml', 'importer.yaml', 'loop-a.yaml', 'loop-b.yaml'].map(file => fixture('cross', file));
    expect(summary(runCli(['check', ...files, '--format', 'json']))).toEqual(summary(runCli(['check', fixture('cross'), '--format', 'json'])));
  });

  test('checks each template alone when it is given alone: an import of no template given cannot be followed', () => {
    expect(summary(runCli(['check', fixture('cross', 'importer.yaml'), '--format', 'json']))).toEqual(['Orders: warning destinationUnresolved']);
  });
});

describe('a cloud assembly', () => {
  let run: CliResult;
  beforeAll(() => {
    run = runCli(['check', fixture('assembly'), '--format', 'json']);
  });

  test('takes each stack\'s environment from the manifest: another Region, another account, one unknown', () => {
    expect(summary(run)).toEqual([
      'Data: error accountMismatch',
      'Data: error regionMismatch',
      'Data: warning environmentUnknown',
      'Invoices: error invalidLogFilePrefix',
    ]);
    expect(rowsOf(run).map(row => `${row.stack} ${row.id.split(':')[1]}`).sort()).toEqual([
      'AppAgnostic environmentUnknown', 'AppOtherAccount accountMismatch', 'AppUs regionMismatch', 'app-eu/Nested invalidLogFilePrefix',
    ]);
    const region = rowsOf(run).find(row => row.id.endsWith('regionMismatch'))!;
    expect(region.message).toContain('AppUs/Data logs to LogsEu/AccessLogs in another Region: source us-east-1, destination eu-west-1.');
  });

  test('reads a nested stack\'s template from its asset, with the parameters its parent passes', () => {
    const nested = rowsOf(run).find(row => row.logicalId === 'Invoices')!;
    expect(nested).toMatchObject({
      stack: 'app-eu/Nested',
      path: 'AppEu/Nested/Invoices',
      file: 'test/cli/fixtures/assembly/AppEuNested.nested.template.json',
      line: 4,
    });
  });

  test('names constructs by their aws:cdk:path, or by the manifest where the template has none', () => {
    expect(rowsOf(run).find(row => row.stack === 'AppUs')!.path).toBe('AppUs/Data');
    // LogsEu's template has no path metadata: the manifest's aws:cdk:logicalId entries name the destination.
    expect(rowsOf(run).find(row => row.stack === 'AppUs')!.message).toContain('logs to LogsEu/AccessLogs');
  });

  test('is what is checked when no PATH is given: ./cdk.out', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-default-path-'));
    try {
      fs.cpSync(fixture('assembly'), path.join(cwd, 'cdk.out'), { recursive: true });
      const inCwd = runCli(['check', '--format', 'json'], { cwd });
      expect(summary(inCwd)).toEqual(summary(run));
      expect(rowsOf(inCwd)[0].file).toMatch(/^cdk\.out\//);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('nested stacks of plain templates', () => {
  test('passes the parent\'s parameters in and the nested stack\'s outputs out (TemplateURL a local file)', () => {
    const run = runCli(['check', fixture('nested', 'parent.yaml'), '--format', 'json']);

    expect(rowsOf(run).map(row => `${row.stack} ${row.logicalId}: ${row.id.split(':')[1]}`).sort()).toEqual([
      'parent KmsLogs: destinationEncryption',
      'parent/Child LockedLogs: destinationObjectLock',
    ]);
    const locked = rowsOf(run).find(row => row.logicalId === 'LockedLogs')!;
    expect(locked).toMatchObject({ file: 'test/cli/fixtures/nested/child.yaml', line: 12 });
    expect(locked.message).toContain('receives the server access logs of parent/ToChildOutput');
    expect(rowsOf(run).find(row => row.logicalId === 'KmsLogs')!.message).toContain('receives the server access logs of parent/Child/ToParentLogs');
  });
});

describe('parameters of a nested stack that its parent does not pass', () => {
  test('are deploy-time values, or their Default with --parameter-defaults (CloudFormation\'s --parameters reach the top stack only)', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-nested-defaults-'));
    try {
      fs.writeFileSync(path.join(directory, 'parent.yaml'), [
        'Parameters:',
        '  ArchiveName: { Type: String, Default: parent-value }',
        'Resources:',
        '  Child:',
        '    Type: AWS::CloudFormation::Stack',
        '    Properties: { TemplateURL: ./child.yaml }',
      ].join('\n'));
      fs.writeFileSync(path.join(directory, 'child.yaml'), [
        'Parameters:',
        '  ArchiveName: { Type: String, Default: fixture-nested-archive }',
        'Resources:',
        '  Archive:',
        '    Type: AWS::S3::Bucket',
        '    Properties:',
        '      BucketName: fixture-nested-archive',
        '      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" } }] }',
        '  Source:',
        '    Type: AWS::S3::Bucket',
        '    Properties:',
        '      LoggingConfiguration: { DestinationBucketName: !Ref ArchiveName, TargetObjectKeyFormat: { PartitionedPrefix: {} } }',
      ].join('\n'));
      const parent = path.join(directory, 'parent.yaml');

      expect(summary(runCli(['check', parent, '--format', 'json']))).toEqual(['Source: warning destinationUnresolved']);
      expect(summary(runCli(['check', parent, '--parameters', 'ArchiveName=ignored-by-the-child', '--format', 'json'])))
        .toEqual(['Source: warning destinationUnresolved']);
      expect(summary(runCli(['check', parent, '--parameter-defaults', '--format', 'json'])))
        .toEqual(['Archive: error destinationEncryption', 'Archive: error noDeliveryPermission']);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('parameters', () => {
  const template = fixture('parameters.yaml');
  const given = ['KmsLogs: error destinationEncryption', 'Source: error invalidLogFilePrefix'];

  test('are deploy-time values when none is given: their Default is a default, not the value', () => {
    expect(summary(runCli(['check', template, '--format', 'json']))).toEqual(['Source: warning destinationUnresolved']);
  });

  test('--parameters Key=Value gives their values, and the destination and prefix are checked', () => {
    const run = runCli(['check', template, '--parameters', 'LogBucketName=fixture-parameter-logs', '--parameters', 'Prefix=/logs/', '--format', 'json']);
    expect(summary(run)).toEqual(given);
  });

  test('--parameters-file takes CloudFormation\'s JSON shape; --parameters wins over it', () => {
    expect(summary(runCli(['check', template, '--parameters-file', fixture('parameters.json'), '--format', 'json']))).toEqual(given);
    const overridden = runCli(['check', template, '--parameters-file', fixture('parameters.json'), '--parameters', 'Prefix=logs/', '--format', 'json']);
    expect(summary(overridden)).toEqual(['KmsLogs: error destinationEncryption']);
  });

  test('--parameter-defaults takes each Default as the value', () => {
    expect(summary(runCli(['check', template, '--parameter-defaults', '--format', 'json']))).toEqual(given);
  });
});

describe('exit codes', () => {
  test('0 without an error, warnings included; 1 for warnings with --strict; 1 for an error', () => {
    expect(runCli(['check', fixture('rules', 'unfollowed.yaml')]).status).toBe(0);
    expect(runCli(['check', fixture('rules', 'unfollowed.yaml'), '--strict']).status).toBe(1);
    expect(runCli(['check', fixture('rules', 'self-logging.yaml')]).status).toBe(1);
  });

  test('0 for a template without findings, saying so', () => {
    const run = runCli(['check', fixture('assembly', 'LogsEu.template.json')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('No finding (1 stack, 1 bucket checked).\n');
  });
});

describe('bad input: exit 2, a message that names the file (and the line), never a stack trace', () => {
  let directory: string;
  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bad-input-'));
  });
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  function write(name: string, content: string): string {
    const file = path.join(directory, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  function expectInputError(args: string[], message: string | RegExp): void {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }

  test('a YAML syntax error, with its line', () => {
    const file = write('broken.yaml', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Other: : x\n');
    expectInputError(['check', file], `cdk-s3-access-logs: ${file}:4: invalid YAML: Nested mappings are not allowed in compact mappings`);
  });

  test('a JSON syntax error, with its line', () => {
    const file = write('broken.json', '{\n  "Resources": {\n    "Bucket": { "Type": "AWS::S3::Bucket", }\n  }\n}\n');
    expectInputError(['check', file], `cdk-s3-access-logs: ${file}:3: invalid JSON:`);
  });

  test('a file that is no template, and a directory that holds none', () => {
    const file = write('package.json', '{ "name": "not-a-template" }\n');
    expectInputError(['check', file], `${file}: is not a CloudFormation template: it has no Resources section`);
    const empty = path.join(directory, 'empty');
    fs.mkdirSync(empty);
    expectInputError(['check', empty], `${empty}: holds no CloudFormation template`);
  });

  test('a path that does not exist, and no cdk.out where none is given', () => {
    expectInputError(['check', path.join(directory, 'missing.yaml')], `${path.join(directory, 'missing.yaml')}: no such file or directory`);
    expectInputError(['check'], /cdk\.out: no such file or directory/);
  });

  test('a cloud assembly whose manifest or template does not parse', () => {
    write('assembly/manifest.json', '{ "artifacts": { "Stack": { "type": "aws:cloudformation:stack", "properties": { "templateFile": "Stack.template.json" } } } }');
    write('assembly/Stack.template.json', '{\n  "Resources": \n}\n');
    expectInputError(['check', path.join(directory, 'assembly')], `${path.join(directory, 'assembly', 'Stack.template.json')}:3: invalid JSON:`);
  });

  test('a parameters file of another shape', () => {
    const file = write('parameters.json', '[{ "Key": "A", "Value": "b" }]');
    expectInputError(['check', fixture('parameters.yaml'), '--parameters-file', file], `${file}: entry 1 has no ParameterKey`);
  });

  test('a command line the command does not take', () => {
    expectInputError([], 'no command given');
    expectInputError(['lint'], 'unknown command "lint"');
    expectInputError(['check', '--format', 'xml'], '--format must be text, json or sarif, got: xml');
    expectInputError(['check', '--frobnicate'], /Unknown option '--frobnicate'/);
    expectInputError(['check', '--parameters', 'NoEquals'], '--parameters takes Key=Value, got: NoEquals');
    expectInputError(['check', '--account', '12345'], '--account must be a 12-digit AWS account id, got: 12345');
  });
});

describe('reports', () => {
  test('text by default: file:line, level, id and where, the message, then a count; no colour off a terminal', () => {
    const run = runCli(['check', fixture('rules', 'self-logging.yaml')]);
    expect(run.stdout).toMatch(/^test\/cli\/fixtures\/rules\/self-logging\.yaml:5 {2}error {2}cdk-s3-access-logs:selfLogging {2}self-logging NoDestination\n {2}self-logging\/NoDestination logs into itself/);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('2 errors (1 stack, 2 buckets checked).');
    expect(run.stdout).not.toContain('\u001b[');
  });

  test('colour with --color, and never with --no-color', () => {
    expect(runCli(['check', fixture('rules', 'self-logging.yaml'), '--color']).stdout).toContain('\u001b[31merror\u001b[0m');
    expect(runCli(['check', fixture('rules', 'self-logging.yaml'), '--no-color']).stdout).not.toContain('\u001b[');
  });

  test('--format json: exactly the documented fields of each finding', () => {
    const run = runCli(['check', fixture('cross'), '--format', 'json']);
    const { findings } = JSON.parse(run.stdout);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(Object.keys(finding)).toEqual(['id', 'level', 'stack', 'logicalId', 'path', 'file', 'line', 'message']);
    }
  });

  test('--output FILE writes the report there and says where', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-output-'));
    try {
      const output = path.join(directory, 'reports', 'findings.json');
      const run = runCli(['check', fixture('rules', 'self-logging.yaml'), '--format', 'json', '--output', output]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`cdk-s3-access-logs: 2 error(s), 0 warning(s); report written to ${output}\n`);
      expect(JSON.parse(fs.readFileSync(output, 'utf8')).findings).toHaveLength(2);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test('--help gives the usage and exit codes; --version the package\'s version', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: cdk-s3-access-logs check [PATH...] [options]');
    expect(help.stdout).toContain('Exit codes: 0 no error');
    const version = runCli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  });
});
