import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { maxTier } from '../domain/pacing';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';
import { isIntent, respond } from './support';

/** A "yes" to gently sensual ideas: the first opens nothing, the second (the other partner's) opens them. */
export async function sensualYes(turn: Turn, yeses: number): Promise<Response> {
  if (yeses < 1) {
    turn.pending = { kind: 'sensual', yeses: 1 };
    return respond(turn.input, say.sensualAskSecond());
  }
  await turn.update((draft) => {
    draft.sensualChosen = true;
  });
  turn.pending = undefined;
  return respond(turn.input, say.sensualOpened());
}

/** "No" from either partner keeps things as they are; it is never asked again unless they ask. */
export function sensualNo(turn: Turn): Response {
  turn.pending = undefined;
  return respond(turn.input, say.sensualKept());
}

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
