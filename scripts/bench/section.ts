/**
 * What every benchmark section of `npm run bench` gives back, and how its rows are printed. Each
 * section is a module of its own under scripts/bench/, listed in index.ts.
 */

/** One benchmark section: a name to select it by, and the rows it measured. */
export interface BenchSection {
  /** Kebab-case; `npm run bench -- <name>` runs only this section. */
  readonly name: string;
  /** One line on what is measured. */
  readonly description: string;
  run(): Promise<BenchRow[]>;
}

/** One line of a section's table. */
export interface BenchRow {
  /** What was measured. */
  readonly name: string;
  /** The measurement, with its unit. */
  readonly result: string;
  /** The target it is held to, if any, e.g. `>= 2.00x`. */
  readonly target?: string;
  /** Whether the target is met; absent where there is no target. */
  readonly pass?: boolean;
}

/** A section's rows as an aligned text table, with PASS/FAIL beside each target. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = [
    ['case', 'result', 'target', ''],
    ...rows.map(row => [row.name, row.result, row.target ?? '', row.pass === undefined ? '' : row.pass ? 'PASS' : 'FAIL']),
  ];
  const widths = cells[0].map((_, column) => Math.max(...cells.map(line => line[column].length)));
  const format = (line: string[]) => line.map((cell, column) => (column === 1 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
    .join('  ').trimEnd();
  return [format(cells[0]), widths.map(width => '-'.repeat(width)).join('  '), ...cells.slice(1).map(format)].join('\n');
}
