import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stacksOf, typeScriptTwin } from './assemblies';
import { describeWithTools } from '../support/external-tools';

/**
 * The Java and Go packages, built for real and used from an app in each language
 * (`examples/java/`, `examples/go/`): every app they synthesize equals its TypeScript twin
 * (`examples/*.ts`), run here against the aws-cdk-lib that this process loads.
 *
 * Not part of `npm test`: `scripts/ci/bindings-e2e.sh` (`npm run bindings:e2e`) builds the packages
 * and the apps, runs each app with the CDK CLI's context, and runs this file with
 * `JAVA_E2E_OUT` and `GO_E2E_OUT` set to the directories they synthesized into, one cloud assembly
 * per app, named after its TypeScript twin.
 */

const LANGUAGES: Record<string, { env: string; app: string }> = {
  Java: { env: 'JAVA_E2E_OUT', app: 'examples/java' },
  Go: { env: 'GO_E2E_OUT', app: 'examples/go' },
};

/** The apps each language's example synthesizes, at the least. */
const EXPECTED_APPS = ['app-wide', 'shared-destination'];

for (const [language, { env, app }] of Object.entries(LANGUAGES)) {
  const outDir = process.env[env] || undefined;
  describeWithTools(`the ${language} package, used from ${app}`, { [`${env} (the apps' cloud assemblies)`]: outDir },
    'Run scripts/ci/bindings-e2e.sh (npm run bindings:e2e)', () => {
      const apps = outDir ? fs.readdirSync(outDir).sort() : [];

      test('synthesizes the expected apps', () => {
        expect(apps).toEqual(expect.arrayContaining(EXPECTED_APPS));
      });

      test.each(apps)('app %s synthesizes the stacks of its TypeScript twin', name => {
        const tsDir = fs.mkdtempSync(path.join(os.tmpdir(), `ts-${name}-`));
        try {
          expect(stacksOf(path.join(outDir!, name))).toEqual(typeScriptTwin(name, tsDir));
        } finally {
          fs.rmSync(tsDir, { recursive: true, force: true });
        }
      });
    });
}
