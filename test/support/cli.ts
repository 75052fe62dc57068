import { execFile, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * Running the command (`cdk-s3-access-logs`, `src/cli/main.ts`) as users do: a node process of its
 * own, with its exit code, standard output and standard error. Not a test file itself.
 *
 * `npm test` runs before any `projen compile`, so there is no `lib/` to run. ts-node would compile
 * the sources again in every process (about 2 s each on this machine); instead `src/` is transpiled
 * once (TypeScript's `transpileModule`, which type-checks nothing: jest and jsii do that) into a
 * directory named after a hash of the sources, laid out as the package is (`lib/`, `package.json`,
 * `node_modules`), and every test process spawns that `lib/cli/main.js`.
 */

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

/** What one run of the command did. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Standard input, when the run reads one. */
  readonly input?: string;
}

let entry: string | undefined;

/** The transpiled command, `lib/cli/main.js` of a package laid out like the published one. */
export function cliEntry(): string {
  entry ??= transpiledPackage();
  return entry;
}

/** Run `cdk-s3-access-logs <args>` and wait for it. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [cliEntry(), ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnvironment(options.env),
    input: options.input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.error) {
    throw result.error;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Run `cdk-s3-access-logs <args>` without blocking, so that several runs share the cores. */
export function runCliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cliEntry(), ...args], {
      cwd: options.cwd ?? ROOT,
      env: cliEnvironment(options.env),
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    }, (error, stdout, stderr) => {
      const status = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : null) : 0;
      if (status === null) {
        reject(error);
      } else {
        resolve({ status, stdout, stderr });
      }
    });
  });
}

/** Run `runs` with at most `concurrency` of them at a time (two cores here), in order. */
export async function inTurns<T>(runs: Array<() => Promise<T>>, concurrency = 2): Promise<T[]> {
  const results: T[] = new Array(runs.length);
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const index = next++;
      results[index] = await runs[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, runs.length) }, worker));
  return results;
}

/** The command's environment: no colour forced either way, no CI-dependent behaviour of the tests' own. */
function cliEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

function transpiledPackage(): string {
  const sources = (fs.readdirSync(SRC, { recursive: true }) as string[]).filter(file => file.endsWith('.ts')).sort();
  const hash = createHash('sha256');
  for (const file of sources) {
    hash.update(file).update('\0').update(fs.readFileSync(path.join(SRC, file))).update('\0');
  }
  hash.update(fs.readFileSync(path.join(ROOT, 'package.json')));
  const directory = path.join(os.tmpdir(), `cdk-s3-access-logs-cli-${hash.digest('hex').slice(0, 16)}`);
  const main = path.join(directory, 'lib', 'cli', 'main.js');
  if (fs.existsSync(main)) {
    return main;
  }

  // Built aside and renamed into place, so that test files in other workers never see half a package.
  const building = fs.mkdtempSync(`${directory}-building-`);
  for (const file of sources) {
    const { outputText } = ts.transpileModule(fs.readFileSync(path.join(SRC, file), 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true },
    });
    const out = path.join(building, 'lib', file.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, outputText);
  }
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(building, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(building, 'node_modules'), 'dir');
  try {
    fs.renameSync(building, directory);
  } catch {
    // Another worker got there first with the same sources.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return main;
}
