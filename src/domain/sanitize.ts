import { isLocalDay } from './dates';
import { MAX_ENERGY, MIN_ENERGY } from './energy';
import { isActivityId, newPacing, type PacingState, type Rating, type SessionRecord } from './pacing';
import type { CoupleState, DayRecord, Goal, Partner, PartnerId, ReminderRecord, RitualProgress, RitualRecord, RoutineOffer, WinRecord } from './couple';

/**
 * State read back from the store or from session attributes is untrusted: an older version, a
 * hand-edited item or a forged session may carry anything. These keep what is well-formed and drop
 * the rest, so a bad field never crashes a turn or gets written back.
 */

type Raw = Record<string, unknown>;

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPartnerId = (v: unknown): v is PartnerId => v === 'a' || v === 'b';
const isDay = (v: unknown): v is string => typeof v === 'string' && isLocalDay(v);

/** Enough for every care date a couple could plan ahead; older ones are dropped first. */
export const MAX_REMINDERS = 20;

/** A reminder record as Twilight writes it: an alert token safe in a URL path, a day, an HH:MM time. */
function isReminder(v: unknown): v is ReminderRecord {
  const r = v as Partial<ReminderRecord> | null;
  return typeof r === 'object' && r !== null && typeof r.alertToken === 'string' && /^[\w.:-]{1,200}$/.test(r.alertToken) && isDay(r.day) && typeof r.time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(r.time);
}
const isLevel = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= MIN_ENERGY && v <= MAX_ENERGY;
const shortText = (v: unknown, max = 80): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const strings = (v: unknown, max = 80): string[] => (Array.isArray(v) ? v.filter((s): s is string => shortText(s, max)) : []);
const days = (v: unknown): string[] => (Array.isArray(v) ? v.filter(isDay) : []);

