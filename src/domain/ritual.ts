import { suggestContext, type CoupleState, type RitualProgress, type RitualRecord } from './couple';
import type { LocalDay } from './dates';
import { ceilingFor, offerTonight, pickCheckIn, suggest, type Activity, type CheckIn } from './pacing';

/** The ritual's steps (shared/domain.md, "The twilight ritual"), by their place in the evening. */
export const SETTLE = 0;
export const CHECK_IN = 1;
export const EXCHANGE = 2;
export const CLOSE = 3;

/** What the room can do tonight, as the handler found it: drivers configured, and this Echo. */
export interface Room {
  /** A lights driver is configured. */
  lights: boolean;
  /** A hub speaker is configured. */
  hubMusic: boolean;
  /** A calm stream is configured (the hub plays it, else the Echo). */
  stream: boolean;
  /** This Echo can play the stream itself (AudioPlayer). */
  echoCanPlay: boolean;
  /** This Echo's player is playing now. */
  echoPlaying: boolean;
}

/** Where tonight's music plays. */
export type MusicSource = 'hub' | 'echo';

/** What the room should do, as data: the handler turns each field into one driver call or directive. */
export interface Effects {
  lights?: 'dim' | 'restore';
  hubMusic?: 'play' | 'pause';
  /** The Echo's own stream: a Play directive ends the session, so it starts only as the skill steps back. */
  stream?: 'play' | 'stop';
  /** The couple's own Alexa routine, told that the wind-down started or ended. */
  routine?: 'started' | 'ended';
}

/** What "start our wind-down" leads to tonight. */
export type Opening = 'held' | 'rest' | 'askEnergy' | 'settle';

/** The content the steps draw on: the check-in bank and the activity catalogue. */
export interface RitualContent {
  checkIns: readonly CheckIn[];
  catalogue: readonly Activity[];
}

/** The one music condition: the hub's speaker when there is one, else the Echo; none on a no-music evening. */
export function musicTonight(room: Room, state: CoupleState, today: LocalDay): MusicSource | undefined {
  if (!room.stream || state.musicOffDay === today) return undefined;
  if (room.hubMusic) return 'hub';
  return room.echoCanPlay ? 'echo' : undefined;
}

/** Whether the lights take part tonight. */
export function lightsTonight(room: Room, state: CoupleState, today: LocalDay): boolean {
  return room.lights && state.lightsOffDay !== today;
}

/** Tonight's ritual, if one is under way. */
export function ritualTonight(state: CoupleState, today: LocalDay): RitualProgress | undefined {
  return state.ritual?.day === today ? state.ritual : undefined;
}

/** The ritual has just asked about energy and rest, so those two questions sit out of its check-in. */
export function ritualCheckIns(bank: readonly CheckIn[]): CheckIn[] {
  return bank.filter((q) => !['energy-tonight', 'rest-night'].includes(q.id));
}

/** The short version on rest days and "not tonight"; one energy number first when nobody has logged tonight. */
export function opening(state: CoupleState, today: LocalDay): Opening {
  if (state.safetyHold) return 'held';
  const energies = state.days[today]?.energy ?? {};
  if (state.notTonightDay === today || ceilingFor(state.pacing, energies, today).reason !== 'energy') return 'rest';
  return energies.a === undefined && energies.b === undefined ? 'askEnergy' : 'settle';
}

/** Step 1: lights low, the hub's music on, the couple's routine told; the Echo's stream waits for the close. */
export function settleEffects(room: Room, state: CoupleState, today: LocalDay): Effects {
  return {
    ...(lightsTonight(room, state, today) && { lights: 'dim' }),
    ...(musicTonight(room, state, today) === 'hub' && { hubMusic: 'play' }),
    routine: 'started',
  };
}

/** Begins tonight's ritual at the settle step; `ceiling` is the one number asked when nobody had logged. */
export function settle(draft: CoupleState, today: LocalDay, ceiling?: number): void {
  draft.ritual = { day: today, step: SETTLE, paused: false, ceiling };
  record(draft, today, SETTLE + 1, 'inProgress');
}

