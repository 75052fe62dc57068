/**
 * `parse-line`: the throughput of `AccessLogFormat.parseLine` on a log file of 100 MiB or more,
 * beside two references measured in the same run over the same lines:
 *
 * - the baseline: `RegExp.exec` with `AccessLogFormat.REGEX`, its groups mapped to a record (the
 *   reading parseLine is tested against); printed, with parseLine's speed-up over it;
 * - the floor: `line.split(' ')`, which reads nothing (no quotes, no types, no checks); target:
 *   parseLine's throughput at least 0.9x of it.
 *
 * For scale it also times `RegExp.exec` alone: the match and its groups, without making a record.
 * That runs at about 1.8x the baseline, so 2x the baseline is out of reach for any reading that
 * matches the regex at all: the speed-up is printed, not held to a target, and split(' ') is the bar.
 *
 * The file is the 31 documented sample records (test/fixtures/) repeated, written once to .bench/ and
 * reused while it is newer than the fixtures. It is read whole and split into lines before timing, so
 * only the parsing is measured; the methods take turns, five timed passes each, and each one's fastest counts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { BenchRow, BenchSection } from './section';
import { AccessLogFormat } from '../../src';
import { recordFromMatch } from '../../src/format/record-values';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'docs-sample-lines.log');
const LOG_FILE = path.join(ROOT, '.bench', 'access-logs-100mib.log');
const MIN_BYTES = 100 * 1024 * 1024;
const TIMED_ROUNDS = 5;

/** parseLine's throughput must be at least this share of `split(' ')`'s. */
const MIN_THROUGHPUT_OF_SPLIT = 0.9;

export const parseLineSection: BenchSection = {
  name: 'parse-line',
  description: 'AccessLogFormat.parseLine throughput against RegExp.exec with AccessLogFormat.REGEX and against split(\' \')',
  run: async () => {
    const bytes = ensureLogFile();
    const lines = fs.readFileSync(LOG_FILE, 'utf8').split('\n');
    lines.pop(); // the empty string after the last line break
    const megabytes = bytes / 1e6;

    const regex = new RegExp(AccessLogFormat.REGEX);
    // Each method has a loop of its own, so that no call site is shared between them and each is
    // compiled for its own callee alone.
    const [parse, baseline, execOnly, split] = measure([
      () => {
        let accepted = 0;
        for (const line of lines) {
          if (AccessLogFormat.parseLine(line) !== undefined) {
            accepted++;
          }
        }
        return accepted;
      },
      () => {
        let accepted = 0;
        for (const line of lines) {
          const match = regex.exec(line);
          if (match !== null && recordFromMatch(match) !== undefined) {
            accepted++;
          }
        }
        return accepted;
      },
      () => {
        let matched = 0;
        for (const line of lines) {
          if (regex.exec(line) !== null) {
            matched++;
          }
        }
        return matched;
      },
      () => {
        let fields = 0;
        for (const line of lines) {
          fields += line.split(' ').length;
        }
        return fields;
      },
    ]);
    if (parse.accepted !== lines.length || baseline.accepted !== lines.length) {
      throw new Error(`Every line is a documented record, but parseLine read ${parse.accepted} and the regex ${baseline.accepted} of ${lines.length}`);
    }

    const speedup = baseline.seconds / parse.seconds;
    const ofSplit = split.seconds / parse.seconds;
    const rate = (seconds: number) => `${(megabytes / seconds).toFixed(1)} MB/s`;
    const rows: BenchRow[] = [
      { name: `input: ${path.relative(ROOT, LOG_FILE)}`, result: `${megabytes.toFixed(1)} MB, ${lines.length} lines` },
      { name: 'parseLine', result: rate(parse.seconds) },
      { name: 'baseline: RegExp.exec(REGEX) + map groups', result: rate(baseline.seconds) },
      { name: 'for scale: RegExp.exec(REGEX) alone, no record', result: rate(execOnly.seconds) },
      { name: 'floor: split(\' \')', result: rate(split.seconds) },
      { name: 'parseLine speed-up over the baseline', result: `${speedup.toFixed(2)}x` },
      {
        name: 'parseLine throughput against split(\' \') (parseLine / split)',
        result: `${ofSplit.toFixed(2)}x`,
        target: `>= ${MIN_THROUGHPUT_OF_SPLIT.toFixed(2)}x`,
        pass: ofSplit >= MIN_THROUGHPUT_OF_SPLIT,
      },
    ];
    return rows;
  },
};

/** Write the benchmark input unless a big enough one newer than the fixtures is there. Returns its size. */
function ensureLogFile(): number {
  const existing = fs.existsSync(LOG_FILE) ? fs.statSync(LOG_FILE) : undefined;
  if (existing && existing.size >= MIN_BYTES && existing.mtimeMs >= fs.statSync(FIXTURE).mtimeMs) {
    return existing.size;
  }
  const sample = fs.readFileSync(FIXTURE, 'utf8').split('\n').filter(line => line !== '').join('\n') + '\n';
  const block = sample.repeat(Math.ceil((1024 * 1024) / sample.length)); // about 1 MiB of whole lines
  const blocks = Math.ceil(MIN_BYTES / Buffer.byteLength(block));
  fs.mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  const fd = fs.openSync(`${LOG_FILE}.tmp`, 'w');
  try {
    for (let i = 0; i < blocks; i++) {
      fs.writeSync(fd, block);
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${LOG_FILE}.tmp`, LOG_FILE);
  return fs.statSync(LOG_FILE).size;
}

interface Measurement {
  /** The time of the fastest timed pass over all lines. */
  readonly seconds: number;
  /** What the last pass counted: keeps the work observable, so that none of it is optimised away. */
  readonly accepted: number;
}

/**
 * Time each pass (one pass of one method over every line): one untimed pass each to let the JIT
 * compile it, then TIMED_ROUNDS rounds that run every method once in turn, keeping each method's
 * fastest pass. Taking turns spreads the other work of a shared machine over all the methods, and the
 * fastest pass is the one it disturbed least.
 */
function measure(passes: Array<() => number>): Measurement[] {
  const accepted = passes.map(pass => pass());
  const fastest = passes.map(() => Infinity);
  for (let round = 0; round < TIMED_ROUNDS; round++) {
    passes.forEach((pass, i) => {
      const started = process.hrtime.bigint();
      accepted[i] = pass();
      fastest[i] = Math.min(fastest[i], Number(process.hrtime.bigint() - started) / 1e9);
    });
  }
  return passes.map((_pass, i) => ({ seconds: fastest[i], accepted: accepted[i] }));
}
