import { checkId, Finding } from '../finding';
import { LoggingGraphEdge, LoggingModel, loggingLoops } from '../model';

/** Error: a cycle of logging edges (A logs to B, ..., which logs to A), over server access logging and vended deliveries alike. */
export const LOGGING_LOOP = checkId('loggingLoop');

/**
 * Every loop of the logging graph: each delivery is a request the next bucket logs, without end. The
 * graph's edges are the buckets' server access logging (`LoggingConfiguration`) and their CloudWatch
 * Logs vended deliveries into buckets (a delivery source of log type `S3_SERVER_ACCESS_LOGS`, a
 * delivery to a destination that is a bucket): A's vended logs into B, whose server access logs go to
 * A, is a loop too, and so is a bucket whose vended logs go into itself. One finding per loop
 * (`loggingLoops`); a bucket whose `LoggingConfiguration` names itself is the self-logging rule's.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/sal-cw-enabling.html
 */
export function checkLoggingLoops(model: LoggingModel): Finding[] {
  return loggingLoops(model).map(({ buckets, edges }) => ({
    level: 'error' as const,
    id: LOGGING_LOOP,
    subject: buckets[0],
    message: `logging loop: ${[...buckets, buckets[0]].map(b => b.path).join(' -> ')}. `
      + channels(edges)
      + 'Every log object delivered into a bucket of the loop is a request that bucket logs in turn, so the logs grow without end. '
      + `Break the loop: ${fix(edges[edges.length - 1])}`,
  }));
}

/** For a loop with a vended delivery, how each edge delivers; nothing for server access logging alone (whose message has always read so). */
function channels(edges: LoggingGraphEdge[]): string {
  if (edges.every(edge => edge.channel.kind === 'serverAccessLogging')) {
    return '';
  }
  const described = edges.map(edge => `${edge.from.path} -> ${edge.to.path} by ${edge.channel.kind === 'vendedDelivery'
    ? `the CloudWatch Logs vended delivery ${edge.channel.delivery.path}` : 'server access logging'}`);
  return `Edges: ${described.join('; ')}. `;
}

function fix(last: LoggingGraphEdge): string {
  return last.channel.kind === 'vendedDelivery'
    ? `deliver the vended logs of ${last.from.path} (${last.channel.delivery.path}) to a bucket that does not log, or to a log group.`
    : `send the logs of ${last.from.path} to a bucket that does not log, e.g. an AccessLogsBucket.`;
}
