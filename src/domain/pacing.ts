import activitiesJson from '../content/activities.json';
import checkInsJson from '../content/check-ins.json';
import type { PartnerId } from './couple';
import { MAX_ENERGY, MIN_ENERGY, UNKNOWN_ENERGY } from './energy';
import { addDays, daysBetween, type LocalDay } from './dates';

/** A companionship, B affectionate touch, C sensual but non-explicit (shared/domain.md, principle 5). */
export type Tier = 'A' | 'B' | 'C';
export const TIERS: readonly Tier[] = ['A', 'B', 'C'];

/** How a session sat with someone; "not for now" is handled apart, as it rates nothing. */
export type Rating = 'comfortable' | 'tooMuch';

/** The fixed vocabulary of things an activity may need, so "we don't have a bath" can be honoured. */
export const NEEDS = ['music', 'lights', 'bath', 'lotion', 'blanket', 'tea', 'book', 'cards', 'kitchen', 'outdoors', 'standing'] as const;
export type Need = (typeof NEEDS)[number];

/** Narrows a slot value to the vocabulary before markLack. */
export const isNeed = (value: string): value is Need => (NEEDS as readonly string[]).includes(value);

/** Compendium of Physical Activities anchors from shared/domain.md; a catalogue entry may cite only these. */
export const COMPENDIUM: Readonly<Record<string, { activity: string; mets: number }>> = {
  '07011': { activity: 'lying quietly, listening to music', mets: 1.3 },
  '07025': { activity: 'sitting, listening to music', mets: 1.5 },
  '07070': { activity: 'reclining, reading', mets: 1.3 },
  '07075': { activity: 'meditating', mets: 1.0 },
  '09055': { activity: 'sitting, talking in person', mets: 1.5 },
  '09025': { activity: 'laughing, sitting', mets: 1.0 },
  '09010': { activity: 'card playing, sitting', mets: 1.5 },
  '13030': { activity: 'eating, sitting', mets: 1.5 },
  '13010': { activity: 'bathing, sitting', mets: 1.5 },
  '13050': { activity: 'showering, toweling off', mets: 2.0 },
  '13045': { activity: 'hairstyling', mets: 2.5 },
  '13046': { activity: 'having hair done, seated', mets: 1.3 },
  '14030': { activity: 'passive, light effort: kissing, hugging', mets: 1.3 },
  '03040': { activity: 'ballroom, slow', mets: 3.0 },
  '05050': { activity: 'cooking, light effort', mets: 2.0 },
  '17151': { activity: 'walking < 2 mph, strolling', mets: 2.0 },
  '02101': { activity: 'stretching, mild', mets: 2.3 },
};

/** The whole catalogue stays below the 3-5 MET band of sexual activity (AHA 2012). */
export const MAX_METS = 3.0;

export interface Activity {
  id: string;
  title: string;
  guide: string;
  tier: Tier;
  energy: number;
  minutes: number;
  needs: string[];
  touch: boolean;
  mets: number;
  compendium?: string;
}

export interface CheckIn {
  id: string;
  question: string;
}

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

export type CeilingReason = 'energy' | 'restDay' | 'appointment' | 'afterAppointment' | 'restWeek';

export interface Ceiling {
  ceiling: number;
  reason: CeilingReason;
}

export interface Energies {
  a?: number;
  b?: number;
}

export interface SuggestContext {
  today: LocalDay;
  energies: Energies;
  /** False when the music driver is off or failed: music-led activities are skipped. */
  musicOn?: boolean;
  /** False when the lights driver is off or failed: light-led activities are skipped. */
  lightsOn?: boolean;
  /** Both partners said yes to gently sensual ideas: only then may tier C be offered. */
  sensualChosen?: boolean;
}

