import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { loadCheckIns, pickCheckIn, type CheckIn } from '../domain/pacing';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';
import { isIntent, respond } from './support';

/** The check-in bank, validated once per container and shared with the ritual. */
export const CHECK_INS: readonly CheckIn[] = loadCheckIns();

/** The next check-in question in rotation, remembered so it is not asked again soon. */
export async function nextCheckIn(turn: Turn): Promise<CheckIn> {
  return turn.update((draft) => {
    const question = pickCheckIn(draft.checkIns, CHECK_INS);
    draft.checkIns = [...draft.checkIns, question.id].slice(-10);
    return question;
  });
}

/** "Give us a check-in question": one from the bank, then the skill steps back. */
export async function askCheckIn(turn: Turn): Promise<Response> {
  const question = await nextCheckIn(turn);
  turn.pending = undefined;
  return respond(turn.input, say.checkIn(question.question));
}

export const checkInHandler: RequestHandler = {
  canHandle: isIntent('CheckInQuestionIntent'),
  handle: (input: HandlerInput) => askCheckIn(turnOf(input)),
};
