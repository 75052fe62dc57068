import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../../src/cli/input-error';
import { indentFlowContinuations, jsonErrorOffset, jsonResourceLines, parseTemplate } from '../../src/cli/template-parser';
import { CORPUS_DIR, corpusDir } from '../realworld/synth-findings';
import { describeWithTools, findPython } from '../support/external-tools';

/**
 * Reading templates (issue #14): YAML with CloudFormation's short forms and the line of each
 * resource, JSON with the same, and what CloudFormation accepts that strict YAML does not. Over the
 * real-world corpus, the templates read are those cfn-lint's own decoder reads.
 */

const parse = (text: string, file = 'template.yaml') => parseTemplate(text, file);

describe('YAML', () => {
  test('reads every short form as its long form: !Ref, !GetAtt (both forms), !Sub, !If, !ImportValue, !Join, ... and nested ones', () => {
    const { template } = parse([
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: !Sub "${AWS::StackName}-logs"',
      '      LoggingConfiguration:',
      '        DestinationBucketName: !If [UseImport, !ImportValue { "Fn::Sub": "${Env}-logs" }, !Ref Logs]',
      '        LogFilePrefix: !Join ["", [!Select [0, !Split ["-", !Ref AWS::StackName]], "/"]]',
      '      Tags:',
      '        - Key: arn',
      '          Value: !GetAtt Logs.Arn',
      '        - Key: nested',
      '          Value: !GetAtt [Nested, Outputs.Name]',
      '        - Key: map',
      '          Value: !FindInMap [Map, !Ref AWS::Region, Name]',
      '        - Key: condition',
      '          Value: !Condition IsProd',
    ].join('\n'));

    expect((template as any).Resources.Bucket.Properties).toEqual({
      BucketName: { 'Fn::Sub': '${AWS::StackName}-logs' },
      LoggingConfiguration: {
        DestinationBucketName: { 'Fn::If': ['UseImport', { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-logs' } }, { Ref: 'Logs' }] },
        LogFilePrefix: { 'Fn::Join': ['', [{ 'Fn::Select': [0, { 'Fn::Split': ['-', { Ref: 'AWS::StackName' }] }] }, '/']] },
      },
      Tags: [
        { Key: 'arn', Value: { 'Fn::GetAtt': ['Logs', 'Arn'] } },
        { Key: 'nested', Value: { 'Fn::GetAtt': ['Nested', 'Outputs.Name'] } },
        { Key: 'map', Value: { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Name'] } },
        { Key: 'condition', Value: { Condition: 'IsProd' } },
      ],
    });
  });

  test('gives the line of each resource', () => {
    const { resourceLines } = parse('# a comment\nParameters:\n  P: { Type: String }\nResources:\n  First:\n    Type: AWS::S3::Bucket\n\n  Second:\n    Type: AWS::S3::Bucket\n');
    expect(resourceLines).toEqual(new Map([['First', 5], ['Second', 8]]));
  });

  test('takes the last of a mapping key given twice, as CloudFormation does', () => {
    const { template } = parse('Resources:\n  Policy:\n    Principal:\n      AWS: a\n      AWS: b\n');
    expect((template as any).Resources.Policy.Principal).toEqual({ AWS: 'b' });
  });

  test('reads a flow collection indented no further than its key, keeping every line where it was', () => {
    const text = [
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      Tags: {',
      '      \'Solution\': !FindInMap [Solution, Data, "ID"],',
      '      }',
      '  Later:',
      '    Type: AWS::S3::Bucket',
    ].join('\r\n');
    const { template, resourceLines } = parse(text);

    expect((template as any).Resources.Bucket.Properties.Tags).toEqual({ Solution: { 'Fn::FindInMap': ['Solution', 'Data', 'ID'] } });
    expect(resourceLines.get('Later')).toBe(8);
  });

  test('indents flow continuations only: block scalars, comments and quoted brackets are left as they are', () => {
    const text = [
      'Code: |',
      '  def f(): return {',
      '  }',
      'Note: "a [ quoted"  # and a [ comment',
      'List: [a,',
      'b]',
    ].join('\n');
    expect(indentFlowContinuations(text).split('\n')).toEqual([
      'Code: |', '  def f(): return {', '  }', 'Note: "a [ quoted"  # and a [ comment', 'List: [a,', '  b]',
    ]);
  });

  test('names the line of a syntax error', () => {
    expect(() => parse('Resources:\n  A:\n    Type: x\n  B: : y\n')).toThrow(InputError);
    try {
      parse('Resources:\n  A:\n    Type: x\n  B: : y\n', 'broken.yaml');
    } catch (e) {
      expect((e as InputError).describe()).toBe('broken.yaml:4: invalid YAML: Nested mappings are not allowed in compact mappings');
    }
  });
});

describe('JSON', () => {
  test('gives the line of each resource, and of nothing else', () => {
    const text = JSON.stringify({
      Parameters: { Resources: { Type: 'String' } },
      Resources: { First: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'Second', Value: 'x' }] } }, Second: { Type: 'AWS::S3::Bucket' } },
      Outputs: { Third: { Value: '"escaped" \\ ,{[' } },
    }, undefined, 2);
    expect(jsonResourceLines(text)).toEqual(new Map([['First', 8], ['Second', 19]]));
    expect(parse(text, 'template.json').resourceLines).toEqual(jsonResourceLines(text));
  });

  test('reads a template with a byte order mark', () => {
    expect(parse('\uFEFF{ "Resources": { "A": { "Type": "AWS::S3::Bucket" } } }', 'bom.json').resourceLines).toEqual(new Map([['A', 1]]));
  });

  test('names the line of a syntax error, whatever node\'s own message says', () => {
    expect(() => parse('{\n  "Resources": {\n    "A": { "Type": "x", }\n  }\n}', 'broken.json')).toThrow('invalid JSON: unexpected "}"');
    for (const [text, offset] of [['{"a": 1,}', 8], ['[1 2]', 3], ['{"a": "b', 8], ['{} x', 3], ['{"a": 01}', 7]] as const) {
      expect(jsonErrorOffset(text)).toBe(offset);
    }
  });
});

const python = findPython(['cfnlint.decode']);

describeWithTools(
  'over the real-world corpus, the templates cfn-lint\'s decoder reads',
  { '../shared/realworld-templates': corpusDir(), 'python3 with cfn-lint': python },
  'cfn-lint is on PATH on these machines (pip install cfn-lint); the corpus is ../shared/realworld-templates.',
  () => {
    const files = corpusDir() ? fs.readdirSync(CORPUS_DIR).filter(file => file !== 'SOURCES.md').sort() : [];
    let decoded: Record<string, unknown>;

    beforeAll(() => {
      const script = [
        'import json, sys',
        'from cfnlint.decode import decode',
        'out = {}',
        'for path in sys.argv[1:]:',
        '    template, matches = decode(path)',
        '    out[path] = template if template is not None else {"(not decoded)": [str(m) for m in matches]}',
        'print(json.dumps(out, default=str))',
      ].join('\n');
      const run = spawnSync(python!, ['-c', script, ...files.map(file => path.join(CORPUS_DIR, file))], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
      expect(run.status).toBe(0);
      decoded = JSON.parse(run.stdout);
    }, 300_000);

    test.each(files)('%s', file => {
      const fromCfnLint = decoded[path.join(CORPUS_DIR, file)] as Record<string, unknown>;
      const ours = parseTemplate(fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8'), file).template;
      if ('(not decoded)' in fromCfnLint) {
        // cfn-lint refuses a duplicate mapping key (E0000); CloudFormation, and we, take the last one.
        expect(file).toBe('sc-ra-s3_iam_kms.yaml');
        expect(String(fromCfnLint['(not decoded)'])).toContain('Duplicate found');
        return;
      }
      expect(comparable(ours)).toEqual(comparable(fromCfnLint));
    });
  },
);

/**
 * A value with its scalars as strings: cfn-lint reads YAML 1.1, where `Yes` and `on` are booleans and
 * YAML 1.2 (and so we) read them as strings; CloudFormation turns every scalar into a string in the end.
 */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(comparable);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, comparable(item)]));
  }
  if (typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'string' && /^(yes|no|on|off|y|n)$/i.test(value)) {
    return String(/^(yes|on|y)$/i.test(value));
  }
  return value === null ? null : String(value);
}
