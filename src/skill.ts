import { DefaultApiClient, getIntentName, getRequestType, Skill, SkillBuilders, type ErrorHandler, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { RequestEnvelope, Response, ResponseEnvelope } from 'ask-sdk-model';
import type { SkillDeps } from './deps';
import { addElicitation, elicitationFor } from './dialog';
import { fallbackHandler, goodbyeHandler, helpHandler, sessionEndedHandler, unknownIntentHandler } from './handlers/builtins';
import { ambienceOffHandler, ambienceOnHandler, lightsUpHandler } from './handlers/ambience';
import {
  musicControlsHandler,
  pauseHandler,
  playbackControllerHandler,
  playbackEventsHandler,
  playbackFinishedHandler,
  repeatHandler,
  resumeHandler,
  startOverHandler,
  stopHandler,
} from './handlers/audio';
import { canFulfillHandler } from './handlers/can-fulfill';
import { calendarListHandler, calendarRemoveHandler, restDayHandler } from './handlers/calendar';
import { checkInAcceptedHandler, checkInHandler } from './handlers/check-in';
import { feedbackHandler } from './handlers/feedback';
import { goalCountGivenHandler, logWinHandler, progressHandler, setGoalHandler } from './handlers/goals';
import { missingNeedHandler, soreHandler } from './handlers/limits';
import { energyAsNameHandler, logEnergyHandler, speakerNamedHandler } from './handlers/log-energy';
import { launchHandler, setupPartnersHandler } from './handlers/onboarding';
import { coupleErasedHandler, deleteConfirmedHandler, deleteDataHandler, deleteDeclinedHandler, skillDisabledHandler } from './handlers/privacy';
import { permissionResponseHandler, scheduleCareDateHandler } from './handlers/reminders';
import {
  notTonightHandler,
  ritualEnergyGivenHandler,
  ritualEnergyYesHandler,
  ritualNextHandler,
  ritualNoHandler,
  ritualPauseHandler,
  startRitualHandler,
} from './handlers/ritual';
import {
  offerRoutineHandler,
  routineOfferAcceptedHandler,
  routineOfferDeclinedHandler,
  routineOfferResultHandler,
  triggerCallbackHandler,
  windDownTaskHandler,
} from './handlers/routine';
import { safetyClearHandler, safetyHandler } from './handlers/safety';
import { consentHandler, ritualNotUnderstoodHandler } from './handlers/consent';
import { sensualNoHandler, sensualOffHandler, sensualOnHandler, sensualYesHandler } from './handlers/sensual';
import { anotherIdeaHandler, ideaAcceptedHandler, suggestHandler } from './handlers/suggest';
import { passTurnHandler, whoseTurnHandler } from './handlers/turns';
import { noHandler, yesHandler } from './handlers/yes-no';
import { respond } from './answers/support';
import { say } from './speech/en-US';
import { StoreUnavailableError } from './store/couple-store';
import { readyEnvelope } from './envelope';
import { attachTurn, hasTurn, Turn, turnOf } from './turn';

/** Requests outside a session (player events and the like): acknowledged with no speech. */
const quietHandler: RequestHandler = {
  canHandle: () => true,
  handle: (input: HandlerInput) => input.responseBuilder.getResponse(),
};

/** The routing order: first match wins, so specific handlers come before catch-alls. */
const handlers: RequestHandler[] = [
  canFulfillHandler,
  safetyHandler,
  skillDisabledHandler,
  triggerCallbackHandler,
  deleteDataHandler,
  playbackEventsHandler,
  playbackFinishedHandler,
  playbackControllerHandler,
  consentHandler,
  stopHandler,
  pauseHandler,
  ritualPauseHandler,
  notTonightHandler,
  routineOfferResultHandler,
  windDownTaskHandler,
  launchHandler,
  startRitualHandler,
  // Answers to the question just asked: each canHandle checks which question is pending.
  deleteConfirmedHandler,
  deleteDeclinedHandler,
  sensualYesHandler,
  sensualNoHandler,
  routineOfferAcceptedHandler,
  routineOfferDeclinedHandler,
  ritualEnergyYesHandler,
  ritualEnergyGivenHandler,
  goalCountGivenHandler,
  speakerNamedHandler,
  // "Next" always means the ritual; "yes" means it unless an idea was just offered.
  ritualNextHandler,
  ritualNoHandler,
  ideaAcceptedHandler,
  checkInAcceptedHandler,
  resumeHandler,
  repeatHandler,
  startOverHandler,
  musicControlsHandler,
  ambienceOffHandler,
  ambienceOnHandler,
  lightsUpHandler,
  energyAsNameHandler,
  setupPartnersHandler,
  logEnergyHandler,
  suggestHandler,
  anotherIdeaHandler,
  feedbackHandler,
  restDayHandler,
  calendarListHandler,
  calendarRemoveHandler,
  setGoalHandler,
  logWinHandler,
  progressHandler,
  scheduleCareDateHandler,
  permissionResponseHandler,
  offerRoutineHandler,
  soreHandler,
  missingNeedHandler,
  whoseTurnHandler,
  passTurnHandler,
  checkInHandler,
  yesHandler,
  noHandler,
  safetyClearHandler,
  sensualOnHandler,
  sensualOffHandler,
  helpHandler,
  goodbyeHandler,
  ritualNotUnderstoodHandler,
  fallbackHandler,
  sessionEndedHandler,
  unknownIntentHandler,
  quietHandler,
];

const START = 'twilight.startedAt';

/** The SDK's skill, given a request it can start on: see readyEnvelope. */
class ReadySkill extends Skill {
  override invoke(envelope: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
    return super.invoke(readyEnvelope(envelope), context);
  }
}

function describe(input: HandlerInput): Record<string, unknown> {
  const envelope = input.requestEnvelope;
  const type = getRequestType(envelope);
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 120) : undefined);
  return {
    requestId: text(envelope.request?.requestId),
    requestType: text(type),
    intent:
      type === 'IntentRequest'
        ? text(getIntentName(envelope))
        : type === 'CanFulfillIntentRequest'
          ? text((envelope.request as { intent?: { name?: unknown } }).intent?.name)
          : undefined,
  };
}

