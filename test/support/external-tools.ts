import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Finding the programs we did not write (cfn-lint, moto_server, python3 with boto3) that some tests
 * run our output through. Not a test file itself.
 *
 * Where a tool is missing the tests that need it are skipped, and say so in their name, except under
 * CI, where a missing tool is a failing test: CI must run them, never skip them.
 */

/** Whether this is a CI run (`CI` set to anything but empty, `0` or `false`). */
export const IN_CI = ['', '0', 'false'].indexOf((process.env.CI ?? '').toLowerCase()) === -1;

/** The path of an executable on PATH, as `which` finds it. */
export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) {
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `python3` on PATH, if it can import every one of `modules`. */
export function findPython(modules: string[] = []): string | undefined {
  const python = findOnPath('python3');
  if (!python || modules.length === 0) {
    return python;
  }
  const probe = spawnSync(python, ['-c', modules.map(m => `import ${m}`).join('; ')], { encoding: 'utf8', timeout: 30_000 });
  return probe.status === 0 ? python : undefined;
}

/**
 * `describe(name, body)` when every tool was found. Otherwise, under CI, one failing test that names
 * what is missing and how to install it; elsewhere, one skipped test whose name says why.
 */
export function describeWithTools(name: string, tools: Record<string, string | undefined>, install: string, body: () => void): void {
  const missing = Object.entries(tools).filter(([, found]) => found === undefined).map(([tool]) => tool);
  if (missing.length === 0) {
    describe(name, body);
  } else if (IN_CI) {
    describe(name, () => {
      test(`has ${missing.join(', ')} (required when CI is set)`, () => {
        throw new Error(`${missing.join(', ')} not found, and CI is set, where these checks must run. ${install}`);
      });
    });
  } else {
    describe(`${name} (skipped: ${missing.join(', ')} not found; ${install})`, () => {
      test.skip('needs the tools above', () => undefined);
    });
  }
}
