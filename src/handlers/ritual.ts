import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { noLights, noMusic } from '../ambience/none';
import { WIND_DOWN_ENDED, WIND_DOWN_STARTED, type TriggerName } from '../ambience/routine-triggers';
import type { AmbienceOutcome } from '../ambience/types';
import type { Ambience } from '../deps';
import type { CoupleState, RitualProgress, RitualRecord } from '../domain/couple';
import type { LocalDay } from '../domain/dates';
import { ceilingFor, offerTonight, pickCheckIn, suggest, type CheckIn } from '../domain/pacing';
import { ritualScreen, RITUAL_STEP_NAMES, supportsApl } from '../screens/ritual-apl';
import { say, type Line } from '../speech/en-US';
import { withTimeout } from '../timeout';
import { turnOf, type Turn } from '../turn';
import { CHECK_INS } from './check-in';
import { CATALOGUE, suggestContext } from './suggest';
import { isIntent, respond } from './support';

// The ritual has just asked about energy and rest, so those two questions sit out here.
const BANK: readonly CheckIn[] = CHECK_INS.filter((q) => !['energy-tonight', 'rest-night'].includes(q.id));
const LAST_STEP = RITUAL_STEP_NAMES.length - 1;

const STREAM_TOKEN = 'twilight-stream';

/** Adds the AudioPlayer Play of the calm stream (replacing anything queued) to this response. */
export function addStream(turn: Turn, url: string, offsetMs = 0): void {
  turn.input.responseBuilder.addAudioPlayerPlayDirective('REPLACE_ALL', url, STREAM_TOKEN, offsetMs);
}

/** Where our stream stopped, when the Echo reports it paused (so it can pick up there), else undefined. */
export function pausedStreamOffset(input: HandlerInput): number | undefined {
  const player = input.requestEnvelope.context?.AudioPlayer;
  if (player?.token !== STREAM_TOKEN || !['STOPPED', 'PAUSED'].includes(player.playerActivity ?? '')) return undefined;
  const offset = player.offsetInMilliseconds;
  return typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 ? offset : 0;
}

/** Fires one of the couple's routine triggers, bounded; a missing driver or recipient is simply off. */
function fireTrigger(turn: Turn, name: TriggerName): Promise<AmbienceOutcome> {
  const system = turn.input.requestEnvelope.context?.System;
  const triggers = turn.deps.routineTriggers;
  if (!triggers || triggers.kind === 'none' || !system?.user?.userId || !system.apiEndpoint) return Promise.resolve({ ok: false, reason: 'off' });
  return triggers.fire(name, { userId: system.user.userId, apiEndpoint: system.apiEndpoint });
}

export function ambienceOf(turn: Turn): Ambience {
  return turn.deps.ambience ?? { lights: noLights, music: noMusic };
}

/** True when this device can play the AudioPlayer stream. */
function canStream(turn: Turn, state: CoupleState, today: LocalDay): string | undefined {
  const { music, streamUrl } = ambienceOf(turn);
  const device = turn.input.requestEnvelope.context?.System?.device?.supportedInterfaces as Record<string, unknown> | undefined;
  if (!streamUrl || music.kind !== 'none' || state.musicOffDay === today || !device?.AudioPlayer) return undefined;
  return streamUrl;
}

/** "Dimming the lights…" through the progressive-response API while a slow hub call runs. */
async function progressive(input: HandlerInput, speech: string): Promise<void> {
  const system = input.requestEnvelope.context?.System;
  const requestId = input.requestEnvelope.request?.requestId;
  if (!input.serviceClientFactory || !system?.apiAccessToken || !requestId) return;
  const client = input.serviceClientFactory.getDirectiveServiceClient();
  await withTimeout(
    client
      .enqueue({ header: { requestId }, directive: { type: 'VoicePlayer.Speak', speech } })
      .catch(() => undefined),
    1000,
  );
}

function record(draft: CoupleState, day: LocalDay, reached: number, ended: RitualRecord['ended']): void {
  const record = (draft.days[day] ??= {});
  record.ritual = { reached: Math.max(record.ritual?.reached ?? 0, reached), ended };
}

/** Speaks a step, with its screen on devices that have one; the session stays open until the close. */
function speakStep(turn: Turn, step: number, line: Line, hint: string): Response {
  if (supportsApl(turn.input)) turn.input.responseBuilder.addDirective(ritualScreen(step, RITUAL_STEP_NAMES[step], hint));
  return respond(turn.input, line);
}

