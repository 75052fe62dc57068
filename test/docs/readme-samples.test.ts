import { readFileSync } from 'fs';
import { join } from 'path';
import { describeWithTools, findPython } from '../support/external-tools';
import { extractSamples, jsonProblems, pythonProblems, typeScriptProblems, yamlProblems } from '../support/readme-samples';

/**
 * The README's code samples work: TypeScript samples type-check against this package's source (with
 * the small fixture in `readme-samples.ts`), Python samples parse, JSON and YAML samples parse. A failure
 * names the README line of the bad sample: `README.md:<line>: <message>`.
 */

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const samples = extractSamples(readme);

/** A type-check loads aws-cdk-lib's declarations: some seconds on a busy machine. */
const TYPE_CHECK_TIMEOUT_MS = 120_000;

/**
 * Two TypeScript samples with a mistake each, on lines 6 and 12, the second indented as in a list
 * item; then a good one.
 */
const BAD_TYPESCRIPT = [
  '# Title', // 1
  '', // 2
  '```ts', // 3
  'import { AccessLoggedBucket } from \'cdk-s3-access-logs\';', // 4
  '', // 5
  'new AccessLoggedBucket(this, \'Data\', { logFilePrefx: \'logs/\' });', // 6
  '```', // 7
  '', // 8
  '  ```ts', // 9
  '  new AccessLoggedBucket(stack, \'Data\', { destinationBucket: logs });', // 10
  '  AccessLogs.of(app).check();', // 11
  '  const n: number = Duration.days(1);', // 12
  '  ```', // 13
  '', // 14
  '```ts', // 15: a good one, whose own import of `logs` wins over the fixture's `logs`
  'import * as logs from \'aws-cdk-lib/aws-logs\';', // 16
  'new logs.LogGroup(stack, \'Logs\', { retention: logs.RetentionDays.ONE_MONTH });', // 17
  '```', // 18
].join('\n');

describe('README samples', () => {
  test('are found, each in a language this test checks or knowingly leaves alone', () => {
    const count = (lang: string) => samples.filter(sample => sample.lang === lang).length;
    expect({ ts: count('ts') >= 4, python: count('python') >= 1, json: count('json') >= 1 }).toEqual({ ts: true, python: true, json: true });
    // Not checked: shell commands, and Athena SQL (its tables exist only once deployed).
    const checked = ['ts', 'python', 'json', 'yaml'];
    const unchecked = ['sh', 'sql'];
    expect(samples.map(sample => sample.lang).filter(lang => ![...checked, ...unchecked].includes(lang))).toEqual([]);
  });

  /** The problems of the README's TypeScript samples and of BAD_TYPESCRIPT's, from one type-check. */
  let typeScript: string[];
  beforeAll(() => {
    typeScript = typeScriptProblems({ 'README.md': samples, 'BAD.md': extractSamples(BAD_TYPESCRIPT) });
  }, TYPE_CHECK_TIMEOUT_MS);

  test('TypeScript samples compile against the package source', () => {
    expect(typeScript.filter(problem => !problem.startsWith('BAD.md:'))).toEqual([]);
  });

  test('JSON samples parse', () => {
    expect(jsonProblems(samples)).toEqual([]);
  });

  test('YAML samples parse', () => {
    expect(yamlProblems(samples)).toEqual([]);
  });

  test('a bad YAML sample fails with its README line', () => {
    expect(yamlProblems(extractSamples('x\n\n```yaml\njobs:\n  a: : b\n```\n'), 'BAD.md')).toEqual([expect.stringMatching(/^BAD\.md:5: /)]);
  });

  test('a bad TypeScript sample fails with its README line', () => {
    expect(typeScript.filter(problem => problem.startsWith('BAD.md:'))).toEqual([
      expect.stringMatching(/^BAD\.md:6: .*'logFilePrefx' does not exist in type 'AccessLoggedBucketProps'/),
      expect.stringMatching(/^BAD\.md:12: Type 'Duration' is not assignable to type 'number'/),
    ]);
  });

  test('a bad JSON sample fails with its README line', () => {
    expect(jsonProblems(extractSamples('x\n\n```json\n{\n  "a": 1,\n  "b": 2,\n}\n```\n'), 'BAD.md'))
      .toEqual([expect.stringMatching(/^BAD\.md:7: /)]);
  });
});

const python = findPython();

describeWithTools('README Python samples', { python3: python }, 'Install python3', () => {
  test('parse', () => {
    expect(pythonProblems(samples, python!)).toEqual([]);
  });

  test('a bad Python sample fails with its README line', () => {
    const markdown = 'x\n\n```python\nfrom cdk_s3_access_logs import AccessLoggedBucket\n\nAccessLoggedBucket(stack, "Data"\n```\n';
    expect(pythonProblems(extractSamples(markdown), python!, 'BAD.md')).toEqual([expect.stringMatching(/^BAD\.md:6: SyntaxError: /)]);
  });
});
