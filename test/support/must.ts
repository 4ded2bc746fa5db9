/** The value a test needs to go on, or a failure naming what was missing: for reads that may find nothing. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing: ${what}`);
  return value;
}
