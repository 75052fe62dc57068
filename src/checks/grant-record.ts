import { GrantWidening } from './model';
import { ConstructFact } from '../private/roles';

/**
 * What this library's delivery grant on a destination records, for the model to read: whether its
 * statements accept every bucket of the account rather than naming their sources, and why.
 */
export interface GrantRecord {
  widening(): GrantWidening | undefined;
}

/** The delivery grants of a destination, recorded on the destination construct (the L2, or a bare L1). */
export const DELIVERY_GRANTS = new ConstructFact<GrantRecord>('deliveryGrants');
