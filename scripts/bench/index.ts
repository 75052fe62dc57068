/**
 * `npm run bench`: run the benchmarks and print their tables. Exits non-zero when a target is missed.
 *
 * Not part of `npm test`: it keeps a machine busy for minutes, and its figures are medians of
 * several runs, not assertions. `BENCH_RUNS=3 npm run bench` for a quicker look.
 */
import { runSynthBenchmark } from './synth';

runSynthBenchmark().then(
  report => {
    const missed = report.targets.filter(target => !target.pass).length;
    if (missed > 0) {
      console.log(`\n${missed} target(s) missed.`);
      process.exitCode = 1;
    }
  },
  error => {
    console.error(error);
    process.exitCode = 1;
  },
);
