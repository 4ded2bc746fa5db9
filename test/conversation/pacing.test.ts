import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCatalogue, type Activity } from '../../src/domain/pacing';
import type { Exchange } from '../../src/local/conversation';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { alexaSettingsTimeZone } from '../../src/time-zone';
import { SAM_VOICE, talk, TestClock } from '../support/skill';

const CATALOGUE = loadCatalogue();
const COUPLE = 'amzn1.ask.account.test-couple';

/** The catalogue activity an answer offered, found by its spoken title. */
function offered(exchange: Exchange): Activity {
  const speech = exchange.speech.toLowerCase();
  const hits = CATALOGUE.filter((a) => speech.includes(a.title.toLowerCase()));
  const found = hits.sort((x, y) => y.title.length - x.title.length)[0];
  if (!found) throw new Error(`no activity in: ${exchange.speech}`);
  return found;
}

type Talk = ReturnType<typeof talk<MemoryCoupleStore>>;

async function evening(t: Talk, levels: [number, number]): Promise<void> {
  t.conversation.endSession();
  await t.conversation.say('open twilight ritual');
  await t.conversation.say(`Sam is at a ${levels[0]}`);
  await t.conversation.say(`Alex is at a ${levels[1]}`);
}

async function newCouple(clock = new TestClock(new Date('2026-11-02T20:00:00-05:00'))): Promise<Talk> {
  const t = talk({ clock });
  await t.conversation.say('open twilight ritual');
  await t.conversation.say('our names are Sam and Alex');
  return t;
}

/** Every idea the skill will give tonight, first pick then "something else" until it runs out. */
async function allIdeas(t: Talk): Promise<Activity[]> {
  const ideas = [offered(await t.conversation.say('what could we do tonight'))];
  for (let i = 0; i < 60; i++) {
    const next = await t.conversation.say('something else');
    if (!/how about/i.test(next.speech)) {
      expect(next.speech).toMatch(/every gentle idea|resting/i);
      break;
    }
    ideas.push(offered(next));
  }
  return ideas;
}

