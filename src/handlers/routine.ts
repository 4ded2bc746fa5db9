import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { isAnswerTo } from '../answers/pending';
import { startRitual } from '../answers/ritual';
import { isIntent, isType, respond, slotId, slotText } from '../answers/support';
import { lookupSlotValue, timeFromSlot } from '../answers/vocabulary';
import { applyTriggerCallback, readTriggerCallback, TRIGGER_CREATE, TRIGGER_DELETE } from '../domain/custom-triggers';
import { OFFER_TOKEN, offerDirective, offerResult, WIND_DOWN_TASK, type RoutineDays, type Schedule } from '../domain/routine';
import { say } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

const DAYS = new Set<string>(['everyDay', 'weekdays', 'weekends']);

function skillIdOf(turn: Turn): string {
  return turn.deps.skillId ?? turn.input.requestEnvelope.context?.System?.application?.applicationId ?? '';
}

/** Hands the couple to Alexa's routine offer; a schedule when they named a time, else a phrase to say. */
async function offerRoutine(turn: Turn, time?: string, days: RoutineDays = 'everyDay'): Promise<Response> {
  const skillId = skillIdOf(turn);
  if (!skillId) return respond(turn.input, say.routineNoSkillConnection());
  const schedule: Schedule | undefined = time ? { time, days, timeZone: await turn.timeZone() } : undefined;
  turn.pending = undefined;
  const locale = turn.input.requestEnvelope.request.locale ?? 'en-US';
  // A StartConnection hands the turn to Alexa: no speech of ours, and no audio directive beside it.
  return turn.input.responseBuilder.addDirective(offerDirective(skillId, locale, schedule)).getResponse();
}

/** "Make the wind-down a routine", "remind us to wind down on weekdays at half past nine". */
export const offerRoutineHandler: RequestHandler = {
  canHandle: isIntent('OfferRoutineIntent'),
  handle(input: HandlerInput) {
    const spokenDays = slotId(input, 'days') ?? lookupSlotValue('RoutineDays', slotText(input, 'days'));
    const days = spokenDays && DAYS.has(spokenDays) ? (spokenDays as RoutineDays) : 'everyDay';
    // A part of the day ("evening") has no clock time a routine could use: the phrase trigger serves then.
    const time = timeFromSlot(slotText(input, 'time'));
    return offerRoutine(turnOf(input), /^\d/.test(time ?? '') ? time : undefined, days);
  },
};

/** "Yes" to the one unprompted offer at launch: Alexa's routine offer, with a phrase to say. */
export const routineOfferAcceptedHandler: RequestHandler = {
  canHandle: isAnswerTo('routineOffer', 'AMAZON.YesIntent'),
  handle: (input: HandlerInput) => offerRoutine(turnOf(input)),
};

/** "No" to the one unprompted offer: kept, so it is never asked again. */
export const routineOfferDeclinedHandler: RequestHandler = {
  canHandle: isAnswerTo('routineOffer', 'AMAZON.NoIntent'),
  async handle(input: HandlerInput) {
    const turn = turnOf(input);
    await turn.update((draft) => {
      draft.routineOffer = 'declined';
    });
    turn.pending = undefined;
    return respond(input, say.routineOfferedAgainLater());
  },
};

/** Alexa hands the session back after the offer: thank, accept a no kindly, or say honestly it failed. */
export const routineOfferResultHandler: RequestHandler = {
  canHandle: (input) =>
    isType('SessionResumedRequest')(input) && (input.requestEnvelope.request as { cause?: { token?: string } }).cause?.token === OFFER_TOKEN,
  async handle(input: HandlerInput) {
    const turn = turnOf(input);
    const result = offerResult((input.requestEnvelope.request as { cause?: unknown }).cause);
    if (result === 'accepted' || result === 'declined' || result === 'alreadyHave') {
      await turn.update((draft) => {
        draft.routineOffer = result === 'declined' ? 'declined' : 'accepted';
      });
    }
    if (result === 'declined') return respond(input, say.routineDeclined());
    if (result === 'failed') return respond(input, say.routineFailed());
    input.responseBuilder.withSimpleCard(say.routineCard.title, say.routineCard.content);
    return respond(input, result === 'accepted' ? say.routineSet() : say.routineAlready());
  },
};

/** The routine fires: Alexa launches the skill with our task, and the wind-down begins. */
export const windDownTaskHandler: RequestHandler = {
  canHandle(input: HandlerInput) {
    const task = (input.requestEnvelope.request as { task?: { name?: unknown } }).task;
    return (
      isType('LaunchRequest')(input) && typeof task?.name === 'string' && (task.name === WIND_DOWN_TASK.name || task.name.endsWith(`.${WIND_DOWN_TASK.name}`))
    );
  },
  handle: (input: HandlerInput) => startRitual(turnOf(input)),
};

/**
 * Routines Trigger SPI (https://developer.amazon.com/en-US/docs/alexa/routines/trigger-config-spi.html):
 * a couple saved or enabled a routine on one of our UNICAST triggers (Create), or deleted or disabled
 * it (Delete). The skill keeps which triggers have a routine, and the recipient to send them to, so
 * the wind-down signals only those. The answer is an empty response: the page's own description of
 * the response could not be read, and nothing about it is spoken. An unknown trigger or a missing
 * field changes nothing and gets the same quiet answer.
 */
export const triggerCallbackHandler: RequestHandler = {
  canHandle: isType(TRIGGER_CREATE, TRIGGER_DELETE),
  async handle(input: HandlerInput) {
    const callback = readTriggerCallback(input.requestEnvelope.request);
    // Without an account the request interceptor prepared no turn, and the error handler answered.
    if (!callback) {
      turnOf(input).deps.log.warn('routine trigger callback ignored', { requestType: input.requestEnvelope.request.type });
      return input.responseBuilder.getResponse();
    }
    const turn = turnOf(input);
    const known = (await turn.read()).routineTriggers;
    // A repeated callback (Alexa may redeliver) writes nothing; a change is re-applied to whatever is current.
    if (JSON.stringify(applyTriggerCallback(known, callback)) !== JSON.stringify(known)) {
      await turn.update((draft) => {
        const next = applyTriggerCallback(draft.routineTriggers, callback);
        if (next) draft.routineTriggers = next;
        else delete draft.routineTriggers;
      });
    }
    return input.responseBuilder.getResponse();
  },
};
