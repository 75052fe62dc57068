import * as path from 'path';
import { CheckReport, FindingRow } from './check-apps';
import { PackageInfo } from './package-info';
import { README_CHECKS_URL, RuleHelp, RULES } from './rule-catalog';

/**
 * `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other viewers read it. One rule per check
 * id, with its help and a link to the README's section on the checks; one result per finding, at the
 * line of the resource in its template.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
export function sarifReport(report: CheckReport, tool: PackageInfo): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: tool.name,
          informationUri: tool.homepage,
          version: tool.version,
          semanticVersion: tool.version,
          rules: RULES.map(sarifRule),
        },
      },
      originalUriBaseIds: {
        [SRCROOT]: { description: { text: 'The directory the command ran in; the template paths are relative to it.' } },
      },
      invocations: [{ executionSuccessful: true }],
      results: report.rows.map(row => sarifResult(row, ruleIndex.get(row.id))),
      columnKind: 'utf16CodeUnits',
    }],
  };
  return `${JSON.stringify(log, undefined, 2)}\n`;
}

const SRCROOT = '%SRCROOT%';

function sarifRule(rule: RuleHelp) {
  const summary = plainText(rule.summary);
  return {
    id: rule.id,
    name: pascalCase(rule.id.split(':')[1]),
    shortDescription: { text: `${sentence(summary)}` },
    fullDescription: { text: `${sentence(summary)} ${rule.fix}` },
    help: {
      text: `${sentence(summary)} ${rule.fix} See ${README_CHECKS_URL}`,
      markdown: `${sentence(rule.summary)} ${rule.fix}\n\nSee [the README's table of checks](${README_CHECKS_URL}).`,
    },
    helpUri: README_CHECKS_URL,
    defaultConfiguration: { level: rule.level },
    properties: { tags: ['aws', 's3', 'cloudformation', 'server-access-logging'] },
  };
}

function sarifResult(row: FindingRow, ruleIndex: number | undefined) {
  const artifactLocation = path.isAbsolute(row.file)
    ? { uri: fileUri(row.file) }
    : { uri: row.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  return {
    ruleId: row.id,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: row.level,
    message: { text: row.message },
    locations: [{
      physicalLocation: {
        artifactLocation,
        ...(row.line === null ? {} : { region: { startLine: row.line } }),
      },
      logicalLocations: [{
        name: row.logicalId,
        fullyQualifiedName: row.path ?? `${row.stack}/${row.logicalId}`,
        kind: 'resource',
      }],
    }],
  };
}

function fileUri(file: string): string {
  const posix = file.split(path.sep).join('/');
  return `file://${posix.startsWith('/') ? '' : '/'}${posix.split('/').map(encodeURIComponent).join('/')}`;
}

/** The README's Markdown as plain text: without the backticks. */
function plainText(markdown: string): string {
  return markdown.replace(/`/g, '');
}

function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function pascalCase(camel: string): string {
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}
