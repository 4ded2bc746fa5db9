import type { RequestEnvelope } from 'ask-sdk-model';
import { alexaRoutineTriggers } from '../../src/ambience/routine-triggers';
import { TRIGGER_NAMES, WIND_DOWN_ENDED, WIND_DOWN_STARTED } from '../../src/domain/custom-triggers';
import { OFFER_TOKEN } from '../../src/domain/routine';
import { startAlexaApi, triggerCallback, type AlexaApi } from '../../src/local/alexa-api';
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
  const lwaClient = { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'test-secret-0123456789' };

  async function withApi(run: (t: ReturnType<typeof talk>, api: AlexaApi) => Promise<void>, apiEndpoint?: string) {
    const api = await startAlexaApi({ lwaClient, timeZone: 'America/New_York' });
    try {
      const routineTriggers = alexaRoutineTriggers({ ...lwaClient, stage: 'development', tokenUrl: `${api.endpoint}/auth/o2/token`, apiUrl: api.endpoint });
      await run(talk({ apiEndpoint: apiEndpoint ?? api.endpoint, deps: { routineTriggers } }), api);
    } finally {
      await api.close();
    }
  }

  async function windDown(t: ReturnType<typeof talk>, steps = 3) {
    await t.conversation.say('open twilight ritual');
    await t.conversation.say('our names are Sam and Alex');
    await t.conversation.say('Sam is at a 3');
    await t.conversation.say('Alex is at a 3');
    await t.conversation.say("let's start the ritual");
    for (let i = 0; i < steps; i++) await t.conversation.say('next');
  }

  const fired = (api: AlexaApi) =>
    api.calls
      .filter((c) => c.path.startsWith('/v1/routines/triggerInstances'))
      .map((c) => c.body as { trigger: { name: string }; recipient: Record<string, string> });

  it('sends WindDownStarted at the settle and WindDownEnded at the close, to the recipient Alexa named when the routine was saved', async () => {
    await withApi(async (t, api) => {
      for (const name of TRIGGER_NAMES) expect((await t.conversation.routineCallback('create', name)).response).toEqual({});
      await windDown(t, 0);
      expect(fired(api).map((b) => b.trigger.name)).toEqual(['WindDownStarted']);
      for (let i = 0; i < 3; i++) await t.conversation.say('next');
      expect(fired(api).map((b) => b.trigger.name)).toEqual(['WindDownStarted', 'WindDownEnded']);
      expect(fired(api).every((b) => b.recipient.type === 'USER' && b.recipient.value === COUPLE)).toBe(true);
      expect(api.calls.filter((c) => c.path.startsWith('/v1/routines')).every((c) => c.path === '/v1/routines/triggerInstances/stages/development')).toBe(true);
    });
  });

  it('makes no call at all (no token either) for a couple with no routine on the triggers, or after it is deleted', async () => {
    await withApi(async (t, api) => {
      await windDown(t);
      expect(api.calls.filter((c) => c.path === '/auth/o2/token' || c.path.startsWith('/v1/routines'))).toEqual([]);
    });
    await withApi(async (t, api) => {
      await t.conversation.routineCallback('create', WIND_DOWN_ENDED);
      await t.conversation.routineCallback('create', WIND_DOWN_STARTED);
      await t.conversation.routineCallback('delete', WIND_DOWN_STARTED);
      expect((await t.store.get(COUPLE))?.state.routineTriggers).toEqual({ [WIND_DOWN_ENDED]: { type: 'USER', value: COUPLE } });
      await windDown(t);
      expect(fired(api).map((b) => b.trigger.name)).toEqual(['WindDownEnded']);
    });
  });

  it('sends nothing to an account Alexa serves outside North America, where custom triggers do not exist', async () => {
    await withApi(async (t, api) => {
      await t.conversation.routineCallback('create', WIND_DOWN_STARTED);
      await windDown(t, 0);
      expect(fired(api)).toEqual([]);
    }, 'https://api.eu.amazonalexa.com');
  });

  it('answers a repeated callback without writing again', async () => {
    await withApi(async (t) => {
      await t.conversation.routineCallback('create', WIND_DOWN_STARTED);
      const version = (await t.store.get(COUPLE))?.version;
      await t.conversation.routineCallback('create', WIND_DOWN_STARTED);
      await t.conversation.routineCallback('delete', WIND_DOWN_ENDED);
      expect((await t.store.get(COUPLE))?.version).toBe(version);
    });
  });
});

describe('odd Routines Trigger SPI requests get a quiet answer, never a crash', () => {
  const SPI = 'https://developer.amazon.com/en-US/docs/alexa/routines/trigger-config-spi.html';
  const envelope = (
    request: unknown,
    system: Record<string, unknown> | undefined = { application: { applicationId: 'amzn1.ask.skill.test' }, user: { userId: COUPLE } },
  ) => ({ version: '1.0', ...(system ? { context: { System: system } } : {}), request }) as unknown as RequestEnvelope;
  const good = triggerCallback('create', WIND_DOWN_STARTED, COUPLE);

  it.each([
    ['no trigger', { ...good, trigger: undefined }],
    ['a trigger name of 10 kB', { ...good, trigger: { name: 'W'.repeat(10_000) } }],
    ['no recipient on a create', { ...good, recipient: undefined }],
    ['a recipient that is a list', { ...good, recipient: [COUPLE] }],
    ['parameters that are a string', { ...good, trigger: { name: WIND_DOWN_STARTED, parameters: 'x' } }],
    ['Routines.TriggerParameter.Get (dynamic parameters: none defined)', { ...good, type: 'Routines.TriggerParameter.Get' }],
  ])(`${SPI}: %s`, async (_what, request) => {
    const t = talk();
    const response = await t.skill.invoke(envelope(request));
    expect(response.response).toEqual({});
    expect(t.log.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect((await t.store.get(COUPLE))?.state.routineTriggers).toBeUndefined();
  });

  it('files a callback that arrives without context.System.user under the account its recipient names', async () => {
    const t = talk();
    const response = await t.skill.invoke(envelope(good, { application: { applicationId: 'amzn1.ask.skill.test' } }));
    expect(response.response).toEqual({});
    expect((await t.store.get(COUPLE))?.state.routineTriggers).toEqual({ [WIND_DOWN_STARTED]: { type: 'USER', value: COUPLE } });
  });

  it('answers one with no account anywhere, keeping nothing', async () => {
    const t = talk();
    const response = await t.skill.invoke(envelope({ ...good, recipient: { type: 'USER', value: 'someone' } }, undefined));
    expect(response.response).toEqual({});
  });
});
