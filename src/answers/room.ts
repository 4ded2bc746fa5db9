import type { HandlerInput } from 'ask-sdk-core';
import { noLights, noMusic } from '../ambience/none';
import type { AmbienceOutcome } from '../ambience/types';
import type { Ambience } from '../deps';
import { WIND_DOWN_ENDED, WIND_DOWN_STARTED, type TriggerName } from '../domain/custom-triggers';
import type { Effects, Room } from '../domain/ritual';
import type { Turn } from '../turn';

const STREAM_TOKEN = 'twilight-stream';

/** The couple's lights, hub music and stream; none when not configured. */
export function ambienceOf(turn: Turn): Ambience {
  return turn.deps.ambience ?? { lights: noLights, music: noMusic };
}

/** What the room can do tonight: the drivers configured, and what this Echo can play. */
export function roomOf(turn: Turn): Room {
  const { lights, music, streamUrl } = ambienceOf(turn);
  const context = turn.input.requestEnvelope.context;
  const device = context?.System?.device?.supportedInterfaces as Record<string, unknown> | undefined;
  return {
    lights: lights.kind !== 'none',
    hubMusic: music.kind !== 'none',
    stream: Boolean(streamUrl),
    echoCanPlay: Boolean(device?.AudioPlayer),
    echoPlaying: context?.AudioPlayer?.playerActivity === 'PLAYING',
  };
}

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

const OFF: Promise<AmbienceOutcome> = Promise.resolve({ ok: false, reason: 'off' });

/**
 * Fires one of the couple's routine triggers, bounded. Only a trigger Alexa told us (Routines.Trigger.Create)
 * the couple has a routine on is sent: no driver, or no routine on it, is simply off, with no call made.
 */
async function fireTrigger(turn: Turn, name: TriggerName): Promise<AmbienceOutcome> {
  const triggers = turn.deps.routineTriggers;
  if (!triggers || triggers.kind === 'none') return OFF;
  const recipient = (await turn.read()).routineTriggers?.[name];
  if (!recipient) return OFF;
  return triggers.fire(name, { recipient, apiEndpoint: turn.input.requestEnvelope.context?.System?.apiEndpoint });
}

/** Carries out the room's effects, all at once and each bounded by its driver; answers with how the lights went. */
export async function perform(turn: Turn, effects: Effects): Promise<AmbienceOutcome> {
  const { lights, music, streamUrl } = ambienceOf(turn);
  if (effects.stream === 'stop') turn.input.responseBuilder.addAudioPlayerStopDirective();
  if (effects.stream === 'play' && streamUrl) addStream(turn, streamUrl);
  const [lit] = await Promise.all([
    effects.lights === 'dim' ? lights.settle() : effects.lights === 'restore' ? lights.restore() : OFF,
    effects.hubMusic === 'play' && streamUrl ? music.play(streamUrl) : undefined,
    effects.hubMusic === 'pause' ? music.pause() : undefined,
    effects.routine ? fireTrigger(turn, effects.routine === 'started' ? WIND_DOWN_STARTED : WIND_DOWN_ENDED) : undefined,
  ]);
  return lit;
}
