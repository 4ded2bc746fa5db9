import slotValues from '../content/slot-values.json';

/** Custom slot values from the model, extracted by `npm run models` (generated, never hand-edited). */
const TYPES = slotValues as Record<string, { id: string; words: string[] }[]>;

/** Looks a spoken word up in a custom slot type of the model, returning the value's id. */
export function lookupSlotValue(typeName: string, text: string | undefined): string | undefined {
  if (!text) return undefined;
  const wanted = text.trim().toLowerCase();
  for (const value of TYPES[typeName] ?? []) {
    if (value.words.some((w) => w.toLowerCase() === wanted)) return value.id;
  }
  return undefined;
}
