import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { pauseRitual, ritualTonight } from '../answers/ritual';
import { isIntent, respond, slotId, slotText } from '../answers/support';
import { lookupSlotValue } from '../answers/vocabulary';
import { PARTNER_IDS, partnerByName, type PartnerId } from '../domain/couple';
import { isNeed, markLack, markSore } from '../domain/pacing';
import { say } from '../speech/en-US';
import { turnOf } from '../turn';

async function sore(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const today = await turn.today();
  const state = await turn.read();
  const named = partnerByName(state, slotText(input, 'name'));
  const who = named ?? (await turn.speaker());
  // When we cannot tell who is sore, both are treated gently: no hands-on ideas today either way.
  const ids: readonly PartnerId[] = who ? [who.id] : PARTNER_IDS;
  // Mid-ritual, "that's hurting" is discomfort first: the ritual pauses at once, saved with the soreness in one write.
  const underway = await ritualTonight(turn);
  await turn.update((draft) => ids.forEach((id) => markSore(draft.pacing, id, today, today)), { hold: underway !== undefined });
  if (underway) return pauseRitual(turn, say.ritualPausedSore());
  turn.pending = { kind: 'offer', yes: 'idea' };
  return respond(input, say.sore(who?.name));
}

async function lack(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const spoken = slotText(input, 'need');
  const id = slotId(input, 'need') ?? lookupSlotValue('Need', spoken);
  if (!id || !isNeed(id)) return respond(input, say.needNotHeard());
  await turn.update((draft) => markLack(draft.pacing, id));
  turn.pending = { kind: 'offer', yes: 'idea' };
  return respond(input, say.lack(spoken ?? id));
}

/** "I'm sore today", "my back hurts": no hands-on ideas today. Only the fact is kept, not where. */
export const soreHandler: RequestHandler = { canHandle: isIntent('SoreTodayIntent'), handle: sore };

/** "We don't have a bath": ideas that need it are left out. */
export const missingNeedHandler: RequestHandler = { canHandle: isIntent('MissingNeedIntent'), handle: lack };
