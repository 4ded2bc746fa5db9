/** A value the bench's own bookkeeping guarantees (a result per step, per day, per bundle): its absence is a bench bug, named here. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`bench: no ${what}`);
  return value;
}
