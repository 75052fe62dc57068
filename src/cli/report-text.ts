import { CheckReport, FindingRow } from './check-apps';

/** The default report: one block per finding, where it is, what and the fix, then a count. Colour only when asked (on a terminal). */
export function textReport(report: CheckReport, color: boolean): string {
  const paint = (code: number) => (text: string) => color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const bold = paint(1);
  const dim = paint(2);
  const red = paint(31);
  const yellow = paint(33);
  const green = paint(32);

  const lines: string[] = [];
  for (const row of report.rows) {
    const level = row.level === 'error' ? red('error') : yellow('warning');
    lines.push(`${bold(locationOf(row))}  ${level}  ${row.id}  ${dim(subjectOf(row))}`);
    lines.push(`  ${row.message}`);
    lines.push('');
  }
  const errors = report.rows.filter(row => row.level === 'error').length;
  const warnings = report.rows.length - errors;
  const scope = `${count(report.stackCount, 'stack')}, ${count(report.bucketCount, 'bucket')}`;
  if (report.rows.length === 0) {
    lines.push(green(`No finding (${scope} checked).`));
  } else {
    const found = [errors > 0 ? red(count(errors, 'error')) : undefined, warnings > 0 ? yellow(count(warnings, 'warning')) : undefined]
      .filter(part => part !== undefined).join(' and ');
    lines.push(`${found} (${scope} checked).`);
  }
  return `${lines.join('\n')}\n`;
}

function locationOf(row: FindingRow): string {
  return row.line === null ? row.file : `${row.file}:${row.line}`;
}

/** The stack and logical id, and the construct path where there is one. */
function subjectOf(row: FindingRow): string {
  return row.path === null ? `${row.stack} ${row.logicalId}` : `${row.stack} ${row.logicalId} (${row.path})`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
