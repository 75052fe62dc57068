import { awscdk, javascript } from 'projen';

/**
 * The aws-cdk-lib floor.
 *
 * 2.172.0 is the first release with `AspectPriority` (Aspects.of(x).add(aspect, { priority })),
 * which `AccessLogs.of(scope).enable()` needs to run as a MUTATING aspect before the checks.
 * Everything else we use (`s3.TargetObjectKeyFormat`, `Annotations.addWarningV2`) is older.
 * The jest suite runs against exactly this version (the devDependency below).
 */
const CDK_FLOOR = '2.172.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-s3-access-logs',
  description:
    'Amazon S3 server access logging that deploys the first time: a hardened log bucket, the delivery policy, '
    + 'and synth-time checks for Region, account, loops and every setting that silently drops logs.',
  author: 'cdk-s3-access-logs maintainers',
  authorAddress: 'maintainers@cdk-s3-access-logs.dev',
  repositoryUrl: 'https://github.com/cdk-s3-access-logs/cdk-s3-access-logs.git',
  license: 'Apache-2.0',
  keywords: ['cdk', 'aws-cdk', 's3', 'server-access-logs', 'access-logging', 'audit', 'security', 'athena'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdkVersion: CDK_FLOOR,
  constructsVersion: '10.0.5',
  jsiiVersion: '~6.0.0',

  // projen's current default is test/tsconfig.json; this project keeps the dev tsconfig at the top level.
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    compilerOptions: {},
    include: ['examples/**/*.ts', 'scripts/**/*.ts', '.projenrc.ts', 'projenrc/**/*.ts'],
  },

  publishToPypi: {
    distName: 'cdk-s3-access-logs',
    module: 'cdk_s3_access_logs',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdks3accesslogs',
    mavenGroupId: 'io.github.cdk-s3-access-logs',
    mavenArtifactId: 'cdk-s3-access-logs',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkS3AccessLogs',
    packageId: 'CdkS3AccessLogs',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-s3-access-logs/cdk-s3-access-logs-go',
  },

  // cdk-nag 2.36 is the newest cdk-nag whose aws-cdk-lib peer range admits our floor (2.172);
  // cdk-nag 3 needs aws-cdk-lib >= 2.257 and is tested in the newest-aws-cdk-lib run.
  devDeps: [
    'fast-check@^3',
    'cdk-nag@2.36.50',
    // Validating the command's SARIF with tools we did not write: Microsoft's SARIF Multitool (its
    // Linux build is a self-contained executable, and ships the SARIF 2.1.0 JSON schema), and ajv
    // with that published schema.
    '@microsoft/sarif-multitool@5.7.0',
    'ajv@^8',
    'ajv-formats@^3',
  ],

  // The command (`npx cdk-s3-access-logs check`, src/cli/): not jsii API, but shipped in the package,
  // and so in the Python and Java packages, which embed the npm tarball and run its bin through node.
  bin: { 'cdk-s3-access-logs': 'lib/cli/main.js' },
  // YAML with CloudFormation's tags and line positions (eemeli/yaml, ISC, no dependencies of its own).
  // A jsii library's runtime dependency must be bundled, so that the Python and Java packages hold it.
  bundledDeps: ['yaml@^2.9.1'],

  // Lint test/, examples/ and scripts/ with the dev tsconfig that includes them.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'build-tools', 'projenrc'],
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
  },

  jestOptions: {
    // A broken snapshot must fail, never be rewritten by the test run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // A run that finds no test is a broken run, not a green one.
    passWithNoTests: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // The CDK tests synthesize whole apps; two workers on a two-core machine.
      maxWorkers: 2,
    },
  },

  gitignore: ['cdk.out', '/examples/cdk.out', '.bench/', '/.two-copies/', '/.venv-ci/', '/examples/java/target/', '__pycache__/', '/.jsii.tabl.json'],
});