export interface Suggestion {
  activity?: Activity;
  alternatives: Activity[];
  ceiling: number;
  tier: Tier;
  reason: CeilingReason;
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
/** pickCheckIn never repeats one of this many last-asked questions. */
export const CHECK_IN_GAP = 5;

/** A fresh couple starts on tier A/B, partner a's turn, nothing remembered. */
export function newPacing(): PacingState {
  return { sessions: [], recent: [], setAside: {}, lacks: [], restDays: [], appointments: [], sore: {}, stepDown: 0, turn: 'a', favourites: [] };
}

/** Fills fields a pacing state saved by an older version lacks. */
export function upgradePacing(raw?: Partial<PacingState>): PacingState {
  return { ...newPacing(), ...raw };
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

const ratingsOf = (s: SessionRecord): Rating[] =>
  [s.ratings.a, s.ratings.b, s.ratings.both].filter((r): r is Rating => r !== undefined);

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
  const days = sessions.filter(isComfortableForBoth).map((s) => s.day).sort();
  return days.length >= STREAK_SESSIONS && daysBetween(days[0], days[days.length - 1]) >= STREAK_SPAN_DAYS - 1;
}

const lastTooMuch = (sessions: SessionRecord[]): number => sessions.map(isTooMuch).lastIndexOf(true);
const lower = (tier: Tier): Tier => (tier === 'C' ? 'B' : 'A');
const tierRank = (tier: Tier): number => TIERS.indexOf(tier);

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
  const days = p.sessions.filter(isTooMuch).map((s) => s.day).filter((d) => d <= today).sort();
  return days.some(
    (day, i) => i > 0 && daysBetween(day, today) < REST_WEEK_DAYS && daysBetween(days[i - 1], day) < REST_WEEK_DAYS,
  );
}

/** "Too much" sessions in the seven days up to today, so a third is never called the second. */
function tooMuchInWeek(p: PacingState, today: LocalDay): number {
  return p.sessions.filter((s) => isTooMuch(s) && s.day <= today && daysBetween(s.day, today) < REST_WEEK_DAYS).length;
}

interface Ranking {
  ranked: Activity[];
  ceiling: number;
  tier: Tier;
  reason: CeilingReason;
}

/** FNV-1a: a stable hash so the same evening gives the same order without Math.random. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** An id named like an Object member ("constructor", "__proto__") would break the map, or DynamoDB's marshalling of it. */
const safeKey = (id: string): boolean => !(id in Object.prototype);

function setAsideNow(p: PacingState, id: string, today: LocalDay): boolean {
  const since = Object.hasOwn(p.setAside, id) ? p.setAside[id] : undefined;
  return since !== undefined && daysBetween(since, today) >= 0 && daysBetween(since, today) < SET_ASIDE_DAYS;
}

function missingNeeds(p: PacingState, ctx: SuggestContext): Set<string> {
  const missing = new Set(p.lacks);
  if (ctx.musicOn === false) missing.add('music');
  if (ctx.lightsOn === false) missing.add('lights');
  return missing;
}

/** The hard rules: cost, tier, no recent repeat, set-aside, needs, soreness. */
function eligibility(p: PacingState, ctx: SuggestContext, ceiling: number, tier: Tier): (a: Activity) => boolean {
  const lastFew = new Set(p.recent.slice(-NO_REPEAT_WITHIN));
  const missing = missingNeeds(p, ctx);
  const sore = (p.sore[ctx.today] ?? []).length > 0;
  return (a) =>
    a.energy <= ceiling &&
    tierRank(a.tier) <= tierRank(tier) &&
    !lastFew.has(a.id) &&
    !setAsideNow(p, a.id, ctx.today) &&
    !a.needs.some((n) => missing.has(n)) &&
    !(sore && a.touch);
}

/** A favourite comes back once a week: only when no favourite was done in the last 7 days. */
function favouriteDue(p: PacingState, today: LocalDay): boolean {
  const since = addDays(today, -(FAVOURITE_EVERY_DAYS - 1));
  return p.favourites.length > 0 && !p.sessions.some((s) => s.day >= since && s.day <= today && p.favourites.includes(s.activityId));
}

/**
 * Orders eligible activities: the band at the ceiling or one below (or, when that is empty, the
 * highest cost left) with a due favourite first, then lower costs, highest first; rotated by hash.
 */
