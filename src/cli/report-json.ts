import { CheckReport } from './check-apps';

/** `--format json`: `{ "findings": [ { "id", "level", "stack", "logicalId", "path", "file", "line", "message" } ] }`. */
export function jsonReport(report: CheckReport): string {
  const findings = report.rows.map(row => ({
    id: row.id,
    level: row.level,
    stack: row.stack,
    logicalId: row.logicalId,
    path: row.path,
    file: row.file,
    line: row.line,
    message: row.message,
  }));
  return `${JSON.stringify({ findings }, undefined, 2)}\n`;
}