/** The rest version: lights and music wherever they play, and the skill steps back at once. */
export function restEffects(room: Room, state: CoupleState, today: LocalDay): Effects {
  const music = musicTonight(room, state, today);
  return {
    ...(lightsTonight(room, state, today) && { lights: 'dim' }),
    ...(music === 'hub' && { hubMusic: 'play' }),
    ...(music === 'echo' && { stream: 'play' }),
  };
}

/** Tonight is a rest evening: no steps, counted as rest. */
export function rest(draft: CoupleState, today: LocalDay): void {
  delete draft.ritual;
  record(draft, today, 1, 'rest');
}

/** The step "next" leads to from `progress`: one on, never past the close. */
function nextStep(progress: RitualProgress): number {
  return Math.min(progress.step + 1, CLOSE);
}

/**
 * Whether going on from `progress` changes only the evening under way, not its outcome: the steps
 * before the close ride in the session and are saved with the close, a pause, or the session's end.
 */
export function stepIsHeld(progress: RitualProgress): boolean {
  return nextStep(progress) !== CLOSE;
}

/** Going on: the hub's music comes back after a pause; at the close the routine hears the end and the Echo's stream starts. */
export function advanceEffects(room: Room, state: CoupleState, today: LocalDay, progress: RitualProgress): Effects {
  const music = musicTonight(room, state, today);
  const closing = nextStep(progress) === CLOSE;
  return {
    ...(progress.paused && music === 'hub' && { hubMusic: 'play' }),
    ...(closing && music === 'echo' && { stream: 'play' }),
    ...(closing && { routine: 'ended' }),
  };
}

/**
 * Moves tonight's ritual from `progress` (as read) one step on, choosing tonight's check-in question
 * and idea the first time their step is reached; at the close the ritual is complete. Returns the
 * progress now shown.
 */
export function advance(draft: CoupleState, today: LocalDay, progress: RitualProgress, content: RitualContent): RitualProgress {
  const step = nextStep(progress);
  const current: RitualProgress = { ...(draft.ritual ?? progress), step, paused: false };
  if (step === CHECK_IN && !current.checkInId) {
    const question = pickCheckIn(draft.checkIns, ritualCheckIns(content.checkIns));
    draft.checkIns = [...draft.checkIns, question.id].slice(-10);
    current.checkInId = question.id;
  }
  if (step === EXCHANGE && !current.activityId) {
    const context = suggestContext(draft, today);
    if (current.ceiling !== undefined) context.energies = { a: current.ceiling, b: current.ceiling };
    const pick = suggest(draft.pacing, context, content.catalogue).activity;
    if (pick) {
      offerTonight(draft.pacing, today, pick.id);
      current.activityId = pick.id;
    }
  }
  if (step === CLOSE) {
    delete draft.ritual;
    record(draft, today, step + 1, 'completed');
  } else {
    draft.ritual = current;
    record(draft, today, step + 1, 'inProgress');
  }
  return current;
}

/** "Pause", "wait", "stop": the music goes quiet wherever it plays; the lights stay as they are. */
export function quietEffects(room: Room): Effects {
  return {
    ...(room.echoPlaying && { stream: 'stop' }),
    ...(room.hubMusic && { hubMusic: 'pause' }),
  };
}

/** Tonight's ritual waits where it is; a pause never counts against them. */
export function pause(draft: CoupleState, today: LocalDay, progress: RitualProgress): void {
  if (draft.ritual) draft.ritual.paused = true;
  record(draft, today, progress.step + 1, 'paused');
}

/** "Not tonight": rest is the plan, with no further step; it never counts against them. */
export function notTonight(draft: CoupleState, today: LocalDay, progress: RitualProgress | undefined): void {
  draft.notTonightDay = today;
  if (progress) {
    delete draft.ritual;
    record(draft, today, progress.step + 1, 'notTonight');
  }
}

/** How far tonight went: the furthest step reached stands, the latest ending replaces the last. */
function record(draft: CoupleState, day: LocalDay, reached: number, ended: RitualRecord['ended']): void {
  const entry = (draft.days[day] ??= {});
  entry.ritual = { reached: Math.max(entry.ritual?.reached ?? 0, reached), ended };
}
