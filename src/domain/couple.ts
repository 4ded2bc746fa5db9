import type { TriggerRoutines } from './custom-triggers';
import { addDays, type LocalDay } from './dates';
import { MAX_ENERGY, MIN_ENERGY, UNKNOWN_ENERGY } from './energy';
import { newPacing, type PacingState } from './pacing/state';
import { cleanName, sameName, type Partner, type PartnerId } from './partners';
import type { SuggestContext } from './pacing';

export { cleanName, PARTNER_IDS, sameName, type Partner, type PartnerId } from './partners';

/** A small win: a category from a fixed list, never free text. */
export interface WinRecord {
  category: string;
  /** 'said' when the couple logged it; otherwise what counted automatically. */
  source: 'said' | 'ritual' | 'rest' | 'comfortable';
}

/** How tonight's ritual went, for goals and the ladder. */
export interface RitualRecord {
  /** How many of the four steps were reached (settle, check-in, exchange, close). */
  reached: number;
  ended: 'inProgress' | 'completed' | 'paused' | 'notTonight' | 'stopped' | 'rest';
}

/** What one local day holds: coarse numbers and categories only, never free text. */
export interface DayRecord {
  energy?: Partial<Record<PartnerId, number>>;
  wins?: WinRecord[];
  ritual?: RitualRecord;
}

export type GoalKind = 'ritual' | 'careDate' | 'touch' | 'conversation';

/** A modest weekly goal ("two care dates this week"). */
export interface Goal {
  kind: GoalKind;
  perWeek: number;
  setOn: LocalDay;
}

/** A care-date reminder Twilight set on the couple's Alexa account, kept so it goes with their data. */
export interface ReminderRecord {
  alertToken: string;
  day: LocalDay;
  /** "19:00", the couple's local time. */
  time: string;
}

/** Everything Twilight keeps about one couple (one Alexa account). */
export interface CoupleState {
  schemaVersion: 1;
  partners: Partner[];
  /** IANA zone of the device, cached once the Settings API answered. */
  timeZone?: string;
  /** True once the one-time "not medical advice" note has been said. */
  welcomed: boolean;
  /** A rolling window of recent local days, oldest pruned first. */
  days: Record<LocalDay, DayRecord>;
  /** The pacing ladder, calendar, suggestions and whose turn it is. */
  pacing: PacingState;
  /** Ids of the check-in questions asked most recently, newest last. */
  checkIns: string[];
  /** The evening we last asked "how did last night sit with you?" about. */
  askedAboutDay?: LocalDay;
  /** The weekly goal, if they set one. */
  goal?: Goal;
  /** Short tags of the last requests that changed something (a redelivered request applies once). */
  recentRequests: string[];
  /** Chosen when the couple is first saved: versions restart after a deletion, this tag does not repeat. */
  generation?: string;
  /** Tonight's ritual in progress, kept so "continue" works even in a new session. */
  ritual?: RitualProgress;
  /** The evening they said "not tonight": only rest is offered then. */
  notTonightDay?: LocalDay;
  /** Lights or music switched off by voice, for the evening named. */
  lightsOffDay?: LocalDay;
  musicOffDay?: LocalDay;
  /** The day a red flag was heard: the ritual waits until a partner says they are okay. */
  safetyHold?: LocalDay;
  /** Set only when both partners said yes to gently sensual (tier C) ideas; either can clear it. */
  sensualChosen?: boolean;
  /** The wind-down routine Alexa offered: asked once unprompted; a decline stops any further offer. */
  routineOffer?: RoutineOffer;
  /** The custom triggers the couple has an Alexa routine on (from the Routines Trigger SPI), with whom to send each to. */
  routineTriggers?: TriggerRoutines;
  /** The reminders Twilight created, newest last. */
  reminders?: ReminderRecord[];
}

type RoutineOffer = 'asked' | 'accepted' | 'declined';

