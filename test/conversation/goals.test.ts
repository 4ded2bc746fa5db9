import { REMINDERS_SCOPE } from '../../src/answers/reminders';
import { startAlexaApi, type AlexaApi } from '../../src/local/alexa-api';
import { talk, TestClock } from '../support/skill';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestEnvelope } from 'ask-sdk-model';

const COUPLE = 'amzn1.ask.account.test-couple';
// Monday 23 November 2026, 8 pm in New York.
const MONDAY = '2026-11-23T20:00:00-05:00';

function couple(clock = new TestClock(new Date(MONDAY)), extra: { apiEndpoint?: string } = {}) {
  return talk({ clock, ...extra });
}

async function setUp(t: ReturnType<typeof couple>) {
  await t.conversation.say('open twilight ritual');
  await t.conversation.say('our names are Sam and Alex');
}

const stored = (t: ReturnType<typeof couple>) => JSON.parse(t.store.items.get(COUPLE)!.state);

describe('modest weekly goals', () => {
  it('sets a goal in one sentence', async () => {
    const t = couple();
    await setUp(t);
    const set = await t.conversation.say("let's aim for 2 care dates this week");
    expect(set.intent).toBe('SetGoalIntent');
    expect(set.speech).toMatch(/two care dates/i);
    expect(stored(t).goal).toMatchObject({ kind: 'careDate', perWeek: 2 });
  });

  it('reads "one tender touch session this week" as a goal of one', async () => {
    const t = couple();
    await setUp(t);
    await t.conversation.say('one tender touch session this week');
    expect(stored(t).goal).toMatchObject({ kind: 'touch', perWeek: 1 });
  });

  it('gently suggests starting smaller above four a week, and sets what they chose', async () => {
    const t = couple();
    await setUp(t);
    const big = await t.conversation.say('our goal is 6 rituals a week');
    expect(big.speech).toMatch(/smaller/i);
    expect(big.speech).not.toMatch(/\b(must|should|too many)\b/i);
    expect(stored(t).goal).toMatchObject({ kind: 'ritual', perWeek: 6 });
  });

  it('asks what kind and how many when they are missing, and re-asks kindly out of range', async () => {
    const t = couple();
    await setUp(t);
    const kind = await t.conversation.say('set a weekly goal');
    expect(kind.speech).toMatch(/rituals, care dates/i);
    const count = await t.conversation.say('care dates');
    expect(count.speech).toMatch(/how many/i);
    const tooMany = await t.conversation.say('20 a week');
    expect(tooMany.speech).toMatch(/small/i);
    expect(stored(t).goal).toBeUndefined();
    await t.conversation.say('2');
    expect(stored(t).goal).toMatchObject({ kind: 'careDate', perWeek: 2 });
  });
});

