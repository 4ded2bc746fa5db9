import { completedRituals, mayOfferRoutine, offerDirective, offerResult, recurrence, triggerTime } from '../../src/domain/routine';
import { describeOffer } from '../../src/local/alexa-api';
import { newCouple } from '../../src/domain/couple';
import { parseCoupleState } from '../../src/domain/state-schema';
import { LOCALES } from '../../src/speech/locale';
import { must } from '../support/must';

const SKILL = 'amzn1.ask.skill.test-twilight';
// Amazon's pages for each fact below:
const API_REFERENCE = 'https://developer.amazon.com/en-US/docs/alexa/custom-skills/pre-built-routine-api-reference.html';

describe(`the pre-built routine offer (${API_REFERENCE})`, () => {
  it('is a Connections.StartConnection to connection://AMAZON.OfferAutomation/1 that must resume our session, with a token echoed back', () => {
    const d = offerDirective(SKILL, 'en-US');
    expect(d.type).toBe('Connections.StartConnection');
    expect(d.uri).toBe('connection://AMAZON.OfferAutomation/1');
    expect(d.onCompletion).toBe('RESUME_SESSION');
    expect(typeof d.token).toBe('string');
    // input: the automation payload, and optional rendering information whose fields the stored page does not show.
    expect(Object.keys(d.input).sort()).toEqual(['automation', 'renderingData']);
  });

  // https://developer.amazon.com/en-US/docs/alexa/custom-skills/pre-built-routine-primitives.html: "Time/schedule trigger", triggerTime as HHMMSS, a time zone id and an RRULE written FREQ;INTERVAL;BYDAY.
  it('schedules weekdays at 21:30 as an absolute-time trigger with an RRULE recurrence and the zone', () => {
    const trigger = offerDirective(SKILL, 'en-US', { time: '21:30', days: 'weekdays', timeZone: 'America/Chicago' }).input.automation.trigger;
    expect(trigger).toEqual({
      type: 'Alexa.Automation.Trigger.Schedule.AbsoluteTime',
      version: '1.0',
      payload: { schedule: { triggerTime: '213000', timeZoneId: 'America/Chicago', recurrence: 'RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR' } },
    });
  });

  // https://developer.amazon.com/en-US/docs/alexa/custom-skills/pre-built-routine-primitives.html: "up to five utterances in order of preference"; "the utterance locale must match the locale of the device".
  it('without a time, offers a custom-utterance trigger in the device locale, at most five phrases', () => {
    const trigger = offerDirective(SKILL, 'en-GB').input.automation.trigger as {
      type: string;
      version: string;
      payload: { utterances: string[]; locale: string };
    };
    expect(trigger.type).toBe('Alexa.Automation.Trigger.Voice.CustomUtterance');
    expect(trigger.version).toBe('1.0');
    expect(trigger.payload.locale).toBe('en-GB');
    expect(trigger.payload.utterances.length).toBeGreaterThan(0);
    expect(trigger.payload.utterances.length).toBeLessThanOrEqual(5);
    for (const u of trigger.payload.utterances) expect(u).toMatch(/^[a-z' .]+$/);
  });

  it('offers the phrase in every locale the skill speaks: utterances are supported in en-US, en-CA, en-IN, en-GB and en-AU', () => {
    for (const locale of LOCALES) {
      expect(['en-US', 'en-CA', 'en-IN', 'en-GB', 'en-AU']).toContain(locale);
      expect((offerDirective(SKILL, locale).input.automation.trigger.payload as { locale?: string }).locale).toBe(locale);
    }
  });

  // The operation's schema is further down the primitives page than the stored copy reaches: unconfirmed.
  it("runs one operation: a skill connection to this skill's StartWindDown task, provided by this skill", () => {
    const { operations } = offerDirective(SKILL, 'en-US').input.automation;
    expect(operations.serial).toHaveLength(1);
    const op = must(operations.serial[0], 'the operation').operation;
    expect(op.type).toBe('Alexa.Automation.Operation.Skill.StartConnection');
    expect(op.payload.connectionRequest.uri).toBe(`connection://${SKILL}.StartWindDown/1?provider=${SKILL}`);
  });

  it('covers the days asked for, and refuses a time that is not HH:MM', () => {
    expect(recurrence('weekends')).toBe('RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=SA,SU');
    expect(recurrence('everyDay').split('BYDAY=')[1]?.split(',')).toHaveLength(7);
    expect(triggerTime('09:05')).toBe('090500');
    expect(() => triggerTime('NI')).toThrow(RangeError);
  });

  // The page names offerAutomationResponse in the SessionResumedRequest; its codes and reasons are past what the stored copy shows.
  it('reads the SessionResumedRequest cause: made, declined, already there, failed', () => {
    const cause = (code: string, reason?: string) => ({
      type: 'ConnectionCompleted',
      token: 't',
      status: { code, message: '' },
      result: reason ? { offerAutomationResponse: { reason } } : undefined,
    });
    expect(offerResult(cause('200'))).toBe('accepted');
    expect(offerResult(cause('204', 'REJECTED_BY_CUSTOMER'))).toBe('declined');
    expect(offerResult(cause('204', 'AUTOMATION_ALREADY_ENABLED'))).toBe('alreadyHave');
    expect(offerResult(cause('500'))).toBe('failed');
    expect(offerResult(cause('400', 'FAILED'))).toBe('failed');
    expect(offerResult(undefined)).toBe('failed');
    expect(offerResult({ type: 'SomethingElse', status: { code: '200' } })).toBe('failed');
  });
});

describe('the one unprompted offer', () => {
  const withCompleted = (n: number) => {
    const s = newCouple();
    for (let i = 0; i < n; i++) s.days[`2026-11-${String(10 + i).padStart(2, '0')}`] = { ritual: { reached: 4, ended: 'completed' } };
    s.days['2026-11-20'] = { ritual: { reached: 2, ended: 'paused' } };
    return s;
  };

  it('comes after the third completed wind-down, not before, and never once asked or declined', () => {
    expect(completedRituals(withCompleted(2))).toBe(2);
    expect(mayOfferRoutine(withCompleted(2))).toBe(false);
    expect(mayOfferRoutine(withCompleted(3))).toBe(true);
    for (const answer of ['asked', 'declined', 'accepted'] as const) expect(mayOfferRoutine({ ...withCompleted(3), routineOffer: answer })).toBe(false);
  });

  it('keeps only a known answer when state is read back', () => {
    expect(parseCoupleState({ routineOffer: 'declined' }).routineOffer).toBe('declined');
    expect(parseCoupleState({ routineOffer: 'maybe later' }).routineOffer).toBeUndefined();
  });
});

describe("the simulator's stand-in for AMAZON.OfferAutomation", () => {
  it('describes a well-formed offer and rejects wrong shapes', () => {
    const good = offerDirective(SKILL, 'en-US', { time: '21:30', days: 'weekdays', timeZone: 'America/New_York' });
    expect(describeOffer(good)).toBe('weekdays 21:30 → start wind-down');
    expect(describeOffer(offerDirective(SKILL, 'en-US'))).toMatch(/^say ".+" → start wind-down$/);
    expect(describeOffer({ ...good, uri: 'connection://AMAZON.OfferAutomation/2' })).toBeUndefined();
    expect(describeOffer({ ...good, onCompletion: 'SEND_ERRORS_ONLY' })).toBeUndefined();
    const otherProvider = structuredClone(good);
    must(otherProvider.input.automation.operations.serial[0], 'the operation').operation.payload.connectionRequest.uri =
      `connection://${SKILL}.StartWindDown/1?provider=amzn1.ask.skill.someone-else`;
    expect(describeOffer(otherProvider)).toBeUndefined();
    const noRrule = structuredClone(good);
    (noRrule.input.automation.trigger.payload as { schedule: { recurrence: string } }).schedule.recurrence = 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO';
    expect(describeOffer(noRrule)).toBeUndefined();
  });
});
