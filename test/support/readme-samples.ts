import { spawnSync } from 'child_process';
import * as path from 'path';
import { LineCounter, parseDocument } from 'yaml';

/**
 * Checking the code samples of a Markdown file: TypeScript samples are type-checked against the
 * package's own source, Python samples parsed, JSON and YAML samples parsed. Every problem names the line
 * of the Markdown file it is on. Not a test file itself.
 */

/** A fenced code block. */
export interface Sample {
  /** The fence's info string: `ts`, `python`, `json`, `sh`, ... */
  readonly lang: string;
  /** The line number (1-based) of the sample's first line of code in the Markdown file. */
  readonly line: number;
  /** The code, with the fence's indentation removed. */
  readonly code: string;
}

const ROOT = path.join(__dirname, '..', '..');

/** The package name a sample imports; mapped onto `src/index.ts`. */
const PACKAGE = 'cdk-s3-access-logs';

/**
 * The fixture: what a sample may use without importing or defining it. A sample is a fragment of a
 * stack or app; the names below are the ones the README's fragments take for granted. Each is only
 * added where the sample uses it and does not import or define it itself.
 */
const FIXTURE_IMPORTS: Record<string, string> = {
  App: 'import { App } from \'aws-cdk-lib\';',
  Annotations: 'import { Annotations } from \'aws-cdk-lib\';',
  Duration: 'import { Duration } from \'aws-cdk-lib\';',
  RemovalPolicy: 'import { RemovalPolicy } from \'aws-cdk-lib\';',
  Stack: 'import { Stack } from \'aws-cdk-lib\';',
  s3: 'import * as s3 from \'aws-cdk-lib/aws-s3\';',
  AccessLogs: `import { AccessLogs } from '${PACKAGE}';`,
  AccessLoggedBucket: `import { AccessLoggedBucket } from '${PACKAGE}';`,
  AccessLogsBucket: `import { AccessLogsBucket } from '${PACKAGE}';`,
};

/** Values a fragment refers to: declared, with types named through fixture-only imports. */
const FIXTURE_DECLARATIONS: Record<string, string> = {
  app: 'declare const app: fixture_cdk.App;',
  stack: 'declare const stack: fixture_cdk.Stack;',
  logs: 'declare const logs: fixture_lib.AccessLogsBucket;',
  logArchiveStack: 'declare const logArchiveStack: fixture_cdk.Stack;',
};

