import type { PartnerId } from '../partners';
import type { LocalDay } from '../dates';

/** How a session sat with someone; "not for now" is handled apart, as it rates nothing. */
export type Rating = 'comfortable' | 'tooMuch';

/** One evening's gentle exchange and how it sat; 'both' = said without a recognised voice. */
export interface SessionRecord {
  day: LocalDay;
  activityId: string;
  ratings: { a?: Rating; b?: Rating; both?: Rating };
}

/** Everything the pacing rules remember; embedded in CoupleState as `pacing`. */
export interface PacingState {
  sessions: SessionRecord[];
  recent: string[];
  setAside: Record<string, LocalDay>;
  lacks: string[];
  restDays: LocalDay[];
  appointments: LocalDay[];
  sore: Record<LocalDay, PartnerId[]>;
  stepDown: number;
  turn: PartnerId;
  turnDay?: LocalDay;
  favourites: string[];
}

export const SESSIONS_KEPT = 40;
export const RECENT_KEPT = 10;
export const NO_REPEAT_WITHIN = 3;
export const SET_ASIDE_DAYS = 14;
export const STEP_DOWN_SESSIONS = 3;
export const STREAK_SESSIONS = 3;
export const STREAK_SPAN_DAYS = 7;
export const REST_WEEK_DAYS = 7;
export const FAVOURITE_EVERY_DAYS = 7;
/** Calendar entries (rest days, appointments, soreness, set-asides) older than this are pruned. */
export const CALENDAR_DAYS_KEPT = 30;

/** A fresh couple starts on tier A/B, partner a's turn, nothing remembered. */
export function newPacing(): PacingState {
  return { sessions: [], recent: [], setAside: {}, lacks: [], restDays: [], appointments: [], sore: {}, stepDown: 0, turn: 'a', favourites: [] };
}

/** An id named like an Object member ("constructor", "__proto__") would break the map, or DynamoDB's marshalling of it. */
export const safeKey = (id: string): boolean => !(id in Object.prototype);

const keepLast = (list: unknown[], n: number): void => {
  if (list.length > n) list.splice(0, list.length - n);
};

/** Remembers a suggestion so it is not repeated within the next three (mutates). */
export function recordSuggestion(p: PacingState, id: string): void {
  p.recent.push(id);
  keepLast(p.recent, RECENT_KEPT);
}

/** Records an evening's exchange; each one counts down a step down (mutates). */
export function recordSession(p: PacingState, day: LocalDay, activityId: string): void {
  p.sessions.push({ day, activityId, ratings: {} });
  keepLast(p.sessions, SESSIONS_KEPT);
  if (p.stepDown > 0) p.stepDown -= 1;
}
