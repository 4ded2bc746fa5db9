import type { HandlerInput } from 'ask-sdk-core';
import type { RoutineTriggers } from './ambience/routine-triggers';
import type { HubMusic, Lights } from './ambience/types';
import type { CoupleStore } from './store/couple-store';

/** Wall clock, injectable so tests and the simulator can move through days. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Structured log sink. Only metadata goes in: never slot values, names, levels or utterances. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ignore = (): void => undefined;
export const silentLog: Log = { info: ignore, warn: ignore, error: ignore };

/** Finds the device's IANA time zone, or undefined when it cannot be known right now. */
export type TimeZoneSource = (input: HandlerInput) => Promise<string | undefined>;

/** The room: lights, hub music and the AudioPlayer stream (each may be absent). */
export interface Ambience {
  lights: Lights;
  music: HubMusic;
  /** HTTPS stream the Echo plays through AudioPlayer at the close of the ritual. */
  streamUrl?: string;
}

/** Everything buildSkill needs from the outside world: one composition root for all entries. */
export interface SkillDeps {
  store: CoupleStore;
  clock: Clock;
  log: Log;
  timeZones: TimeZoneSource;
  defaultTimeZone: string;
  /** When set, envelopes for another skill are rejected. */
  skillId?: string;
  /** Lights and music; none when not configured. */
  ambience?: Ambience;
  /** The couple's own Alexa routines, fired at the wind-down's start and end; none when not configured. */
  routineTriggers?: RoutineTriggers;
}
