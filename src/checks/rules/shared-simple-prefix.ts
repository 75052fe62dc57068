import { Token } from 'aws-cdk-lib';
import { checkId, Finding } from '../finding';
import { describeDestination, LoggingModel, LoggingSource, loggingSources } from '../model';

/** Warning: several sources write to one destination and prefix with the simple key format. */
export const SHARED_SIMPLE_PREFIX = checkId('sharedSimplePrefix');

/**
 * With the simple key format (`[prefix]YYYY-MM-DD-...`) the key does not say which bucket a log
 * object is about, so sources sharing a destination and prefix interleave their logs.
 * The date-based format puts the source account, Region and bucket in every key.
 */
export function checkSharedSimplePrefix(model: LoggingModel): Finding[] {
  const groups = new Map<string, LoggingSource[]>();
  for (const source of loggingSources(model)) {
    const { edge } = source;
    // A bucket that logs into itself is a selfLogging error already: one root cause, one finding.
    const logsIntoItself = edge.destination.kind === 'bucket' && edge.destination.bucket === source.source;
    if (edge.keyFormat !== 'simple' || Token.isUnresolved(edge.prefix) || edge.destination.kind === 'unknown' || logsIntoItself) {
      continue;
    }
    const key = `${describeDestination(edge.destination)}\u0000${edge.prefix}`;
    const group = groups.get(key) ?? [];
    group.push(source);
    groups.set(key, group);
  }
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) {
      continue;
    }
    for (const { source, edge } of group) {
      const others = group.filter(other => other.source !== source).map(other => other.source.path);
      findings.push({
        level: 'warning',
        id: SHARED_SIMPLE_PREFIX,
        subject: source,
        message: `${source.path} writes its server access logs to ${describeDestination(edge.destination)} under prefix "${edge.prefix}" `
          + `with the simple key format, as do ${others.join(', ')}: their log objects interleave and their keys do not say which bucket they are about. `
          + 'Give each source its own prefix, or use TargetObjectKeyFormat.partitionedPrefix().',
      });
    }
  }
  return findings;
}
