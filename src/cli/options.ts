import { parseArgs } from 'util';
import { UsageError } from './input-error';

/** The output formats of `check`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** What `cdk-s3-access-logs check` was asked to do. */
export interface CheckOptions {
  readonly command: 'check';
  /** Cloud assembly directories, template files, directories of templates; `cdk.out` when none is given. */
  readonly paths: string[];
  readonly format: OutputFormat;
  /** Write the report here instead of to standard output. */
  readonly output?: string;
  /** The Region of plain templates. */
  readonly region?: string;
  /** The account of plain templates. */
  readonly account?: string;
  /** `--parameters Key=Value`, in order (a later one wins). */
  readonly parameters: Array<[string, string]>;
  /** `--parameters-file FILE`, in order. */
  readonly parametersFiles: string[];
  /** Take each parameter's `Default` as its value where none is given. */
  readonly parameterDefaults: boolean;
  /** Warnings fail the check too. */
  readonly strict: boolean;
  /** Colour in the text report: on a terminal unless `NO_COLOR` is set, or as `--color` / `--no-color` say. */
  readonly color?: boolean;
}

/** What else the command line may ask for. */
export type CommandLine = CheckOptions | { readonly command: 'help' } | { readonly command: 'version' };

export const USAGE = `Usage: cdk-s3-access-logs check [PATH...] [options]

Check the S3 server access logging of CloudFormation templates and CDK cloud assemblies: the same
checks as the cdk-s3-access-logs constructs run at synth (loops, Region and account, encryption,
Object Lock, delivery permission, Deny statements, policy size, prefixes).

A PATH is a cloud assembly directory (cdk.out), a template file (JSON or YAML, SAM included), or a
directory of templates. Several PATHs are one app: Fn::ImportValue is followed to the Exports of the
other templates, and literal bucket names to their buckets. Without a PATH, ./cdk.out is checked.

Options:
  --format text|json|sarif   the report's format (default: text)
  -o, --output FILE          write the report to FILE instead of standard output
  --region REGION            the Region the plain templates deploy to (default: unknown)
  --account ACCOUNT          the account the plain templates deploy to (default: unknown)
  --parameters Key=Value     a parameter's value; repeat for more (default: a deploy-time value)
  --parameters-file FILE     parameter values, as [{"ParameterKey": ..., "ParameterValue": ...}]
  --parameter-defaults       take each parameter's Default as its value where none is given
  --strict                   fail on warnings too
  --color, --no-color        colour in the text report (default: on a terminal, unless NO_COLOR is set)
  -h, --help                 show this help
  --version                  show the version

Exit codes: 0 no error (warnings alone do not fail, unless --strict), 1 an error was found,
2 a usage or input problem (a file that does not parse, a path that does not exist).`;

/** Parse the command line; throws a `UsageError` for one it does not accept. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let parsed: ReturnType<typeof parseWithNode>;
  try {
    parsed = parseWithNode(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return { command: 'help' };
  }
  if (values.version) {
    return { command: 'version' };
  }
  const [command, ...paths] = positionals;
  if (command === undefined) {
    throw new UsageError('no command given: the command is "check"');
  }
  if (command !== 'check') {
    throw new UsageError(`unknown command "${command}": the command is "check"`);
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--format must be text, json or sarif, got: ${format}`);
  }
  if (values.color && values['no-color']) {
    throw new UsageError('--color and --no-color contradict each other');
  }
  for (const [flag, value] of [['--region', values.region], ['--account', values.account]] as const) {
    if (value !== undefined && value.trim() === '') {
      throw new UsageError(`${flag} needs a value`);
    }
  }
  if (values.account !== undefined && !/^\d{12}$/.test(values.account)) {
    throw new UsageError(`--account must be a 12-digit AWS account id, got: ${values.account}`);
  }
  return {
    command: 'check',
    paths: paths.length > 0 ? paths : ['cdk.out'],
    format,
    output: values.output,
    region: values.region,
    account: values.account,
    parameters: (values.parameters ?? []).map(parameterAssignment),
    parametersFiles: values['parameters-file'] ?? [],
    parameterDefaults: values['parameter-defaults'] ?? false,
    strict: values.strict ?? false,
    color: values.color ? true : values['no-color'] ? false : undefined,
  };
}

function parseWithNode(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'format': { type: 'string' },
      'output': { type: 'string', short: 'o' },
      'region': { type: 'string' },
      'account': { type: 'string' },
      'parameters': { type: 'string', multiple: true },
      'parameters-file': { type: 'string', multiple: true },
      'parameter-defaults': { type: 'boolean' },
      'strict': { type: 'boolean' },
      'color': { type: 'boolean' },
      'no-color': { type: 'boolean' },
      'help': { type: 'boolean', short: 'h' },
      'version': { type: 'boolean' },
    },
  });
}

function parameterAssignment(text: string): [string, string] {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    throw new UsageError(`--parameters takes Key=Value, got: ${text}`);
  }
  return [text.slice(0, equals), text.slice(equals + 1)];
}