/** Step 1: lights low and warm, hub music on, one breath together. */
async function settle(turn: Turn, today: LocalDay, ceiling?: number): Promise<Response> {
  const state = await turn.read();
  const { lights, music, streamUrl } = ambienceOf(turn);
  const wantLights = lights.kind !== 'none' && state.lightsOffDay !== today;
  const wantHubMusic = music.kind !== 'none' && streamUrl !== undefined && state.musicOffDay !== today;
  const [lit] = await Promise.all([
    wantLights ? lights.settle() : Promise.resolve<AmbienceOutcome>({ ok: false, reason: 'off' }),
    wantHubMusic ? music.play(streamUrl) : Promise.resolve(undefined),
    wantLights ? progressive(turn.input, 'Dimming the lights…') : Promise.resolve(),
    fireTrigger(turn, WIND_DOWN_STARTED),
  ]);
  await turn.update((draft) => {
    draft.ritual = { day: today, step: 0, paused: false, ceiling };
    record(draft, today, 1, 'inProgress');
  });
  turn.pending = undefined;
  return speakStep(turn, 0, say.ritualSettle(lit.ok, today), 'A slow breath together');
}

/** The short version for rest days and "not tonight": lights, music, a one-line goodnight. */
async function restVersion(turn: Turn, today: LocalDay): Promise<Response> {
  const state = await turn.read();
  const { lights, music, streamUrl } = ambienceOf(turn);
  await Promise.all([
    lights.kind !== 'none' && state.lightsOffDay !== today ? lights.settle() : undefined,
    music.kind !== 'none' && streamUrl && state.musicOffDay !== today ? music.play(streamUrl) : undefined,
  ]);
  await turn.update((draft) => {
    delete draft.ritual;
    record(draft, today, 1, 'rest');
  });
  const stream = canStream(turn, state, today);
  const hubMusic = music.kind !== 'none' && streamUrl !== undefined && state.musicOffDay !== today;
  turn.pending = undefined;
  if (stream) addStream(turn, stream);
  return respond(turn.input, say.ritualRest(Boolean(stream) || hubMusic, today));
}

/** "Start our wind-down": the short version on rest days, else one energy question if needed, then settle. */
export async function startRitual(turn: Turn): Promise<Response> {
  const today = await turn.today();
  const state = await turn.read();
  if (state.safetyHold) return respond(turn.input, say.safetyHold());
  const energies = state.days[today]?.energy ?? {};
  const { reason } = ceilingFor(state.pacing, energies, today);
  if (state.notTonightDay === today || reason !== 'energy') return restVersion(turn, today);
  if (energies.a === undefined && energies.b === undefined) {
    turn.pending = { kind: 'ritualEnergy' };
    return respond(turn.input, say.ritualEnergyFirst());
  }
  return settle(turn, today);
}

/** The one energy number asked before the ritual: it sets tonight's ceiling, then we settle. */
export async function ritualEnergyGiven(turn: Turn, level: number): Promise<Response> {
  return settle(turn, await turn.today(), level);
}

function stepLine(step: number, progress: RitualProgress, musicAtClose: boolean): Line {
  const day = progress.day;
  if (step === 1) return say.ritualCheckIn(BANK.find((q) => q.id === progress.checkInId)?.question ?? BANK[0].question);
  if (step === 2) return say.ritualExchange(CATALOGUE.find((a) => a.id === progress.activityId));
  return say.ritualClose(musicAtClose, day);
}

const HINTS = ['', 'One question, one answer each', 'Take all the time you like', 'Goodnight'];

/** Moves tonight's ritual on one step (or resumes it after a pause). */
async function advance(turn: Turn, progress: RitualProgress, today: LocalDay): Promise<Response> {
  const step = Math.min(progress.step + 1, LAST_STEP);
  const state = await turn.read();
  const stream = canStream(turn, state, today);
  const { music, streamUrl } = ambienceOf(turn);
  const hubMusic = music.kind !== 'none' && streamUrl !== undefined && state.musicOffDay !== today;
  const resumed = progress.paused;
  if (resumed && hubMusic) await music.play(streamUrl!);

  const updated = await turn.update((draft) => {
    const current: RitualProgress = { ...(draft.ritual ?? progress), step, paused: false };
    if (step === 1 && !current.checkInId) {
      const question = pickCheckIn(draft.checkIns, BANK);
      draft.checkIns = [...draft.checkIns, question.id].slice(-10);
      current.checkInId = question.id;
    }
    if (step === 2 && !current.activityId) {
      const context = suggestContext(draft, today);
      if (current.ceiling !== undefined) context.energies = { a: current.ceiling, b: current.ceiling };
      const pick = suggest(draft.pacing, context, CATALOGUE).activity;
      if (pick) {
        offerTonight(draft.pacing, today, pick.id);
        current.activityId = pick.id;
      }
    }
    if (step === LAST_STEP) {
      delete draft.ritual;
      record(draft, today, step + 1, 'completed');
    } else {
      draft.ritual = current;
      record(draft, today, step + 1, 'inProgress');
    }
    return current;
  });

  if (step === LAST_STEP) await fireTrigger(turn, WIND_DOWN_ENDED);
  const line = stepLine(step, updated, Boolean(stream) || hubMusic);
  const spoken = resumed ? say.ritualResume(line) : line;
  turn.pending = undefined;
  if (step === LAST_STEP && stream) addStream(turn, stream);
  return speakStep(turn, step, spoken, HINTS[step]);
}

