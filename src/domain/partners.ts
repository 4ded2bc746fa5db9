/** The two partners are always 'a' (named first at setup) and 'b'. */
export type PartnerId = 'a' | 'b';
export const PARTNER_IDS: readonly PartnerId[] = ['a', 'b'];

export interface Partner {
  id: PartnerId;
  name: string;
  /** Alexa voice profile, once the partner has said "this is {name}". */
  personId?: string;
}

/** Trims, drops a spoken possessive ("Sam's") and capitalises a first name. */
export function cleanName(raw: string): string {
  // At most 40 UTF-16 units, cut between code points, never inside an emoji's surrogate pair.
  let word = '';
  for (const ch of raw
    .trim()
    .replace(/['’]s$/i, '')
    .replace(/\s+/g, ' ')
    .trim()) {
    if (word.length + ch.length > 40) break;
    word += ch;
  }
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

// Made on first use: building a collator loads ICU data, which a cold start need not pay for.
let collator: Intl.Collator | undefined;

/** The same first name as people hear it: case and accents aside. */
export function sameName(a: string, b: string): boolean {
  collator ??= new Intl.Collator('en', { sensitivity: 'base' });
  return collator.compare(cleanName(a), cleanName(b)) === 0;
}
