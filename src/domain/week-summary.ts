import { HISTORY_DAYS, isEnergyLevel, type CoupleState, type PartnerId } from './couple';
import { addDays, type LocalDay } from './dates';
import { daysOf, eveningsSoFar, goalProgress, previousWeek, weekBounds, type GoalProgress } from './goals';
import type { ActivityLookup } from './pacing';
import { restHonoured, ritualCompleted, topCategory, winsOn, type WinCategory } from './wins';

export type EnergyTrend = 'steadier' | 'brighter' | 'lower' | 'similar' | 'notEnough';

interface PartnerWeekEnergy {
  /** Days this week (so far) with a log from this partner. */
  daysLogged: number;
  /** Rounded to one decimal; absent with no log. */
  average?: number;
  lastWeekAverage?: number;
}

export interface WeekDay {
  day: LocalDay;
  a?: number;
  b?: number;
  /** A rest day planned or kept that day. */
  restDay: boolean;
  /** After today: nothing to show yet. */
  future: boolean;
}

/** What "How are we doing?" reports: only what went well and what is ahead, never what was missed. */
export interface WeekSummary {
  start: LocalDay;
  end: LocalDay;
  today: LocalDay;
  goal: GoalProgress;
  wins: { count: number; said: number; automatic: number; top?: WinCategory };
  restDaysHonoured: number;
  rituals: number;
  energy: Record<PartnerId, PartnerWeekEnergy> & { trend: EnergyTrend };
  /** Monday to Sunday, for charts. */
  days: WeekDay[];
}

/** Trend needs at least this many days with a log in each week. */
const TREND_MIN_DAYS = 2;
/** A move of the daily floor's mean by this much is "brighter" or "lower". */
const TREND_MEAN_STEP = 0.5;
/** A drop of the daily floor's standard deviation by this much is "steadier". */
const TREND_SPREAD_STEP = 0.5;

const loggedLevel = (state: CoupleState, day: LocalDay, id: PartnerId): number | undefined => {
  const level = state.days[day]?.energy?.[id];
  return level !== undefined && isEnergyLevel(level) ? level : undefined;
};

/** The day's floor: the lower of the two logs, or the one log there is. */
function dailyFloor(state: CoupleState, day: LocalDay): number | undefined {
  const levels = [loggedLevel(state, day, 'a'), loggedLevel(state, day, 'b')].filter((n): n is number => n !== undefined);
  return levels.length > 0 ? Math.min(...levels) : undefined;
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const spread = (xs: number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The week's energy against last week's, on the daily floor (the slower partner sets the pace).
 * Steadiness is what pacing aims for (principle 4), so a clearly smaller spread is named first;
 * then a mean move of half a level either way; otherwise 'similar'.
 */
export function energyTrend(thisWeek: (number | undefined)[], lastWeek: (number | undefined)[]): EnergyTrend {
  const now = thisWeek.filter((n): n is number => n !== undefined);
  const before = lastWeek.filter((n): n is number => n !== undefined);
  if (now.length < TREND_MIN_DAYS || before.length < TREND_MIN_DAYS) return 'notEnough';
  if (spread(before) - spread(now) >= TREND_SPREAD_STEP) return 'steadier';
  const move = mean(now) - mean(before);
  if (move >= TREND_MEAN_STEP) return 'brighter';
  if (move <= -TREND_MEAN_STEP) return 'lower';
  return 'similar';
}

function partnerEnergy(state: CoupleState, id: PartnerId, thisWeek: LocalDay[], lastWeek: LocalDay[]): PartnerWeekEnergy {
  const levels = (days: LocalDay[]) => days.map((d) => loggedLevel(state, d, id)).filter((n): n is number => n !== undefined);
  const now = levels(thisWeek);
  const before = levels(lastWeek);
  return {
    daysLogged: now.length,
    ...(now.length > 0 && { average: round1(mean(now)) }),
    ...(before.length > 0 && { lastWeekAverage: round1(mean(before)) }),
  };
}

/**
 * "How are we doing?": this week so far, read from `state` alone. HISTORY_DAYS (15) reaches back to
 * last Monday even on a Sunday, so last week is whole unless the couple only started during it
 * (or the window is ever shortened); its averages then use the days there are.
 */
export function weekSummary(state: CoupleState, today: LocalDay, activityById: ActivityLookup): WeekSummary {
  const week = weekBounds(today);
  const soFar = eveningsSoFar(today);
  const oldestKept = addDays(today, -(HISTORY_DAYS - 1));
  const lastWeek = daysOf(previousWeek(today)).filter((d) => d >= oldestKept);
  const wins = soFar.flatMap((d) => winsOn(state, d, activityById));
  const said = wins.filter((w) => w.source === 'said').length;
  return {
    start: week.start,
    end: week.end,
    today,
    goal: goalProgress(state, today, activityById),
    wins: { count: wins.length, said, automatic: wins.length - said, top: topCategory(wins) },
    restDaysHonoured: soFar.filter((d) => restHonoured(state, d, activityById)).length,
    rituals: soFar.filter((d) => ritualCompleted(state, d)).length,
    energy: {
      a: partnerEnergy(state, 'a', soFar, lastWeek),
      b: partnerEnergy(state, 'b', soFar, lastWeek),
      trend: energyTrend(
        soFar.map((d) => dailyFloor(state, d)),
        lastWeek.map((d) => dailyFloor(state, d)),
      ),
    },
    days: daysOf(week).map((day) => {
      const future = day > today;
      const a = future ? undefined : loggedLevel(state, day, 'a');
      const b = future ? undefined : loggedLevel(state, day, 'b');
      return { day, ...(a !== undefined && { a }), ...(b !== undefined && { b }), restDay: state.pacing.restDays.includes(day), future };
    }),
  };
}
