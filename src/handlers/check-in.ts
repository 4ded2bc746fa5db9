import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { CHECK_INS } from '../answers/content';
import { offerAccepted } from '../answers/pending';
import { isIntent, respond } from '../answers/support';
import { pickCheckIn, type CheckIn } from '../domain/pacing';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

/** The next check-in question in rotation, remembered so it is not asked again soon. */
async function nextCheckIn(turn: Turn): Promise<CheckIn> {
  return turn.update((draft) => {
    const question = pickCheckIn(draft.checkIns, CHECK_INS);
    draft.checkIns = [...draft.checkIns, question.id].slice(-10);
    return question;
  });
}

/** "Give us a check-in question": one from the bank, then the skill steps back. */
async function askCheckIn(turn: Turn): Promise<Response> {
  const question = await nextCheckIn(turn);
  turn.pending = undefined;
  return respond(turn.input, say.checkIn(question.question));
}

/** "Give us a check-in question". */
export const checkInHandler: RequestHandler = {
  canHandle: isIntent('CheckInQuestionIntent'),
  handle: (input: HandlerInput) => askCheckIn(turnOf(input)),
};

/** "Yes" (or "next") to "shall I ask you a check-in question instead?". */
export const checkInAcceptedHandler: RequestHandler = {
  canHandle: (input) => offerAccepted(input) === 'checkIn',
  handle: (input: HandlerInput) => askCheckIn(turnOf(input)),
};
