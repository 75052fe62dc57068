import * as fs from 'fs';
import * as path from 'path';
import { App, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { ArtifactMetadataEntryType } from 'aws-cdk-lib/cloud-assembly-schema';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { CorpusTemplate, ExpectedBucket } from './expected-findings';
import { AccessLogs } from '../../src';
import { synthErrors } from '../support/checks';

/**
 * The synth-time checks over one template of the real-world corpus, bucket by bucket: shared by the
 * synth-time test (`realworld-templates.test.ts`) and the command's (`test/cli/realworld.test.ts`),
 * which must report the same. Not a test file itself.
 */

/** `../shared/realworld-templates` beside the repository; a run in a scratch copy (the newest aws-cdk-lib run) names it. */
export const CORPUS_DIR = process.env.REALWORLD_TEMPLATES_DIR ?? path.join(__dirname, '../../../shared/realworld-templates');
export const CORPUS_NAME = '../shared/realworld-templates';
export const CORPUS_INSTALL = `The corpus of public templates is read from ${CORPUS_DIR} (../shared/realworld-templates beside the repository); check it out there.`;

/** The corpus directory when it is there, for `describeWithTools`. */
export function corpusDir(): string | undefined {
  return fs.existsSync(CORPUS_DIR) ? CORPUS_DIR : undefined;
}

/** What the checks report about one bucket, by id without the package prefix, sorted. */
export interface BucketFindings {
  errors: string[];
  warnings: string[];
}

/** Findings by logical id, each bucket's ids deduplicated and sorted. */
export class FindingsByBucket {
  public readonly byLogicalId = new Map<string, BucketFindings>();

  public add(logicalId: string, level: keyof BucketFindings, id: string): void {
    const findings = this.byLogicalId.get(logicalId) ?? { errors: [], warnings: [] };
    if (!findings[level].includes(id)) {
      findings[level].push(id);
      findings[level].sort();
    }
    this.byLogicalId.set(logicalId, findings);
  }

  public of(logicalId: string): BucketFindings {
    return this.byLogicalId.get(logicalId) ?? { errors: [], warnings: [] };
  }
}

/**
 * The template in a stack of its own, logical ids as in the file. Parameters stay parameters (their
 * `Default` is a default, not the value): a destination or a condition that depends on one is a
 * deploy-time value, which is what the checks must see. `file` is relative to the corpus, or absolute
 * (a fixture of the command's tests).
 */
export function includeTemplate(file: string): { app: App; stack: Stack } {
  const app = new App();
  // The CDK-generated templates of the corpus have a BootstrapVersion parameter and rule of their own.
  const stack = new Stack(app, 'Template', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
  new CfnInclude(stack, 'Include', { templateFile: path.resolve(CORPUS_DIR, file), preserveLogicalIds: true });
  return { app, stack };
}

/**
 * Synthesize the template with the checks on, and collect this library's findings by the logical id
 * of the construct they are on: errors from the failed synthesis (`[path] message [id]` lines), warnings
 * from the constructs' metadata. The metadata is read rather than `Annotations.fromStack`, which needs a
 * synthesis that succeeds and writes a message that holds a token (a prefix under `Fn::If`) as an
 * intrinsic object that no string matcher sees. Lines of a failed synthesis that are not ours are kept
 * under `(other)`, so that they fail the test of the template.
 */
export function collectFindings(file: string): FindingsByBucket {
  const { app, stack } = includeTemplate(file);
  AccessLogs.of(app).check();
  const findings = new FindingsByBucket();

  const errors = synthErrors(app).split('\n').slice(1).filter(line => line.trim() !== '');
  for (const line of errors) {
    const match = /^\s*\[([^\]]+)\] .* \[cdk-s3-access-logs:(\w+)\]$/.exec(line);
    if (match) {
      findings.add(lastSegment(match[1]), 'errors', match[2]);
    } else {
      findings.add('(other)', 'errors', line.trim());
    }
  }
  for (const construct of stack.node.findAll()) {
    for (const entry of construct.node.metadata) {
      const match = entry.type === ArtifactMetadataEntryType.WARN && typeof entry.data === 'string'
        ? /\[ack: cdk-s3-access-logs:(\w+)\]$/.exec(entry.data)
        : null;
      if (match) {
        findings.add(lastSegment(construct.node.path), 'warnings', match[1]);
      }
    }
  }
  return findings;
}

/** Under `CfnInclude` with `preserveLogicalIds` each resource's construct id is its logical id. */
function lastSegment(constructPath: string): string {
  return constructPath.split('/').pop()!;
}

/** The logical ids of the template's buckets, and of those that have a `LoggingConfiguration`. */
export function bucketsOf(file: string): { all: string[]; logging: string[] } {
  const { stack } = includeTemplate(file);
  const buckets = stack.node.findAll().filter((c): c is CfnBucket => c instanceof CfnBucket);
  return {
    all: buckets.map(b => lastSegment(b.node.path)),
    logging: buckets.filter(b => b.loggingConfiguration !== undefined).map(b => lastSegment(b.node.path)),
  };
}

export function expectedFindings(expected: ExpectedBucket): BucketFindings {
  return { errors: [...expected.errors].sort(), warnings: [...expected.warnings].sort() };
}

export function describeExpected(expected: ExpectedBucket): string {
  const parts = [
    expected.errors.length > 0 ? `errors ${expected.errors.join(', ')}` : undefined,
    expected.warnings.length > 0 ? `warnings ${expected.warnings.join(', ')}` : undefined,
  ].filter(part => part !== undefined);
  return parts.length > 0 ? parts.join('; ') : 'no finding';
}

/**
 * One test per bucket of the table: the findings `findingsOf()` gives for it are the table's. A bucket
 * with a known `gap` is `test.failing`, so that jest fails it once the engine is fixed: remove the
 * bucket's `gap` then, which makes it a plain test. Shared by the synth-time and the command's tests.
 */
export function testEveryBucket(template: CorpusTemplate, findingsOf: () => FindingsByBucket): void {
  for (const [logicalId, expected] of Object.entries(template.buckets)) {
    const name = `${logicalId}: ${describeExpected(expected)}`;
    const body = () => {
      expect(findingsOf().of(logicalId)).toEqual(expectedFindings(expected));
    };
    if (expected.gap) {
      test.failing(`${name} (fails until fixed: ${expected.gap})`, body);
    } else {
      test(name, body);
    }
  }
}
