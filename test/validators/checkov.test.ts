import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccessLoggedBucket, AccessLogsBucket, AccessLogsTable, CloudWatchLogsDelivery, CloudWatchLogsDeliveryDestination, DataEventsTrail } from '../../src';
import { DESTINATION_STACK_ID_PREFIX } from '../../src/appwide/destination-placement';
import { LOG_DESTINATION } from '../../src/private/roles';
import { describeWithTools, findOnPath } from '../support/external-tools';
import { REPRESENTATIVE_APPS, RepresentativeApp } from '../support/representative-apps';

/**
 * checkov over every template of the representative apps (`representative-apps.ts`: the examples
 * and the test apps) and of the README's `AccessLoggedBucket` with default props, in ONE checkov
 * process (it takes seconds to start):
 *
 * - every check that fails on a resource this library defines is either suppressed in that
 *   resource's metadata with a reason (src/private/scanner-suppressions.ts), or left to the user as
 *   `LEFT_TO_THE_USER` says, with the prop that decides it; nothing else, and nothing stale there;
 * - every suppression in the templates has a reason, and checkov reads ours (a control template,
 *   a destination without its metadata, fails);
 * - the README's table of what checkov reports for an `AccessLoggedBucket` is this run's result.
 *
 * Skipped, and saying so, where checkov is not on PATH, except under CI, where that fails.
 */

const CHECKOV_TIMEOUT_MS = 180_000;

/** The app whose checkov results the README's table shows: an `AccessLoggedBucket` with default props. */
const README_APP: RepresentativeApp = {
  name: 'readme-access-logged-bucket',
  build: app => {
    new AccessLoggedBucket(new Stack(app, 'Defaults'), 'Data');
  },
};

/**
 * The constructs of ours that no representative app defines on its own: a standalone
 * `DataEventsTrail` (its bucket logs only where `serverAccessLogsBucket` is given) and an
 * `AccessLogsTable` with a workgroup (and so a query results bucket).
 */
const MORE_CONSTRUCTS_APP: RepresentativeApp = {
  name: 'more-constructs',
  build: app => {
    const stack = new Stack(app, 'MoreConstructs', { env: { account: '123456789012', region: 'eu-west-1' } });
    const logBucket = new AccessLogsBucket(stack, 'Logs');
    new AccessLogsTable(stack, 'Table', { destinationBucket: logBucket, workGroup: {} });
    // A bucket of yours (checkov's findings on it are yours), whose data events the trail records.
    new DataEventsTrail(stack, 'Trail').recordDataEvents(new s3.Bucket(stack, 'Data'));
  },
};

/** What a resource of ours is, for the rules below. */
type Role = 'source bucket' | 'destination' | 'trail' | 'trail bucket' | 'log group' | 'query results bucket' | 'other';

interface OurResource {
  readonly app: string;
  /** The construct path of the L1, without the leading `/`. */
  readonly path: string;
  readonly role: Role;
}

/**
 * Failed checks on resources this library defines that are yours to decide, each with the prop that
 * decides it. A `path` limits the entry to one resource of one app: a prop that app sets on purpose.
 */
const LEFT_TO_THE_USER: ReadonlyArray<{ role: Role; check: string; app?: string; path?: string; why: string }> = [
  {
    role: 'source bucket',
    check: 'CKV_AWS_21',
    why: 'versioning your data is your choice (it keeps, and bills, every overwritten or deleted version): `bucketProps: { versioned: true }` turns it on',
  },
  {
    role: 'source bucket',
    check: 'CKV_AWS_18',
    app: 'destination-props',
    path: 'DestinationProps/Disabled/Bucket/Resource',
    why: 'the app turns logging off on purpose: `enabled: false`',
  },
  {
    role: 'destination',
    check: 'CKV_AWS_21',
    app: 'destination-props',
    path: 'DestinationProps/Unversioned/AccessLogsBucket/Resource',
    why: 'the app turns versioning off on purpose: `destinationBucketProps: { versioned: false }`',
  },
  {
    role: 'log group',
    check: 'CKV_AWS_158',
    why: 'CloudWatch Logs encrypts log data at rest with keys it manages; for a KMS key of yours, give `cloudWatchLogs: { logGroup }` a log group that has one',
  },
  {
    role: 'trail bucket',
    check: 'CKV_AWS_18',
    app: MORE_CONSTRUCTS_APP.name,
    why: 'a standalone DataEventsTrail logs its bucket where you say: `serverAccessLogsBucket` (an AccessLoggedBucket\'s trail logs into its destination)',
  },
  {
    role: 'trail',
    check: 'CKV_AWS_35',
    why: 'the trail\'s log files are encrypted with SSE-S3 in its bucket; for SSE-KMS, set `dataEventsTrail.trail.kmsKeyId` to a key whose policy lets CloudTrail use it',
  },
];

