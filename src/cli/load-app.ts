import * as fs from 'fs';
import * as path from 'path';
import { InputError } from './input-error';
import { parseJson, parseTemplate } from './template-parser';
import { TemplateStack } from '../checks/template-files';

/**
 * What the command checks, read from its PATHs: cloud assembly directories (`cdk.out`), template
 * files, and directories of templates.
 *
 * The templates of the PATHs make up one app, checked in one model (an import is followed to an
 * export of another template, a literal name to a bucket of another template). A nested cloud assembly
 * (a `Stage` of a CDK app) is an app of its own, as `cdk synth` checks each stage on its own.
 */
export interface LoadedApp {
  /** What the app was read from, for messages. */
  readonly description: string;
  readonly stacks: TemplateStack[];
}

/** What the command line says about the templates' parameters and environment. */
export interface LoadOptions {
  /** The Region of plain templates (a cloud assembly's stacks have their own). */
  readonly region?: string;
  /** The account of plain templates. */
  readonly account?: string;
  /** Parameter values, by name, for every top-level template that declares them. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Take a parameter's `Default` as its value where no value is given. */
  readonly parameterDefaults: boolean;
}

/** The extensions a file in a directory of templates may have. */
const TEMPLATE_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];

/** Read every PATH: the templates of the plain files and directories as one app, and each cloud assembly (and nested one) as one. */
export function loadApps(paths: readonly string[], options: LoadOptions): LoadedApp[] {
  const apps: LoadedApp[] = [];
  const plain: TemplateStack[] = [];
  for (const given of paths) {
    const stat = statOf(given);
    if (stat.isDirectory()) {
      if (fs.existsSync(path.join(given, 'manifest.json'))) {
        apps.push(...loadAssembly(given, options));
      } else {
        plain.push(...loadTemplateDirectory(given, options));
      }
    } else if (path.basename(given) === 'manifest.json') {
      apps.push(...loadAssembly(path.dirname(given), options));
    } else {
      plain.push(loadTemplateFile(given, options, true)!);
    }
  }
  if (plain.length > 0) {
    apps.unshift({ description: plain.map(stack => stack.file).join(', '), stacks: uniqueNames(plain) });
  }
  return apps;
}

function statOf(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch {
    throw new InputError('no such file or directory', file);
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file);
  }
}

/**
 * A template file; `undefined` for a file of a directory that parses but is no template (a
 * `package.json` beside the templates). A file that does not parse is an error wherever it is.
 */
function loadTemplateFile(file: string, options: LoadOptions, given: boolean): TemplateStack | undefined {
  const { template, resourceLines } = parseTemplate(readText(file), file);
  if (!isTemplate(template)) {
    if (given) {
      throw new InputError('is not a CloudFormation template: it has no Resources section', file);
    }
    return undefined;
  }
  return {
    name: stackNameOfFile(file),
    file,
    template,
    account: options.account,
    region: options.region,
    resourceLines,
    parameterValues: parameterValues(template, options),
    nestedStacks: localNestedStacks(file, template, options, new Set([path.resolve(file)])),
  };
}

function loadTemplateDirectory(directory: string, options: LoadOptions): TemplateStack[] {
  const files = fs.readdirSync(directory)
    .filter(name => TEMPLATE_EXTENSIONS.includes(path.extname(name).toLowerCase()))
    .sort()
    .map(name => path.join(directory, name))
    .filter(file => fs.statSync(file).isFile());
  const stacks = files.map(file => loadTemplateFile(file, options, false)).filter((stack): stack is TemplateStack => stack !== undefined);
  if (stacks.length === 0) {
    throw new InputError(`holds no CloudFormation template (no ${TEMPLATE_EXTENSIONS.join(', ')} file with a Resources section)`, directory);
  }
  return stacks;
}

function isTemplate(template: unknown): template is Record<string, unknown> {
  const resources = asRecord(template)?.Resources;
  return asRecord(resources) !== undefined;
}

/** A template file's stack is named after the file: `app.template.yaml` is `app`. */
function stackNameOfFile(file: string): string {
  return path.basename(file).replace(/(\.(template|sam))?\.(json|ya?ml|template)$/i, '');
}

/** Two files of one name (in two directories) would be one stack in messages: the second gets its directory too. */
function uniqueNames(stacks: TemplateStack[]): TemplateStack[] {
  const seen = new Set<string>();
  return stacks.map(stack => {
    let name = stack.name;
    if (seen.has(name)) {
      name = path.join(path.dirname(stack.file), stack.name).split(path.sep).join('/');
    }
    seen.add(name);
    return name === stack.name ? stack : { ...stack, name };
  });
}

/**
 * The values of a template's parameters: those given, and (with `parameterDefaults`) the `Default` of
 * the others. A parameter with neither is a deploy-time value.
 */