/** Tonight's ritual, if one is under way. */
export async function ritualTonight(turn: Turn): Promise<RitualProgress | undefined> {
  const state = await turn.read();
  const today = await turn.today();
  return state.ritual?.day === today ? state.ritual : undefined;
}

/** "Next", "ready", "continue": the next step; outside a ritual, a kind pointer. */
export async function nextStep(turn: Turn): Promise<Response | undefined> {
  if ((await turn.read()).safetyHold) return respond(turn.input, say.safetyHold());
  const progress = await ritualTonight(turn);
  if (!progress) return undefined;
  return advance(turn, progress, await turn.today());
}

/** "Repeat": the current step again, without redoing the lights. */
export async function repeatStep(turn: Turn): Promise<Response | undefined> {
  const progress = await ritualTonight(turn);
  if (!progress) return undefined;
  const state = await turn.read();
  const line = progress.step === 0 ? say.ritualSettle(false, progress.day) : stepLine(progress.step, progress, Boolean(canStream(turn, state, progress.day)));
  return speakStep(turn, progress.step, line, HINTS[progress.step]);
}

/** Music pauses (Echo and hub), lights stay as they are; says which, if any, was playing. */
async function quietMusic(turn: Turn): Promise<{ echo: boolean; hub: boolean }> {
  const audio = turn.input.requestEnvelope.context?.AudioPlayer;
  const echo = audio?.playerActivity === 'PLAYING';
  if (echo) turn.input.responseBuilder.addAudioPlayerStopDirective();
  const { music } = ambienceOf(turn);
  if (music.kind !== 'none') await music.pause();
  return { echo, hub: music.kind !== 'none' };
}

/** "Pause", "wait", "slow down", "stop" during the ritual: honoured at once, never questioned. */
export async function pauseRitual(turn: Turn, line: Line = say.ritualPaused()): Promise<Response> {
  const today = await turn.today();
  await quietMusic(turn);
  const progress = await ritualTonight(turn);
  if (progress && !progress.paused) {
    await turn.update((draft) => {
      if (draft.ritual) draft.ritual.paused = true;
      record(draft, today, progress.step + 1, 'paused');
    });
  }
  turn.pending = undefined;
  return respond(turn.input, line);
}

/** "Not tonight": rest is the plan, with no further step; it never counts against them. */
export async function notTonight(turn: Turn, line: Line = say.ritualNotTonight()): Promise<Response> {
  const today = await turn.today();
  await quietMusic(turn);
  const progress = await ritualTonight(turn);
  await turn.update((draft) => {
    draft.notTonightDay = today;
    if (progress) {
      delete draft.ritual;
      record(draft, today, progress.step + 1, 'notTonight');
    }
  });
  turn.pending = undefined;
  return respond(turn.input, line);
}

/** "Start our wind-down", "time to wind down", "begin our twilight ritual". */
export const startRitualHandler: RequestHandler = {
  canHandle: isIntent('StartRitualIntent'),
  handle: (input: HandlerInput) => startRitual(turnOf(input)),
};

/** Outside the ritual only the music can pause; the answer promises only what "continue" can do. */
async function pauseMusic(turn: Turn): Promise<Response> {
  const { echo, hub } = await quietMusic(turn);
  turn.pending = undefined;
  if (echo) return respond(turn.input, say.musicPaused(Boolean(ambienceOf(turn).streamUrl)));
  return respond(turn.input, hub ? say.musicPaused(false) : say.nothingToPause());
}

/** "Wait", "slow down", "hold on": the ritual pauses at once; otherwise the music does. */
export const ritualPauseHandler: RequestHandler = {
  canHandle: isIntent('RitualPauseIntent'),
  async handle(input: HandlerInput) {
    const turn = turnOf(input);
    return (await ritualTonight(turn)) ? pauseRitual(turn) : pauseMusic(turn);
  },
};

/** "Not tonight". */
export const notTonightHandler: RequestHandler = {
  canHandle: isIntent('NotTonightIntent'),
  handle: (input: HandlerInput) => notTonight(turnOf(input)),
};
