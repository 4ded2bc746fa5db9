import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { pauseRitual, repeatStep, ritualTonight, startRitual } from '../answers/ritual';
import { addStream, ambienceOf, pausedStreamOffset, perform } from '../answers/room';
import { isIntent, isType, respond } from '../answers/support';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

function playing(input: HandlerInput): boolean {
  return input.requestEnvelope.context?.AudioPlayer?.playerActivity === 'PLAYING';
}

/** Starts the calm stream on the Echo, if one is configured, from where it was paused. */
function playStream(turn: Turn): Response {
  const url = ambienceOf(turn).streamUrl;
  if (url) addStream(turn, url, pausedStreamOffset(turn.input) ?? 0);
  return turn.input.responseBuilder.getResponse();
}

const isResume = isIntent('AMAZON.ResumeIntent');
const continues = isIntent('AMAZON.ResumeIntent', 'RitualNextIntent');

/**
 * "Continue" with no ritual to go on with (and no idea just offered): the music comes back from
 * where it was paused, as the pause answer promised; otherwise there is nothing to continue.
 */
function resume(input: HandlerInput): Response {
  const turn = turnOf(input);
  if (isResume(input) && !input.requestEnvelope.session) return playStream(turn);
  if (continues(input) && ambienceOf(turn).streamUrl && pausedStreamOffset(input) !== undefined) {
    playStream(turn);
    return respond(input, say.musicResumed());
  }
  return respond(input, say.ritualNone());
}

/** "Pause": the ritual pauses; outside it, the music stops (directive only). */
async function pause(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  if (await ritualTonight(turn)) return pauseRitual(turn);
  return input.responseBuilder.addAudioPlayerStopDirective().withShouldEndSession(true).getResponse();
}

/** "Repeat": the ritual step, else the last thing said this session, else a plain "nothing yet". */
async function repeat(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  return (await repeatStep(turn)) ?? respond(input, turn.lastLine ?? say.nothingToRepeat());
}

/** "Stop" or "cancel" mid-ritual is a pause, honoured at once; otherwise a kind goodbye. */
async function stopOrPause(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const progress = await ritualTonight(turn);
  if (progress && !progress.paused) return pauseRitual(turn);
  turn.pending = undefined;
  if (playing(input)) input.responseBuilder.addAudioPlayerStopDirective();
  return respond(input, say.goodbye());
}

export const stopHandler: RequestHandler = {
  canHandle: isIntent('AMAZON.StopIntent', 'AMAZON.CancelIntent'),
  handle: stopOrPause,
};

export const resumeHandler: RequestHandler = {
  canHandle: isIntent('RitualNextIntent', 'AMAZON.NextIntent', 'AMAZON.ResumeIntent'),
  handle: resume,
};

export const pauseHandler: RequestHandler = { canHandle: isIntent('AMAZON.PauseIntent'), handle: pause };

export const repeatHandler: RequestHandler = { canHandle: isIntent('AMAZON.RepeatIntent'), handle: repeat };

/** "Start over": the ritual from the top. */
export const startOverHandler: RequestHandler = {
  canHandle: isIntent('AMAZON.StartOverIntent'),
  handle: (input: HandlerInput) => startRitual(turnOf(input)),
};

/** Controls a single calm stream has no use for: a gentle word, nothing changes. */
export const musicControlsHandler: RequestHandler = {
  canHandle: isIntent('AMAZON.PreviousIntent', 'AMAZON.LoopOnIntent', 'AMAZON.LoopOffIntent', 'AMAZON.ShuffleOnIntent', 'AMAZON.ShuffleOffIntent'),
  handle: (input: HandlerInput) => respond(input, say.noMusicControl()),
};

/** AudioPlayer lifecycle events: acknowledged with directives only, never speech. */
export const playbackEventsHandler: RequestHandler = {
  canHandle: isType(
    'AudioPlayer.PlaybackStarted',
    'AudioPlayer.PlaybackStopped',
    'AudioPlayer.PlaybackNearlyFinished',
    'AudioPlayer.PlaybackFailed',
    'System.ExceptionEncountered',
  ),
  handle(input: HandlerInput) {
    const type = input.requestEnvelope.request.type;
    if (type === 'AudioPlayer.PlaybackFailed' || type === 'System.ExceptionEncountered') {
      turnOf(input).deps.log.warn('audio event', { requestType: type });
    }
    return input.responseBuilder.getResponse();
  },
};

/** The music has ended: the evening is over, so the lights come back as they were set to. */
export const playbackFinishedHandler: RequestHandler = {
  canHandle: isType('AudioPlayer.PlaybackFinished'),
  async handle(input: HandlerInput) {
    await perform(turnOf(input), { lights: 'restore' });
    return input.responseBuilder.getResponse();
  },
};

/** Hardware and on-screen buttons while the stream plays. */
export const playbackControllerHandler: RequestHandler = {
  canHandle: isType(
    'PlaybackController.PlayCommandIssued',
    'PlaybackController.PauseCommandIssued',
    'PlaybackController.NextCommandIssued',
    'PlaybackController.PreviousCommandIssued',
  ),
  handle(input: HandlerInput) {
    const type = input.requestEnvelope.request.type;
    if (type === 'PlaybackController.PlayCommandIssued') return playStream(turnOf(input));
    if (type === 'PlaybackController.PauseCommandIssued') return input.responseBuilder.addAudioPlayerStopDirective().getResponse();
    return input.responseBuilder.getResponse();
  },
};