/** Every fenced code block of `markdown`, in order. */
export function extractSamples(markdown: string): Sample[] {
  const samples: Sample[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(```+)\s*([\w+-]*)/.exec(lines[i]);
    if (!open) {
      continue;
    }
    const [, indent, fence, lang] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !new RegExp(`^\\s*${fence}\\s*$`).test(lines[j]); j++) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    samples.push({ lang: lang.toLowerCase(), line: i + 2, code: body.join('\n') });
    i = j;
  }
  return samples;
}

/**
 * Type-check every TypeScript sample (`ts`, `typescript`) of the given Markdown files, each sample as
 * a module of its own: its imports at the top, the fixture's imports and declarations it needs, its
 * other lines in the constructor of a Stack (so that `this` is a scope), `cdk-s3-access-logs` mapped
 * onto `src/index.ts`. One program checks them all (aws-cdk-lib's declarations are loaded once).
 * Returns `<file>:<line>: <message>` per problem, the line being the Markdown file's.
 */
export function typeScriptProblems(samplesByFile: Record<string, Sample[]>): string[] {
  const sources = new Map<string, { text: string; lineOf: Array<number | undefined>; sample: Sample; file: string }>();
  Object.entries(samplesByFile).forEach(([file, samples], fileIndex) => {
    samples.filter(sample => ['ts', 'typescript'].includes(sample.lang)).forEach((sample, index) => {
      const fileName = path.join(ROOT, 'test', '.readme-samples', `file-${fileIndex + 1}-sample-${index + 1}-line-${sample.line}.ts`);
      sources.set(fileName, { ...wrapTypeScript(sample), sample, file });
    });
  });

  const diagnostics = compileInChildProcess(Object.fromEntries([...sources].map(([name, source]) => [name, source.text])));
  return diagnostics.map(({ fileName, line, message }) => {
    const source = fileName === undefined ? undefined : sources.get(fileName);
    if (!source || line === undefined) {
      const where = fileName ? ` (in ${path.relative(ROOT, fileName)})` : '';
      return `${Object.keys(samplesByFile).join(', ')}: TypeScript samples: ${message}${where}`;
    }
    const markdownLine = source.lineOf[line];
    return markdownLine === undefined
      ? `${source.file}:${source.sample.line}: in the fixture around the sample: ${message}`
      : `${source.file}:${markdownLine}: ${message}`;
  });
}

interface Diagnostic {
  readonly fileName?: string;
  /** 0-based. */
  readonly line?: number;
  readonly message: string;
}

/**
 * Type-check in-memory `files` (name to text; names inside the repository, so that packages resolve
 * from its node_modules) in a node process of its own: under jest's coverage the compiler runs two to
 * three times slower.
 */
function compileInChildProcess(files: Record<string, string>): Diagnostic[] {
  const script = `
    const ts = require('typescript');
    const { files, packageName, packageEntry } = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const options = {
      ...ts.getDefaultCompilerOptions(),
      strict: true,
      noImplicitAny: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      lib: ['lib.es2022.d.ts'],
      types: ['node'],
      skipLibCheck: true,
      noEmit: true,
      paths: { [packageName]: [packageEntry] },
    };
    const host = ts.createCompilerHost(options);
    const { readFile, getSourceFile, fileExists } = host;
    host.fileExists = name => name in files || fileExists.call(host, name);
    host.readFile = name => name in files ? files[name] : readFile.call(host, name);
    host.getSourceFile = (name, language, onError) => name in files
      ? ts.createSourceFile(name, files[name], language, true)
      : getSourceFile.call(host, name, language, onError);
    const program = ts.createProgram(Object.keys(files), options, host);
    process.stdout.write(JSON.stringify(ts.getPreEmitDiagnostics(program).map(d => ({
      fileName: d.file && d.file.fileName,
      line: d.file ? d.file.getLineAndCharacterOfPosition(d.start || 0).line : undefined,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\\n'),
    }))));
  `;
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    input: JSON.stringify({ files, packageName: PACKAGE, packageEntry: path.join(ROOT, 'src', 'index.ts') }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 110_000,
  });
  if (run.error || run.status !== 0) {
    throw new Error(`the TypeScript compiler failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}

/** A sample as a module, and the Markdown line of each of its lines (undefined for fixture lines). */
function wrapTypeScript(sample: Sample): { text: string; lineOf: Array<number | undefined> } {
  const lines = sample.code.split('\n').map((text, i) => ({ text, line: sample.line + i }));
  const isImport = (text: string) => /^\s*import\s/.test(text);
  const imports = lines.filter(l => isImport(l.text));
  const body = lines.filter(l => !isImport(l.text));
  // Names in strings and comments are not uses ('cdk-s3-access-logs' does not use `s3`).
  const bodyText = body.map(l => l.text).join('\n').replace(/(['"`])(?:\\.|(?!\1).)*\1|\/\/.*$/gm, '');
  const importText = imports.map(l => l.text).join('\n');
  const uses = (name: string) => new RegExp(`(?<![\\w.])${name}\\b`).test(bodyText);
  const imported = (name: string) => new RegExp(`\\b${name}\\b`).test(importText);
  const defined = (name: string) => new RegExp(`\\b(const|let|var|class|function)\\s+${name}\\b`).test(bodyText);

  const out: Array<{ text: string; line?: number }> = [
    ...imports,
    { text: 'import * as fixture_cdk from \'aws-cdk-lib\';' },
    { text: `import * as fixture_lib from '${PACKAGE}';` },
    { text: 'import { Construct as FixtureConstruct } from \'constructs\';' },
    ...Object.entries(FIXTURE_IMPORTS).filter(([name]) => uses(name) && !imported(name) && !defined(name)).map(([, text]) => ({ text })),
    ...Object.entries(FIXTURE_DECLARATIONS).filter(([name]) => uses(name) && !imported(name) && !defined(name)).map(([, text]) => ({ text })),
    { text: 'void fixture_lib;' },
    { text: 'export class ReadmeSample extends fixture_cdk.Stack {' },
    { text: '  constructor(scope: FixtureConstruct, id: string) {' },
    { text: '    super(scope, id);' },
    ...body,
    { text: '  }' },
    { text: '}' },
  ];
  return { text: out.map(l => l.text).join('\n'), lineOf: out.map(l => l.line) };
}

/** Parse every Python sample with python3's `ast.parse`, in one process. */
export function pythonProblems(samples: Sample[], python: string, file: string = 'README.md'): string[] {
  const pythonSamples = samples.filter(sample => ['python', 'py'].includes(sample.lang));
  const script = [
    'import ast, json, sys',
    'problems = []',
    'for sample in json.load(sys.stdin):',
    '    try:',
    '        ast.parse(sample["code"])',
    '    except SyntaxError as e:',
    '        problems.append({"line": sample["line"] + (e.lineno or 1) - 1, "message": f"{type(e).__name__}: {e.msg}"})',
    'json.dump(problems, sys.stdout)',
  ].join('\n');
  const run = spawnSync(python, ['-c', script], { input: JSON.stringify(pythonSamples), encoding: 'utf8', timeout: 60_000 });
  if (run.error || run.status !== 0) {
    throw new Error(`${python} failed to parse the samples (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr}`);
  }
  return (JSON.parse(run.stdout) as Array<{ line: number; message: string }>).map(p => `${file}:${p.line}: ${p.message}`);
}

/** Parse every JSON sample. */
export function jsonProblems(samples: Sample[], file: string = 'README.md'): string[] {
  return samples.filter(sample => sample.lang === 'json').flatMap(sample => {
    try {
      JSON.parse(sample.code);
      return [];
    } catch (e) {
      const position = Number(/position (\d+)/.exec((e as Error).message)?.[1] ?? 0);
      const line = sample.line + sample.code.slice(0, position).split('\n').length - 1;
      return [`${file}:${line}: ${(e as Error).message}`];
    }
  });
}

/** The YAML samples (a CI workflow, a template) that do not parse, as `<file>:<line>: <message>`. */
export function yamlProblems(samples: Sample[], file: string = 'README.md'): string[] {
  return samples.filter(sample => sample.lang === 'yaml' || sample.lang === 'yml').flatMap(sample => {
    const lineCounter = new LineCounter();
    const document = parseDocument(sample.code, { lineCounter, prettyErrors: false });
    return document.errors.map(error => `${file}:${sample.line + lineCounter.linePos(error.pos[0]).line - 1}: ${error.message}`);
  });
}
