/**
 * `defaults` overlaid by every prop of `given` that is not `undefined`.
 *
 * A plain spread would let `{ encryption: undefined }` erase a secure default.
 */
export function withDefaults<T extends object>(given: T, defaults: Partial<T>): T {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) {
      merged[key] = value;
    }
  }
  return merged as T;
}
