import { getRequestType, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { IntentRequest } from 'ask-sdk-model';
import { hasRedFlag } from '../domain/safety';
import { say } from '../speech/en-US';
import { turnOf } from '../turn';
import { isIntent, respond } from './support';

function mentionsRedFlag(input: HandlerInput): boolean {
  const slots = (input.requestEnvelope.request as IntentRequest).intent?.slots ?? {};
  return Object.values(slots).some((slot) => typeof slot?.value === 'string' && hasRedFlag(slot.value));
}

const isSafetyIntent = isIntent('SafetyIntent');

/**
 * Red-flag symptoms in any intent stop everything: no suggestion, no further step, and a pointer
 * to emergency services or their care team. First in the routing order.
 */
export const safetyHandler: RequestHandler = {
  canHandle(input: HandlerInput) {
    return isSafetyIntent(input) || (getRequestType(input.requestEnvelope) === 'IntentRequest' && mentionsRedFlag(input));
  },
  handle(input: HandlerInput) {
    turnOf(input).pending = undefined;
    // Everything stops, music included.
    if (input.requestEnvelope.context?.AudioPlayer?.playerActivity === 'PLAYING') input.responseBuilder.addAudioPlayerStopDirective();
    return respond(input, say.safety());
  },
};
