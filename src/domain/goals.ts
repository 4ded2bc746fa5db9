import { HISTORY_DAYS, isEnergyLevel, pruneHistory, type CoupleState, type Goal, type GoalKind, type PartnerId, type WinRecord } from './couple';
import { addDays, weekday, type LocalDay } from './dates';
import { isTooMuch, type Activity, type SessionRecord } from './pacing';

/** Finds a catalogue activity by id; undefined for an id the catalogue no longer has. */
export type ActivityLookup = (id: string) => Activity | undefined;

/** A lookup over a loaded catalogue, built once. */
export function activityLookup(catalogue: readonly Activity[]): ActivityLookup {
  const byId = new Map(catalogue.map((a) => [a.id, a]));
  return (id) => byId.get(id);
}

export const GOAL_KINDS: readonly GoalKind[] = ['ritual', 'careDate', 'touch', 'conversation'];
export const MIN_GOAL = 1;
export const MAX_GOAL = 14;
/** Above this many a week the skill gently suggests starting smaller (principle 4). */
export const MODEST_GOAL = 4;

/** "Let's aim for two care dates this week": set as chosen, with a nudge when it is ambitious (mutates). */
export function setGoal(state: CoupleState, kind: GoalKind, perWeek: number, today: LocalDay): { goal: Goal; gentleNudge: boolean } {
  if (!GOAL_KINDS.includes(kind)) throw new RangeError('unknown goal kind');
  if (!Number.isInteger(perWeek) || perWeek < MIN_GOAL || perWeek > MAX_GOAL) throw new RangeError('goal out of range');
  state.goal = { kind, perWeek, setOn: today };
  return { goal: { ...state.goal }, gentleNudge: perWeek > MODEST_GOAL };
}

/** The small, warm list of wins; ids are the WinCategory slot ids, `spoken` fits "… counts as a win". */
export const WIN_CATEGORIES = [
  { id: 'held-hands', spoken: 'holding hands' },
  { id: 'cuddle', spoken: 'a cuddle' },
  { id: 'talk', spoken: 'a good talk' },
  { id: 'laughed', spoken: 'a laugh together' },
  { id: 'kind-word', spoken: 'a kind word' },
  { id: 'touch', spoken: 'a gentle touch' },
  { id: 'together', spoken: 'time close together' },
  { id: 'meal', spoken: 'a meal together' },
  { id: 'walk', spoken: 'a little walk' },
  { id: 'rested', spoken: 'a proper rest' },
  { id: 'wind-down', spoken: 'your wind-down together' },
  { id: 'other', spoken: 'a small win' },
] as const;

export type WinCategory = (typeof WIN_CATEGORIES)[number]['id'];
export type WinSource = WinRecord['source'];

const CATEGORY_IDS: readonly string[] = WIN_CATEGORIES.map((c) => c.id);

export const isWinCategory = (value: string): value is WinCategory => CATEGORY_IDS.includes(value);

/** A resolved slot id as a category; anything unrecognised is still a win, just 'other'. */
export function asWinCategory(id: string | undefined): WinCategory {
  return id !== undefined && isWinCategory(id) ? id : 'other';
}

export function spokenWin(category: WinCategory): string {
  return WIN_CATEGORIES.find((c) => c.id === category)?.spoken ?? 'a small win';
}

/** The category an automatic win is filed under. */
export const AUTOMATIC_CATEGORY: Readonly<Record<Exclude<WinSource, 'said'>, WinCategory>> = {
  ritual: 'wind-down',
  rest: 'rested',
  comfortable: 'together',
};

export const MAX_WINS_PER_DAY = 10;

export type LogWinOutcome = 'logged' | 'alreadyCounted' | 'dayFull';

/**
 * "We had a cuddle": appends a win to the day (mutates). Automatic sources count once a day, and a
 * day holds at most MAX_WINS_PER_DAY, so a repeated or runaway call never inflates the week.
 * Summaries compute automatic wins themselves (see countsAutomatically); storing one is optional.
 */
export function logWin(state: CoupleState, category: WinCategory, today: LocalDay, source: WinSource = 'said'): LogWinOutcome {
  if (!isWinCategory(category)) throw new RangeError('unknown win category');
  const record = (state.days[today] ??= {});
  const wins = (record.wins ??= []);
  if (source !== 'said' && wins.some((w) => w.source === source)) return 'alreadyCounted';
  if (wins.length >= MAX_WINS_PER_DAY) return 'dayFull';
  wins.push({ category, source });
  pruneHistory(state, today);
  return 'logged';
}

