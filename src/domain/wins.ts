import { pruneHistory, type CoupleState, type WinRecord } from './couple';
import type { LocalDay } from './dates';
import { isTooMuch, type ActivityLookup, type SessionRecord } from './pacing';

/** The small, warm list of wins: the WinCategory slot ids (src/speech/plans.ts says each one). */
export const WIN_CATEGORIES = [
  'held-hands',
  'cuddle',
  'talk',
  'laughed',
  'kind-word',
  'touch',
  'together',
  'meal',
  'walk',
  'rested',
  'wind-down',
  'other',
] as const;

export type WinCategory = (typeof WIN_CATEGORIES)[number];
export type WinSource = WinRecord['source'];

const isWinCategory = (value: string): value is WinCategory => WIN_CATEGORIES.some((c) => c === value);

/** A resolved slot id as a category; anything unrecognised is still a win, just 'other'. */
export function asWinCategory(id: string | undefined): WinCategory {
  return id !== undefined && isWinCategory(id) ? id : 'other';
}

/** The category an automatic win is filed under. */
const AUTOMATIC_CATEGORY: Readonly<Record<Exclude<WinSource, 'said'>, WinCategory>> = {
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

export const sessionsOn = (state: CoupleState, day: LocalDay): SessionRecord[] => state.pacing.sessions.filter((s) => s.day === day);

const ratingsOf = (s: SessionRecord) => [s.ratings.a, s.ratings.b, s.ratings.both].filter((r) => r !== undefined);

/** Rated comfortable by someone and too much by no one. */
const comfortable = (s: SessionRecord): boolean => ratingsOf(s).includes('comfortable') && !isTooMuch(s);

export const ritualCompleted = (state: CoupleState, day: LocalDay): boolean => state.days[day]?.ritual?.ended === 'completed';

/**
 * A rest day is honoured unless the evening went on as usual: a completed ritual, or a session
 * whose activity costs more than 1. A pause or stop never counts against it (principle 3), and an
 * activity the catalogue no longer has is not assumed to have been strenuous.
 */
export function restHonoured(state: CoupleState, day: LocalDay, activityById: ActivityLookup): boolean {
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
export function winsOn(state: CoupleState, day: LocalDay, activityById: ActivityLookup): WinRecord[] {
  const stored = state.days[day]?.wins ?? [];
  const said = stored.filter((w) => w.source === 'said').slice(0, MAX_WINS_PER_DAY);
  const automatic: WinRecord[] = [];
  for (const w of [...stored.filter((x) => x.source !== 'said'), ...countsAutomatically(state, day, activityById)]) {
    const repeats = automatic.some((x) => x.source === w.source) || said.some((x) => x.category === w.category);
    if (!repeats) automatic.push(w);
  }
  return [...said, ...automatic];
}
/** Categories ranked by count; ties go to the earlier entry of WIN_CATEGORIES. */
export function topCategory(wins: WinRecord[]): WinCategory | undefined {
  const counts = new Map<WinCategory, number>();
  for (const w of wins) {
    const c = asWinCategory(w.category);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let top: WinCategory | undefined;
  for (const id of WIN_CATEGORIES) {
    if ((counts.get(id) ?? 0) > (top === undefined ? 0 : (counts.get(top) ?? 0))) top = id;
  }
  return top;
}
