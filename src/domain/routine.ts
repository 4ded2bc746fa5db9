import type { CoupleState } from './couple';

/** The pre-built routine offer is Alexa's managed task behind this skill connection. */
const OFFER_AUTOMATION_URI = 'connection://AMAZON.OfferAutomation/1';

/** The custom task a routine starts: skill-package tasks/StartWindDown.1.json. */
export const WIND_DOWN_TASK = { name: 'StartWindDown', version: '1' } as const;

/** Echoed back in the SessionResumedRequest, so we know the answer is to our offer. */
export const OFFER_TOKEN = 'twilight-routine-offer';

export type RoutineDays = 'everyDay' | 'weekdays' | 'weekends';

const BYDAY: Record<RoutineDays, string> = {
  everyDay: 'SU,MO,TU,WE,TH,FR,SA',
  weekdays: 'MO,TU,WE,TH,FR',
  weekends: 'SA,SU',
};

/** The phrases an utterance-triggered routine may use, in order of preference (at most five). */
const ROUTINE_UTTERANCES = ['time to wind down', 'start our wind down', 'wind down time'] as const;

export interface Schedule {
  /** Local clock time, HH:MM. */
  time: string;
  days: RoutineDays;
  timeZone: string;
}

/** A weekly RRULE for the chosen days, written as the primitives page's schedule example writes it (FREQ, INTERVAL=1, BYDAY). */
export function recurrence(days: RoutineDays): string {
  return `RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=${BYDAY[days]}`;
}

/** "21:30" as the schedule trigger's triggerTime, HHMMSS. */
export function triggerTime(time: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw new RangeError('time must be HH:MM');
  return `${time.replace(':', '')}00`;
}

/** The routine's one operation: start this skill's wind-down task. */
function startWindDown(skillId: string) {
  return {
    type: 'Alexa.Automation.Operation.Skill.StartConnection',
    version: '1.0',
    operationId: 'StartWindDown',
    payload: {
      connectionRequest: {
        uri: `connection://${skillId}.${WIND_DOWN_TASK.name}/${WIND_DOWN_TASK.version}?provider=${skillId}`,
        input: {},
      },
    },
  };
}

/** The trigger: a schedule when a time was given, otherwise a phrase the couple can say. */
function trigger(schedule: Schedule | undefined, locale: string) {
  if (schedule) {
    return {
      type: 'Alexa.Automation.Trigger.Schedule.AbsoluteTime',
      version: '1.0',
      payload: { schedule: { triggerTime: triggerTime(schedule.time), timeZoneId: schedule.timeZone, recurrence: recurrence(schedule.days) } },
    };
  }
  return { type: 'Alexa.Automation.Trigger.Voice.CustomUtterance', version: '1.0', payload: { utterances: [...ROUTINE_UTTERANCES], locale } };
}

/** The Connections.StartConnection directive that asks Alexa to offer the couple a wind-down routine. */
export function offerDirective(skillId: string, locale: string, schedule?: Schedule) {
  return {
    type: 'Connections.StartConnection' as const,
    uri: OFFER_AUTOMATION_URI,
    onCompletion: 'RESUME_SESSION' as const,
    token: OFFER_TOKEN,
    input: {
      automation: { trigger: trigger(schedule, locale), operations: { serial: [{ operation: startWindDown(skillId) }] } },
      renderingData: { operations: { StartWindDown: { descriptionPrompt: 'start your Twilight wind-down' } } },
    },
  };
}

export type OfferResult = 'accepted' | 'declined' | 'alreadyHave' | 'failed';

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What Alexa's offer came to, from the SessionResumedRequest's cause: status code 200 is a routine
 * made; 204 carries the reason (the couple said no, or already have it); anything else failed.
 */
export function offerResult(cause: unknown): OfferResult {
  if (!isRecord(cause) || cause.type !== 'ConnectionCompleted') return 'failed';
  const rawCode = isRecord(cause.status) ? cause.status.code : undefined;
  const code = typeof rawCode === 'number' || typeof rawCode === 'string' ? String(rawCode) : '';
  const response = isRecord(cause.result) && isRecord(cause.result.offerAutomationResponse) ? cause.result.offerAutomationResponse : {};
  const reason = typeof response.reason === 'string' ? response.reason : typeof response.status === 'string' ? response.status : '';
  if ((code === '200' && !/DECLIN|REJECT|FAIL/.test(reason)) || reason === 'ACCEPTED') return 'accepted';
  if (reason === 'AUTOMATION_ALREADY_ENABLED') return 'alreadyHave';
  if (/DECLIN|REJECT/.test(reason)) return 'declined';
  return 'failed';
}

/** How many evenings in the kept history ended with the whole wind-down. */
export function completedRituals(state: CoupleState): number {
  return Object.values(state.days).filter((d) => d.ritual?.ended === 'completed').length;
}

/** The one unprompted offer: after the third completed wind-down, and only if never asked before. */
export function mayOfferRoutine(state: CoupleState): boolean {
  return state.routineOffer === undefined && !state.safetyHold && completedRituals(state) >= 3;
}
