import { edgesAcrossStacks, EnvironmentDimension, unknownAtSynth } from '../environment';
import { checkId, Finding } from '../finding';
import { LoggingModel } from '../model';

/**
 * Warning: source and destination in different stacks, one of whose Region or account is a token,
 * and nothing in the template that keeps them together (a literal name rather than a reference).
 */
export const ENVIRONMENT_UNKNOWN = checkId('environmentUnknown');

const DIMENSIONS: EnvironmentDimension[] = ['Region', 'account'];

/** S3 delivers logs only within one account and Region: say so where synth cannot tell. */
export function checkEnvironmentUnknown(model: LoggingModel): Finding[] {
  const findings: Finding[] = [];
  for (const edge of edgesAcrossStacks(model)) {
    const unknown = DIMENSIONS.filter(dimension => unknownAtSynth(edge, dimension));
    if (unknown.length > 0) {
      findings.push({
        level: 'warning',
        id: ENVIRONMENT_UNKNOWN,
        subject: edge.source,
        message: `${edge.source.path} logs to ${edge.target.description} in another stack, and the ${unknown.join(' and ')} `
          + 'of one of them is not known at synth (an environment-agnostic stack). S3 delivers logs only within one account and Region: '
          + 'give both stacks an explicit `env`, or make sure they deploy to the same one.',
      });
    }
  }
  return findings;
}
