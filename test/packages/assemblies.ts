import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Example, EXAMPLES } from '../../examples';

/**
 * Comparing the cloud assemblies that an app in another language synthesizes with those of its
 * TypeScript twin. Not a test file itself.
 */

/**
 * The context the CDK CLI gives an app (`cdk synth`), given to every app compared, whatever its
 * language: construct paths in the template metadata, and the `CDKMetadata` resource.
 */
export const CLI_CONTEXT: Record<string, unknown> = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:version-reporting': true,
};

/** `CLI_CONTEXT` as the CLI passes it to an app in another process. */
export const CLI_CONTEXT_ENV = { CDK_CONTEXT_JSON: JSON.stringify(CLI_CONTEXT) };

/** What of one stack is compared. */
export interface ComparedStack {
  readonly environment: string;
  readonly dependencies: string[];
  /** The template, less what differs by language (see `normaliseTemplate`). */
  readonly template: Record<string, any>;
  /** Warning and error annotations, `<level> <construct path>: <message>`. */
  readonly annotations: string[];
}

/** The stacks of the cloud assembly in `dir`, by artifact id. */
export function stacksOf(dir: string): Record<string, ComparedStack> {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const stacks: Record<string, ComparedStack> = {};
  for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') {
      continue;
    }
    const template = JSON.parse(fs.readFileSync(path.join(dir, artifact.properties.templateFile), 'utf8'));
    stacks[id] = {
      environment: artifact.environment,
      dependencies: artifact.dependencies ?? [],
      template: normaliseTemplate(template),
      annotations: Object.entries<any[]>(artifact.metadata ?? {}).flatMap(([constructPath, entries]) => entries
        .filter(entry => ['aws:cdk:warning', 'aws:cdk:error'].includes(entry.type))
        .map(entry => `${entry.type.replace('aws:cdk:', '')} ${constructPath}: ${entry.data}`)),
    };
  }
  return stacks;
}

/**
 * A template less what legitimately differs between languages, and nothing else:
 *
 * - the `CDKMetadata` resource (and its `CDKMetadataAvailable` condition): its `Analytics` property
 *   encodes the jsii runtime the app ran on (`JSII_AGENT`, e.g. `Python/3.10.13`), so it is never the
 *   same in two languages. Everything else, construct paths (`aws:cdk:path`) included, must be.
 */
export function normaliseTemplate(template: Record<string, any>): Record<string, any> {
  const { CDKMetadata: _metadata, ...resources } = template.Resources ?? {};
  const { CDKMetadataAvailable: _available, ...conditions } = template.Conditions ?? {};
  const normalised: Record<string, any> = { ...template, Resources: resources };
  if (Object.keys(conditions).length > 0) {
    normalised.Conditions = conditions;
  } else {
    delete normalised.Conditions;
  }
  return normalised;
}

/** The example of `examples/index.ts` named `name`. */
export function exampleNamed(name: string): Example {
  const example = EXAMPLES.find(candidate => candidate.name === name);
  if (!example) {
    throw new Error(`no example named ${name} in examples/index.ts`);
  }
  return example;
}

/** Synthesize the TypeScript example `name` with the CLI's context into `outdir`; its stacks. */
export function typeScriptTwin(name: string, outdir: string): Record<string, ComparedStack> {
  const app = new App({ outdir, context: CLI_CONTEXT });
  exampleNamed(name).build(app);
  app.synth();
  return stacksOf(outdir);
}

/** The version of an npm package that this process loads. */
export function npmVersion(pkg: string): string {
  return JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
}
