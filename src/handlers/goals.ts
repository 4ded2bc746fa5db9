import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { CATALOGUE } from '../answers/content';
import { pendingOf } from '../answers/pending';
import { isIntent, respond, slotId, slotText } from '../answers/support';
import { goalCount, lookupSlotValue } from '../answers/vocabulary';
import { partner, type GoalKind } from '../domain/couple';
import { GOAL_KINDS, setGoal } from '../domain/goals';
import { activityLookup } from '../domain/pacing';
import { weekSummary } from '../domain/week-summary';
import { asWinCategory, logWin } from '../domain/wins';
import { weekChartApl, weekChartText } from '../screens/week-chart';
import { supportsApl } from '../screens/ritual-apl';
import { goalLine, goalNoun, say, spokenWin, trendLine } from '../speech/en-US';
import { localiseText } from '../speech/locale';
import { turnOf, type Turn } from '../turn';

const byId = activityLookup(CATALOGUE);

function goalKindOf(input: HandlerInput): GoalKind | undefined {
  const id = slotId(input, 'goalKind') ?? lookupSlotValue('GoalKind', slotText(input, 'goalKind'));
  return GOAL_KINDS.find((k) => k === id);
}

/** Sets the weekly goal; above four a week it gently suggests starting smaller, and sets what they chose. */
async function chooseGoal(turn: Turn, kind: GoalKind, count: number): Promise<Response> {
  const today = await turn.today();
  const { gentleNudge } = await turn.update((draft) => setGoal(draft, kind, count, today));
  turn.pending = undefined;
  return respond(turn.input, say.goalSet(count, goalNoun(kind, count), gentleNudge));
}

async function setGoalTurn(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const pending = turn.pending;
  const kind = goalKindOf(input) ?? (pending?.kind === 'goalCount' ? pending.goalKind : undefined);
  // "Twice" arrives in the word slot (GoalTimes), its id the number.
  const times = slotId(input, 'times') ?? lookupSlotValue('GoalTimes', slotText(input, 'times'));
  const count = goalCount(slotText(input, 'count') ?? times) ?? (isSingular(input) ? 1 : pending?.kind === 'goalKind' ? pending.count : undefined);
  if (count === 'outOfRange') return respond(input, say.goalTooMany());
  if (!kind) {
    turn.pending = { kind: 'goalKind', count };
    return respond(input, say.goalAskKind());
  }
  if (count === undefined) {
    turn.pending = { kind: 'goalCount', goalKind: kind };
    return respond(input, say.goalAskCount(goalNoun(kind, 2)));
  }
  return chooseGoal(turn, kind, count);
}

/** "a care date this week": a singular kind word means one. */
function isSingular(input: HandlerInput): boolean {
  const text = (slotText(input, 'goalKind') ?? '').toLowerCase();
  return text.length > 0 && !text.endsWith('s');
}

async function logWinTurn(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const today = await turn.today();
  const category = asWinCategory(slotId(input, 'winCategory') ?? lookupSlotValue('WinCategory', slotText(input, 'winCategory')));
  const outcome = await turn.update((draft) => logWin(draft, category, today));
  // "Other" has no words of its own: "I've noted a small win: a small win" said nothing.
  return respond(input, outcome === 'dayFull' ? say.winDayFull() : say.winLogged(category === 'other' ? undefined : spokenWin(category), today));
}

async function progressTurn(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const today = await turn.today();
  const state = await turn.read();
  const summary = weekSummary(state, today, byId);
  const goal = summary.goal.goal;
  const names = { a: partner(state, 'a')?.name ?? 'You', b: partner(state, 'b')?.name ?? 'Partner' };
  const line = say.progress({
    goal: goal ? goalLine(goal.kind, goal.perWeek, summary.goal.done) : undefined,
    wins: summary.wins.count,
    rest: summary.restDaysHonoured,
    rituals: summary.rituals,
    trend: trendLine(summary.energy.trend),
  });
  input.responseBuilder.withSimpleCard('This week', localiseText(weekChartText(summary, names).join('\n'), turn.locale));
  if (supportsApl(input)) {
    const { document, datasources } = weekChartApl(summary, names);
    input.responseBuilder.addDirective({ type: 'Alexa.Presentation.APL.RenderDocument', token: 'twilight-week', document, datasources });
  }
  turn.pending = undefined;
  return respond(input, line);
}

/** "Let's aim for two care dates this week", "our goal is one ritual a week". */
export const setGoalHandler: RequestHandler = { canHandle: isIntent('SetGoalIntent'), handle: setGoalTurn };

const isLogEnergy = isIntent('LogEnergyIntent');

/** A bare number answering "how many a week?" is the goal's count, not an energy (Alexa hears it as LogEnergyIntent). */
export const goalCountGivenHandler: RequestHandler = {
  canHandle: (input) =>
    isLogEnergy(input) && pendingOf(input, 'goalCount') !== undefined && !slotText(input, 'name') && goalCount(slotText(input, 'level')) !== undefined,
  handle(input: HandlerInput) {
    // canHandle saw both: the question pending and a count.
    const pending = pendingOf(input, 'goalCount');
    const count = goalCount(slotText(input, 'level'));
    if (!pending || count === undefined) return respond(input, say.fallback());
    const { goalKind } = pending;
    return count === 'outOfRange' ? respond(input, say.goalTooMany()) : chooseGoal(turnOf(input), goalKind, count);
  },
};

/** "We held hands longer tonight", "log a small win". */
export const logWinHandler: RequestHandler = { canHandle: isIntent('LogWinIntent'), handle: logWinTurn };

/** "How are we doing?": a short, warm summary of the week, a card with the chart, and a screen. */
export const progressHandler: RequestHandler = { canHandle: isIntent('ProgressIntent'), handle: progressTurn };
