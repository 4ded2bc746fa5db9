import type { PartnerId } from '../partners';
import { MAX_ENERGY, MIN_ENERGY, UNKNOWN_ENERGY } from '../energy';
import { addDays, daysBetween, type LocalDay } from '../dates';
import { TIERS, type Tier } from './catalogue';
import { pruneCalendar } from './calendar';
import {
  recordSession,
  REST_WEEK_DAYS,
  safeKey,
  STEP_DOWN_SESSIONS,
  STREAK_SESSIONS,
  STREAK_SPAN_DAYS,
  type PacingState,
  type Rating,
  type SessionRecord,
} from './state';

export type CeilingReason = 'energy' | 'restDay' | 'appointment' | 'afterAppointment' | 'restWeek';

export interface Ceiling {
  ceiling: number;
  reason: CeilingReason;
}

export interface Energies {
  a?: number;
  b?: number;
}

export interface RatingOutcome {
  /** A "too much" started (or restarted) the three-session step down. */
  steppedDown: boolean;
  /** A "too much" left two in a week: suggest a rest week and a word with their care team. */
  restWeek: boolean;
  /** How many sessions of the last seven days were too much, this one included (after a "too much"). */
  tooMuchThisWeek?: number;
  /** This rating completed the comfortable streak that opens tier C. */
  unlockedC: boolean;
  /** The tier the ladder stands at after the rating. */
  tier: Tier;
  /** The activity the rating (or "not for now") applied to, if there was one. */
  activityId?: string;
}

const level = (value: number | undefined): number => {
  const n = value !== undefined && Number.isFinite(value) ? value : UNKNOWN_ENERGY;
  return Math.min(MAX_ENERGY, Math.max(MIN_ENERGY, n));
};

/** Calendar days cap the evening at 1 whatever the energies say (pacing rule 2). */
function calendarReason(p: PacingState, today: LocalDay): Exclude<CeilingReason, 'energy'> | undefined {
  if (p.restDays.includes(today)) return 'restDay';
  if (p.appointments.includes(today)) return 'appointment';
  if (p.appointments.includes(addDays(today, -1))) return 'afterAppointment';
  if (restWeekAdvised(p, today)) return 'restWeek';
  return undefined;
}

/** Tonight's ceiling follows the slower partner, unknown counting as 2; calendar days cap it at 1. */
export function ceilingFor(p: PacingState, energies: Energies, today: LocalDay): Ceiling {
  const reason = calendarReason(p, today);
  if (reason) return { ceiling: 1, reason };
  return { ceiling: Math.min(level(energies.a), level(energies.b)), reason: 'energy' };
}

const ratingsOf = (s: SessionRecord): Rating[] => [s.ratings.a, s.ratings.b, s.ratings.both].filter((r): r is Rating => r !== undefined);

/** Any one "too much" makes the whole session count as too much. */
export function isTooMuch(s: SessionRecord): boolean {
  return ratingsOf(s).includes('tooMuch');
}

/** Comfortable for both: every rating comfortable, and both partners (or a shared 'both') rated. */
export function isComfortableForBoth(s: SessionRecord): boolean {
  const all = ratingsOf(s);
  const bothSpoke = (s.ratings.a !== undefined && s.ratings.b !== undefined) || s.ratings.both !== undefined;
  return bothSpoke && all.every((r) => r === 'comfortable');
}

/** Three comfortable-for-both sessions covering at least 7 calendar days. */
function hasStreak(sessions: SessionRecord[]): boolean {
  const days = sessions
    .filter(isComfortableForBoth)
    .map((s) => s.day)
    .sort();
  const [first] = days;
  const last = days.at(-1);
  return days.length >= STREAK_SESSIONS && first !== undefined && last !== undefined && daysBetween(first, last) >= STREAK_SPAN_DAYS - 1;
}

const lastTooMuch = (sessions: SessionRecord[]): number => sessions.map(isTooMuch).lastIndexOf(true);
const lower = (tier: Tier): Tier => (tier === 'C' ? 'B' : 'A');

/** How far up the ladder a tier stands: A 0, B 1, C 2. */
export const tierRank = (tier: Tier): number => TIERS.indexOf(tier);

