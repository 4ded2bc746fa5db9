import { getRequestType, type HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import type { Pending } from './session-attributes';

/** The slot an open question asks for, so Alexa hears a bare answer ("Sam", "a three") as that slot. */
export interface Elicitation {
  intent: string;
  slot: string;
  slots?: Record<string, string>;
}

/**
 * Which slot each pending question elicits. Answers such as "Sam" or "tomorrow" have no sample of
 * their own in the model (they would swallow anything): they are heard through the slot's
 * elicitation samples while the skill asks, as Alexa's dialog model intends.
 */
export function elicitationFor(pending: Pending | undefined, setUp: boolean): Elicitation | undefined {
  switch (pending?.kind) {
    case 'names':
    case 'ownName':
      return { intent: 'SetupPartnersIntent', slot: 'nameA' };
    case 'partnerName':
      return { intent: 'SetupPartnersIntent', slot: 'nameB', slots: { nameA: pending.name } };
    case 'whoIsSpeaking':
      return setUp ? { intent: 'LogEnergyIntent', slot: 'name', slots: { level: String(pending.level) } } : { intent: 'SetupPartnersIntent', slot: 'nameA' };
    case 'energyFor':
    case 'ritualEnergy':
      return { intent: 'LogEnergyIntent', slot: 'level' };
    case 'lastNight':
      return { intent: 'ActivityFeedbackIntent', slot: 'feedback' };
    case 'reminderWhen':
      return { intent: 'ScheduleCareDateIntent', slot: 'date' };
    case 'goalKind':
      return { intent: 'SetGoalIntent', slot: 'goalKind', slots: pending.count ? { count: String(pending.count) } : undefined };
    case 'goalCount':
      return { intent: 'SetGoalIntent', slot: 'count' };
    case 'dayFor':
      return { intent: 'RestDayIntent', slot: 'date' };
    case 'kindFor':
      return { intent: 'RestDayIntent', slot: 'dayKind', slots: { date: pending.day } };
    default:
      return undefined;
  }
}

/**
 * Adds Dialog.ElicitSlot for an open question, always naming the intent (updatedIntent), which is
 * what lets a launch or another intent chain into the slot being asked for.
 */
export function addElicitation(input: HandlerInput, response: Response, elicitation: Elicitation | undefined): void {
  if (!elicitation || response.shouldEndSession !== false || !['IntentRequest', 'LaunchRequest'].includes(getRequestType(input.requestEnvelope))) return;
  if ((response.directives ?? []).some((d) => d.type.startsWith('Dialog.'))) return;
  const slots = Object.fromEntries(
    Object.entries(elicitation.slots ?? {}).map(([name, value]) => [name, { name, value, confirmationStatus: 'NONE' as const }]),
  );
  (response.directives ??= []).push({
    type: 'Dialog.ElicitSlot',
    slotToElicit: elicitation.slot,
    updatedIntent: { name: elicitation.intent, confirmationStatus: 'NONE', slots },
  });
}
