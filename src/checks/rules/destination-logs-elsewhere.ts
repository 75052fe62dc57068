import { checkId, Finding } from '../finding';
import { BucketNode, describeDestination, describeSources, LoggingModel, loggingCycles, sourcesByDestination } from '../model';

/** Warning: a destination that itself has server access logging on. */
export const DESTINATION_LOGS_ELSEWHERE = checkId('destinationLogsElsewhere');

/**
 * A destination may log elsewhere while the chain ends (a loop is an error of its own), but every
 * delivery into it then makes a log record there too: say where it goes.
 */
export function checkDestinationLogsElsewhere(model: LoggingModel): Finding[] {
  const onCycle = new Set<BucketNode>(loggingCycles(model).flat());
  const findings: Finding[] = [];
  for (const [destination, sources] of sourcesByDestination(model)) {
    if (!destination.logging || onCycle.has(destination)) {
      continue;
    }
    findings.push({
      level: 'warning',
      id: DESTINATION_LOGS_ELSEWHERE,
      subject: destination,
      message: `${destination.path} receives the server access logs of ${describeSources(sources)} and itself logs to `
        + `${describeDestination(destination.logging.destination)}: every delivery into it is logged there again. `
        + 'This is allowed as long as the chain ends, but a log destination normally does not log; remove its logging configuration unless you need logs of log deliveries.',
    });
  }
  return findings;
}