describe('suggestions paced to the slower partner', () => {
  it('with energies 1 and 4, only energy-1 activities come back, and "something else" never repeats', async () => {
    const t = await newCouple();
    await evening(t, [1, 4]);
    const ideas = await allIdeas(t);
    expect(ideas.length).toBeGreaterThan(3);
    expect(ideas.every((a) => a.energy === 1)).toBe(true);
    expect(new Set(ideas.map((a) => a.id)).size).toBe(ideas.length);
    expect(ideas.every((a) => a.tier !== 'C')).toBe(true);
  });

  it('offers an idea after both energies are in, and "yes" gives one with its guide', async () => {
    const t = await newCouple();
    await t.conversation.say('Sam is at a 3');
    const pace = await t.conversation.say('Alex is at a 3');
    expect(pace.speech).toMatch(/idea/i);
    const yes = await t.conversation.say('yes');
    const activity = offered(yes);
    expect(yes.speech).toContain(activity.guide.slice(0, 20));
    expect(activity.energy).toBeLessThanOrEqual(3);
    expect(yes.speech).toMatch(/another idea\?$/i);
  });

  it('on a rest day offers companionship only (tier A, cost 1), whatever the energies', async () => {
    const t = await newCouple();
    await t.conversation.say('today is a rest day');
    await evening(t, [5, 5]);
    const ideas = await allIdeas(t);
    expect(ideas.every((a) => a.tier === 'A' && a.energy === 1)).toBe(true);
    expect(ideas.length).toBeGreaterThan(2);
  });

  it('keeps an appointment day and the day after gentle', async () => {
    const t = await newCouple();
    const saved = await t.conversation.say('I have an appointment tomorrow');
    expect(saved.speech).toMatch(/appointment/i);
    for (let day = 0; day < 3; day++) {
      t.clock.addDays(1);
      await evening(t, [5, 4]);
      const idea = offered(await t.conversation.say('what could we do tonight'));
      if (day < 2) expect(idea.energy).toBe(1);
      else expect(idea.energy).toBeGreaterThanOrEqual(3);
    }
  });

  it('"that was a bit much" lowers the next suggestions at once, with empathy first', async () => {
    const t = await newCouple();
    await evening(t, [4, 4]);
    const before = await allIdeas(t);
    expect(before.some((a) => a.tier === 'B')).toBe(true);

    await t.conversation.say('what could we do tonight');
    const much = await t.conversation.say('that was a bit much');
    expect(much.speech).toMatch(/thank you for telling me/i);
    expect(much.speech).not.toMatch(/\b(try|push|again|should|must)\b/i);

    t.clock.addDays(1);
    await evening(t, [4, 4]);
    const after = await allIdeas(t);
    expect(after.every((a) => a.tier === 'A')).toBe(true);
  });

  /** Three evenings rated comfortable by both over a week: the last answer is returned. */
  async function comfortableWeek(t: Awaited<ReturnType<typeof newCouple>>, onEvening?: () => Promise<void>) {
    const nights = [0, 3, 6];
    let lovely: Awaited<ReturnType<typeof t.conversation.say>> | undefined;
    let previous: number | undefined;
    for (const [i, gap] of nights.entries()) {
      if (previous !== undefined) t.clock.addDays(gap - previous);
      previous = gap;
      await evening(t, [4, 4]);
      await onEvening?.();
      await t.conversation.say('what could we do tonight');
      lovely = await t.conversation.say('that was lovely');
      if (i < nights.length - 1) expect(lovely.speech).toMatch(/glad/i);
    }
    return lovely!;
  }

  it('opens tier C only after three evenings rated comfortable by both, spread over a week', async () => {
    const t = await newCouple();
    const lovely = await comfortableWeek(t, async () => expect((await allIdeas(t)).some((a) => a.tier === 'C')).toBe(false));
    // The ladder would open tier C: it asks both, and only two yeses open it.
    expect(lovely.speech).toMatch(/sensual/i);
    expect(lovely.ended).toBe(false);
    expect((await t.conversation.say('yes')).speech).toMatch(/other of you/i);
    expect((await t.conversation.say('yes please')).speech).toMatch(/cuddles/i);
    t.clock.addDays(1);
    await evening(t, [4, 4]);
    const ideas = await allIdeas(t);
    expect(ideas.some((a) => a.tier === 'C')).toBe(true);

    // Either partner closes them again by voice, at once.
    expect((await t.conversation.say("let's keep things to cuddles")).speech).toMatch(/gentle touch/i);
    t.clock.addDays(1);
    await evening(t, [4, 4]);
    expect((await allIdeas(t)).some((a) => a.tier === 'C')).toBe(false);
  });

  it('keeps tier C closed when one partner says no, however the ladder stands', async () => {
    const t = await newCouple();
    await comfortableWeek(t);
    expect((await t.conversation.say('yes')).speech).toMatch(/other of you/i);
    expect((await t.conversation.say('no')).speech).toMatch(/as they are/i);
    t.clock.addDays(1);
    await evening(t, [4, 4]);
    expect((await allIdeas(t)).some((a) => a.tier === 'C')).toBe(false);
  });

  it('asks once, the next evening, how last night sat, and records the answer', async () => {
    const t = await newCouple();
    await evening(t, [3, 3]);
    await t.conversation.say('what could we do tonight');
    t.clock.addDays(1);
    t.conversation.endSession();
    const launch = await t.conversation.say('open twilight ritual');
    expect(launch.speech).toMatch(/last night/i);
    const answer = await t.conversation.say('a bit much');
    expect(answer.speech).toMatch(/gentler/i);
    expect(answer.ended).toBe(false);
    const state = JSON.parse(t.store.items.get(COUPLE)!.state);
    expect(state.pacing.sessions.at(-1).ratings).toEqual({ both: 'tooMuch' });

    t.conversation.endSession();
    const again = await t.conversation.say('open twilight ritual');
    expect(again.speech).not.toMatch(/last night/i);
  });

  it('leaves out what they lack and hands-on ideas when someone is sore', async () => {
    const t = await newCouple();
    await t.conversation.say("we don't have a bath");
    await t.conversation.say("we don't have any lotion");
    const sore = await t.conversation.say('my back hurts today');
    expect(sore.speech).toMatch(/hands-on/i);
    await evening(t, [4, 4]);
    const ideas = await allIdeas(t);
    expect(ideas.some((a) => a.needs.includes('bath') || a.needs.includes('lotion'))).toBe(false);
    expect(ideas.some((a) => a.touch)).toBe(false);
  });

  it('sets "not for now" aside for two weeks', async () => {
    const t = await newCouple();
    await evening(t, [2, 2]);
    const first = offered(await t.conversation.say('what could we do tonight'));
    const aside = await t.conversation.say('not for now');
    expect(aside.speech).toMatch(/aside/i);
    for (let day = 1; day <= 13; day++) {
      t.clock.addDays(1);
      await evening(t, [2, 2]);
      expect((await allIdeas(t)).map((a) => a.id)).not.toContain(first.id);
    }
  });
});

