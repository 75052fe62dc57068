import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

/**
 * The npm tarball (which the Python, Java and Go packages embed) holds the library, its command and
 * the command's bundled dependency, and nothing else.
 *
 * `npm pack --dry-run` runs over a copy of the package's manifest and ignore files in a scratch
 * directory laid out like a working tree after a build, `npm run example` and `npm run bench`: the
 * sources, tests, examples, scripts and their outputs are all there, and must all stay out.
 */

const ROOT = join(__dirname, '..', '..');

/** A file of every kind the working tree holds, by path. */
const TREE = [
  'lib/index.js', 'lib/index.d.ts', 'lib/checks/model.js', 'lib/checks/model.d.ts', 'lib/cli/main.js', 'lib/cli/main.d.ts',
  'node_modules/yaml/package.json', 'node_modules/yaml/dist/index.js', 'node_modules/aws-cdk-lib/package.json', 'node_modules/jest/package.json',
  '.jsii', 'API.md', 'README.md', 'LICENSE',
  'src/index.ts', 'src/checks/model.ts',
  'test/examples.test.ts', 'examples/single-bucket.ts', 'examples/cdk.out/manifest.json',
  'scripts/bench/index.ts', 'scripts/docgen/api-md.sh', '.ci/run',
  'cdk.out/manifest.json', '.bench/parse-line.log', 'coverage/lcov.info', 'dist/js/package.tgz', 'docs/ARCHITECTURE.md',
  'tsconfig.json', 'tsconfig.dev.json', '.projenrc.ts', '.eslintrc.json', 'package-lock.json', 'lib/tsconfig.tsbuildinfo',
];

/**
 * What the tarball must hold, exactly: the command (`lib/cli/`, the package's bin) and its one runtime
 * dependency, bundled (`yaml`, which the Python and Java packages could not install otherwise), but
 * no other package of node_modules.
 */
const PACKAGE = [
  '.jsii', 'API.md', 'LICENSE', 'README.md', 'lib/checks/model.d.ts', 'lib/checks/model.js', 'lib/cli/main.d.ts', 'lib/cli/main.js',
  'lib/index.d.ts', 'lib/index.js', 'node_modules/yaml/dist/index.js', 'node_modules/yaml/package.json', 'package.json',
];

/** The placeholder of a file: a package's manifest must be one, for npm to bundle it. */
function placeholder(file: string): string {
  const dependency = /^node_modules\/([^/]+)\/package\.json$/.exec(file);
  return dependency ? JSON.stringify({ name: dependency[1], version: '1.0.0' }) : '// placeholder\n';
}

describe('the npm package', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'npm-package-'));
    for (const file of TREE) {
      mkdirSync(dirname(join(scratch, file)), { recursive: true });
      writeFileSync(join(scratch, file), placeholder(file));
    }
    for (const file of ['package.json', '.npmignore']) {
      copyFileSync(join(ROOT, file), join(scratch, file));
    }
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('holds lib/, .jsii, API.md, README.md, LICENSE, package.json and the bundled yaml, and nothing else', () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: scratch, encoding: 'utf8', timeout: 60_000 });
    expect(pack.status).toBe(0);
    const [{ files }] = JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>;

    expect(files.map(file => file.path).sort()).toEqual(PACKAGE);
  });

  test('has the command as its bin, in lib/, and bundles every runtime dependency', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ 'cdk-s3-access-logs': 'lib/cli/main.js' });
    expect(PACKAGE).toContain(manifest.bin['cdk-s3-access-logs']);
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(manifest.bundledDependencies);
  });
});
