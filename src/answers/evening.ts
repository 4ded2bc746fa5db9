import { partner, partnerByPerson, tonightPace, type CoupleState, type PartnerId } from '../domain/couple';
import type { LocalDay } from '../domain/dates';
import { ceilingFor, eveningToAskAbout } from '../domain/pacing';
import { say, type Line } from '../speech/en-US';
import type { Turn } from '../turn';
import { namesOf } from './partners';

/** What comes after a log: tonight's pace when both are known, else ask the other partner. */
export function energyNextStep(turn: Turn, state: CoupleState, today: LocalDay): Line {
  const pace = tonightPace(state, today);
  const { a, b } = pace.levels;
  if (pace.bothKnown && a !== undefined && b !== undefined) {
    turn.pending = { kind: 'offer', yes: 'idea' };
    // A rest or appointment day keeps tonight very gentle whatever the energies: say that, not "a three".
    const { reason } = ceilingFor(state.pacing, state.days[today]?.energy ?? {}, today);
    if (reason !== 'energy') return say.paceRestDay(reason, say.afterPace());
    return say.pace(namesOf(state), { a, b }, pace.ceiling, say.afterPace());
  }
  const missing: PartnerId = pace.levels.a === undefined ? 'a' : 'b';
  if (pace.levels.a !== undefined || pace.levels.b !== undefined) {
    turn.pending = { kind: 'energyFor', partner: missing };
    return say.askEnergy(partner(state, missing)?.name);
  }
  turn.pending = undefined;
  return say.whoGoesFirst();
}

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
