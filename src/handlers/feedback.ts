import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { CATALOGUE } from '../answers/content';
import { eveningStep } from '../answers/evening';
import { pauseRitual, ritualTonight } from '../answers/ritual';
import { isIntent, respond, slotId, slotText } from '../answers/support';
import { lookupSlotValue } from '../answers/vocabulary';
import { rateSession, type Rating } from '../domain/pacing';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

type Feedback = Rating | 'notForNow';
const FEEDBACK: readonly Feedback[] = ['comfortable', 'tooMuch', 'notForNow'];

function feedbackOf(input: HandlerInput): Feedback | undefined {
  const id = slotId(input, 'feedback') ?? lookupSlotValue('FeedbackWord', slotText(input, 'feedback'));
  return FEEDBACK.find((f) => f === id);
}

/** Records how the evening sat; "too much" always gets empathy first, never a push. */
async function giveFeedback(turn: Turn, feedback: Feedback): Promise<Response> {
  const input = turn.input;
  const today = await turn.today();
  const wasLastNight = turn.pending?.kind === 'lastNight';
  const by = (await turn.speaker())?.id ?? 'both';
  const outcome = await turn.update((draft) => rateSession(draft.pacing, feedback, by, today));

  if (feedback === 'notForNow') {
    if (!outcome.activityId) return respond(input, say.nothingToRate());
    turn.offered = [...turn.offered, outcome.activityId];
    turn.pending = { kind: 'offer', yes: 'another' };
    return respond(input, say.setAside(CATALOGUE.find((a) => a.id === outcome.activityId)?.title));
  }
  if (!outcome.activityId) return respond(input, say.nothingToRate());

  if (wasLastNight) {
    turn.pending = undefined;
    const next = await eveningStep(turn, await turn.read());
    return respond(input, say.thanksForLastNight(feedback, outcome.restWeek, next, outcome.tooMuchThisWeek));
  }
  // The ladder would open tier C: it opens only if both say yes, and the skill asks once, here.
  const askBoth = feedback === 'comfortable' && outcome.unlockedC && !(await turn.read()).sensualChosen;
  turn.pending = askBoth ? { kind: 'sensual', yeses: 0 } : undefined;
  return respond(input, feedback === 'tooMuch' ? say.tooMuch(outcome.restWeek, outcome.tooMuchThisWeek) : say.glad(askBoth));
}

const isSetAside = isIntent('SetAsideIntent');

async function handle(input: HandlerInput): Promise<Response> {
  const feedback = isSetAside(input) ? 'notForNow' : feedbackOf(input);
  if (!feedback) return respond(input, say.feedbackNotHeard());
  const turn = turnOf(input);
  // "This is a bit much" or "that's not for me" mid-ritual is discomfort first: it pauses at once,
  // as consent does, and is not counted against the idea.
  if (feedback !== 'comfortable') {
    const progress = await ritualTonight(turn);
    if (progress && !progress.paused) return pauseRitual(turn);
  }
  return giveFeedback(turn, feedback);
}

/** "That was lovely", "that was a bit much", "not for now": moves the ladder or sets an idea aside. */
export const feedbackHandler: RequestHandler = { canHandle: isIntent('ActivityFeedbackIntent', 'SetAsideIntent'), handle };
