import { linkVoice, partner, type CoupleState, type Partner } from '../domain/couple';
import type { Names } from '../speech/en-US';
import type { Turn } from '../turn';

/** The couple's two names, for lines that mention both. */
export function namesOf(state: CoupleState): Names {
  return { a: partner(state, 'a')?.name ?? '', b: partner(state, 'b')?.name ?? '' };
}

/** Links the voice Alexa recognised to the partner who named themselves; true when it was new. */
export async function linkSpeakerVoice(turn: Turn, who: Partner): Promise<boolean> {
  const personId = turn.personId;
  if (personId === undefined || who.personId === personId) return false;
  await turn.update((draft) => linkVoice(draft, who.id, personId));
  return true;
}
