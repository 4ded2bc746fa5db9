import { homeAssistantLights, noMusic } from '../../src/ambience';
import type { Ambience } from '../../src/deps';
import { Conversation } from '../../src/local/conversation';
import { LOCALES, type SkillLocale } from '../../src/speech/locale';
import type { MemoryCoupleStore } from '../../src/store/memory-store';
import { startFakeHomeAssistant, type FakeHub } from '../support/fake-hub';
import { talk } from '../support/skill';
import { join } from 'node:path';
import type { CoupleState } from '../../src/domain/couple';

const TOKEN = 'ha-test-token-0123456789';
const STREAM = 'https://music.example.com/calm.mp3';
const EMERGENCY: Record<SkillLocale, RegExp> = {
  'en-US': /nine one one/,
  'en-CA': /nine one one/,
  'en-GB': /nine nine nine/,
  'en-AU': /triple zero/,
  'en-IN': /one one two/,
};

const peek = (store: MemoryCoupleStore): CoupleState | undefined => {
  const item = store.items.get('amzn1.ask.account.test-couple');
  return item ? (JSON.parse(item.state) as CoupleState) : undefined;
};

let hub: FakeHub;
beforeEach(async () => {
  hub = await startFakeHomeAssistant(TOKEN);
});
afterEach(() => hub.close());

function couple(locale = 'en-US') {
  const ambience: Ambience = {
    lights: homeAssistantLights({ url: hub.url, token: TOKEN, lights: ['light.bedroom'] }, { timeoutMs: 1500 }),
    music: noMusic,
    streamUrl: STREAM,
  };
  const t = talk({ deps: { ambience } });
  if (locale !== 'en-US') {
    // The same skill, heard through that locale's generated model.
    const conversation = new Conversation((e, c) => t.skill.invoke(e, c), {
      modelFile: join(__dirname, '..', '..', 'models', `${locale}.json`),
      locale,
      userId: 'amzn1.ask.account.test-couple',
      today: () => '2026-11-25',
    });
    return { ...t, conversation };
  }
  return t;
}

async function intoRitual(t: ReturnType<typeof couple>) {
  await t.conversation.say('open twilight ritual');
  await t.conversation.say('our names are Sam and Alex');
  await t.conversation.say('Sam is at a 3');
  await t.conversation.say('Alex is at a 3');
  const settle = await t.conversation.say('start our wind down');
  expect(settle.intent).toBe('StartRitualIntent');
}