// The layers of src/, top to bottom: appwide -> buckets -> visibility, analytics -> delivery -> checks
// -> private, with format beside them (it needs nothing of ours). Imports only go down; no two files
// import each other, directly or round a circle. A wrong arrow fails `npm test` (eslint), not a review.
// cli (the command) is a top of its own, beside the constructs: it reads templates and runs the
// checks, so nothing imports it, and it imports no construct (nor the construct tree's front-end).
const LAYERS_ABOVE: Record<string, string[]> = {
  private: ['cli', 'appwide', 'buckets', 'visibility', 'analytics', 'delivery', 'checks', 'format'],
  format: ['cli', 'appwide', 'buckets', 'visibility', 'analytics', 'delivery', 'checks'],
  checks: ['cli', 'appwide', 'buckets', 'visibility', 'analytics', 'delivery', 'format'],
  delivery: ['cli', 'appwide', 'buckets', 'visibility', 'analytics', 'format'],
  visibility: ['cli', 'appwide', 'buckets', 'analytics'],
  analytics: ['cli', 'appwide', 'buckets', 'visibility'],
  buckets: ['cli', 'appwide'],
  appwide: ['cli'],
};
project.eslint?.addRules({
  'import/no-cycle': ['error'],
  'import/no-restricted-paths': ['error', {
    zones: [
      ...Object.entries(LAYERS_ABOVE).map(([layer, above]) => ({
        target: `./src/${layer}`,
        from: above.map(folder => `./src/${folder}`),
        message: `src/${layer} is below ${above.join(', ')}: imports only go down (see docs/ARCHITECTURE.md).`,
      })),
      {
        // A rule is a pure function over the model: it reads the model, the finding and the shared
        // evaluators, never how the model is built from constructs (or the runner that reports it).
        target: './src/checks/rules',
        from: ['./src/checks/build-model.ts', './src/checks/model-builder.ts', './src/checks/reference-resolver.ts',
          './src/checks/resolved-value.ts', './src/checks/register-checks.ts', './src/checks/grant-record.ts', './src/checks/run-checks.ts'],
        message: 'A rule reads the model only: it must not know how the model is built, nor how findings are reported.',
      },
      {
        // The command checks templates: the constructs, and the construct tree's front-end and runner,
        // would load aws-cdk-lib's construct libraries (and seconds of start-up) for nothing.
        target: './src/cli',
        from: ['./src/appwide', './src/buckets', './src/visibility', './src/analytics', './src/delivery', './src/checks/build-model.ts',
          './src/checks/reference-resolver.ts', './src/checks/register-checks.ts', './src/checks/grant-record.ts'],
        message: 'The command reads templates: it uses the template-file front-end (checks/template-files.ts), never the construct tree\'s.',
      },
    ],
  }],
});

// The registry this project installs from lacks the newest non-Linux bindings of unrs-resolver
// (pulled in by eslint-import-resolver-typescript); without this pin `npm ci` fails.
project.package.addPackageResolutions('unrs-resolver@1.12.2');

// The bin must be executable in the npm tarball itself: npm makes it so when it installs the package,
// but jsii's runtime unpacks the tarball inside the Python and Java packages and runs the file as it
// is (scripts/ci/python-e2e.sh runs it there). npm pack keeps the mode the file has after the compile (every task that compiles, bindings included).
project.compileTask.exec('chmod +x lib/cli/main.js');

// npm 11 runs no dependency's install script unless package.json allows it. The SARIF Multitool's
// only one makes its executable executable (test/cli/sarif.test.ts runs it).
project.package.addField('allowScripts', { '@microsoft/sarif-multitool-linux': true });

// The documented log records the tests read are `.log` files, which the default `*.log` pattern ignores.
project.gitignore.include('/test/fixtures/*.log');

// The npm package holds the library and nothing else: the compiled lib/ (its source maps are inline,
// with their sources; lib/cli/ is the bin), the jsii assembly, API.md, README.md, LICENSE and
// package.json (npm adds the last three itself), and the bundled dependencies (npm adds those too).
// An allowlist rather than .npmignore, so that whatever examples, benchmarks or cdk.out leave in the
// tree never ships; the Python, Java and Go packages embed this same tarball.
// test/packaging/npm-package.test.ts holds it to that list.
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'API.md']);

