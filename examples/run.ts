/**
 * `npm run example`: synthesize every example app into `cdk.out/<example-name>` and print, per app,
 * which bucket logs where, and the warnings and errors the synth-time checks found.
 *
 * Exits non-zero when an example fails to synthesize or carries an error annotation.
 */
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CloudAssembly, CloudFormationStackArtifact, PATH_METADATA_ENABLE_CONTEXT, SynthesisMessageLevel } from 'aws-cdk-lib/cx-api';
import { Example, EXAMPLES } from '.';

/** One source bucket's logging, as its template says. */
interface LoggingRow {
  readonly source: string;
  readonly destination: string;
  readonly prefix: string;
  readonly keyFormat: string;
}

/** A warning or error annotation, or a synth that threw. */
interface Finding {
  readonly level: 'warning' | 'error';
  readonly path: string;
  readonly id?: string;
  readonly message: string;
}

type Template = { Resources?: Record<string, CfnResource>; Outputs?: Record<string, CfnOutput> };
type CfnResource = { Type: string; Properties?: Record<string, any>; Metadata?: Record<string, unknown> };
type CfnOutput = { Value: unknown; Export?: { Name?: unknown } };

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number) => (text: string) => color ? `\x1b[${code}m${text}\x1b[0m` : text;
const bold = paint(1);
const dim = paint(2);
const red = paint(31);
const green = paint(32);
const yellow = paint(33);

function main(): void {
  const failed = EXAMPLES.filter(example => !runExample(example)).map(example => example.name);
  if (failed.length > 0) {
    console.log(red(`${failed.length} of ${EXAMPLES.length} examples failed: ${failed.join(', ')}`));
    process.exitCode = 1;
  } else {
    console.log(green(`All ${EXAMPLES.length} examples synthesized without errors.`));
  }
}

/** Synthesize one example and print its report; false when it failed. */
function runExample(example: Example): boolean {
  console.log(`${bold(example.name)}  ${dim(example.description)}`);
  let assembly: CloudAssembly;
  try {
    // Path metadata (as the CDK CLI turns on) lets the report name constructs rather than logical ids.
    const app = new App({ outdir: path.join('cdk.out', example.name), context: { [PATH_METADATA_ENABLE_CONTEXT]: true } });
    example.build(app);
    assembly = app.synth();
  } catch (e) {
    printFindings([{ level: 'error', path: 'app.synth() threw:', message: e instanceof Error ? e.message : String(e) }]);
    console.log();
    return false;
  }

  printTable(loggingRows(assembly));
  const findings = findingsOf(assembly);
  printFindings(findings);
  const templates = assembly.stacks.map(stack => path.relative(process.cwd(), stack.templateFullPath));
  console.log(`  ${dim('templates')}  ${templates.join('\n             ')}\n`);
  return !findings.some(finding => finding.level === 'error');
}

function loggingRows(assembly: CloudAssembly): LoggingRow[] {
  const rows: LoggingRow[] = [];
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(templateOf(stack).Resources ?? {})) {
      const logging = resource.Type === 'AWS::S3::Bucket' ? resource.Properties?.LoggingConfiguration : undefined;
      if (!logging) {
        continue;
      }
      rows.push({
        source: constructPath(stack, logicalId),
        destination: destinationOf(assembly, stack, logicalId, logging.DestinationBucketName),
        prefix: logging.LogFilePrefix || '-',
        keyFormat: keyFormatOf(logging.TargetObjectKeyFormat),
      });
    }
  }
  return rows;
}

/** The construct path of the bucket that `DestinationBucketName` names, or the literal name. */
function destinationOf(assembly: CloudAssembly, stack: CloudFormationStackArtifact, sourceId: string, name: unknown): string {
  if (name === undefined) {
    return `${constructPath(stack, sourceId)} (itself)`;
  }
  if (typeof name === 'string') {
    return name;
  }
  const ref = refOf(name);
  if (ref) {
    return constructPath(stack, ref);
  }
  const exportName = (name as Record<string, unknown>)['Fn::ImportValue'];
  for (const exporter of assembly.stacks) {
    for (const output of Object.values(templateOf(exporter).Outputs ?? {})) {
      const exported = refOf(output.Value);
      if (exportName !== undefined && output.Export?.Name === exportName && exported) {
        return constructPath(exporter, exported);
      }
    }
  }
  return JSON.stringify(name);
}

function refOf(value: unknown): string | undefined {
  const ref = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).Ref : undefined;
  return typeof ref === 'string' ? ref : undefined;
}

function keyFormatOf(format: { PartitionedPrefix?: { PartitionDateSource?: string } } | undefined): string {
  return format?.PartitionedPrefix
    ? `partitioned (${format.PartitionedPrefix.PartitionDateSource ?? 'EventTime'})`
    : 'simple';
}

/** The L2 construct path of a resource (`.../Bucket`, not `.../Bucket/Resource`), else its logical id. */
function constructPath(stack: CloudFormationStackArtifact, logicalId: string): string {
  const cdkPath = templateOf(stack).Resources?.[logicalId]?.Metadata?.['aws:cdk:path'];
  return typeof cdkPath === 'string' ? cdkPath.replace(/\/Resource$/, '') : `${stack.stackName}/${logicalId}`;
}

function templateOf(stack: CloudFormationStackArtifact): Template {
  return stack.template;
}

function findingsOf(assembly: CloudAssembly): Finding[] {
  const levels: Record<string, Finding['level']> = {
    [SynthesisMessageLevel.WARNING]: 'warning',
    [SynthesisMessageLevel.ERROR]: 'error',
  };
  return assembly.artifacts.flatMap(artifact => artifact.messages).flatMap(message => {
    const level = levels[message.level];
    if (!level) {
      return [];
    }
    const text = String(message.entry.data);
    const ack = /\s*\[ack: ([^\]]+)\]\s*$/.exec(text);
    return [{
      level,
      path: message.id.replace(/^\//, ''),
      id: ack?.[1],
      message: ack ? text.slice(0, ack.index) : text,
    }];
  });
}

function printTable(rows: LoggingRow[]): void {
  if (rows.length === 0) {
    console.log(`  ${dim('no bucket with server access logging')}`);
    return;
  }
  const header: LoggingRow = { source: 'SOURCE', destination: 'DESTINATION', prefix: 'PREFIX', keyFormat: 'KEY FORMAT' };
  const columns: Array<keyof LoggingRow> = ['source', 'destination', 'prefix', 'keyFormat'];
  const widths = columns.map(column => Math.max(...[header, ...rows].map(row => row[column].length)));
  const line = (row: LoggingRow) => columns.map((column, i) => row[column].padEnd(widths[i])).join('  ').trimEnd();
  console.log(`  ${bold(line(header))}`);
  rows.forEach(row => console.log(`  ${line(row)}`));
}

function printFindings(findings: Finding[]): void {
  if (findings.length === 0) {
    console.log(`  ${green('no warnings or errors')}`);
    return;
  }
  for (const finding of findings) {
    const label = finding.level === 'error' ? red('error  ') : yellow('warning');
    const id = finding.id ? `  ${dim(`[${finding.id}]`)}` : '';
    console.log(`  ${label}  ${finding.path}${id}`);
    finding.message.trim().split('\n').forEach(text => console.log(`           ${text}`));
  }
}

main();