describe('whose turn', () => {
  it('alternates across nights, and a pass moves it without counting', async () => {
    const t = await newCouple();
    const turns: string[] = [];
    for (let night = 0; night < 4; night++) {
      await evening(t, [3, 3]);
      const whose = await t.conversation.say('whose turn is it');
      turns.push(whose.speech.includes("Sam's turn") ? 'Sam' : whose.speech.includes("Alex's turn") ? 'Alex' : '?');
      await t.conversation.say('what could we do tonight');
      t.clock.addDays(1);
    }
    expect(turns).toEqual(['Sam', 'Alex', 'Sam', 'Alex']);

    await evening(t, [3, 3]);
    const pass = await t.conversation.say("I'll pass");
    expect(pass.speech).toMatch(/Alex/);
    expect(pass.speech).toMatch(/doesn't count/i);
    await t.conversation.say('what could we do tonight');
    t.clock.addDays(1);
    await evening(t, [3, 3]);
    expect((await t.conversation.say('whose turn is it')).speech).toMatch(/Sam's turn/);
  });
});

describe('check-in questions', () => {
  it('rotates through the bank without repeating soon', async () => {
    const t = await newCouple();
    const asked: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.conversation.endSession();
      const q = await t.conversation.say('ask twilight ritual to ask us a question');
      expect(q.ended).toBe(true);
      asked.push(q.speech);
    }
    expect(new Set(asked).size).toBe(5);
  });
});

describe('red flags stop everything', () => {
  it.each(['I have chest pain', 'my chest hurts', "I can't breathe", 'I feel faint', 'my heart is racing', "I'm dizzy"])(
    '"%s" ends the session and points to care, with no suggestion',
    async (phrase) => {
      const t = await newCouple();
      await t.conversation.say('what could we do tonight');
      const stop = await t.conversation.say(phrase);
      expect(stop.intent).toBe('SafetyIntent');
      expect(stop.speech).toMatch(/nine one one/i);
      expect(stop.speech).toMatch(/can't place the call/i);
      expect(stop.speech).toMatch(/care team/i);
      expect(stop.ended).toBe(true);
      expect(() => offered(stop)).toThrow();
    },
  );

  it('checks free-form slots of any intent too', async () => {
    const t = await newCouple();
    const stop = await t.conversation.intend('SetupPartnersIntent', { nameA: 'dizzy' });
    expect(stop.speech).toMatch(/nine one one/i);
    expect(stop.ended).toBe(true);
  });
});

describe('the device time zone', () => {
  let server: Server;
  let calls = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      calls++;
      const ok =
        req.url?.startsWith('/v2/devices/') && req.url.endsWith('/settings/System.timeZone') && (req.headers.authorization ?? '').startsWith('Bearer ');
      res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
      res.end(ok ? JSON.stringify('Asia/Tokyo') : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads it once from the Alexa Settings API and caches it in state', async () => {
    const { port } = server.address() as AddressInfo;
    // 20:00 in New York on the 25th is already 10:00 on the 26th in Tokyo.
    const clock = new TestClock(new Date('2026-11-25T20:00:00-05:00'));
    const t = talk({ clock, apiEndpoint: `http://127.0.0.1:${port}`, deps: { timeZones: alexaSettingsTimeZone(2000) }, personId: SAM_VOICE });
    await t.conversation.say('open twilight ritual');
    await t.conversation.say('our names are Sam and Alex');
    await t.conversation.say('Sam is at a 3');
    const state = JSON.parse(t.store.items.get(COUPLE)!.state);
    expect(state.timeZone).toBe('Asia/Tokyo');
    expect(state.days['2026-11-26'].energy).toEqual({ a: 3 });
    const before = calls;
    t.conversation.endSession();
    await t.conversation.say('open twilight ritual');
    expect(calls).toBe(before);
  });

  it('asks the Settings API once a session when it cannot answer, then uses the default at once', async () => {
    let asked = 0;
    const failing = createServer((_req, res) => {
      asked++;
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = failing.address() as AddressInfo;
      const t = talk({ apiEndpoint: `http://127.0.0.1:${port}`, deps: { timeZones: alexaSettingsTimeZone(500) } });
      await t.conversation.say('open twilight ritual');
      await t.conversation.say('our names are Sam and Alex');
      await t.conversation.say('Sam is at a 3');
      await t.conversation.say('Alex is at a 3');
      await t.conversation.say('what could we do tonight');
      expect(asked).toBe(1);
    } finally {
      await new Promise<void>((resolve) => failing.close(() => resolve()));
    }
  });

  it('falls back to the configured default when the API cannot answer', async () => {
    const clock = new TestClock(new Date('2026-11-26T02:30:00Z'));
    const t = talk({ clock, apiEndpoint: 'http://127.0.0.1:9', deps: { timeZones: alexaSettingsTimeZone(300) }, timeZone: 'America/New_York' });
    await t.conversation.say('open twilight ritual');
    await t.conversation.say('our names are Sam and Alex');
    await t.conversation.say('Sam is at a 3');
    const state = JSON.parse(t.store.items.get(COUPLE)!.state);
    expect(state.timeZone).toBeUndefined();
    expect(state.days['2026-11-25'].energy).toEqual({ a: 3 });
  });
});
