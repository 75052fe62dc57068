import * as fs from 'fs';
import { CORPUS_TEMPLATES, CorpusTemplate } from './expected-findings';
import {
  bucketsOf, collectFindings, CORPUS_DIR, CORPUS_INSTALL, CORPUS_NAME, corpusDir, FindingsByBucket, testEveryBucket,
  includeTemplate,
} from './synth-findings';
import { describeWithTools } from '../support/external-tools';

/**
 * Issue #13: the checks over public CloudFormation and SAM templates that configure server access
 * logging, bucket by bucket, against the findings decided from S3's rules (`expected-findings.ts`).
 *
 * The corpus is data in `../shared/realworld-templates/`, beside the repository, and is never copied
 * into it. Without it these tests are skipped, and say so; under CI they fail.
 */

function describeTemplate(template: CorpusTemplate): void {
  let findings: FindingsByBucket | undefined;
  // Collected on first use inside a test (not in beforeAll), so that a template that fails to load
  // fails the plain tests below rather than passing the test.failing ones.
  const findingsOf = () => (findings ??= collectFindings(template.file));

  describe(template.file, () => {
    testEveryBucket(template, findingsOf);

    test('reports nothing on a construct the table does not list', () => {
      const unlisted = [...findingsOf().byLogicalId.entries()].filter(([logicalId]) => !(logicalId in template.buckets));
      expect(Object.fromEntries(unlisted)).toEqual({});
    });

    test('lists every bucket with a LoggingConfiguration, and only buckets of the template', () => {
      const { all, logging } = bucketsOf(template.file);
      const listed = Object.keys(template.buckets);
      expect(logging.filter(logicalId => !listed.includes(logicalId))).toEqual([]);
      expect(listed.filter(logicalId => !all.includes(logicalId))).toEqual([]);
    });
  });
}

describeWithTools('real-world templates (issue #13)', { [CORPUS_NAME]: corpusDir() }, CORPUS_INSTALL, () => {
  test('the table covers every template of the corpus, and no other', () => {
    const files = fs.readdirSync(CORPUS_DIR).filter(file => file !== 'SOURCES.md').sort();
    expect(CORPUS_TEMPLATES.map(t => t.file).sort()).toEqual(files);
  });

  for (const template of CORPUS_TEMPLATES) {
    if (template.notLoadable) {
      const { error, why } = template.notLoadable;
      test(`${template.file}: CfnInclude cannot load it (${why})`, () => {
        expect(() => includeTemplate(template.file)).toThrow(error);
      });
    } else {
      describeTemplate(template);
    }
  }
});
