/** The energy scale (shared/domain.md): 1 running on empty … 5 bright. */
export const MIN_ENERGY = 1;
export const MAX_ENERGY = 5;

/** The conservative value for a partner who has not logged today (shared/domain.md, energy scale). */
export const UNKNOWN_ENERGY = 2;

const WORD_NUMBERS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  twenty: 20,
  hundred: 100,
  'a hundred': 100,
};

export type LevelReading = { kind: 'level'; level: number } | { kind: 'outOfRange' } | { kind: 'none' };

/** Reads a spoken energy number ("2", "two", "2.0"); anything outside 1-5 is out of range. */
export function readLevel(text: string | undefined): LevelReading {
  if (!text) return { kind: 'none' };
  const clean = text.trim().toLowerCase();
  const value = WORD_NUMBERS[clean] ?? (/^-?\d+(\.\d+)?$/.test(clean) ? Number(clean) : NaN);
  if (Number.isNaN(value)) return /\d/.test(clean) ? { kind: 'outOfRange' } : { kind: 'none' };
  if (!Number.isInteger(value) || value < MIN_ENERGY || value > MAX_ENERGY) return { kind: 'outOfRange' };
  return { kind: 'level', level: value };
}