function parameterValues(template: Record<string, unknown>, options: LoadOptions): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, declaration] of Object.entries(asRecord(template.Parameters) ?? {})) {
    const given = options.parameters[name];
    const fallback = options.parameterDefaults ? asRecord(declaration)?.Default : undefined;
    const value = given ?? fallback;
    if (value !== undefined && value !== null && typeof value !== 'object') {
      values[name] = String(value);
    }
  }
  return values;
}

/**
 * The values of a nested stack's parameters that its parent does not pass: their `Default` with
 * `parameterDefaults` (CloudFormation's own `--parameters` reach only the top-level stack), else none.
 */
function nestedParameterValues(template: Record<string, unknown>, options: LoadOptions): Record<string, string> {
  return parameterValues(template, { ...options, parameters: {} });
}

/**
 * The nested stacks of a plain template whose `TemplateURL` is a local file (as `aws cloudformation
 * package` takes them), relative to the template. A URL (`https://...`) or an intrinsic cannot be
 * read: that nested stack's outputs stay unknown.
 */
function localNestedStacks(file: string, template: Record<string, unknown>, options: LoadOptions, loading: Set<string>): Map<string, TemplateStack> {
  const nested = new Map<string, TemplateStack>();
  for (const [logicalId, resource] of Object.entries(asRecord(template.Resources) ?? {})) {
    const record = asRecord(resource);
    const url = asRecord(record?.Properties)?.TemplateURL;
    if (record?.Type !== 'AWS::CloudFormation::Stack' || typeof url !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(url)) {
      continue;
    }
    const nestedFile = path.join(path.dirname(file), url);
    if (!fs.existsSync(nestedFile) || loading.has(path.resolve(nestedFile))) {
      continue;
    }
    const { template: nestedTemplate, resourceLines } = parseTemplate(readText(nestedFile), nestedFile);
    if (!isTemplate(nestedTemplate)) {
      throw new InputError(`is not a CloudFormation template, but ${file} uses it as the template of ${logicalId}`, nestedFile);
    }
    nested.set(logicalId, {
      name: logicalId,
      file: nestedFile,
      template: nestedTemplate,
      resourceLines,
      parameterValues: nestedParameterValues(nestedTemplate, options),
      nestedStacks: localNestedStacks(nestedFile, nestedTemplate, options, new Set([...loading, path.resolve(nestedFile)])),
    });
  }
  return nested;
}

/** A cloud assembly: every stack of its manifest, with its environment and nested stacks; and each nested assembly, as an app of its own. */
function loadAssembly(directory: string, options: LoadOptions): LoadedApp[] {
  const manifestFile = path.join(directory, 'manifest.json');
  const manifest = asRecord(parseJson(readText(manifestFile), manifestFile));
  const artifacts = asRecord(manifest?.artifacts);
  if (!artifacts) {
    throw new InputError('is not a cloud assembly manifest: it has no artifacts', manifestFile);
  }
  const stacks: TemplateStack[] = [];
  const nestedAssemblies: LoadedApp[] = [];
  const assets = fileAssetsOf(directory, artifacts);
  for (const [artifactId, artifactValue] of Object.entries(artifacts)) {
    const artifact = asRecord(artifactValue);
    const properties = asRecord(artifact?.properties);
    if (artifact?.type === 'aws:cloudformation:stack' && typeof properties?.templateFile === 'string') {
      stacks.push(assemblyStack(directory, artifactId, artifact, properties, options, assets));
    } else if (artifact?.type === 'cdk:cloud-assembly' && typeof properties?.directoryName === 'string') {
      nestedAssemblies.push(...loadAssembly(path.join(directory, properties.directoryName), options));
    }
  }
  return [...(stacks.length > 0 ? [{ description: directory, stacks }] : []), ...nestedAssemblies];
}

function assemblyStack(
  directory: string,
  artifactId: string,
  artifact: Record<string, unknown>,
  properties: Record<string, unknown>,
  options: LoadOptions,
  assets: Map<string, string>,
): TemplateStack {
  const file = path.join(directory, properties.templateFile as string);
  const { template, resourceLines } = parseTemplate(readText(file), file);
  if (!isTemplate(template)) {
    throw new InputError('is not a CloudFormation template: it has no Resources section', file);
  }
  const environment = /^aws:\/\/([^/]+)\/(.+)$/.exec(typeof artifact.environment === 'string' ? artifact.environment : '');
  const account = environment && environment[1] !== 'unknown-account' ? environment[1] : undefined;
  const region = environment && environment[2] !== 'unknown-region' ? environment[2] : undefined;
  return {
    name: typeof properties.stackName === 'string' ? properties.stackName : artifactId,
    nameIsDeployed: true,
    file,
    template,
    account,
    region,
    resourceLines,
    constructPaths: constructPathsOf(artifact),
    parameterValues: parameterValues(template, options),
    nestedStacks: assemblyNestedStacks(directory, template, assets, options, new Set([path.resolve(file)])),
  };
}

