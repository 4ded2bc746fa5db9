import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import type { RitualProgress } from '../domain/couple';
import type { LocalDay } from '../domain/dates';
import {
  advance,
  advanceEffects,
  CHECK_IN,
  EXCHANGE,
  musicTonight,
  notTonight as restTonight,
  opening,
  pause,
  quietEffects,
  rest,
  restEffects,
  ritualCheckIns,
  ritualTonight as underway,
  settle as settleRitual,
  settleEffects,
  SETTLE,
  stepIsHeld,
  type RitualContent,
} from '../domain/ritual';
import { ritualScreen, RITUAL_STEP_NAMES, supportsApl } from '../screens/ritual-apl';
import { say, type Line } from '../speech/en-US';
import { withTimeout } from '../timeout';
import type { Turn } from '../turn';
import { CATALOGUE, CHECK_INS } from './content';
import { perform, roomOf } from './room';
import { respond } from './support';

const CONTENT: RitualContent = { checkIns: CHECK_INS, catalogue: CATALOGUE };
const QUESTIONS = ritualCheckIns(CHECK_INS);
const HINTS = ['A slow breath together', 'One question, one answer each', 'Take all the time you like', 'Goodnight'];

/** "Dimming the lights…" through the progressive-response API while a slow hub call runs. */
async function progressive(input: HandlerInput, speech: string): Promise<void> {
  const system = input.requestEnvelope.context?.System;
  const requestId = input.requestEnvelope.request?.requestId;
  if (!input.serviceClientFactory || !system?.apiAccessToken || !requestId) return;
  const client = input.serviceClientFactory.getDirectiveServiceClient();
  await withTimeout(
    client.enqueue({ header: { requestId }, directive: { type: 'VoicePlayer.Speak', speech } }).catch(() => undefined),
    1000,
  );
}

/** Speaks a step, with its screen on devices that have one; the session stays open until the close. */
function speakStep(turn: Turn, step: number, line: Line): Response {
  const title = RITUAL_STEP_NAMES[step];
  const hint = HINTS[step];
  if (title !== undefined && hint !== undefined && supportsApl(turn.input)) turn.input.responseBuilder.addDirective(ritualScreen(step, title, hint));
  return respond(turn.input, line);
}

/** Step 1: lights low and warm, hub music on, one breath together. */
async function settle(turn: Turn, today: LocalDay, ceiling?: number): Promise<Response> {
  const effects = settleEffects(roomOf(turn), await turn.read(), today);
  const [lit] = await Promise.all([perform(turn, effects), effects.lights ? progressive(turn.input, 'Dimming the lights…') : undefined]);
  // Settling is the evening under way, not its outcome: held in the session, saved with the outcome.
  await turn.update((draft) => settleRitual(draft, today, ceiling), { hold: true });
  turn.pending = undefined;
  return speakStep(turn, SETTLE, say.ritualSettle(lit.ok, today));
}

/** The short version for rest days and "not tonight": lights, music, a one-line goodnight. */
async function restVersion(turn: Turn, today: LocalDay): Promise<Response> {
  const room = roomOf(turn);
  const state = await turn.read();
  await perform(turn, restEffects(room, state, today));
  await turn.update((draft) => rest(draft, today));
  turn.pending = undefined;
  return respond(turn.input, say.ritualRest(musicTonight(room, state, today) !== undefined, today));
}

/** "Start our wind-down": the short version on rest days, else one energy question if needed, then settle. */
export async function startRitual(turn: Turn): Promise<Response> {
  const today = await turn.today();
  switch (opening(await turn.read(), today)) {
    case 'held':
      return respond(turn.input, say.safetyHold());
    case 'rest':
      return restVersion(turn, today);
    case 'askEnergy':
      turn.pending = { kind: 'ritualEnergy' };
      return respond(turn.input, say.ritualEnergyFirst());
    case 'settle':
      return settle(turn, today);
  }
}

/** The one energy number asked before the ritual: it sets tonight's ceiling, then we settle. */
export async function ritualEnergyGiven(turn: Turn, level: number): Promise<Response> {
  return settle(turn, await turn.today(), level);
}

/** What a step says; at the close, whether music goes on playing. */
function stepLine(step: number, progress: RitualProgress, musicAtClose: boolean): Line {
  if (step === CHECK_IN) {
    const asked = QUESTIONS.find((q) => q.id === progress.checkInId) ?? QUESTIONS[0];
    if (!asked) throw new Error('The check-in bank has no question the ritual may ask.');
    return say.ritualCheckIn(asked.question);
  }
  if (step === EXCHANGE) return say.ritualExchange(CATALOGUE.find((a) => a.id === progress.activityId));
  return say.ritualClose(musicAtClose, progress.day);
}

/** Tonight's ritual, if one is under way. */
export async function ritualTonight(turn: Turn): Promise<RitualProgress | undefined> {
  return underway(await turn.read(), await turn.today());
}

/** "Next", "ready", "continue": the next step (resuming after a pause); outside a ritual, undefined. */
export async function nextStep(turn: Turn): Promise<Response | undefined> {
  const state = await turn.read();
  if (state.safetyHold) return respond(turn.input, say.safetyHold());
  const today = await turn.today();
  const progress = underway(state, today);
  if (!progress) return undefined;
  const room = roomOf(turn);
  await perform(turn, advanceEffects(room, state, today, progress));
  const shown = await turn.update((draft) => advance(draft, today, progress, CONTENT), { hold: stepIsHeld(progress) });
  const line = stepLine(shown.step, shown, musicTonight(room, state, today) !== undefined);
  turn.pending = undefined;
  return speakStep(turn, shown.step, progress.paused ? say.ritualResume(line) : line);
}

/** "Repeat": the current step again, without redoing the lights. */
export async function repeatStep(turn: Turn): Promise<Response | undefined> {
  const state = await turn.read();
  const progress = underway(state, await turn.today());
  if (!progress) return undefined;
  const music = musicTonight(roomOf(turn), state, progress.day) !== undefined;
  return speakStep(turn, progress.step, progress.step === SETTLE ? say.ritualSettle(false, progress.day) : stepLine(progress.step, progress, music));
}

/** Music pauses (Echo and hub), lights stay as they are; says which, if any, was playing. */
export async function quietMusic(turn: Turn): Promise<{ echo: boolean; hub: boolean }> {
  const effects = quietEffects(roomOf(turn));
  await perform(turn, effects);
  return { echo: effects.stream === 'stop', hub: effects.hubMusic === 'pause' };
}

/** "Pause", "wait", "slow down", "stop" during the ritual: honoured at once, never questioned. */
export async function pauseRitual(turn: Turn, line: Line = say.ritualPaused()): Promise<Response> {
  const today = await turn.today();
  await quietMusic(turn);
  const progress = await ritualTonight(turn);
  if (progress && !progress.paused) await turn.update((draft) => pause(draft, today, progress));
  turn.pending = undefined;
  return respond(turn.input, line);
}

/** "Not tonight": rest is the plan, with no further step; it never counts against them. */
export async function notTonight(turn: Turn, line: Line = say.ritualNotTonight()): Promise<Response> {
  const today = await turn.today();
  await quietMusic(turn);
  const progress = await ritualTonight(turn);
  await turn.update((draft) => restTonight(draft, today, progress));
  turn.pending = undefined;
  return respond(turn.input, line);
}
