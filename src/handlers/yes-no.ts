import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';
import { askCheckIn } from './check-in';
import { deleteEverything } from './privacy';
import { nextStep, pauseRitual, ritualTonight } from './ritual';
import { declineRoutineOffer, offerRoutine } from './routine';
import { sensualNo, sensualYes } from './sensual';
import { anotherIdea, suggestTonight } from './suggest';
import { isIntent, respond } from './support';

/** Does what "yes" agrees to: another idea, an idea, or a check-in question. */
export async function yesToOffer(turn: Turn): Promise<Response> {
  const input = turn.input;
  const pending = turn.pending;
  if (pending?.kind !== 'offer') return respond(input, say.whatNext());
  if (pending.yes === 'another') return anotherIdea(turn);
  if (pending.yes === 'checkIn') return askCheckIn(turn);
  return suggestTonight(turn);
}

async function yes(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  if (turn.pending?.kind === 'confirmDelete') return deleteEverything(turn);
  if (turn.pending?.kind === 'sensual') return sensualYes(turn, turn.pending.yeses);
  if (turn.pending?.kind === 'ritualEnergy') return respond(input, say.ritualEnergyFirst());
  if (turn.pending?.kind === 'routineOffer') return offerRoutine(turn);
  if (turn.pending?.kind !== 'offer') {
    // "Shall we go on?" during tonight's wind down.
    const stepped = await nextStep(turn);
    if (stepped) return stepped;
  }
  return yesToOffer(turn);
}

async function no(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  if (turn.pending?.kind === 'sensual') return sensualNo(turn);
  if (turn.pending?.kind === 'routineOffer') return declineRoutineOffer(turn);
  // Mid-ritual, a "no" is a no to going on: it pauses at once, like any word of discomfort.
  const progress = turn.pending?.kind === 'confirmDelete' ? undefined : await ritualTonight(turn);
  if (progress && !progress.paused) return pauseRitual(turn);
  const wasDelete = turn.pending?.kind === 'confirmDelete';
  turn.pending = undefined;
  return respond(input, wasDelete ? say.notDeleted() : say.stepBack());
}

/** "Yes" to the question just asked: another idea, an idea, or a check-in question. */
export const yesHandler: RequestHandler = { canHandle: isIntent('AMAZON.YesIntent'), handle: yes };

/** "No" never needs a reason: the skill steps back kindly. */
export const noHandler: RequestHandler = { canHandle: isIntent('AMAZON.NoIntent'), handle: no };
