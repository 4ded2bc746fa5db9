import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { isIntent, respond } from '../answers/support';
import { isSetUp, partner } from '../domain/couple';
import { passTurn, whoseTurn } from '../domain/pacing';
import { say } from '../speech/en-US';
import { turnOf } from '../turn';

async function whose(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const state = await turn.read();
  if (!isSetUp(state)) return respond(input, say.needNamesFirst());
  const name = partner(state, whoseTurn(state.pacing, await turn.today()))?.name ?? '';
  turn.pending = { kind: 'offer', yes: 'idea' };
  return respond(input, say.whoseTurn(name));
}

async function pass(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const today = await turn.today();
  const state = await turn.read();
  if (!isSetUp(state)) return respond(input, say.needNamesFirst());
  const after = await turn.update((draft) => {
    passTurn(draft.pacing, today);
    return draft;
  });
  turn.pending = { kind: 'offer', yes: 'idea' };
  return respond(input, say.passed(partner(after, whoseTurn(after.pacing, today))?.name ?? ''));
}

/** "Whose turn is it?": initiative alternates so neither partner carries it alone. */
export const whoseTurnHandler: RequestHandler = { canHandle: isIntent('WhoseTurnIntent'), handle: whose };

/** "I'll pass": the other partner takes tonight, and it counts against no one. */
export const passTurnHandler: RequestHandler = { canHandle: isIntent('PassTurnIntent'), handle: pass };
