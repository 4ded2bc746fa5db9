/**
 * Red-flag symptoms (shared/domain.md, principle 6): any of these stops everything and points to the
 * care team or emergency services. Matching is on words, so "dizzy" inside a name slot counts too.
 */
const RED_FLAGS: RegExp[] = [
  /\bchest (pain|pains|hurts?|hurting|feels tight|tightness|pressure)\b/,
  /\bpain in (my|his|her|their) chest\b/,
  /\b(can'?t|cannot|can not|struggling to|hard to) (breathe|catch (my|his|her|their) breath)\b/,
  /\bshort(ness)? of breath\b/,
  /\b(faint|fainted|fainting|passed out|pass out|blacked out)\b/,
  /\b(dizzy|dizziness|light ?headed)\b/,
  /\bpalpitations?\b/,
  /\bheart (is )?(racing|pounding|fluttering|skipping)\b/,
  // Chest or jaw in any slot is never ordinary soreness; an arm only with pain or numbness.
  /\b(chest|jaw)\b/,
  /\barms?\b.*\b(pain|pains|ache|aching|hurts?|hurting|numb|numbness|tingling|heavy)\b/,
  /\b(collapsed|collapsing|unconscious|unresponsive|not responding|bleeding|panic attack|heart attack|stroke|lightheaded|light headed|giddy|breathless|can'?t breathe|cannot breathe|can not breathe)\b/,
  // Stroke signs, seizures and not breathing, whoever says them.
  /\b(slurred|slurring|seizures?|seizing|convulsions?|convulsing|not breathing|face (is )?drooping|drooping face)\b/,
];

/** Body parts that make "sore" a red flag: chest, jaw or arm pain is never ordinary soreness. */
export function isRedFlagBodyPart(text: string | undefined): boolean {
  return text !== undefined && /\b(chest|jaw|arms?)\b/i.test(text);
}

/** True when the text names a red-flag symptom. */
export function hasRedFlag(text: string | undefined): boolean {
  if (!text) return false;
  const clean = text.toLowerCase().replace(/[’]/g, "'");
  return RED_FLAGS.some((flag) => flag.test(clean));
}