/** The construct path of each resource, from the manifest's `aws:cdk:logicalId` entries (a template without path metadata has none of its own). */
function constructPathsOf(artifact: Record<string, unknown>): Map<string, string> {
  const paths = new Map<string, string>();
  for (const [constructPath, entries] of Object.entries(asRecord(artifact.metadata) ?? {})) {
    for (const entry of Array.isArray(entries) ? entries : []) {
      const record = asRecord(entry);
      if (record?.type === 'aws:cdk:logicalId' && typeof record.data === 'string' && !paths.has(record.data)) {
        paths.set(record.data, constructPath.replace(/^\//, ''));
      }
    }
  }
  return paths;
}

/**
 * The file assets of a cloud assembly, by object key (`<hash>.json`), with their paths in it: a nested
 * stack's template is one, and its `TemplateURL` ends with its object key.
 */
function fileAssetsOf(directory: string, artifacts: Record<string, unknown>): Map<string, string> {
  const assets = new Map<string, string>();
  for (const artifactValue of Object.values(artifacts)) {
    const artifact = asRecord(artifactValue);
    const file = asRecord(artifact?.properties)?.file;
    if (artifact?.type !== 'cdk:asset-manifest' || typeof file !== 'string' || !fs.existsSync(path.join(directory, file))) {
      continue;
    }
    const manifestFile = path.join(directory, file);
    for (const asset of Object.values(asRecord(asRecord(parseJson(readText(manifestFile), manifestFile))?.files) ?? {})) {
      const source = asRecord(asRecord(asset)?.source)?.path;
      for (const destination of Object.values(asRecord(asRecord(asset)?.destinations) ?? {})) {
        const objectKey = asRecord(destination)?.objectKey;
        if (typeof source === 'string' && typeof objectKey === 'string') {
          assets.set(objectKey, source);
        }
      }
    }
  }
  return assets;
}

/**
 * The nested stacks of a cloud assembly's template: their templates are file assets, named by each
 * stack resource's `aws:asset:path` metadata (which the CDK CLI turns on), else found by the object
 * key its `TemplateURL` ends with.
 */
function assemblyNestedStacks(
  directory: string,
  template: Record<string, unknown>,
  assets: Map<string, string>,
  options: LoadOptions,
  loading: Set<string>,
): Map<string, TemplateStack> {
  const nested = new Map<string, TemplateStack>();
  for (const [logicalId, resource] of Object.entries(asRecord(template.Resources) ?? {})) {
    const record = asRecord(resource);
    if (record?.Type !== 'AWS::CloudFormation::Stack') {
      continue;
    }
    const assetPath = asRecord(record.Metadata)?.['aws:asset:path'] ?? assetOfUrl(asRecord(record.Properties)?.TemplateURL, assets);
    const file = typeof assetPath === 'string' ? path.join(directory, assetPath) : undefined;
    if (!file || !fs.existsSync(file) || loading.has(path.resolve(file))) {
      continue;
    }
    const { template: nestedTemplate, resourceLines } = parseTemplate(readText(file), file);
    if (isTemplate(nestedTemplate)) {
      nested.set(logicalId, {
        name: logicalId,
        file,
        template: nestedTemplate,
        resourceLines,
        parameterValues: nestedParameterValues(nestedTemplate, options),
        nestedStacks: assemblyNestedStacks(directory, nestedTemplate, assets, options, new Set([...loading, path.resolve(file)])),
      });
    }
  }
  return nested;
}

/** The asset whose object key a `TemplateURL` (an `Fn::Join` of the assets bucket's URL and the key) ends with. */
function assetOfUrl(url: unknown, assets: Map<string, string>): string | undefined {
  const text = JSON.stringify(url ?? '');
  for (const [objectKey, source] of assets) {
    if (text.includes(`/${objectKey}"`)) {
      return source;
    }
  }
  return undefined;
}

/**
 * Parameter values from a `--parameters-file`: CloudFormation's JSON shape,
 * `[{ "ParameterKey": "Name", "ParameterValue": "value" }, ...]`, or a plain `{ "Name": "value" }`.
 */
export function readParametersFile(file: string): Record<string, string> {
  const content = parseJson(readText(file), file);
  const values: Record<string, string> = {};
  if (Array.isArray(content)) {
    content.forEach((entry, index) => {
      const record = asRecord(entry);
      if (typeof record?.ParameterKey !== 'string') {
        throw new InputError(`entry ${index + 1} has no ParameterKey (expected [{ "ParameterKey": "...", "ParameterValue": "..." }])`, file);
      }
      if (record.ParameterValue !== undefined) {
        values[record.ParameterKey] = String(record.ParameterValue);
      }
    });
    return values;
  }
  const record = asRecord(content);
  if (!record) {
    throw new InputError('expected [{ "ParameterKey": "...", "ParameterValue": "..." }] or { "Name": "value" }', file);
  }
  for (const [name, value] of Object.entries(record)) {
    values[name] = String(value);
  }
  return values;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}
