import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { notTonight, pauseRitual, ritualTonight } from '../answers/ritual';
import { isIntent, isType } from '../answers/support';
import { say } from '../speech/en-US';
import { turnOf } from '../turn';

/**
 * Words of discomfort ("I'm not comfortable", "let's stop", "this is too much"): during the ritual
 * it pauses at once, music off and nothing new offered; otherwise tonight becomes rest. Never
 * questioned, never counted against anyone.
 */
export const consentHandler: RequestHandler = {
  canHandle: isIntent('ConsentIntent'),
  async handle(input: HandlerInput): Promise<Response> {
    const turn = turnOf(input);
    if (await ritualTonight(turn)) return pauseRitual(turn);
    return notTonight(turn, say.consentHeard());
  },
};

/**
 * During the ritual, anything not understood may be a "stop" Alexa missed: it is treated as a
 * pause (music off, nothing new), with a gentle question instead of "sorry, I didn't follow".
 */
export const ritualNotUnderstoodHandler: RequestHandler = {
  async canHandle(input: HandlerInput): Promise<boolean> {
    // Listed after every intent's own handler: an IntentRequest still here was not understood.
    if (!isType('IntentRequest')(input)) return false;
    const progress = await ritualTonight(turnOf(input));
    return progress !== undefined && !progress.paused;
  },
  handle: (input: HandlerInput) => pauseRitual(turnOf(input), say.ritualUnsure(turnOf(input).locale)),
};
