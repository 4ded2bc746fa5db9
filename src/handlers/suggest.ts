import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { CATALOGUE } from '../answers/content';
import { offerAccepted } from '../answers/pending';
import { isIntent, respond } from '../answers/support';
import { partner, suggestContext } from '../domain/couple';
import { nextIdea, offerTonight, suggest, whoseTurn, type Activity } from '../domain/pacing';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

/** Tonight's first idea, paced to the slower partner. */
async function offerIdea(turn: Turn): Promise<{ activity?: Activity; reason: ReturnType<typeof suggest>['reason'] }> {
  const today = await turn.today();
  const result = await turn.update((draft) => {
    const pick = suggest(draft.pacing, suggestContext(draft, today), CATALOGUE);
    if (pick.activity) offerTonight(draft.pacing, today, pick.activity.id);
    return pick;
  });
  if (result.activity) turn.offered = [...turn.offered, result.activity.id];
  return result;
}

/** "What could we do tonight?": one gentle idea and whose turn it is to lead. */
async function suggestTonight(turn: Turn): Promise<Response> {
  if ((await turn.read()).notTonightDay === (await turn.today())) return respond(turn.input, say.restTonight());
  const { activity, reason } = await offerIdea(turn);
  if (!activity) {
    turn.pending = { kind: 'offer', yes: 'checkIn' };
    return respond(turn.input, say.noIdeas());
  }
  const state = await turn.read();
  const leader = partner(state, whoseTurn(state.pacing, await turn.today()))?.name;
  turn.pending = { kind: 'offer', yes: 'another' };
  return respond(turn.input, say.idea(activity, reason, leader));
}

/** "Something else": the next eligible idea, never one already offered this evening. */
async function anotherIdea(turn: Turn): Promise<Response> {
  const today = await turn.today();
  if ((await turn.read()).notTonightDay === today) return respond(turn.input, say.restTonight());
  const offered = turn.offered;
  const activity = await turn.update((draft) => {
    const lastShown = draft.pacing.recent.slice(-1);
    const next = nextIdea(draft.pacing, suggestContext(draft, today), CATALOGUE, [...offered, ...lastShown]);
    if (next) offerTonight(draft.pacing, today, next.id);
    return next;
  });
  if (!activity) {
    turn.pending = { kind: 'offer', yes: 'checkIn' };
    return respond(turn.input, say.noMoreIdeas());
  }
  turn.offered = [...offered, activity.id];
  turn.pending = { kind: 'offer', yes: 'another' };
  return respond(turn.input, say.anotherIdea(activity));
}

/** "What could we do tonight?", "suggest something gentle". */
export const suggestHandler: RequestHandler = {
  canHandle: isIntent('SuggestActivityIntent'),
  handle: (input: HandlerInput) => suggestTonight(turnOf(input)),
};

/** "Something else", "another one", "not that one". */
export const anotherIdeaHandler: RequestHandler = {
  canHandle: isIntent('AnotherIdeaIntent'),
  handle: (input: HandlerInput) => anotherIdea(turnOf(input)),
};

/** "Yes" (or "next") to "want an idea?" or "want another?"; a check-in offer is check-in's own. */
export const ideaAcceptedHandler: RequestHandler = {
  canHandle(input: HandlerInput) {
    const offer = offerAccepted(input);
    return offer !== undefined && offer !== 'checkIn';
  },
  handle: (input: HandlerInput) => (offerAccepted(input) === 'another' ? anotherIdea(turnOf(input)) : suggestTonight(turnOf(input))),
};