function rank(p: PacingState, ctx: SuggestContext, catalogue: readonly Activity[]): Ranking {
  const { ceiling, reason } = ceilingFor(p, ctx.energies, ctx.today);
  const ladder: Tier = reason === 'energy' ? maxTier(p, ctx.today) : 'A';
  // Tier C opens only when both partners chose it, whatever the ladder says.
  const tier: Tier = ladder === 'C' && !ctx.sensualChosen ? 'B' : ladder;
  const eligible = [...new Map(catalogue.map((a) => [a.id, a] as const)).values()].filter(eligibility(p, ctx, ceiling, tier));
  const top = Math.max(0, ...eligible.map((a) => a.energy));
  const floor = top >= ceiling - 1 ? ceiling - 1 : top;
  const promote = favouriteDue(p, ctx.today) ? new Set(p.favourites) : new Set<string>();
  const group = (a: Activity) => (a.energy >= floor ? (promote.has(a.id) ? 0 : 1) : 2 + floor - a.energy);
  const seed = `${ctx.today}|${p.recent.join(',')}|`;
  const key = (a: Activity): [number, number, number] => [group(a), p.recent.lastIndexOf(a.id) + 1, hash(seed + a.id)];
  const keyed = eligible.map((a) => ({ a, k: key(a) }));
  keyed.sort((x, y) => x.k[0] - y.k[0] || x.k[1] - y.k[1] || x.k[2] - y.k[2] || (x.a.id < y.a.id ? -1 : 1));
  return { ranked: keyed.map((x) => x.a), ceiling, tier, reason };
}

/** One gentle suggestion for tonight plus ordered alternatives for "something else" (pacing rules 1-6). */
export function suggest(p: PacingState, ctx: SuggestContext, catalogue: readonly Activity[]): Suggestion {
  const { ranked, ceiling, tier, reason } = rank(p, ctx, catalogue);
  return { activity: ranked[0], alternatives: ranked.slice(1), ceiling, tier, reason };
}

/** "Something else": the next eligible idea not already offered tonight; undefined when none is left. */
export function nextIdea(
  p: PacingState,
  ctx: SuggestContext,
  catalogue: readonly Activity[],
  alreadyOffered: readonly string[],
): Activity | undefined {
  const offered = new Set(alreadyOffered);
  return rank(p, ctx, catalogue).ranked.find((a) => !offered.has(a.id));
}