/** The one composition root, shared by the Lambda entry, the simulator and the tests. */
export function buildSkill(deps: SkillDeps): Skill {
  const errorHandler: ErrorHandler = {
    canHandle: () => true,
    handle(input: HandlerInput, error: Error): Response {
      deps.log.error('turn failed', { ...safeDescribe(input), error: error.name });
      const type = input.requestEnvelope?.request?.type;
      if (type !== 'LaunchRequest' && type !== 'IntentRequest') return input.responseBuilder.getResponse();
      if (error instanceof StoreUnavailableError) return respond(input, error.operation === 'write' ? say.storeDown() : say.storeUnreachable());
      return respond(input, say.error());
    },
  };

  const builder = SkillBuilders.custom()
    .addRequestHandlers(...handlers)
    .addRequestInterceptors((input) => {
      input.attributesManager.getRequestAttributes()[START] = Date.now();
      // "Could you do this?" is answered from a table: no couple, no store, and it may come with no user id.
      if (input.requestEnvelope.request?.type !== 'CanFulfillIntentRequest') attachTurn(input, new Turn(input, deps));
    })
    .addResponseInterceptors(async (input, response) => {
      const started = input.attributesManager.getRequestAttributes()[START] as number | undefined;
      if (response && hasTurn(input)) {
        const turn = turnOf(input);
        // A response that may end the session (and SessionEndedRequest) saves what the session held first.
        if (response.shouldEndSession !== false) await saveHeld(turn, deps.log);
        turn.saveToSession(response.shouldEndSession !== true);
        addElicitation(input, response, elicitationFor(turn.pending, turn.knownSetUp()));
      }
      deps.log.info('turn', { ...safeDescribe(input), outcome: 'ok', latencyMs: started ? Date.now() - started : undefined });
    })
    .addErrorHandlers(coupleErasedHandler, errorHandler)
    .withApiClient(new DefaultApiClient())
    .withCustomUserAgent('twilight');
  if (deps.skillId) builder.withSkillId(deps.skillId);
  return new ReadySkill(builder.getSkillConfiguration());
}

/** Ritual steps held in the session are saved once as it ends; a failure is logged, never spoken. */
async function saveHeld(turn: Turn, log: SkillDeps['log']): Promise<void> {
  if (!turn.couple.holding) return;
  const outcome = await turn.couple.flush().catch(() => 'dropped' as const);
  if (outcome === 'dropped') log.warn('held steps not saved', { outcome });
}

function safeDescribe(input: HandlerInput): Record<string, unknown> {
  try {
    return describe(input);
  } catch {
    return {};
  }
}
