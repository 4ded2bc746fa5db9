import { join } from 'node:path';
import { Conversation } from '../../src/local/conversation';
import { buildSkill } from '../../src/skill';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { fixedTimeZone } from '../../src/time-zone';
import { localDay } from '../../src/domain/dates';
import { CapturingLog, TestClock } from '../support/skill';

const COUPLE = 'amzn1.ask.account.test-couple';

function inLocale(locale: string, zone: string) {
  const store = new MemoryCoupleStore();
  const clock = new TestClock(new Date('2026-11-25T20:00:00Z'));
  const skill = buildSkill({ store, clock, log: new CapturingLog(), timeZones: fixedTimeZone(zone), defaultTimeZone: zone });
  const conversation = new Conversation((e, c) => skill.invoke(e, c), {
    modelFile: join(__dirname, '..', '..', 'models', `${locale}.json`),
    locale,
    userId: COUPLE,
    today: () => localDay(clock.now(), zone),
  });
  return { conversation, store };
}

describe('English locales', () => {
  it('en-GB: understands "knackered" and says dates day first', async () => {
    const { conversation, store } = inLocale('en-GB', 'Europe/London');
    await conversation.say('open twilight ritual');
    await conversation.say('our names are Sam and Alex');
    const tired = await conversation.say('Sam is feeling knackered');
    expect(tired.intent).toBe('LogEnergyIntent');
    expect(JSON.parse(store.items.get(COUPLE)!.state).days['2026-11-25'].energy).toEqual({ a: 1 });
    const gp = await conversation.say('I have a GP appointment on december 10');
    expect(gp.speech).toMatch(/10 December/);
  });

  it.each([
    ['en-US', 'America/New_York', /December 10/],
    ['en-CA', 'America/Toronto', /December 10/],
    ['en-AU', 'Australia/Sydney', /10 December/],
    ['en-IN', 'Asia/Kolkata', /10 December/],
  ])('%s: the same conversation works, with dates as people there say them', async (locale, zone, date) => {
    const { conversation } = inLocale(locale, zone);
    await conversation.say('open twilight ritual');
    const named = await conversation.say('our names are Sam and Alex');
    expect(named.speech).toMatch(/Sam and Alex/);
    const saved = await conversation.say('I have an appointment on december 10');
    expect(saved.speech).toMatch(date);
  });
});
