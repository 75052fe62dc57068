import { checkId, Finding } from '../finding';
import { ModelElement } from '../model';

/** Warning: an app has more branches of its conditions than the checks read. */
export const CONDITIONS_NOT_EXPLORED = checkId('conditionsNotExplored');

/**
 * The checks read each combination of the conditions' values that decides what they read
 * (`conditions.ts`), up to `maxBranches`; past that, the others are not checked, and this says so.
 */
export function conditionsNotExplored(subject: ModelElement, maxBranches: number): Finding {
  return {
    level: 'warning',
    id: CONDITIONS_NOT_EXPLORED,
    subject,
    message: `The conditions of this app decide the logging of its buckets in more than ${maxBranches} ways; the checks read the first `
      + `${maxBranches} combinations of their values and not the others. Check the others by giving the template's parameters values `
      + '(the command\'s --parameters), or by splitting the template.',
  };
}