const keepLast = <T>(list: T[], n: number): void => {
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

/** Forgets calendar entries older than CALENDAR_DAYS_KEPT before `today` (mutates). */
export function pruneCalendar(p: PacingState, today: LocalDay): void {
  const oldest = addDays(today, -CALENDAR_DAYS_KEPT);
  p.restDays = p.restDays.filter((d) => d >= oldest);
  p.appointments = p.appointments.filter((d) => d >= oldest);
  for (const day of Object.keys(p.sore)) if (day < oldest) delete p.sore[day];
  for (const [id, day] of Object.entries(p.setAside)) if (day < oldest) delete p.setAside[id];
}

const addDay = (days: LocalDay[], day: LocalDay): LocalDay[] => (days.includes(day) ? days : [...days, day].sort());

/** "Tomorrow is a rest day": that day gets companionship only, at cost 1 (mutates). */
export function addRestDay(p: PacingState, day: LocalDay, today: LocalDay = day): void {
  p.restDays = addDay(p.restDays, day);
  pruneCalendar(p, today);
}

/** "I have an appointment on Thursday": that day and the next are kept gentle (mutates). */
export function addAppointment(p: PacingState, day: LocalDay, today: LocalDay = day): void {
  p.appointments = addDay(p.appointments, day);
  pruneCalendar(p, today);
}

/** "My shoulders are sore": no hands-on touch that day (mutates). */
export function markSore(p: PacingState, who: PartnerId, day: LocalDay, today: LocalDay = day): void {
  const list = (p.sore[day] ??= []);
  if (!list.includes(who)) list.push(who);
  pruneCalendar(p, today);
}

/** "We don't have a bath": activities needing it are skipped from now on (mutates). */
export function markLack(p: PacingState, need: Need): void {
  if (!p.lacks.includes(need)) p.lacks.push(need);
}

const other = (id: PartnerId): PartnerId => (id === 'a' ? 'b' : 'a');

/**
 * Who initiates tonight. `turn` holds the next unused turn; once tonight's has been used
 * (advanced today), tonight still belongs to the partner who used it.
 */
export function whoseTurn(p: PacingState, today: LocalDay): PartnerId {
  return p.turnDay === today ? other(p.turn) : p.turn;
}

/** Tonight's turn was used: the next one goes to the other partner; once per night (mutates). */
export function advanceTurn(p: PacingState, today: LocalDay): void {
  if (p.turnDay === today) return;
  p.turn = other(p.turn);
  p.turnDay = today;
}

/**
 * "I'll pass": the other partner takes this turn without it counting for either of them; when it
 * is used, the turn comes straight back to the one who passed (mutates).
 */
export function passTurn(p: PacingState, _today: LocalDay): void {
  p.turn = other(p.turn);
}

/** Rotates through the bank in order, never one of the last few asked (ritual step 2). */
export function pickCheckIn(recentIds: readonly string[], bank: readonly CheckIn[]): CheckIn {
  if (bank.length === 0) throw new Error('The check-in bank is empty.');
  const gap = Math.min(CHECK_IN_GAP, bank.length - 1);
  const avoid = new Set(gap > 0 ? recentIds.slice(-gap) : []);
  const start = bank.findIndex((q) => q.id === recentIds[recentIds.length - 1]) + 1;
  for (let i = 0; i < bank.length; i++) {
    const q = bank[(start + i) % bank.length];
    if (!avoid.has(q.id)) return q;
  }
  return bank[start % bank.length];
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Plain spoken text: nothing that could break SSML (& < > ") or that Alexa would read oddly. */
export const SPOKEN = /^[A-Za-z0-9 ,.'?!;:-]+$/;

type Entry = Record<string, unknown>;
const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);
const spoken = (v: unknown): boolean => typeof v === 'string' && v.trim().length > 0 && SPOKEN.test(v);
const inRange = (v: unknown, lo: number, hi: number): boolean => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

function activityProblem(e: Entry): string | undefined {
  if (typeof e.id !== 'string' || !KEBAB.test(e.id)) return 'id is missing or not kebab-case';
  if (!spoken(e.title)) return 'title is missing or has characters Alexa cannot say (use plain words, no & < > or quotes)';
  if (!spoken(e.guide)) return 'guide is missing or has characters Alexa cannot say (use plain words, no & < > or quotes)';
  if (!TIERS.includes(e.tier as Tier)) return 'tier is not "A", "B" or "C"';
  if (!Number.isInteger(e.energy) || !inRange(e.energy, MIN_ENERGY, MAX_ENERGY)) return 'energy is not a whole number from 1 to 5';
  if (!Number.isInteger(e.minutes) || !inRange(e.minutes, 1, 120)) return 'minutes is not a whole number from 1 to 120';
  if (!Array.isArray(e.needs) || !e.needs.every((n) => (NEEDS as readonly unknown[]).includes(n))) return `needs may only hold: ${NEEDS.join(', ')}`;
  if (typeof e.touch !== 'boolean') return 'touch is not true or false';
  if (!inRange(e.mets, 0.9, MAX_METS)) return `mets is not a number up to ${MAX_METS}`;
  if (e.compendium !== undefined && !(typeof e.compendium === 'string' && e.compendium in COMPENDIUM)) return `compendium code is not one of ${Object.keys(COMPENDIUM).join(', ')}`;
  return undefined;
}

function label(e: unknown, i: number): string {
  return isEntry(e) && typeof e.id === 'string' ? `entry ${i + 1} ("${e.id}")` : `entry ${i + 1}`;
}

/** Checks catalogue data a non-programmer edited; throws naming the first bad entry. */
export function validateCatalogue(raw: unknown): Activity[] {
  if (!Array.isArray(raw)) throw new Error('activities.json: expected a list of activities.');
  const seen = new Set<string>();
  raw.forEach((e, i) => {
    const problem = isEntry(e) ? activityProblem(e) : 'is not an object';
    if (problem) throw new Error(`activities.json ${label(e, i)}: ${problem}.`);
    if (seen.has(e.id)) throw new Error(`activities.json ${label(e, i)}: id is used twice.`);
    seen.add(e.id);
  });
  return raw.map((e: Activity) => ({ ...e, needs: [...e.needs] }));
}

/** Checks the check-in bank; throws naming the first bad entry. */
export function validateCheckIns(raw: unknown): CheckIn[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Error('check-ins.json: expected a non-empty list of questions.');
  const seen = new Set<string>();
  raw.forEach((e, i) => {
    const ok = isEntry(e) && typeof e.id === 'string' && KEBAB.test(e.id) && spoken(e.question);
    if (!ok) throw new Error(`check-ins.json ${label(e, i)}: needs a kebab-case id and a plain spoken question.`);
    if (seen.has(e.id as string)) throw new Error(`check-ins.json ${label(e, i)}: id is used twice.`);
    seen.add(e.id as string);
  });
  return raw.map((e: CheckIn) => ({ id: e.id, question: e.question }));
}

/** The activity catalogue from src/content, validated so a bad edit fails loudly, not mid-evening. */
export function loadCatalogue(): Activity[] {
  return validateCatalogue(activitiesJson as unknown);
}

let catalogueIds: ReadonlySet<string> | undefined;

/** True for the id of an activity in the bundled catalogue. */
export function isActivityId(id: string): boolean {
  catalogueIds ??= new Set(loadCatalogue().map((a) => a.id));
  return catalogueIds.has(id);
}

/** The check-in bank from src/content, validated. */
export function loadCheckIns(): CheckIn[] {
  return validateCheckIns(checkInsJson as unknown);
}

/**
 * Tonight's exchange is the idea offered last: a new idea on the same evening replaces an unrated
 * one rather than counting as another session, and tonight's initiative is used (mutates).
 */
export function offerTonight(p: PacingState, today: LocalDay, activityId: string): void {
  recordSuggestion(p, activityId);
  const last = p.sessions[p.sessions.length - 1];
  const unrated = last && Object.keys(last.ratings).length === 0;
  if (last && last.day === today && unrated) last.activityId = activityId;
  else recordSession(p, today, activityId);
  advanceTurn(p, today);
}

/** The unrated evening from the last two days to ask about ("how did last night sit?"), if any. */
export function eveningToAskAbout(p: PacingState, today: LocalDay, alreadyAsked?: LocalDay): SessionRecord | undefined {
  const last = p.sessions[p.sessions.length - 1];
  if (!last || Object.keys(last.ratings).length > 0 || last.day === alreadyAsked) return undefined;
  const age = daysBetween(last.day, today);
  return age >= 1 && age <= 2 ? last : undefined;
}

/** Takes a rest day or appointment off the calendar (either when `kind` is not given); true if one went (mutates). */
export function removeCalendarDay(p: PacingState, day: LocalDay, kind?: 'rest' | 'appointment'): boolean {
  const before = p.restDays.length + p.appointments.length;
  if (kind !== 'appointment') p.restDays = p.restDays.filter((d) => d !== day);
  if (kind !== 'rest') p.appointments = p.appointments.filter((d) => d !== day);
  return p.restDays.length + p.appointments.length < before;
}

/** What is planned from today on, soonest first. */
export function upcomingDays(p: PacingState, today: LocalDay): { day: LocalDay; kind: 'rest' | 'appointment' }[] {
  return [
    ...p.restDays.filter((d) => d >= today).map((day) => ({ day, kind: 'rest' as const })),
    ...p.appointments.filter((d) => d >= today).map((day) => ({ day, kind: 'appointment' as const })),
  ].sort((x, y) => x.day.localeCompare(y.day));
}
