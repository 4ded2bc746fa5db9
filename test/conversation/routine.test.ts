import { alexaRoutineTriggers } from '../../src/ambience/routine-triggers';
import { OFFER_TOKEN } from '../../src/domain/routine';
import { startAlexaApi } from '../../src/local/alexa-api';
import type { Exchange } from '../../src/local/conversation';
import { talk } from '../support/skill';

const COUPLE = 'amzn1.ask.account.test-couple';
const offerOf = (e: Exchange) =>
  e.directives.find((d) => d.type === 'Connections.StartConnection') as
    | { uri: string; token: string; input: { automation: { trigger: { type: string; payload: { schedule?: { triggerTime: string; recurrence: string } } } } } }
    | undefined;
const cause = (code: string, reason?: string) => ({
  type: 'ConnectionCompleted' as const,
  token: OFFER_TOKEN,
  status: { code, message: 'OK' },
  ...(reason ? { result: { offerAutomationResponse: { reason } } } : {}),
});

async function threeCompleted(t: ReturnType<typeof talk>) {
  const saved = (await t.store.get(COUPLE))!;
  for (const day of ['2026-11-20', '2026-11-22', '2026-11-24']) saved.state.days[day] = { ritual: { reached: 4, ended: 'completed' } };
  await t.store.put(COUPLE, saved.state, saved.version);
}

async function setUp() {
  const t = talk();
  await t.conversation.say('open twilight ritual');
  await t.conversation.say('our names are Sam and Alex');
  return t;
}

describe('offering the wind-down as an Alexa routine', () => {
  it('hears "set up a routine for our wind down on weekdays at 9:30 pm" and offers a weekday schedule', async () => {
    const t = await setUp();
    const e = await t.conversation.say('set up a routine for our wind down weekdays at 9:30 pm');
    expect(e.intent).toBe('OfferRoutineIntent');
    const offer = offerOf(e);
    expect(offer?.uri).toBe('connection://AMAZON.OfferAutomation/1');
    expect(offer?.input.automation.trigger.payload.schedule).toMatchObject({
      triggerTime: '213000',
      recurrence: 'RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR',
    });
    // Alexa speaks the offer itself: nothing of ours; and a response with Connections.StartConnection may carry no
    // audio or video player directive (https://developer.amazon.com/en-US/docs/alexa/custom-skills/use-skill-connections-to-request-tasks.html).
    expect(e.speech).toBe('');
    expect(e.directives.some((d) => d.type.startsWith('AudioPlayer'))).toBe(false);
  });

  it('"make the wind-down a routine" with no time offers a phrase the couple can say instead', async () => {
    const t = await setUp();
    const e = await t.conversation.say('make the wind down a routine');
    expect(offerOf(e)?.input.automation.trigger.type).toBe('Alexa.Automation.Trigger.Voice.CustomUtterance');
  });

  it('accepted: says how to add lights and music in three steps, on a card too', async () => {
    const t = await setUp();
    await t.conversation.say('make the wind down a routine');
    const e = await t.conversation.resume(cause('200'));
    expect(e.speech).toMatch(/Alexa app/i);
    expect(e.speech).toMatch(/lights/i);
    expect(e.speech).toMatch(/music/i);
    expect(e.card?.content?.match(/^\d\./gm)).toHaveLength(3);
    expect((await t.store.get(COUPLE))?.state.routineOffer).toBe('accepted');
  });

  it('declined: accepted kindly and remembered; failed: honest, and nothing recorded', async () => {
    const t = await setUp();
    await t.conversation.say('make the wind down a routine');
    const no = await t.conversation.resume(cause('204', 'REJECTED_BY_CUSTOMER'));
    expect(no.speech).not.toMatch(/Alexa app/);
    expect((await t.store.get(COUPLE))?.state.routineOffer).toBe('declined');

    const other = await setUp();
    const failed = await other.conversation.resume(cause('500'));
    expect(failed.speech).toMatch(/couldn't/i);
    expect((await other.store.get(COUPLE))?.state.routineOffer).toBeUndefined();
  });

  it('asks once, unprompted, at the launch after the third completed wind-down; a no is never asked again', async () => {
    const t = await setUp();
    await threeCompleted(t);
    t.conversation.endSession();
    const asked = await t.conversation.say('open twilight ritual');
    expect(asked.speech).toMatch(/routine/i);
    expect(asked.ended).toBe(false);
    const no = await t.conversation.say('no');
    expect(offerOf(no)).toBeUndefined();
    expect((await t.store.get(COUPLE))?.state.routineOffer).toBe('declined');

    t.conversation.endSession();
    const again = await t.conversation.say('open twilight ritual');
    expect(again.speech).not.toMatch(/routine/i);
    // Asked for by name, it is still offered.
    expect(offerOf(await t.conversation.say('make the wind down a routine'))).toBeDefined();
  });

  it('a yes to the unprompted offer hands over to Alexa', async () => {
    const t = await setUp();
    await threeCompleted(t);
    t.conversation.endSession();
    await t.conversation.say('open twilight ritual');
    expect(offerOf(await t.conversation.say('yes'))).toBeDefined();
  });

  it('when the routine fires, the StartWindDown task starts the wind-down', async () => {
    const t = await setUp();
    const e = await t.conversation.launchTask('amzn1.ask.skill.test-twilight.StartWindDown');
    expect(e.speech).toMatch(/energy|settle|breath|rest/i);
    expect(e.speech).not.toMatch(/welcome/i);
  });
});

describe("the couple's own routine, fired at the wind-down's start and end", () => {
  it('sends windDownStarted at the settle and windDownEnded at the close, to this Alexa account', async () => {
    const lwaClient = { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'test-secret-0123456789' };
    const api = await startAlexaApi({ lwaClient, timeZone: 'America/New_York' });
    try {
      const routineTriggers = alexaRoutineTriggers({ ...lwaClient, stage: 'live', tokenUrl: `${api.endpoint}/auth/o2/token` });
      const t = talk({ apiEndpoint: api.endpoint, deps: { routineTriggers } });
      await t.conversation.say('open twilight ritual');
      await t.conversation.say('our names are Sam and Alex');
      await t.conversation.say('Sam is at a 3');
      await t.conversation.say('Alex is at a 3');
      const fired = () =>
        api.calls.filter((c) => c.path === '/v1/routines/triggerInstances').map((c) => c.body as { trigger: { name: string }; recipient: { id: string } });
      await t.conversation.say("let's start the ritual");
      expect(fired().map((b) => b.trigger.name)).toEqual(['twilight.windDownStarted']);
      for (let i = 0; i < 3; i++) await t.conversation.say('next');
      expect(fired().map((b) => b.trigger.name)).toEqual(['twilight.windDownStarted', 'twilight.windDownEnded']);
      expect(fired().every((b) => b.recipient.id === COUPLE)).toBe(true);
    } finally {
      await api.close();
    }
  });
});