interface CheckovResult {
  readonly check_id: string;
  readonly check_name: string;
  /** `/<app>/<template file>`, relative to the directory checkov scanned. */
  readonly file_path: string;
  /** `<type>.<logical id>` */
  readonly resource: string;
  readonly check_result: { readonly result: 'PASSED' | 'FAILED' | 'SKIPPED'; readonly suppress_comment?: string };
}

interface CheckovReport {
  readonly summary: { readonly checkov_version: string; readonly parsing_errors: number };
  readonly results: {
    readonly passed_checks?: CheckovResult[];
    readonly failed_checks?: CheckovResult[];
    readonly skipped_checks?: CheckovResult[];
  };
}

/** The role of a resource this library defines, or undefined for one it does not. */
function roleOf(resource: CfnResource): Role | undefined {
  const scopes = resource.node.scopes;
  if (LOG_DESTINATION.has(resource)) {
    return 'destination';
  }
  const source = scopes.find((scope): scope is AccessLoggedBucket => scope instanceof AccessLoggedBucket);
  if (source && source.bucket.node.defaultChild === resource) {
    return 'source bucket';
  }
  const trail = scopes.find((scope): scope is DataEventsTrail => scope instanceof DataEventsTrail);
  if (trail) {
    return trail.trail === resource ? 'trail' : trail.bucket.node.defaultChild === resource ? 'trail bucket' : 'other';
  }
  const table = scopes.find((scope): scope is AccessLogsTable => scope instanceof AccessLogsTable);
  if (table?.resultsBucket && table.resultsBucket.node.defaultChild === resource) {
    return 'query results bucket';
  }
  // The log group a delivery (or a central account's delivery destination) defines; a delivery to a bucket or stream has none.
  const delivery = scopes.find(scope => scope instanceof CloudWatchLogsDelivery || scope instanceof CloudWatchLogsDeliveryDestination);
  if (delivery && resource instanceof logs.CfnLogGroup) {
    return 'log group';
  }
  const ours = scopes.some(scope => scope instanceof AccessLogsBucket || scope instanceof AccessLoggedBucket || scope instanceof DataEventsTrail
    || scope instanceof CloudWatchLogsDelivery || scope instanceof CloudWatchLogsDeliveryDestination || scope instanceof AccessLogsTable
    || (Stack.isStack(scope) && (scope.node.id === DESTINATION_STACK_ID_PREFIX || scope.node.id.startsWith(`${DESTINATION_STACK_ID_PREFIX}-`))));
  return ours ? 'other' : undefined;
}

interface CheckovRun {
  readonly report: CheckovReport;
  /** Our resources, by `<file_path> <type>.<logical id>` as checkov names them. */
  readonly ours: Map<string, OurResource>;
  /** Every template checkov scanned, parsed. */
  readonly templates: Map<string, { Resources?: Record<string, { Type: string; Metadata?: Record<string, any> }> }>;
  /** The control: the README app's template with all metadata removed. */
  readonly controlFile: string;
  readonly milliseconds: number;
}

const key = (filePath: string, resource: string) => `${filePath} ${resource}`;

/** Synthesize every app into a directory of its own under `root`, and index the resources of ours. */
function synthesize(root: string, apps: readonly RepresentativeApp[]): Pick<CheckovRun, 'ours' | 'templates'> {
  const ours = new Map<string, OurResource>();
  const templates = new Map<string, any>();
  for (const representative of apps) {
    const app = new App({ outdir: path.join(root, representative.name), context: representative.context });
    representative.build(app);
    app.synth();
    for (const resource of app.node.findAll().filter(CfnResource.isCfnResource)) {
      const stack = Stack.of(resource);
      const filePath = `/${path.relative(root, path.join(Stage.of(stack)!.outdir, stack.templateFile))}`;
      if (!templates.has(filePath)) {
        templates.set(filePath, JSON.parse(fs.readFileSync(path.join(root, filePath), 'utf8')));
      }
      const role = roleOf(resource);
      if (role) {
        const logicalId = stack.resolve(resource.logicalId);
        ours.set(key(filePath, `${resource.cfnResourceType}.${logicalId}`), { app: representative.name, path: resource.node.path, role });
      }
    }
  }
  return { ours, templates };
}

