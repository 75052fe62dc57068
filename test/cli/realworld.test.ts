import * as fs from 'fs';
import * as path from 'path';
import { CORPUS_TEMPLATES, CorpusTemplate } from '../realworld/expected-findings';
import {
  collectFindings, CORPUS_DIR, CORPUS_INSTALL, CORPUS_NAME, corpusDir, FindingsByBucket, testEveryBucket,
} from '../realworld/synth-findings';
import { CliResult, inTurns, runCliAsync } from '../support/cli';
import { describeWithTools } from '../support/external-tools';

/**
 * Issue #14: the command over every template of the real-world corpus (`../shared/realworld-templates/`,
 * read from there, never copied), bucket by bucket.
 *
 * One engine with two front-ends: for every template that aws-cdk-lib's `CfnInclude` can load, the
 * command reports exactly what the synth-time checks report over it, bucket by bucket (and so
 * disagrees with the table where they do, which `test.failing` marks as in the synth-time test). For
 * the templates `CfnInclude` cannot load, the command's findings are held to the table alone.
 */

interface CliRow {
  id: string;
  level: 'error' | 'warning';
  logicalId: string;
  file: string;
  line: number | null;
}

/** The command's findings over one template, by logical id, as `collectFindings` gives the synth-time ones. */
function findingsOfRun(run: CliResult): FindingsByBucket {
  const findings = new FindingsByBucket();
  for (const row of rowsOf(run)) {
    findings.add(row.logicalId, row.level === 'error' ? 'errors' : 'warnings', row.id.replace(/^cdk-s3-access-logs:/, ''));
  }
  return findings;
}

function rowsOf(run: CliResult): CliRow[] {
  return (JSON.parse(run.stdout) as { findings: CliRow[] }).findings;
}

describeWithTools('the command over the real-world templates (issue #14)', { [CORPUS_NAME]: corpusDir() }, CORPUS_INSTALL, () => {
  const runs = new Map<string, CliResult>();

  beforeAll(async () => {
    const results = await inTurns(CORPUS_TEMPLATES.map(template => () =>
      runCliAsync(['check', path.join(CORPUS_DIR, template.file), '--format', 'json'])));
    CORPUS_TEMPLATES.forEach((template, i) => runs.set(template.file, results[i]));
  }, 300_000);

  test('the table covers every template of the corpus, and no other', () => {
    const files = fs.readdirSync(CORPUS_DIR).filter(file => file !== 'SOURCES.md').sort();
    expect(CORPUS_TEMPLATES.map(t => t.file).sort()).toEqual(files);
  });

  for (const template of CORPUS_TEMPLATES) {
    describeTemplate(template, () => runs.get(template.file)!);
  }
});

function describeTemplate(template: CorpusTemplate, runOf: () => CliResult): void {
  let synthFindings: FindingsByBucket | undefined;
  const synthOf = () => (synthFindings ??= collectFindings(template.file));
  const cliOf = () => findingsOfRun(runOf());

  describe(`${template.file}${template.notLoadable ? ' (CfnInclude cannot load it)' : ''}`, () => {
    test('loads, and exits with 1 exactly when there is an error', () => {
      const run = runOf();
      expect(run.stderr).toBe('');
      const hasError = rowsOf(run).some(row => row.level === 'error');
      expect(run.status).toBe(hasError ? 1 : 0);
    });

    test('places every finding at its resource: the template file and a line', () => {
      for (const row of rowsOf(runOf())) {
        expect(path.resolve(row.file)).toBe(path.join(CORPUS_DIR, template.file));
        expect(row.line).toEqual(expect.any(Number));
      }
    });

    if (!template.notLoadable) {
      test('reports what the synth-time checks report, bucket by bucket', () => {
        const cli = cliOf();
        const synth = synthOf();
        const logicalIds = [...new Set([...cli.byLogicalId.keys(), ...synth.byLogicalId.keys()])].sort();
        expect(Object.fromEntries(logicalIds.map(id => [id, cli.of(id)]))).toEqual(Object.fromEntries(logicalIds.map(id => [id, synth.of(id)])));
      });
    }

    testEveryBucket(template, cliOf);

    test('reports nothing on a resource the table does not list', () => {
      const unlisted = [...cliOf().byLogicalId.entries()].filter(([logicalId]) => !(logicalId in template.buckets));
      expect(Object.fromEntries(unlisted)).toEqual({});
    });
  });
}
