import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localDay } from '../../src/domain/dates';
import { Conversation } from '../../src/local/conversation';
import { LOCALES, type SkillLocale } from '../../src/speech/locale';
import { buildSkill } from '../../src/skill';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { fixedTimeZone } from '../../src/time-zone';
import { CapturingLog, TestClock } from '../support/skill';

const ROOT = join(__dirname, '..', '..');
const listings = JSON.parse(readFileSync(join(ROOT, 'models', 'skill.json'), 'utf8')).manifest.publishingInformation.locales as Record<
  SkillLocale,
  { examplePhrases: string[] }
>;

function inLocale(locale: string) {
  const zone = 'America/New_York';
  const clock = new TestClock();
  const log = new CapturingLog();
  const skill = buildSkill({ store: new MemoryCoupleStore(), clock, log, timeZones: fixedTimeZone(zone), defaultTimeZone: zone });
  const modelFile = join(ROOT, 'models', `${locale}.json`);
  const conversation = new Conversation((e, c) => skill.invoke(e, c), {
    modelFile,
    locale,
    userId: 'amzn1.ask.account.listing',
    today: () => localDay(clock.now(), zone),
  });
  const customIntents = new Set<string>(
    JSON.parse(readFileSync(modelFile, 'utf8'))
      .interactionModel.languageModel.intents.map((i: { name: string }) => i.name)
      .filter((n: string) => !n.startsWith('AMAZON.')),
  );
  return { conversation, log, customIntents };
}

const cases = LOCALES.flatMap((locale) => listings[locale].examplePhrases.map((phrase) => [locale, phrase] as const));

describe('store listing example phrases, said to a new couple in each locale', () => {
  it.each(cases)('%s "%s" opens the skill or reaches one of its own intents, and gets an answer', async (locale, phrase) => {
    const { conversation, log, customIntents } = inLocale(locale);
    const turn = await conversation.say(phrase);
    expect(turn.kind).not.toBe('nomatch');
    if (turn.kind === 'intent') expect(customIntents).toContain(turn.intent);
    else expect(turn.kind).toBe('launch');
    expect(turn.speech.length).toBeGreaterThan(0);
    expect(log.lines.filter((l) => l.message === 'turn failed')).toEqual([]);
  });
});
