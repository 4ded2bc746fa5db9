import type { CoupleState, Goal, GoalKind } from './couple';
import { addDays, weekday, type LocalDay } from './dates';
import { isTooMuch, type ActivityLookup, type SessionRecord } from './pacing';
import { ritualCompleted, sessionsOn } from './wins';

export const GOAL_KINDS: readonly GoalKind[] = ['ritual', 'careDate', 'touch', 'conversation'];
export const MIN_GOAL = 1;
export const MAX_GOAL = 14;
/** Above this many a week the skill gently suggests starting smaller (principle 4). */
const MODEST_GOAL = 4;

/** "Let's aim for two care dates this week": set as chosen, with a nudge when it is ambitious (mutates). */
export function setGoal(state: CoupleState, kind: GoalKind, perWeek: number, today: LocalDay): { goal: Goal; gentleNudge: boolean } {
  if (!GOAL_KINDS.includes(kind)) throw new RangeError('unknown goal kind');
  if (!Number.isInteger(perWeek) || perWeek < MIN_GOAL || perWeek > MAX_GOAL) throw new RangeError('goal out of range');
  state.goal = { kind, perWeek, setOn: today };
  return { goal: { ...state.goal }, gentleNudge: perWeek > MODEST_GOAL };
}

export interface WeekBounds {
  start: LocalDay;
  end: LocalDay;
}

/** The Monday-to-Sunday week holding `today`, in the couple's own calendar. */
export function weekBounds(today: LocalDay): WeekBounds {
  const start = addDays(today, -weekday(today));
  return { start, end: addDays(start, 6) };
}

export function previousWeek(today: LocalDay): WeekBounds {
  return weekBounds(addDays(weekBounds(today).start, -7));
}

export const daysOf = (week: WeekBounds): LocalDay[] => Array.from({ length: 7 }, (_, i) => addDays(week.start, i));

/** This week's days up to and including today: the evenings so far. */
export const eveningsSoFar = (today: LocalDay): LocalDay[] => daysOf(weekBounds(today)).filter((d) => d <= today);

/** Whether an evening counts towards a goal kind; each evening counts once, however much it held. */
function eveningCounts(kind: GoalKind, state: CoupleState, day: LocalDay, activityById: ActivityLookup): boolean {
  const ritual = ritualCompleted(state, day);
  const sessions = sessionsOn(state, day);
  const tierOf = (s: SessionRecord) => activityById(s.activityId)?.tier;
  switch (kind) {
    // a wind-down taken all the way to the closing embrace
    case 'ritual':
      return ritual;
    // a completed ritual or any offered idea that evening, however it sat: showing up is the date
    case 'careDate':
      return ritual || sessions.length > 0;
    // affectionate or sensual touch (tier B or C) that did not feel like too much
    case 'touch':
      return sessions.some((s) => tierOf(s) !== undefined && tierOf(s) !== 'A' && !isTooMuch(s));
    // a companionship idea without touch, or a completed ritual, whose check-in is a conversation
    case 'conversation':
      return ritual || sessions.some((s) => tierOf(s) === 'A' && activityById(s.activityId)?.touch === false);
  }
}

export interface GoalProgress {
  goal?: Goal;
  /** Evenings this week so far that count towards the goal (0 without a goal). */
  done: number;
  /** How many more would meet it; never below 0. */
  remaining: number;
  met: boolean;
}

/** This week's progress towards the goal; the whole week counts, even days before it was set. */
export function goalProgress(state: CoupleState, today: LocalDay, activityById: ActivityLookup): GoalProgress {
  const goal = state.goal;
  if (!goal) return { done: 0, remaining: 0, met: false };
  const done = eveningsSoFar(today).filter((d) => eveningCounts(goal.kind, state, d, activityById)).length;
  return { goal: { ...goal }, done, remaining: Math.max(0, goal.perWeek - done), met: done >= goal.perWeek };
}