describe('small wins and the weekly summary', () => {
  it('logs a win with its category', async () => {
    const t = couple();
    await setUp(t);
    const win = await t.conversation.say('we held hands longer tonight');
    expect(win.intent).toBe('LogWinIntent');
    expect(win.speech).toMatch(/hands/i);
    await t.conversation.say('log a small win');
    expect(stored(t).days['2026-11-23'].wins).toEqual([
      { category: 'held-hands', source: 'said' },
      { category: 'other', source: 'said' },
    ]);
  });

  it('summarises a simulated week warmly: goal, wins, rest days honoured and the energy trend', async () => {
    const t = couple(new TestClock(new Date('2026-11-16T20:00:00-05:00')));
    await setUp(t);
    // Last week: up and down.
    for (const [i, levels] of [
      [1, 4],
      [4, 4],
      [1, 3],
      [5, 5],
    ].entries()) {
      await t.conversation.say(`Sam is at a ${levels[0]}`);
      await t.conversation.say(`Alex is at a ${levels[1]}`);
      if (i < 3) t.clock.addDays(1);
    }
    t.clock.set(MONDAY);
    t.conversation.endSession();
    await t.conversation.say("let's aim for 2 care dates this week");
    await t.conversation.say('wednesday is a rest day');
    // This week: steadier.
    for (let day = 0; day < 4; day++) {
      t.conversation.endSession();
      await t.conversation.say('ask twilight ritual Sam is at a 3');
      await t.conversation.say('ask twilight ritual Alex is at a 3');
      if (day === 0) {
        await t.conversation.say('ask twilight ritual to start our wind down');
        for (let s = 0; s < 3; s++) await t.conversation.say('next');
      }
      if (day === 1) await t.conversation.say('ask twilight ritual we had a lovely cuddle');
      t.clock.addDays(1);
    }
    t.clock.addDays(-1); // Thursday evening
    t.conversation.endSession();
    const progress = await t.conversation.say('ask twilight ritual how are we doing');
    expect(progress.intent).toBe('ProgressIntent');
    expect(progress.speech).toMatch(/one of two care dates|two care dates/i);
    expect(progress.speech).toMatch(/small win/i);
    expect(progress.speech).toMatch(/rest day honoured/i);
    expect(progress.speech).toMatch(/steadier than last week/i);
    expect(progress.speech).not.toMatch(/\b(missed|only|failed|behind)\b/i);
    expect(progress.card?.content).toMatch(/Sam\s+[▁▂▄▆█·]{7}/);
    expect(progress.card?.content).toMatch(/Alex\s+[▁▂▄▆█·]{7}/);
    expect(progress.directives.some((d) => d.type === 'Alexa.Presentation.APL.RenderDocument')).toBe(false);

    t.conversation.screen = true;
    const onScreen = await t.conversation.say('ask twilight ritual how was our week');
    expect(onScreen.directives.find((d) => d.type === 'Alexa.Presentation.APL.RenderDocument')).toBeDefined();
  });

  it("starts a new week on the couple's local Monday, not UTC's", async () => {
    // Sunday 29 November, 9 pm in New York = Monday 02:00 UTC.
    const t = couple(new TestClock(new Date('2026-11-30T02:00:00Z')));
    await setUp(t);
    await t.conversation.say('we had a lovely cuddle');
    t.conversation.endSession();
    const sunday = await t.conversation.say('ask twilight ritual how are we doing');
    expect(sunday.speech).toMatch(/one small win/i);
    t.clock.addDays(1); // Monday 9 pm New York
    t.conversation.endSession();
    const monday = await t.conversation.say('ask twilight ritual how are we doing');
    expect(monday.speech).toMatch(/just beginning/i);
  });
});