describe('consent needs no magic words', () => {
  it.each(["I'm not comfortable", "let's stop", 'this is too much', 'can we not', 'no more tonight', "I don't want to do this tonight"])(
    'mid-ritual "%s" pauses at once: music stops, nothing new is offered',
    async (line) => {
      const t = couple();
      await intoRitual(t);
      const paused = await t.conversation.say(line);
      expect(['ConsentIntent', 'RitualPauseIntent', 'NotTonightIntent']).toContain(paused.intent);
      expect(paused.speech).not.toMatch(/didn't follow|exchange|check-in/i);
      expect(paused.speech).toMatch(/of course/i);
      const state = peek(t.store);
      expect(state?.ritual?.paused === true || state?.ritual === undefined).toBe(true);
      const day = Object.values(state?.days ?? {}).find((d) => d.ritual);
      expect(['paused', 'notTonight']).toContain(day?.ritual?.ended);
    },
  );

  it.each(["that's a bit much for me", "that's not for me"])('mid-ritual "%s", heard as feedback, still pauses at once and rates nothing', async (line) => {
    const t = couple();
    await intoRitual(t);
    const before = JSON.stringify(peek(t.store)?.pacing);
    const paused = await t.conversation.say(line);
    expect(paused.intent).toBe('ActivityFeedbackIntent');
    expect(paused.speech).toMatch(/of course/i);
    expect(peek(t.store)?.ritual?.paused).toBe(true);
    expect(JSON.stringify(peek(t.store)?.pacing)).toBe(before);
  });

  it('outside the ritual, words of discomfort make tonight a rest night', async () => {
    const t = couple();
    await t.conversation.say('open twilight ritual');
    await t.conversation.say('our names are Sam and Alex');
    const no = await t.conversation.say("I'm not comfortable");
    expect(no.speech).toMatch(/rest/i);
    expect((await t.conversation.say('what could we do tonight')).speech).toMatch(/rest/i);
  });

  it('mid-ritual, anything not understood is a gentle pause, not "sorry, I didn\'t follow"', async () => {
    const t = couple();
    await intoRitual(t);
    const unsure = await t.conversation.say('the cat is on the windowsill again');
    expect(unsure.kind).toBe('nomatch');
    expect(unsure.speech).toMatch(/paused/i);
    expect(unsure.speech).not.toMatch(/didn't follow/i);
    expect(unsure.ended).toBe(false);
    expect(peek(t.store)?.ritual?.paused).toBe(true);
    // "Yes, go on" resumes where they were.
    const on = await t.conversation.say('yes');
    expect(on.speech).toMatch(/welcome back/i);
  });

  it.each([
    ['en-US', /nine one one/],
    ['en-GB', /nine nine nine/],
    ['en-AU', /triple zero/],
  ])('%s: a line not understood mid-ritual (perhaps a red flag Alexa missed) also names the emergency number, once, gently', async (locale, number) => {
    const t = couple(locale);
    await intoRitual(t);
    const unsure = await t.conversation.say('the cat is on the windowsill again');
    expect(unsure.kind).toBe('nomatch');
    expect(unsure.speech).toMatch(number);
    expect(unsure.speech).toMatch(/paused/i);
    expect(unsure.ended).toBe(false);
  });

  it.each([
    ['en-US', /nine one one/],
    ['en-IN', /one one two/],
  ])('%s: outside the ritual, the first line not understood names the emergency number too, once a session', async (locale, number) => {
    const t = couple(locale);
    await t.conversation.say('open twilight ritual');
    await t.conversation.say('our names are Sam and Alex');
    const first = await t.conversation.say('the cat is on the windowsill again');
    expect(first.kind).toBe('nomatch');
    expect(first.speech).toMatch(number);
    expect(first.speech).toMatch(/can't place/i);
    expect(first.ended).toBe(false);
    // Nothing was stopped or locked: it is a note, not a red flag.
    expect((await t.conversation.say('Sam is at a 3')).speech).not.toMatch(number);
    const second = await t.conversation.say('the cat is on the windowsill again');
    expect(second.speech).not.toMatch(number);
    expect(second.speech).toMatch(/didn't (follow|catch)/i);
  });

  it('"stop" mid-ritual is a pause that says how to go on, and "continue" keeps that promise', async () => {
    const t = couple();
    await intoRitual(t);
    const stop = await t.conversation.say('stop');
    expect(stop.speech).toMatch(/continue/i);
    expect(stop.ended).toBe(true);
    const resumed = await t.conversation.say('tell twilight ritual to continue');
    expect(resumed.speech).toMatch(/welcome back/i);
  });
});

describe('red flags, in every locale', () => {
  it.each([...LOCALES])('%s: stops the music, brings the lights up, names the number, ends, and holds the ritual', async (locale) => {
    const t = couple(locale);
    await intoRitual(t);
    const callsBefore = hub.calls.length;
    const alarm = await t.conversation.say('I feel really lightheaded');
    expect(alarm.intent).toBe('SafetyIntent');
    expect(alarm.speech).toMatch(EMERGENCY[locale]);
    expect(alarm.speech).toMatch(/can't place the call/i);
    expect(alarm.speech).not.toMatch(/\b(take|should|must|try)\b/i);
    expect(alarm.ended).toBe(true);
    expect(alarm.directives.some((d) => d.type === 'AudioPlayer.Stop')).toBe(true);
    const up = hub.calls.slice(callsBefore).find((c) => c.path === '/api/services/light/turn_on');
    expect((up?.json as { brightness_pct?: number } | undefined)?.brightness_pct).toBeGreaterThan(20);

    const resume = await t.conversation.say('tell twilight ritual to continue');
    expect(resume.speech).toMatch(/okay/i);
    expect(resume.speech).not.toMatch(/check-in|exchange|welcome back/i);
    const again = await t.conversation.say('tell twilight ritual to start our wind down');
    expect(again.speech).not.toMatch(/settle|breath/i);

    const clear = await t.conversation.say("tell twilight ritual we're okay now");
    expect(clear.intent).toBe('SafetyClearIntent');
    expect((await t.conversation.say('tell twilight ritual to start our wind down')).speech).toMatch(/breath/i);
  });

  it.each(['Alex has collapsed', "I've got a crushing pain in my arm", "I think I'm having a panic attack", 'my chest is sore', "I'm bleeding"])(
    '"%s" is a red flag, never soreness or a name',
    async (line) => {
      const t = couple();
      await intoRitual(t);
      const alarm = await t.conversation.say(line);
      expect(alarm.intent).toBe('SafetyIntent');
      expect(alarm.ended).toBe(true);
    },
  );
});