function zoneOk(zone: unknown): zone is string {
  if (!shortText(zone, 64)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function partners(v: unknown): Partner[] {
  if (!Array.isArray(v)) return [];
  const out: Partner[] = [];
  for (const p of v) {
    if (!isRecord(p) || !isPartnerId(p.id) || out.some((q) => q.id === p.id) || !shortText(p.name, 40)) continue;
    out.push({ id: p.id, name: p.name, ...(shortText(p.personId, 300) ? { personId: p.personId } : {}) });
  }
  return out.length === 2 ? out : [];
}

const WIN_SOURCES = new Set(['said', 'ritual', 'rest', 'comfortable']);
const RITUAL_ENDS = new Set(['inProgress', 'completed', 'paused', 'notTonight', 'stopped', 'rest']);

function dayRecord(v: unknown): DayRecord | undefined {
  if (!isRecord(v)) return undefined;
  const record: DayRecord = {};
  if (isRecord(v.energy)) {
    const energy: Partial<Record<PartnerId, number>> = {};
    for (const id of ['a', 'b'] as const) if (isLevel(v.energy[id])) energy[id] = v.energy[id];
    if (Object.keys(energy).length > 0) record.energy = energy;
  }
  if (Array.isArray(v.wins)) {
    const wins = v.wins.filter((w): w is WinRecord => isRecord(w) && shortText(w.category, 40) && WIN_SOURCES.has(w.source as string)).slice(0, 10);
    if (wins.length > 0) record.wins = wins.map((w) => ({ category: w.category, source: w.source }));
  }
  if (isRecord(v.ritual) && Number.isInteger(v.ritual.reached) && RITUAL_ENDS.has(v.ritual.ended as string)) {
    record.ritual = { reached: Math.max(0, Math.min(4, v.ritual.reached as number)), ended: v.ritual.ended as RitualRecord['ended'] };
  }
  return record;
}

function dayMap(v: unknown): Record<string, DayRecord> {
  const out: Record<string, DayRecord> = {};
  if (!isRecord(v)) return out;
  for (const [day, value] of Object.entries(v)) {
    const record = isDay(day) ? dayRecord(value) : undefined;
    if (record) out[day] = record;
  }
  return out;
}

const ROUTINE_OFFERS = new Set<unknown>(['asked', 'accepted', 'declined']);
const RATINGS = new Set<unknown>(['comfortable', 'tooMuch']);

function sessions(v: unknown): SessionRecord[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((s): s is Raw => isRecord(s) && isDay(s.day) && shortText(s.activityId, 60))
    .map((s) => {
      const ratings: SessionRecord['ratings'] = {};
      if (isRecord(s.ratings)) for (const k of ['a', 'b', 'both'] as const) if (RATINGS.has(s.ratings[k])) ratings[k] = s.ratings[k] as Rating;
      return { day: s.day as string, activityId: s.activityId as string, ratings };
    })
    .slice(-40);
}

/** The pacing state with every field well-formed. */
export function sanitizePacing(v: unknown): PacingState {
  const base = newPacing();
  if (!isRecord(v)) return base;
  const setAside: Record<string, string> = {};
  // Only catalogue ids: any other key ("constructor" above all) can break the map or its marshalling.
  if (isRecord(v.setAside)) for (const [id, day] of Object.entries(v.setAside)) if (isActivityId(id) && isDay(day)) setAside[id] = day;
  const sore: Record<string, PartnerId[]> = {};
  if (isRecord(v.sore)) for (const [day, who] of Object.entries(v.sore)) if (isDay(day) && Array.isArray(who)) sore[day] = who.filter(isPartnerId);
  return {
    ...base,
    sessions: sessions(v.sessions),
    recent: strings(v.recent, 60).slice(-10),
    setAside,
    lacks: strings(v.lacks, 30),
    restDays: days(v.restDays),
    appointments: days(v.appointments),
    sore,
    stepDown: Number.isInteger(v.stepDown) && (v.stepDown as number) >= 0 && (v.stepDown as number) <= 3 ? (v.stepDown as number) : 0,
    turn: isPartnerId(v.turn) ? v.turn : base.turn,
    ...(isDay(v.turnDay) ? { turnDay: v.turnDay } : {}),
    favourites: strings(v.favourites, 60).slice(-40),
  };
}

const GOAL_KINDS = new Set(['ritual', 'careDate', 'touch', 'conversation']);

function goal(v: unknown): Goal | undefined {
  if (!isRecord(v) || !GOAL_KINDS.has(v.kind as string) || !isDay(v.setOn)) return undefined;
  const perWeek = v.perWeek;
  if (typeof perWeek !== 'number' || !Number.isInteger(perWeek) || perWeek < 1 || perWeek > 14) return undefined;
  return { kind: v.kind as Goal['kind'], perWeek, setOn: v.setOn };
}

function ritual(v: unknown): RitualProgress | undefined {
  if (!isRecord(v) || !isDay(v.day) || !Number.isInteger(v.step) || (v.step as number) < 0 || (v.step as number) > 3) return undefined;
  return {
    day: v.day,
    step: v.step as number,
    paused: v.paused === true,
    ...(shortText(v.checkInId, 60) ? { checkInId: v.checkInId } : {}),
    ...(shortText(v.activityId, 60) ? { activityId: v.activityId } : {}),
    ...(isLevel(v.ceiling) ? { ceiling: v.ceiling } : {}),
  };
}

/** A whole couple state, well-formed whatever was stored or sent; missing fields get defaults. */
export function sanitizeState(raw: unknown): CoupleState {
  const v = isRecord(raw) ? raw : {};
  const state: CoupleState = {
    schemaVersion: 1,
    partners: partners(v.partners),
    welcomed: v.welcomed === true,
    days: dayMap(v.days),
    pacing: sanitizePacing(v.pacing),
    checkIns: strings(v.checkIns, 60).slice(-10),
    recentRequests: strings(v.recentRequests, 40).slice(-12),
  };
  if (zoneOk(v.timeZone)) state.timeZone = v.timeZone;
  if (typeof v.generation === 'string' && /^[\w-]{1,32}$/.test(v.generation)) state.generation = v.generation;
  if (isDay(v.askedAboutDay)) state.askedAboutDay = v.askedAboutDay;
  const g = goal(v.goal);
  if (g) state.goal = g;
  const r = ritual(v.ritual);
  if (r) state.ritual = r;
  if (v.sensualChosen === true) state.sensualChosen = true;
  if (ROUTINE_OFFERS.has(v.routineOffer)) state.routineOffer = v.routineOffer as RoutineOffer;
  const reminders = Array.isArray(v.reminders) ? v.reminders.filter(isReminder).slice(-MAX_REMINDERS) : [];
  if (reminders.length > 0) state.reminders = reminders.map(({ alertToken, day, time }) => ({ alertToken, day, time }));
  for (const key of ['notTonightDay', 'lightsOffDay', 'musicOffDay', 'safetyHold'] as const) if (isDay(v[key])) state[key] = v[key] as string;
  return state;
}