describe('the calendar', () => {
  it('lists, removes, and the pacing engine agrees', async () => {
    const t = couple();
    await setUp(t);
    await t.conversation.say('tomorrow is a rest day');
    await t.conversation.say('I have an appointment on friday');
    const list = await t.conversation.say("what's on our calendar");
    expect(list.speech).toMatch(/rest day tomorrow/i);
    expect(list.speech).toMatch(/appointment on Friday/i);

    const removed = await t.conversation.say('cancel the rest day on tuesday');
    expect(removed.speech).toMatch(/clear/i);
    expect(stored(t).pacing.restDays).toEqual([]);

    t.clock.addDays(1); // Tuesday: no longer a rest day, so not only companionship at energy 4
    t.conversation.endSession();
    await t.conversation.say('ask twilight ritual Sam is at a 4');
    await t.conversation.say('ask twilight ritual Alex is at a 4');
    const idea = await t.conversation.say('ask twilight ritual what could we do tonight');
    expect(idea.speech).not.toMatch(/rest day/i);

    t.clock.addDays(3); // Friday: the appointment keeps it gentle
    t.conversation.endSession();
    const friday = await t.conversation.say('ask twilight ritual what could we do tonight');
    expect(friday.speech).toMatch(/appointment/i);

    const nothing = await t.conversation.say('ask twilight ritual to cancel the rest day on sunday');
    expect(nothing.speech).toMatch(/don't have anything/i);
  });
});

describe('care-date reminders through the Reminders API', () => {
  let api: AlexaApi;
  let status = 201;
  let deleteStatus = 204;
  beforeEach(async () => {
    status = 201;
    deleteStatus = 204;
    api = await startAlexaApi({ timeZone: 'America/New_York', reminderStatus: () => status, deleteStatus: () => deleteStatus });
  });

  const created = () => api.calls.filter((c) => c.method === 'POST' && c.path === '/v1/alerts/reminders');
  const deletes = () => api.calls.filter((c) => c.method === 'DELETE');

  async function withReminder() {
    const t = couple(undefined, { apiEndpoint: api.endpoint });
    t.conversation.granted.add(REMINDERS_SCOPE);
    await setUp(t);
    await t.conversation.say('remind us about our care date on friday at 7 pm');
    expect(api.reminders.size).toBe(1);
    return t;
  }

  it('"delete our data" also removes the reminders Twilight set, and says so', async () => {
    const t = await withReminder();
    const [token] = api.reminders.keys();
    await t.conversation.say('delete our data');
    const done = await t.conversation.say('yes');
    expect(deletes().map((c) => c.path)).toEqual([`/v1/alerts/reminders/${token}`]);
    expect(api.reminders.size).toBe(0);
    expect(done.speech).toMatch(/deleted/i);
    expect(done.speech).toMatch(/reminder/i);
    expect(t.store.items.size).toBe(0);
  });

  it('also removes reminders set before their tokens were kept, found through the Reminders API list', async () => {
    const t = await withReminder();
    const item = t.store.items.get('amzn1.ask.account.test-couple')!;
    const state = JSON.parse(item.state) as { reminders?: unknown };
    expect(state.reminders).toHaveLength(1);
    delete state.reminders;
    t.store.items.set('amzn1.ask.account.test-couple', { ...item, state: JSON.stringify(state) });
    t.conversation.endSession();
    await t.conversation.say('ask twilight ritual to delete our data');
    const done = await t.conversation.say('yes');
    expect(api.reminders.size).toBe(0);
    expect(done.speech).toMatch(/reminder/i);
  });

  it('says which reminder remains, and how to remove it, when the API will not delete it', async () => {
    const t = await withReminder();
    deleteStatus = 500;
    await t.conversation.say('delete our data');
    const done = await t.conversation.say('yes');
    expect(api.reminders.size).toBe(1);
    expect(done.speech).toMatch(/reminder/i);
    expect(done.speech).toMatch(/Friday at 7 pm/);
    expect(done.speech).toMatch(/Alexa app/i);
    expect(t.store.items.size).toBe(0);
  });

  it('removes the reminders when the skill is disabled, where the API still answers', async () => {
    const t = await withReminder();
    const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'launch-request.json'), 'utf8')) as RequestEnvelope;
    const event = structuredClone(fixture);
    delete (event as { session?: unknown }).session;
    event.context.System.user.userId = 'amzn1.ask.account.test-couple';
    event.context.System.apiEndpoint = api.endpoint;
    event.context.System.apiAccessToken = 'disabled-event-token';
    event.request = {
      type: 'AlexaSkillEvent.SkillDisabled',
      requestId: 'r-disabled',
      timestamp: new Date().toISOString(),
      body: { userId: 'amzn1.ask.account.test-couple' },
    } as never;
    const out = await t.skill.invoke(event);
    expect(out.response.outputSpeech).toBeUndefined();
    expect(api.reminders.size).toBe(0);
    expect(t.store.items.size).toBe(0);
  });

  it('does not set the same care-date reminder twice', async () => {
    const t = await withReminder();
    const again = await t.conversation.say('ask twilight ritual to remind us about our care date on friday at 7 pm');
    expect(created()).toHaveLength(1);
    expect(api.reminders.size).toBe(1);
    expect(again.speech).toMatch(/already/i);
    const other = await t.conversation.say('ask twilight ritual to remind us about our care date on saturday at 7 pm');
    expect(other.speech).toMatch(/Saturday at 7 pm/);
    expect(created()).toHaveLength(2);
  });
  afterEach(() => api.close());

  it('asks for permission by voice, then creates the reminder when they agree', async () => {
    const t = couple(undefined, { apiEndpoint: api.endpoint });
    await setUp(t);
    const ask = await t.conversation.say('remind us about our care date on friday at 7 pm');
    const directive = ask.directives.find((d) => d.type === 'Connections.SendRequest') as unknown as Record<string, unknown> & { token: string };
    expect(directive).toMatchObject({
      name: 'AskFor',
      payload: { '@type': 'AskForPermissionsConsentRequest', permissionScopes: [{ permissionScope: REMINDERS_SCOPE }] },
    });
    expect(api.calls.filter((c) => c.path === '/v1/alerts/reminders')).toHaveLength(0);

    const done = await t.conversation.answerPermission(REMINDERS_SCOPE, true, directive.token);
    expect(done.speech).toMatch(/remind you both/i);
    expect(done.speech).toMatch(/Friday at 7 pm/);
    const call = api.calls.find((c) => c.path === '/v1/alerts/reminders')!;
    expect(call.method).toBe('POST');
    expect(call.authorization).toMatch(/^Bearer /);
    expect(call.body).toMatchObject({
      trigger: { type: 'SCHEDULED_ABSOLUTE', scheduledTime: '2026-11-27T19:00:00.000', timeZoneId: 'America/New_York' },
      pushNotification: { status: 'ENABLED' },
    });
  });

  it('accepts a "no" kindly and creates nothing', async () => {
    const t = couple(undefined, { apiEndpoint: api.endpoint });
    await setUp(t);
    const ask = await t.conversation.say('remind us about our care date on friday at 7 pm');
    const token = (ask.directives[0] as unknown as { token: string }).token;
    const declined = await t.conversation.answerPermission(REMINDERS_SCOPE, false, token);
    expect(declined.speech).toMatch(/no problem/i);
    expect(api.calls.filter((c) => c.path === '/v1/alerts/reminders')).toHaveLength(0);
  });

  it('takes no answer to the permission question as "another time", not as a no', async () => {
    const t = couple(undefined, { apiEndpoint: api.endpoint });
    await setUp(t);
    const ask = await t.conversation.say('remind us about our care date on friday at 7 pm');
    const token = (ask.directives[0] as unknown as { token: string }).token;
    const declined = await t.conversation.answerPermission(REMINDERS_SCOPE, false, token);

    const ask2 = await t.conversation.say('ask twilight ritual to remind us about our care date on friday at 7 pm');
    const unanswered = await t.conversation.answerPermission(REMINDERS_SCOPE, 'NOT_ANSWERED', (ask2.directives[0] as unknown as { token: string }).token);
    expect(unanswered.speech).not.toEqual(declined.speech);
    expect(unanswered.speech).not.toMatch(/won't|no problem/i);
    expect(unanswered.speech).toMatch(/another time|later/i);
    expect(api.calls.filter((c) => c.path === '/v1/alerts/reminders')).toHaveLength(0);

    // Nothing was taken as a refusal: the next request asks again.
    const again = await t.conversation.say('ask twilight ritual to remind us about our care date on saturday at 8 pm');
    expect(again.directives.some((d) => d.type === 'Connections.SendRequest')).toBe(true);
  });

  it('creates it straight away once permission is granted, and asks again if Alexa says it is missing', async () => {
    const t = couple(undefined, { apiEndpoint: api.endpoint });
    t.conversation.granted.add(REMINDERS_SCOPE);
    await setUp(t);
    const done = await t.conversation.say('remind us about our care date on saturday at 8 pm');
    expect(done.speech).toMatch(/Saturday at 8 pm/);
    status = 401;
    const again = await t.conversation.say('ask twilight ritual to remind us about our care date on sunday at 7 pm');
    expect(again.directives.some((d) => d.type === 'Connections.SendRequest')).toBe(true);
  });

  it('asks which day and time when they are missing, and refuses a time already past', async () => {
    const t = couple(undefined, { apiEndpoint: api.endpoint });
    t.conversation.granted.add(REMINDERS_SCOPE);
    await setUp(t);
    const when = await t.conversation.say('remind us about our care date');
    expect(when.speech).toMatch(/which day and time/i);
    const set = await t.conversation.say('friday at 7 pm');
    expect(set.speech).toMatch(/Friday at 7 pm/);
    const past = await t.conversation.say('ask twilight ritual to remind us about our care date today at 6 pm');
    expect(past.speech).toMatch(/already passed/i);
  });

  it('says so honestly when the Reminders API fails', async () => {
    const t = couple(undefined, { apiEndpoint: api.endpoint });
    t.conversation.granted.add(REMINDERS_SCOPE);
    await setUp(t);
    status = 500;
    const failed = await t.conversation.say('remind us about our care date on friday at 7 pm');
    expect(failed.speech).toMatch(/couldn't set that reminder/i);
  });
});
