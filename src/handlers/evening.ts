import { partnerByPerson, type CoupleState } from '../domain/couple';
import { eveningToAskAbout } from '../domain/pacing';
import { say, type Line } from '../speech/en-US';
import type { Turn } from '../turn';
import { energyNextStep } from './log-energy';

/**
 * The next step of an evening for a couple that is set up: first how last night sat (crashes come
 * 12–48 h later), then their energies, then tonight's pace and an offer of an idea.
 */
export async function eveningStep(turn: Turn, state: CoupleState): Promise<Line> {
  const today = await turn.today();
  const evening = eveningToAskAbout(state.pacing, today, state.askedAboutDay);
  if (evening) {
    await turn.update((draft) => {
      draft.askedAboutDay = evening.day;
    });
    turn.pending = { kind: 'lastNight' };
    return say.lastNight(today);
  }
  const me = partnerByPerson(state, turn.personId);
  const logged = state.days[today]?.energy ?? {};
  if (me && logged[me.id] === undefined) {
    turn.pending = { kind: 'energyFor', partner: me.id };
    return say.askEnergy(me.name);
  }
  return energyNextStep(turn, state, today);
}