/** Where tonight's guided ritual stands. */
export interface RitualProgress {
  day: LocalDay;
  /** 0 settle, 1 check-in, 2 exchange, 3 close. */
  step: number;
  paused: boolean;
  checkInId?: string;
  activityId?: string;
  /** The one number asked for when no one had logged energy tonight. */
  ceiling?: number;
}

/** How many recent days of history the state keeps (two full weeks plus today). */
export const HISTORY_DAYS = 15;

/** A couple not yet saved: no names, nothing remembered. */
export function newCouple(): CoupleState {
  return { schemaVersion: 1, partners: [], welcomed: false, days: {}, pacing: newPacing(), checkIns: [], recentRequests: [] };
}

export function isSetUp(state: CoupleState): boolean {
  return state.partners.length === 2;
}

export function partner(state: CoupleState, id: PartnerId): Partner | undefined {
  return state.partners.find((p) => p.id === id);
}

/** Names the couple (mutates the draft). Keeps linked voices of partners who keep their name. */
export function setPartners(state: CoupleState, nameA: string, nameB: string): void {
  const previous = state.partners;
  const keepVoice = (name: string) => previous.find((p) => sameName(p.name, name))?.personId;
  state.partners = [
    { id: 'a', name: cleanName(nameA), personId: keepVoice(nameA) },
    { id: 'b', name: cleanName(nameB), personId: keepVoice(nameB) },
  ];
}

export function partnerByName(state: CoupleState, name: string | undefined): Partner | undefined {
  if (!name) return undefined;
  return state.partners.find((p) => sameName(p.name, name));
}

export function partnerByPerson(state: CoupleState, personId: string | undefined): Partner | undefined {
  if (!personId) return undefined;
  return state.partners.find((p) => p.personId === personId);
}

/** Links a recognised voice to one partner, and only one (mutates the draft). */
export function linkVoice(state: CoupleState, id: PartnerId, personId: string): void {
  for (const p of state.partners) {
    if (p.personId === personId) delete p.personId;
  }
  const target = state.partners.find((p) => p.id === id);
  if (target) target.personId = personId;
}

export function isEnergyLevel(level: number): boolean {
  return Number.isInteger(level) && level >= MIN_ENERGY && level <= MAX_ENERGY;
}

/** Records a partner's energy for the day; the latest log of the day stands (mutates the draft). */
export function logEnergy(state: CoupleState, id: PartnerId, level: number, day: LocalDay): void {
  if (!isEnergyLevel(level)) throw new RangeError('energy level out of range');
  const record = (state.days[day] ??= {});
  record.energy = { ...record.energy, [id]: level };
  pruneHistory(state, day);
}

/** Drops days that have left the rolling window (mutates the draft). */
export function pruneHistory(state: CoupleState, today: LocalDay): void {
  const oldest = addDays(today, -(HISTORY_DAYS - 1));
  state.days = Object.fromEntries(Object.entries(state.days).filter(([day]) => day >= oldest));
}

function energyOn(state: CoupleState, day: LocalDay): Partial<Record<PartnerId, number>> {
  return state.days[day]?.energy ?? {};
}

export interface Pace {
  /** Tonight's ceiling: the lower of the two energies, unknown counting as UNKNOWN_ENERGY. */
  ceiling: number;
  /** Each partner's logged level today, if any. */
  levels: Partial<Record<PartnerId, number>>;
  /** True when both partners have logged today. */
  bothKnown: boolean;
}

/** Tonight's pace follows the slower partner (shared/domain.md, principle 1). */
export function tonightPace(state: CoupleState, day: LocalDay): Pace {
  const levels = energyOn(state, day);
  const a = levels.a ?? UNKNOWN_ENERGY;
  const b = levels.b ?? UNKNOWN_ENERGY;
  return { ceiling: Math.min(a, b), levels, bothKnown: levels.a !== undefined && levels.b !== undefined };
}

/** What a suggestion tonight depends on, read from the couple's state. */
export function suggestContext(state: CoupleState, today: LocalDay): SuggestContext {
  return { today, energies: state.days[today]?.energy ?? {}, sensualChosen: state.sensualChosen === true };
}
