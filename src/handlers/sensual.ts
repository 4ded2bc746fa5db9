import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { isAnswerTo, pendingOf } from '../answers/pending';
import { isIntent, respond } from '../answers/support';
import { maxTier } from '../domain/pacing';
import { say } from '../speech/en-US';
import { turnOf } from '../turn';

/** A "yes" to gently sensual ideas: the first opens nothing, the second (the other partner's) opens them. */
export const sensualYesHandler: RequestHandler = {
  canHandle: isAnswerTo('sensual', 'AMAZON.YesIntent'),
  async handle(input: HandlerInput): Promise<Response> {
    const turn = turnOf(input);
    if ((pendingOf(input, 'sensual')?.yeses ?? 0) < 1) {
      turn.pending = { kind: 'sensual', yeses: 1 };
      return respond(input, say.sensualAskSecond());
    }
    await turn.update((draft) => {
      draft.sensualChosen = true;
    });
    turn.pending = undefined;
    return respond(input, say.sensualOpened());
  },
};

/** "No" from either partner keeps things as they are; it is never asked again unless they ask. */
export const sensualNoHandler: RequestHandler = {
  canHandle: isAnswerTo('sensual', 'AMAZON.NoIntent'),
  handle(input: HandlerInput) {
    turnOf(input).pending = undefined;
    return respond(input, say.sensualKept());
  },
};

/** "We'd like more intimate ideas": asked of both, and only once the ladder would open them. */
export const sensualOnHandler: RequestHandler = {
  canHandle: isIntent('SensualIdeasOnIntent'),
  async handle(input: HandlerInput): Promise<Response> {
    const turn = turnOf(input);
    const state = await turn.read();
    if (maxTier(state.pacing, await turn.today()) !== 'C') {
      turn.pending = { kind: 'offer', yes: 'idea' };
      return respond(input, say.sensualNotYet());
    }
    if (state.sensualChosen) return respond(input, say.sensualOpened());
    turn.pending = { kind: 'sensual', yeses: 0 };
    return respond(input, say.glad(true));
  },
};

/** "Let's keep things to cuddles": either partner closes sensual ideas at once. */
export const sensualOffHandler: RequestHandler = {
  canHandle: isIntent('SensualIdeasOffIntent'),
  async handle(input: HandlerInput): Promise<Response> {
    const turn = turnOf(input);
    if ((await turn.read()).sensualChosen) {
      await turn.update((draft) => {
        delete draft.sensualChosen;
      });
    }
    turn.pending = undefined;
    return respond(input, say.sensualClosed());
  },
};
