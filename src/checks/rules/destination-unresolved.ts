import { LOGGING_SERVICE_PRINCIPAL } from '../../private/logging-service';
import { checkId, Finding } from '../finding';
import { LoggingModel, loggingSources } from '../model';

/** Warning: the destination is a value that cannot be followed at synth (a parameter, a custom resource attribute). */
export const DESTINATION_UNRESOLVED = checkId('destinationUnresolved');

/** A destination that cannot be followed is not checked at all: say so, and what to make sure of. */
export function checkDestinationUnresolved(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const { source, edge } of loggingSources(model)) {
    const destination = edge.destination;
    if (destination.kind === 'unknown') {
      findings.push({
        level: 'warning',
        id: DESTINATION_UNRESOLVED,
        subject: source,
        message: `${source.path} logs to a destination that cannot be followed at synth (${destination.expression}), `
          + 'so its Region, account, settings and policy are not checked. Make sure it is an SSE-S3 bucket in the same account and Region '
          + `whose policy lets ${LOGGING_SERVICE_PRINCIPAL} write s3:PutObject under "${edge.prefix}".`,
      });
    }
  }
  return findings;
}
