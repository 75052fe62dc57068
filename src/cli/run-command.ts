import * as fs from 'fs';
import * as path from 'path';
import { checkApps } from './check-apps';
import { InputError, UsageError } from './input-error';
import { loadApps, readParametersFile } from './load-app';
import { CheckOptions, parseCommandLine, USAGE } from './options';
import { packageInfo } from './package-info';
import { jsonReport } from './report-json';
import { sarifReport } from './report-sarif';
import { textReport } from './report-text';

/** What the command reads and writes besides files: given, so that tests can run it in-process as well as spawned. */
export interface CommandIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (colour by default). */
  readonly stdoutIsTty: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The exit codes: no error; an error found; a usage or input problem. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INPUT = 2;

const PROGRAM = 'cdk-s3-access-logs';

/** Run `cdk-s3-access-logs <argv>`; returns the exit code. Never throws. */
export function runCommand(argv: readonly string[], io: CommandIo): number {
  try {
    const commandLine = parseCommandLine(argv);
    switch (commandLine.command) {
      case 'help':
        io.stdout(`${USAGE}\n`);
        return EXIT_OK;
      case 'version':
        io.stdout(`${packageInfo().version}\n`);
        return EXIT_OK;
      case 'check':
        return check(commandLine, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${PROGRAM}: ${e.describe()}\nRun "${PROGRAM} --help" for the usage.\n`);
      return EXIT_INPUT;
    }
    if (e instanceof InputError) {
      io.stderr(`${PROGRAM}: ${e.describe()}\n`);
      return EXIT_INPUT;
    }
    // Not the input's fault, but still no stack trace: say what happened, and where to report it.
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`${PROGRAM}: internal error: ${message}\nPlease report it, with the template if you can: ${packageInfo().homepage}/issues\n`);
    if (io.env.CDK_S3_ACCESS_LOGS_DEBUG && e instanceof Error && e.stack) {
      io.stderr(`${e.stack}\n`);
    }
    return EXIT_INPUT;
  }
}

function check(options: CheckOptions, io: CommandIo): number {
  const parameters: Record<string, string> = {};
  for (const file of options.parametersFiles) {
    Object.assign(parameters, readParametersFile(path.resolve(io.cwd, file)));
  }
  for (const [name, value] of options.parameters) {
    parameters[name] = value;
  }
  const apps = loadApps(options.paths.map(given => path.resolve(io.cwd, given)), {
    region: options.region,
    account: options.account,
    parameters,
    parameterDefaults: options.parameterDefaults,
  });
  const report = checkApps(apps, io.cwd);

  const color = options.output === undefined && options.format === 'text'
    && (options.color ?? (io.stdoutIsTty && !io.env.NO_COLOR));
  const rendered = options.format === 'json' ? jsonReport(report)
    : options.format === 'sarif' ? sarifReport(report, packageInfo())
      : textReport(report, color);
  if (options.output !== undefined) {
    const output = path.resolve(io.cwd, options.output);
    try {
      fs.mkdirSync(path.dirname(output), { recursive: true });
      fs.writeFileSync(output, rendered);
    } catch (e) {
      throw new InputError(`cannot be written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, options.output);
    }
  } else {
    io.stdout(rendered);
  }

  const errors = report.rows.filter(row => row.level === 'error').length;
  const warnings = report.rows.length - errors;
  if (options.output !== undefined) {
    io.stderr(`${PROGRAM}: ${errors} error(s), ${warnings} warning(s); report written to ${options.output}\n`);
  }
  return errors > 0 || (options.strict && warnings > 0) ? EXIT_FINDINGS : EXIT_OK;
}
