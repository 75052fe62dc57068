import * as path from 'path';
import { IResolvable, IResolveContext, StringConcat, Token, Tokenization } from 'aws-cdk-lib';
import { LoadedApp } from './load-app';
import { Finding } from '../checks/finding';
import { runChecksInEveryBranch } from '../checks/run-checks';
import { buildTemplateModel, TemplateLocation, TemplateStack } from '../checks/template-files';

/** One finding, as every report of the command gives it. */
export interface FindingRow {
  /** `cdk-s3-access-logs:<camelCaseId>`, as the README lists it. */
  readonly id: string;
  readonly level: 'error' | 'warning';
  /** The stack's name: a cloud assembly stack's, or the template file's base name (`<parent>/<logical id>` for a nested stack). */
  readonly stack: string;
  readonly logicalId: string;
  /** The construct path, when the template has `aws:cdk:path` metadata or the cloud assembly names it; else null. */
  readonly path: string | null;
  /** The template file, relative to the working directory where it is under it. */
  readonly file: string;
  /** The line of the resource in `file`; null where the loader does not know it. */
  readonly line: number | null;
  /** What is wrong, the values found, and the fix. */
  readonly message: string;
}

/** What one run of the checks found, over every app it was given. */
export interface CheckReport {
  readonly rows: FindingRow[];
  /** How many stacks (templates, nested ones included) and buckets were checked. */
  readonly stackCount: number;
  readonly bucketCount: number;
}

/** Run every check over each app (the model is built from its templates, the rules are those of the synth-time checks). */
export function checkApps(apps: readonly LoadedApp[], cwd: string = process.cwd()): CheckReport {
  const rows: FindingRow[] = [];
  let stackCount = 0;
  let bucketCount = 0;
  for (const app of apps) {
    let buckets = 0;
    const findings = runChecksInEveryBranch(branch => {
      const model = buildTemplateModel(app.stacks, branch);
      buckets = model.buckets.length;
      return model;
    });
    bucketCount += buckets;
    stackCount += countStacks(app.stacks);
    for (const finding of findings) {
      rows.push(rowOf(finding, cwd));
    }
  }
  return { rows: sortRows(rows), stackCount, bucketCount };
}

/** The stacks, with their nested stacks. */
function countStacks(stacks: Iterable<TemplateStack>): number {
  let count = 0;
  for (const stack of stacks) {
    count += 1 + countStacks(stack.nestedStacks?.values() ?? []);
  }
  return count;
}

function rowOf(finding: Finding, cwd: string): FindingRow {
  const location = finding.subject.scope as TemplateLocation;
  return {
    id: finding.id,
    level: finding.level,
    stack: location.stack,
    logicalId: location.logicalId,
    path: location.constructPath ?? null,
    file: displayPath(location.file, cwd),
    line: location.line ?? null,
    message: withTokensWritten(finding.message),
  };
}

/** By file, then line, keeping the rules' order for findings on one resource. */
function sortRows(rows: FindingRow[]): FindingRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => a.row.file.localeCompare(b.row.file) || (a.row.line ?? 0) - (b.row.line ?? 0) || a.index - b.index)
    .map(({ row }) => row);
}

/** A path under the working directory relative to it, with `/`; any other path absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(cwd, file) : relative;
  return shown.split(path.sep).join('/');
}

/**
 * A message with each token written as the intrinsic it stands for: the model writes a value known
 * only at deploy (a prefix under `Fn::If`, a parameter) as a token, which synth renders in its
 * template and a report must render itself.
 */
export function withTokensWritten(message: string): string {
  if (!Token.isUnresolved(message)) {
    return message;
  }
  const context = {} as IResolveContext;
  return Tokenization.reverseString(message)
    .mapTokens({
      mapToken: (token: IResolvable) => {
        try {
          const value = token.resolve(context);
          return typeof value === 'string' ? value : JSON.stringify(value);
        } catch {
          return '<a value known only at deploy>';
        }
      },
    })
    .join(new StringConcat());
}
