import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { isAnswerTo, pendingOf } from '../answers/pending';
import { nextStep, notTonight, pauseRitual, quietMusic, ritualEnergyGiven, ritualTonight, startRitual } from '../answers/ritual';
import { ambienceOf } from '../answers/room';
import { isIntent, respond } from '../answers/support';
import { levelHeard } from '../answers/vocabulary';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

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

/** "Yes" to "what's the lower of your two energies?" is not a number: the question is asked again. */
export const ritualEnergyYesHandler: RequestHandler = {
  canHandle: isAnswerTo('ritualEnergy', 'AMAZON.YesIntent'),
  handle: (input: HandlerInput) => respond(input, say.ritualEnergyFirst()),
};

/** The one number asked before the ritual (or an energy word heard as a name): it paces tonight, unattributed. */
export const ritualEnergyGivenHandler: RequestHandler = {
  canHandle: (input) => pendingOf(input, 'ritualEnergy') !== undefined && levelHeard(input) !== undefined,
  handle(input: HandlerInput) {
    const level = levelHeard(input);
    return level === undefined ? respond(input, say.ritualEnergyFirst()) : ritualEnergyGiven(turnOf(input), level);
  },
};

const goesOn = isIntent('RitualNextIntent', 'AMAZON.NextIntent', 'AMAZON.ResumeIntent');
const isYes = isIntent('AMAZON.YesIntent');
const isNo = isIntent('AMAZON.NoIntent');

/** "Next", "ready", "continue", or "yes" to "shall we go on?": tonight's next step (or why it is resting). */
export const ritualNextHandler: RequestHandler = {
  async canHandle(input: HandlerInput) {
    // A "yes" to an idea just offered is a yes to the idea; "next" always means the ritual.
    if (!goesOn(input) && !(isYes(input) && pendingOf(input, 'offer') === undefined)) return false;
    const turn = turnOf(input);
    return Boolean((await turn.read()).safetyHold) || (await ritualTonight(turn)) !== undefined;
  },
  async handle(input: HandlerInput) {
    return (await nextStep(turnOf(input))) ?? respond(input, say.ritualNone());
  },
};

/** Mid-ritual, a "no" is a no to going on: it pauses at once, like any word of discomfort. */
export const ritualNoHandler: RequestHandler = {
  async canHandle(input: HandlerInput) {
    if (!isNo(input)) return false;
    const progress = await ritualTonight(turnOf(input));
    return progress !== undefined && !progress.paused;
  },
  handle: (input: HandlerInput) => pauseRitual(turnOf(input)),
};
