import checkInsJson from '../../content/check-ins.json';
import { entryLabel, isEntry, isSpokenText, KEBAB } from './catalogue';

export interface CheckIn {
  id: string;
  question: string;
}

/** pickCheckIn never repeats one of this many last-asked questions. */
const CHECK_IN_GAP = 5;

/** Rotates through the bank in order, never one of the last few asked (ritual step 2). */
export function pickCheckIn(recentIds: readonly string[], bank: readonly CheckIn[]): CheckIn {
  // The bank from just after the last-asked question, wrapping round.
  const start = bank.findIndex((q) => q.id === recentIds.at(-1)) + 1;
  const inTurn = [...bank.slice(start), ...bank.slice(0, start)];
  const [next] = inTurn;
  if (!next) throw new Error('The check-in bank is empty.');
  const gap = Math.min(CHECK_IN_GAP, bank.length - 1);
  const avoid = new Set(gap > 0 ? recentIds.slice(-gap) : []);
  return inTurn.find((q) => !avoid.has(q.id)) ?? next;
}

const isCheckIn = (e: unknown): e is CheckIn => isEntry(e) && typeof e.id === 'string' && KEBAB.test(e.id) && isSpokenText(e.question);

/** Checks the check-in bank; throws naming the first bad entry. */
export function validateCheckIns(raw: unknown): CheckIn[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Error('check-ins.json: expected a non-empty list of questions.');
  const seen = new Set<string>();
  return raw.map((e, i) => {
    if (!isCheckIn(e)) throw new Error(`check-ins.json ${entryLabel(e, i)}: needs a kebab-case id and a plain spoken question.`);
    if (seen.has(e.id)) throw new Error(`check-ins.json ${entryLabel(e, i)}: id is used twice.`);
    seen.add(e.id);
    return { id: e.id, question: e.question };
  });
}

/** The check-in bank from src/content, validated. */
export function loadCheckIns(): CheckIn[] {
  return validateCheckIns(checkInsJson);
}
