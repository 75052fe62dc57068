/**
 * `npm run bench [-- section ...]`: run the benchmark sections (all of them, or those named) and
 * print a table for each. Exits non-zero when a target is missed or a section fails.
 *
 * Not part of `npm test`: the sections write large inputs under `.bench/` (gitignored) and keep both
 * cores busy for minutes. A new section is a module under scripts/bench/ added to SECTIONS.
 * `BENCH_RUNS=3 npm run bench -- synth` for a quicker look at the synth benchmark.
 */
import { cliSection } from './cli';
import { parseLineSection } from './parse-line';
import { BenchSection, formatTable } from './section';
import { runSynthBenchmark } from './synth';

/** The synth benchmark prints its own wide table; its targets are listed again here, PASS/FAIL. */
const synthSection: BenchSection = {
  name: 'synth',
  description: 'synth cost and scale of this library against hand-wired aws-cdk-lib',
  run: async () => (await runSynthBenchmark()).targets.map(target => ({
    name: target.name,
    result: target.result,
    target: target.target,
    pass: target.pass,
  })),
};

const SECTIONS: BenchSection[] = [synthSection, parseLineSection, cliSection];

async function main(names: string[]): Promise<void> {
  const unknown = names.filter(name => !SECTIONS.some(section => section.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown benchmark section: ${unknown.join(', ')}. Sections: ${SECTIONS.map(section => section.name).join(', ')}`);
  }
  const selected = names.length > 0 ? SECTIONS.filter(section => names.includes(section.name)) : SECTIONS;
  let missed = 0;
  for (const section of selected) {
    console.log(`\n## ${section.name}: ${section.description}\n`);
    const rows = await section.run();
    console.log(formatTable(rows));
    missed += rows.filter(row => row.pass === false).length;
  }
  if (missed > 0) {
    console.log(`\n${missed} target(s) missed.`);
    process.exitCode = 1;
  }
}

main(process.argv.slice(2)).catch(error => {
  console.error(error);
  process.exitCode = 1;
});
