import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { isIntent, isType, respond } from '../answers/support';
import { isSetUp } from '../domain/couple';
import { say } from '../speech/en-US';
import { turnOf } from '../turn';

/** What they can say, shaped by whether the couple is set up yet. */
export const helpHandler: RequestHandler = {
  canHandle: isIntent('AMAZON.HelpIntent'),
  async handle(input: HandlerInput) {
    const turn = turnOf(input);
    const state = await turn.read();
    const ritualDay = state.ritual?.day;
    if (ritualDay !== undefined && ritualDay === (await turn.today())) {
      turn.pending = undefined;
      return respond(input, say.helpRitual());
    }
    return respond(input, say.help(isSetUp(state)));
  },
};

/** "Go home": a kind goodbye, nothing questioned. */
export const goodbyeHandler: RequestHandler = {
  canHandle: isIntent('AMAZON.NavigateHomeIntent'),
  handle(input: HandlerInput) {
    turnOf(input).pending = undefined;
    return respond(input, say.goodbye());
  },
};

/**
 * Anything the model could not place: the open question again, or a gentle re-prompt with examples;
 * the first time in a session, the emergency number too, in case it was a red flag Alexa missed.
 */
export const fallbackHandler: RequestHandler = {
  canHandle: isIntent('AMAZON.FallbackIntent'),
  handle(input: HandlerInput) {
    const turn = turnOf(input);
    const question = turn.pending ? turn.lastLine?.reprompt : undefined;
    if (turn.nameEmergencyOnce()) return respond(input, say.fallbackCareful(turn.locale, question));
    return respond(input, question ? say.askAgain(question) : say.fallback());
  },
};

/** The session closed (user left, timeout, error): nothing may be said. */
export const sessionEndedHandler: RequestHandler = {
  canHandle: isType('SessionEndedRequest'),
  handle: (input: HandlerInput) => input.responseBuilder.getResponse(),
};

/** An intent this version does not know (an older model, a newer one): answer kindly. */
export const unknownIntentHandler: RequestHandler = {
  canHandle: isType('IntentRequest'),
  handle: (input: HandlerInput) => respond(input, say.fallback()),
};