const sessionsOn = (state: CoupleState, day: LocalDay): SessionRecord[] => state.pacing.sessions.filter((s) => s.day === day);

const ratingsOf = (s: SessionRecord) => [s.ratings.a, s.ratings.b, s.ratings.both].filter((r) => r !== undefined);

/** Rated comfortable by someone and too much by no one. */
const comfortable = (s: SessionRecord): boolean => ratingsOf(s).includes('comfortable') && !isTooMuch(s);

const ritualCompleted = (state: CoupleState, day: LocalDay): boolean => state.days[day]?.ritual?.ended === 'completed';

/**
 * A rest day is honoured unless the evening went on as usual: a completed ritual, or a session
 * whose activity costs more than 1. A pause or stop never counts against it (principle 3), and an
 * activity the catalogue no longer has is not assumed to have been strenuous.
 */
function restHonoured(state: CoupleState, day: LocalDay, activityById: ActivityLookup): boolean {
  if (!state.pacing.restDays.includes(day)) return false;
  if (ritualCompleted(state, day)) return false;
  return !sessionsOn(state, day).some((s) => (activityById(s.activityId)?.energy ?? 1) > 1);
}

/**
 * The wins `day` earns by itself (at most one per source): a completed ritual, an honoured rest
 * day, a session rated comfortable. Computed whenever a summary is asked for, never stored, so a
 * later rating or a strenuous evening on a rest day is reflected without any write; call it only
 * for days up to today (a future rest day has not been honoured yet).
 */
export function countsAutomatically(state: CoupleState, day: LocalDay, activityById: ActivityLookup): WinRecord[] {
  const wins: WinRecord[] = [];
  if (ritualCompleted(state, day)) wins.push({ category: AUTOMATIC_CATEGORY.ritual, source: 'ritual' });
  if (restHonoured(state, day, activityById)) wins.push({ category: AUTOMATIC_CATEGORY.rest, source: 'rest' });
  if (sessionsOn(state, day).some(comfortable)) wins.push({ category: AUTOMATIC_CATEGORY.comfortable, source: 'comfortable' });
  return wins;
}

/**
 * Every win of a day: what they said, plus automatic wins, each source once whether stored or
 * computed, and none that repeats a category they said themselves ("we rested" on a rest day).
 */
function winsOn(state: CoupleState, day: LocalDay, activityById: ActivityLookup): WinRecord[] {
  const stored = state.days[day]?.wins ?? [];
  const said = stored.filter((w) => w.source === 'said').slice(0, MAX_WINS_PER_DAY);
  const automatic: WinRecord[] = [];
  for (const w of [...stored.filter((x) => x.source !== 'said'), ...countsAutomatically(state, day, activityById)]) {
    const repeats = automatic.some((x) => x.source === w.source) || said.some((x) => x.category === w.category);
    if (!repeats) automatic.push(w);
  }
  return [...said, ...automatic];
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

const daysOf = (week: WeekBounds): LocalDay[] => Array.from({ length: 7 }, (_, i) => addDays(week.start, i));

/** This week's days up to and including today: the evenings so far. */
const eveningsSoFar = (today: LocalDay): LocalDay[] => daysOf(weekBounds(today)).filter((d) => d <= today);

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

export type EnergyTrend = 'steadier' | 'brighter' | 'lower' | 'similar' | 'notEnough';

export interface PartnerWeekEnergy {
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
export const TREND_MIN_DAYS = 2;
/** A move of the daily floor's mean by this much is "brighter" or "lower". */
export const TREND_MEAN_STEP = 0.5;
/** A drop of the daily floor's standard deviation by this much is "steadier". */
export const TREND_SPREAD_STEP = 0.5;

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

/** Categories ranked by count; ties go to the earlier entry of WIN_CATEGORIES. */
function topCategory(wins: WinRecord[]): WinCategory | undefined {
  const counts = new Map<WinCategory, number>();
  for (const w of wins) {
    const c = asWinCategory(w.category);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let top: WinCategory | undefined;
  for (const { id } of WIN_CATEGORIES) {
    if ((counts.get(id) ?? 0) > (top === undefined ? 0 : counts.get(top) ?? 0)) top = id;
  }
  return top;
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