function runCheckov(): CheckovRun {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'checkov-'));
  try {
    const { ours, templates } = synthesize(root, [...REPRESENTATIVE_APPS, README_APP, MORE_CONSTRUCTS_APP]);
    const readmeTemplate = [...templates.keys()].find(file => file.startsWith(`/${README_APP.name}/`))!;
    const control = JSON.parse(JSON.stringify(templates.get(readmeTemplate)));
    Object.values(control.Resources as Record<string, { Metadata?: unknown }>).forEach(resource => delete resource.Metadata);
    const controlFile = '/control/control.template.json';
    fs.mkdirSync(path.join(root, 'control'));
    fs.writeFileSync(path.join(root, controlFile), JSON.stringify(control, undefined, 1));

    const started = Date.now();
    const result = spawnSync(checkovPath!, [
      '--directory', root, '--framework', 'cloudformation', '--output', 'json',
      // No API key: nothing to download from or upload to Prisma Cloud.
      '--skip-download',
    ], { encoding: 'utf8', timeout: CHECKOV_TIMEOUT_MS - 20_000, maxBuffer: 256 * 1024 * 1024 });
    const milliseconds = Date.now() - started;
    if (result.error) {
      throw result.error;
    }
    // Exit status 1 when a check failed (the control's, at least); anything else is checkov failing.
    if (result.status !== 1) {
      throw new Error(`checkov exited with ${result.status}: ${result.stderr}`);
    }
    return { report: JSON.parse(result.stdout), ours, templates, controlFile, milliseconds };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Why a failed check on a resource of ours is left to the user, if it is. */
function leftToTheUser(ours: OurResource, check: string): string | undefined {
  return LEFT_TO_THE_USER.find(entry => entry.role === ours.role && entry.check === check
    && (entry.path === undefined || (entry.app === ours.app && entry.path === ours.path)))?.why;
}

/**
 * The README's table, from the results on the README app's source bucket and destination: every
 * check checkov ran on either, and what it reported.
 */
function readmeTable(run: CheckovRun): string {
  const results = [...run.report.results.passed_checks ?? [], ...run.report.results.failed_checks ?? [], ...run.report.results.skipped_checks ?? []];
  const cell = (role: Role, check: string) => {
    const found = results.find(result => result.check_id === check && run.ours.get(key(result.file_path, result.resource))?.app === README_APP.name
      && run.ours.get(key(result.file_path, result.resource))?.role === role);
    if (!found) {
      return 'not checked';
    }
    switch (found.check_result.result) {
      case 'PASSED': return 'passed';
      case 'SKIPPED': return `suppressed: ${found.check_result.suppress_comment}`;
      default: return `**failed**, left to you: ${leftToTheUser(run.ours.get(key(found.file_path, found.resource))!, check) ?? 'not explained'}`;
    }
  };
  const checks = [...new Map(results
    .filter(result => run.ours.get(key(result.file_path, result.resource))?.app === README_APP.name)
    .map(result => [result.check_id, result.check_name])).entries()]
    .sort(([a], [b]) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')));
  return [
    `Measured with checkov ${run.report.summary.checkov_version} (\`--framework cloudformation\`) over \`new AccessLoggedBucket(stack, 'Data')\`:`,
    '',
    '| check | source bucket (`bucket`) | destination (`destinationBucket`) |',
    '|---|---|---|',
    ...checks.map(([check, name]) => `| \`${check}\` ${name} | ${cell('source bucket', check)} | ${cell('destination', check)} |`),
  ].join('\n');
}

const README_TABLE_START = '<!-- checkov-table:start (test/validators/checkov.test.ts shows the expected table when this one differs) -->';
const README_TABLE_END = '<!-- checkov-table:end -->';

const checkovPath = findOnPath('checkov');

describeWithTools('checkov', { checkov: checkovPath }, 'Install it into a virtual environment of its own: '
  + 'python3 -m venv .venv-checkov && .venv-checkov/bin/pip install -r scripts/ci/requirements-checkov.txt, and put its checkov on PATH', () => {
  let run: CheckovRun;
  beforeAll(() => {
    run = runCheckov();
  }, CHECKOV_TIMEOUT_MS);

  const all = (kind: 'passed_checks' | 'failed_checks' | 'skipped_checks') => run.report.results[kind] ?? [];

  test('parses every template, in one run of a few seconds', () => {
    const checked = new Set([...all('passed_checks'), ...all('failed_checks'), ...all('skipped_checks')].map(result => result.file_path));
    const withBuckets = [...run.templates].filter(([, template]) => Object.values(template.Resources ?? {}).some(r => r.Type === 'AWS::S3::Bucket'));

    expect(run.report.summary.parsing_errors).toBe(0);
    expect(withBuckets.length).toBeGreaterThanOrEqual(REPRESENTATIVE_APPS.length);
    expect(withBuckets.map(([file]) => file).filter(file => !checked.has(file))).toEqual([]);
    expect(run.milliseconds).toBeLessThan(60_000);
  });

  test('every failed check on a resource this library defines is suppressed with a reason, or left to the user with the prop that decides it', () => {
    const unexplained = all('failed_checks')
      .map(result => ({ result, ours: run.ours.get(key(result.file_path, result.resource)) }))
      .filter(({ ours, result }) => ours !== undefined && leftToTheUser(ours, result.check_id) === undefined)
      .map(({ ours, result }) => `${ours!.app} ${ours!.path} (${ours!.role}): ${result.check_id} ${result.check_name}`);

    expect(unexplained).toEqual([]);
  });

  test('every check left to the user still fails somewhere: none is stale', () => {
    const stale = LEFT_TO_THE_USER.filter(entry => !all('failed_checks').some(result => {
      const ours = run.ours.get(key(result.file_path, result.resource));
      return ours && result.check_id === entry.check && leftToTheUser(ours, entry.check) === entry.why;
    }));

    expect(stale).toEqual([]);
  });

  test('every suppression in the templates has a reason, and checkov reports each with it', () => {
    const missing: string[] = [];
    for (const [file, template] of run.templates) {
      for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
        const metadata = resource.Metadata ?? {};
        const reasons: Array<[string, unknown]> = [
          ...(metadata.checkov?.skip ?? []).map((skip: any) => [`checkov ${skip.id}`, skip.comment]),
          ...(metadata.cfn_nag?.rules_to_suppress ?? []).map((rule: any) => [`cfn_nag ${rule.id}`, rule.reason]),
          ...(metadata.cdk_nag?.rules_to_suppress ?? []).map((rule: any) => [`cdk_nag ${rule.id}`, rule.reason]),
        ];
        missing.push(...reasons.filter(([, reason]) => typeof reason !== 'string' || reason.trim() === '')
          .map(([rule]) => `${file} ${logicalId}: ${rule}`));
      }
    }

    expect(missing).toEqual([]);
    expect(all('skipped_checks').filter(result => !result.check_result.suppress_comment || result.check_result.suppress_comment === 'No comment provided'))
      .toEqual([]);
  });

  test('checkov reads our suppression: it skips CKV_AWS_18 on every destination that does not log, and fails it on the control', () => {
    const destinations = [...run.ours.entries()].filter(([, ours]) => ours.role === 'destination').map(([name]) => name);
    const logging = new Set(all('passed_checks').filter(result => result.check_id === 'CKV_AWS_18').map(result => key(result.file_path, result.resource)));
    const skipped = new Set(all('skipped_checks').filter(result => result.check_id === 'CKV_AWS_18').map(result => key(result.file_path, result.resource)));

    expect(destinations.length).toBeGreaterThan(10);
    expect(destinations.filter(destination => !logging.has(destination) && !skipped.has(destination))).toEqual([]);
    expect(all('failed_checks').filter(result => result.file_path === run.controlFile).map(result => `${result.check_id} ${result.resource.split('.')[1]}`))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^CKV_AWS_18 DataAccessLogsBucket/)]));
  });

  test('the README\'s table is what checkov reports for an AccessLoggedBucket with default props', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf(README_TABLE_START);
    const end = readme.indexOf(README_TABLE_END);
    expect({ start: start >= 0, end: end > start }).toEqual({ start: true, end: true });

    const inReadme = readme.slice(start + README_TABLE_START.length, end).trim();

    expect(inReadme).toEqual(readmeTable(run));
  });
});