/**
 * The ladder (pacing rule 3). C is open while the sessions since the last "too much" hold the
 * streak. During a step down the tier is one below where it stood before that "too much"; C is
 * then re-earned with a fresh streak, never regained on a schedule (principle 2).
 */
export function maxTier(p: PacingState, today: LocalDay): Tier {
  const past = p.sessions.filter((s) => s.day <= today);
  const last = lastTooMuch(past);
  const now: Tier = hasStreak(past.slice(last + 1)) ? 'C' : 'B';
  if (p.stepDown <= 0) return now;
  if (last < 0) return lower(now);
  const before = past.slice(0, last);
  return lower(hasStreak(before.slice(lastTooMuch(before) + 1)) ? 'C' : 'B');
}

/** Two "too much" sessions within 7 days advise a rest week, for 7 days from the second. */
export function restWeekAdvised(p: PacingState, today: LocalDay): boolean {
  const days = p.sessions
    .filter(isTooMuch)
    .map((s) => s.day)
    .filter((d) => d <= today)
    .sort();
  return days.some((day, i) => {
    const before = days[i - 1];
    return before !== undefined && daysBetween(day, today) < REST_WEEK_DAYS && daysBetween(before, day) < REST_WEEK_DAYS;
  });
}

/** "Too much" sessions in the seven days up to today, so a third is never called the second. */
function tooMuchInWeek(p: PacingState, today: LocalDay): number {
  return p.sessions.filter((s) => isTooMuch(s) && s.day <= today && daysBetween(s.day, today) < REST_WEEK_DAYS).length;
}

/** The session a rating is about: the last one, or a new one for a later suggestion never recorded. */
function sessionToRate(p: PacingState, today: LocalDay): SessionRecord | undefined {
  const last = p.sessions[p.sessions.length - 1];
  const suggested = p.recent[p.recent.length - 1];
  const usable = suggested !== undefined && !(Object.hasOwn(p.setAside, suggested) && p.setAside[suggested] === today);
  if (last && (!usable || last.activityId === suggested)) return last;
  if (!usable) return undefined;
  recordSession(p, today, suggested);
  return p.sessions[p.sessions.length - 1];
}

function setAsideLatest(p: PacingState, today: LocalDay): RatingOutcome {
  const latest = p.recent[p.recent.length - 1] ?? p.sessions[p.sessions.length - 1]?.activityId;
  const activityId = latest !== undefined && safeKey(latest) ? latest : undefined;
  if (activityId !== undefined) p.setAside[activityId] = today;
  pruneCalendar(p, today);
  return { steppedDown: false, restWeek: false, unlockedC: false, tier: maxTier(p, today), activityId };
}

/** "That was lovely" / "a bit much" / "not for now": moves the pace and says what changed (mutates). */
export function rateSession(p: PacingState, rating: Rating | 'notForNow', by: PartnerId | 'both', today: LocalDay): RatingOutcome {
  if (rating === 'notForNow') return setAsideLatest(p, today);
  const session = sessionToRate(p, today);
  const before = maxTier(p, today);
  if (!session) return { steppedDown: false, restWeek: false, unlockedC: false, tier: before };
  session.ratings[by] = rating;
  if (rating === 'tooMuch') {
    p.stepDown = STEP_DOWN_SESSIONS;
    p.favourites = p.favourites.filter((id) => id !== session.activityId);
  } else if (!isTooMuch(session) && !p.favourites.includes(session.activityId)) {
    p.favourites.push(session.activityId);
  }
  const after = maxTier(p, today);
  return {
    steppedDown: rating === 'tooMuch',
    restWeek: rating === 'tooMuch' && restWeekAdvised(p, today),
    ...(rating === 'tooMuch' ? { tooMuchThisWeek: tooMuchInWeek(p, today) } : {}),
    unlockedC: before !== 'C' && after === 'C',
    tier: after,
    activityId: session.activityId,
  };
}

/** The unrated evening from the last two days to ask about ("how did last night sit?"), if any. */
export function eveningToAskAbout(p: PacingState, today: LocalDay, alreadyAsked?: LocalDay): SessionRecord | undefined {
  const last = p.sessions[p.sessions.length - 1];
  if (!last || Object.keys(last.ratings).length > 0 || last.day === alreadyAsked) return undefined;
  const age = daysBetween(last.day, today);
  return age >= 1 && age <= 2 ? last : undefined;
}
