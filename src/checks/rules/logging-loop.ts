import { checkId, Finding } from '../finding';
import { LoggingModel, loggingCycles } from '../model';

/** Error: a cycle of logging edges (A logs to B, ..., which logs to A). */
export const LOGGING_LOOP = checkId('loggingLoop');

/**
 * Every cycle of two or more buckets whose logs go round it: each delivery is a request the next
 * bucket logs, without end. Each bucket has at most one destination, so one walk finds them all.
 */
export function checkLoggingLoops(model: LoggingModel): Finding[] {
  return loggingCycles(model)
    .filter(cycle => cycle.length >= 2)
    .map(cycle => ({
      level: 'error' as const,
      id: LOGGING_LOOP,
      subject: cycle[0],
      message: `logging loop: ${[...cycle, cycle[0]].map(b => b.path).join(' -> ')}. `
        + 'Every log object delivered into a bucket of the loop is a request that bucket logs in turn, so the logs grow without end. '
        + `Break the loop: send the logs of ${cycle[cycle.length - 1].path} to a bucket that does not log, e.g. an AccessLogsBucket.`,
    }));
}