// `npm run bench`: the benchmarks, one module per section under scripts/bench/ (synth cost and scale
// against hand-wired aws-cdk-lib; parseLine throughput). Never part of `npm test`: they install the
// newest aws-cdk-lib and write a 100 MB file under .bench/, and keep both cores busy for minutes.
project.addTask('bench', {
  description: 'Run the benchmarks in scripts/bench/ (pass section names to run only those)',
  exec: 'ts-node --project tsconfig.dev.json scripts/bench/index.ts',
  receiveArgs: true,
});
project.npmignore?.exclude('/scripts/');

// API.md documents the API against the constructs and aws-cdk-lib floors (see the script for why).
project.tasks.tryFind('docgen')?.reset('bash scripts/docgen/api-md.sh');

// `npm run example`: synthesize the example apps and print what they define and what the checks found.
project.addTask('example', {
  description: 'Synthesize the example apps into cdk.out and print their access logging',
  exec: 'ts-node --project tsconfig.dev.json examples/run.ts',
});

// Snapshots are updated by hand, after reading the diff (`npx jest -u test/examples.test.ts`), never
// by a task that a script or CI could run.
project.tasks.removeTask('test:update');

// The Python and Java targets are packaged for real (PyPI and Maven Central are reachable). .NET has
// no SDK on these machines, so its binding is generated as code only. The Go target's own build
// (`go mod tidy`, `go build`) cannot run here: our go.mod names the awscli asset module at a version
// that the Go module proxy these machines reach does not serve, so the Go binding is generated as
// code and compiled by examples/go (scripts/ci/bindings-e2e.sh), which pins a version it serves.
const CODE_ONLY = 'jsii-pacmak --code-only --targets dotnet,go';
const packageAll = project.tasks.tryFind('package-all');
packageAll?.reset();
for (const target of ['js', 'python', 'java']) {
  packageAll?.spawn(project.tasks.tryFind(`package:${target}`)!);
}
packageAll?.exec(CODE_ONLY);

// `npx projen rosetta`: every TypeScript sample of the README and of the doc comments compiles
// (with the fixtures in rosetta/), so that Construct Hub and the generated packages show it in
// Python, Java, C# and Go. Writes the translations to .jsii.tabl.json, which jsii-pacmak reads.
const rosetta = project.addTask('rosetta', {
  description: 'Compile every README and doc comment sample with jsii-rosetta (strict), after jsii has compiled',
  exec: 'jsii-rosetta extract --strict',
});

// `npx projen bindings` (CI): jsii compiles (no docgen, so API.md is untouched), rosetta checks the
// samples, pacmak builds the Python wheel and sdist (and runs twine check on them), and generates the
// Java, .NET and Go bindings as code, proof that the API is jsii-clean in every language.
// scripts/ci/python-e2e.sh then installs and runs the wheel.
const bindings = project.addTask('bindings', {
  description: 'Compile with jsii, check the samples with rosetta, build the Python package, and generate the Java, .NET and Go bindings as code',
});
bindings.spawn(project.compileTask);
bindings.spawn(rosetta);
bindings.exec('jsii-pacmak --targets python');
bindings.exec('jsii-pacmak --code-only --targets java,dotnet,go');

// `npm run bindings:e2e`: the Java and Go packages built for real and used from examples/java and
// examples/go, whose templates are compared with the TypeScript twins'. Not in CI: with cold Maven
// and Go caches it takes about 3 minutes, which would take CI past its 12-minute budget.
const bindingsE2e = project.addTask('bindings:e2e', {
  description: 'Build the Java and Go packages, run the Java and Go example apps, and compare their templates with the TypeScript twins',
});
bindingsE2e.spawn(project.compileTask);
bindingsE2e.exec('bash scripts/ci/bindings-e2e.sh');

project.synth();
