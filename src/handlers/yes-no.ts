import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { isIntent, respond } from '../answers/support';
import { say } from '../speech/en-US';
import { turnOf } from '../turn';

/**
 * "Yes" to nothing a feature is waiting on. Each question's own "yes" comes earlier in the routing
 * order (skill.ts): a deletion, sensual ideas, the routine offer, an idea, going on with the ritual.
 */
export const yesHandler: RequestHandler = {
  canHandle: isIntent('AMAZON.YesIntent'),
  handle: (input: HandlerInput) => respond(input, say.whatNext()),
};

/** "No" never needs a reason: the skill steps back kindly. Each question's own "no" comes earlier. */
export const noHandler: RequestHandler = {
  canHandle: isIntent('AMAZON.NoIntent'),
  handle(input: HandlerInput) {
    turnOf(input).pending = undefined;
    return respond(input, say.stepBack());
  },
};
