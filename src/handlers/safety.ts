import { getRequestType, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { IntentRequest, Response } from 'ask-sdk-model';
import { perform } from '../answers/room';
import { isIntent, respond } from '../answers/support';
import { hasRedFlag, isRedFlagBodyPart } from '../domain/safety';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

function mentionsRedFlag(input: HandlerInput): boolean {
  const intent = (input.requestEnvelope.request as IntentRequest).intent;
  const slots = intent?.slots ?? {};
  if (intent?.name === 'SoreTodayIntent' && isRedFlagBodyPart(slots.bodyPart?.value)) return true;
  return Object.values(slots).some((slot) => typeof slot?.value === 'string' && hasRedFlag(slot.value));
}

const isSafetyIntent = isIntent('SafetyIntent');

/** Echo music stops; the hub's music pauses and its lights come back up, each bounded and never in the way. */
async function stopTheRoom(turn: Turn): Promise<boolean> {
  const device = turn.input.requestEnvelope.context?.System?.device?.supportedInterfaces as Record<string, unknown> | undefined;
  if (device?.AudioPlayer || turn.input.requestEnvelope.context?.AudioPlayer?.playerActivity === 'PLAYING') {
    turn.input.responseBuilder.addAudioPlayerStopDirective();
  }
  const lit = await perform(turn, { lights: 'restore', hubMusic: 'pause' });
  return lit.ok;
}

/** The ritual ends and waits until a partner says they are okay; a store that fails never costs the answer. */
async function holdRitual(turn: Turn): Promise<void> {
  try {
    const today = await turn.today();
    await turn.update((draft) => {
      delete draft.ritual;
      draft.safetyHold = today;
    });
  } catch (error) {
    turn.deps.log.warn('safety hold not saved', { error: (error as Error).name });
  }
}

/**
 * Red-flag symptoms in any intent stop everything: music off, lights up, the locale's emergency
 * number, that Alexa cannot call, no advice, the session closed, and the ritual held. First in order.
 */
export const safetyHandler: RequestHandler = {
  canHandle(input: HandlerInput) {
    return isSafetyIntent(input) || (getRequestType(input.requestEnvelope) === 'IntentRequest' && mentionsRedFlag(input));
  },
  async handle(input: HandlerInput): Promise<Response> {
    const turn = turnOf(input);
    turn.pending = undefined;
    const [lightsUp] = await Promise.all([stopTheRoom(turn), holdRitual(turn)]);
    return respond(input, say.safety(turn.locale, lightsUp));
  },
};

/** True while tonight's wind down waits for a partner to say they are okay. */
async function safetyHeld(turn: Turn): Promise<boolean> {
  return (await turn.read()).safetyHold !== undefined;
}

/** "We're okay now": the hold lifts; nothing is asked about the symptoms. */
export const safetyClearHandler: RequestHandler = {
  canHandle: isIntent('SafetyClearIntent'),
  async handle(input: HandlerInput): Promise<Response> {
    const turn = turnOf(input);
    if (!(await safetyHeld(turn))) return respond(input, say.safetyNotHeld());
    await turn.update((draft) => {
      delete draft.safetyHold;
    });
    turn.pending = undefined;
    return respond(input, say.safetyCleared());
  },
};
