import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAll, deriveModel, main, ROOT, staleFiles, TARGET_LOCALES } from '../../scripts/build-models';
import { UtteranceResolver } from '../../src/local/resolve-utterance';
import type { InteractionModel } from '../../src/local/interaction-model';
import { LOCALES, localeOf, localiseText, rewritersFor, spokenDate, VARIANT_RULES, type SkillLocale, type VariantRules } from '../../src/speech/locale';
import { describeModelChecks } from '../support/model-checks';

const TODAY = '2026-11-25'; // a Wednesday
const modelFile = (locale: string) => join(ROOT, 'models', `${locale}.json`);
const loadModel = (locale: string) => JSON.parse(readFileSync(modelFile(locale), 'utf8'));

/** What Alexa would send: the intent, and each slot's entity-resolution id (or its value). */
function hear(locale: SkillLocale, phrase: string): { intent: string; slots: Record<string, string> } | undefined {
  const model = loadModel(locale);
  const found = new UtteranceResolver(model as InteractionModel, () => TODAY).resolve(phrase);
  if (!found) return undefined;
  const lm = model.interactionModel.languageModel;
  const intent = lm.intents.find((i: { name: string }) => i.name === found.intent);
  const slots: Record<string, string> = {};
  for (const [name, value] of Object.entries(found.slots)) {
    const typeName = intent?.slots?.find((s: { name: string }) => s.name === name)?.type;
    const type = lm.types?.find((t: { name: string }) => t.name === typeName);
    const match = type?.values.find((v: { name: { value: string; synonyms?: string[] } }) =>
      [v.name.value, ...(v.name.synonyms ?? [])].some((w) => w.toLowerCase() === value),
    );
    slots[name] = match ? (match.id ?? match.name.value) : value;
  }
  return { intent: found.intent, slots };
}

describe('generated locale models', () => {
  it('are exactly what `npm run models` writes from models/en-US.json and models/locales.json', () => {
    expect(staleFiles()).toEqual([]);
  });

  it('cover every published locale but the source', () => {
    expect(TARGET_LOCALES).toEqual(['en-GB', 'en-CA', 'en-AU', 'en-IN']);
    expect(Object.keys(VARIANT_RULES.locales).sort()).toEqual([...TARGET_LOCALES].sort());
  });

  it.each(TARGET_LOCALES)('%s keeps every intent, slot and slot value of en-US, and every en-US sample in its own spelling', (locale) => {
    const us = loadModel('en-US').interactionModel.languageModel;
    const here = loadModel(locale).interactionModel.languageModel;
    expect(here.invocationName).toBe(us.invocationName);
    expect(here.intents.map((i: { name: string }) => i.name)).toEqual(us.intents.map((i: { name: string }) => i.name));
    us.intents.forEach((intent: { name: string; slots?: unknown[]; samples?: string[] }, n: number) => {
      expect(here.intents[n].slots).toEqual(intent.slots);
      const mine = new Set((here.intents[n].samples ?? []).map((s: string) => s.toLowerCase()));
      for (const sample of intent.samples ?? []) expect(mine).toContain(localiseSpelling(sample, locale).toLowerCase());
    });
    const ids = (lm: { types?: { name: string; values: { id?: string; name: { value: string } }[] }[] }) =>
      (lm.types ?? []).map((t) => [t.name, t.values.map((v) => [v.id, v.name.value])]);
    expect(ids(here)).toEqual(ids(us));
  });
});

/** An en-US sample respelt only (what the generator does before adding variants). */
function localiseSpelling(text: string, locale: SkillLocale): string {
  return rewritersFor(locale).spelling.apply(text);
}

for (const locale of TARGET_LOCALES) describeModelChecks(modelFile(locale), locale);

describe('locale variants resolve the way a local speaker says them', () => {
  it.each([
    ['en-GB', "I'm knackered", 'LogEnergyIntent', { energyWord: '1' }],
    ['en-GB', "I'm a bit knackered tonight", 'LogEnergyIntent', { energyWord: '2' }],
    ['en-GB', "I'm not too bad", 'LogEnergyIntent', { energyWord: '3' }],
    ['en-GB', 'what shall we do tonight', 'SuggestActivityIntent', {}],
    ['en-GB', 'I have a GP appointment tomorrow', 'RestDayIntent', { dayKind: 'appointment', date: '2026-11-26' }],
    ['en-GB', 'friday is a duvet day', 'RestDayIntent', { dayKind: 'rest', date: '2026-11-27' }],
    ['en-GB', 'that was a bit full on', 'ActivityFeedbackIntent', { feedback: 'tooMuch' }],
    ['en-GB', "we don't have fairy lights", 'MissingNeedIntent', { need: 'lights' }],
    ['en-AU', "I'm wrecked", 'LogEnergyIntent', { energyWord: '1' }],
    ['en-AU', "I'm feeling a bit crook", 'LogEnergyIntent', { energyWord: '2' }],
    ['en-AU', 'I have a doona day on friday', 'RestDayIntent', { dayKind: 'rest', date: '2026-11-27' }],
    ['en-IN', "I'm feeling fresh", 'LogEnergyIntent', { energyWord: '4' }],
    ['en-IN', 'tomorrow is an off day', 'RestDayIntent', { dayKind: 'rest', date: '2026-11-26' }],
    ['en-IN', 'what shall we do tonight', 'SuggestActivityIntent', {}],
    ['en-CA', "I'm worn out", 'LogEnergyIntent', { energyWord: '1' }],
  ] as const)('%s: "%s" is %s %j', (locale, phrase, intent, slots) => {
    expect(hear(locale, phrase)).toEqual({ intent, slots });
  });

  it.each(LOCALES)('%s still understands the en-US phrasing', (locale) => {
    expect(hear(locale, 'my energy is two')).toEqual({ intent: 'LogEnergyIntent', slots: { level: '2' } });
    expect(hear(locale, "I'm exhausted")).toEqual({ intent: 'LogEnergyIntent', slots: { energyWord: '1' } });
    expect(hear(locale, 'what should we do tonight')).toEqual({ intent: 'SuggestActivityIntent', slots: {} });
  });

  it("keeps each locale's words to that locale", () => {
    expect(hear('en-US', "I'm knackered")?.slots.energyWord).toBeUndefined();
    expect(hear('en-CA', 'friday is a duvet day')?.slots.dayKind).not.toBe('rest');
  });
});

describe('the generator', () => {
  const source = {
    interactionModel: {
      languageModel: {
        invocationName: 'twilight ritual',
        intents: [
          { name: 'FavoriteIntent', slots: [{ name: 'color', type: 'Color' }], samples: ['my favorite color is {color}', 'should we visit mom'] },
          { name: 'OtherIntent', samples: ['shall we visit mum', 'call mom'] },
        ],
        types: [
          {
            name: 'Color',
            values: [
              { id: 'grey', name: { value: 'gray', synonyms: ['silver'] } },
              { id: 'blue', name: { value: 'blue' } },
            ],
          },
        ],
      },
    },
  };
  const rules = (extra: Partial<VariantRules['locales'][string]> = {}): VariantRules => ({
    source: 'en-US',
    spellingSets: { our: { favorite: 'favourite', color: 'colour' }, misc: { gray: 'grey' } },
    locales: { 'en-GB': { spelling: ['our', 'misc'], words: { mom: 'mum' }, phrasing: { 'should we': 'shall we' }, ...extra } },
  });

  it('respells samples but never slot names, adds everyday-word variants beside the original, and keeps values as they are', () => {
    const { model, notes } = deriveModel(source, 'en-GB', rules());
    const [favorite, other] = model.interactionModel.languageModel.intents;
    expect(favorite?.samples).toEqual(['my favourite colour is {color}', 'should we visit mom']);
    expect(other?.samples).toEqual(['shall we visit mum', 'call mom', 'call mum']);
    expect(notes).toEqual([expect.stringContaining('"shall we visit mum" (from "should we visit mom") left out of FavoriteIntent')]);
    expect(model.interactionModel.languageModel.types?.[0]?.values[0]?.name).toEqual({ value: 'gray', synonyms: ['silver', 'grey'] });
  });

  it('adds explicit synonyms and samples, and refuses ones that would be ambiguous or invalid', () => {
    const ok = deriveModel(source, 'en-GB', rules({ synonyms: { Color: { blue: ['navy'] } }, samples: { OtherIntent: ['go and see mum'] } })).model;
    expect(ok.interactionModel.languageModel.types?.[0]?.values[1]?.name.synonyms).toEqual(['navy']);
    expect(ok.interactionModel.languageModel.intents[1]?.samples).toContain('go and see mum');

    expect(() => deriveModel(source, 'en-GB', rules({ synonyms: { Color: { blue: ['silver'] } } }))).toThrow(/already a form of grey/);
    expect(() => deriveModel(source, 'en-GB', rules({ samples: { OtherIntent: ['my favourite colour is {color}'] } }))).toThrow(/uses \{color\}/);
    expect(() => deriveModel(source, 'en-GB', rules({ samples: { OtherIntent: ['check-up'] } }))).toThrow(/not accept/);
    expect(() => deriveModel(source, 'en-GB', rules({ samples: { GoneIntent: ['hello'] } }))).toThrow(/no longer has/);
  });

  it('carries a new en-US intent into every locale on the next run, with no change to the rules', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'twilight-models-'));
    const quiet = [jest.spyOn(console, 'log').mockImplementation(() => {}), jest.spyOn(console, 'error').mockImplementation(() => {})];
    try {
      cpSync(join(ROOT, 'models'), join(scratch, 'models'), { recursive: true });
      cpSync(join(ROOT, 'src', 'content', 'slot-values.json'), join(scratch, 'src', 'content', 'slot-values.json'));
      const us = JSON.parse(readFileSync(join(scratch, 'models', 'en-US.json'), 'utf8'));
      us.interactionModel.languageModel.intents.push({ name: 'BrandNewIntent', samples: ['play our favorite song'] });
      writeFileSync(join(scratch, 'models', 'en-US.json'), JSON.stringify(us, null, 2));

      expect(staleFiles(scratch)).toEqual(['models/en-GB.json', 'models/en-CA.json', 'models/en-AU.json', 'models/en-IN.json']);
      expect(main(['--check'], scratch)).toBe(1);
      expect(main([], scratch)).toBe(0);
      expect(main(['--check'], scratch)).toBe(0);
      const gb = JSON.parse(readFileSync(join(scratch, 'models', 'en-GB.json'), 'utf8'));
      expect(gb.interactionModel.languageModel.intents.at(-1)).toEqual({ name: 'BrandNewIntent', samples: ['play our favourite song'] });
    } finally {
      quiet.forEach((spy) => spy.mockRestore());
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('flags a hand edit to a generated file', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'twilight-models-'));
    try {
      cpSync(join(ROOT, 'models'), join(scratch, 'models'), { recursive: true });
      cpSync(join(ROOT, 'src', 'content', 'slot-values.json'), join(scratch, 'src', 'content', 'slot-values.json'));
      for (const output of buildAll(scratch).outputs) writeFileSync(output.file, output.content);
      const file = join(scratch, 'models', 'skill.json');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('"en-GB": {\n          "name": "Twilight Ritual"', '"en-GB": {\n          "name": "Twilight Rituals"'),
      );
      expect(staleFiles(scratch)).toEqual(['models/skill.json']);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('localeOf', () => {
  it.each([
    ['en-GB', 'en-GB'],
    ['en-IN', 'en-IN'],
    ['en_au', 'en-AU'],
    ['EN-CA', 'en-CA'],
    ['en-US', 'en-US'],
    ['en-NZ', 'en-US'],
    ['de-DE', 'en-US'],
    ['', 'en-US'],
    [undefined, 'en-US'],
  ])('%s → %s', (given, expected) => {
    expect(localeOf(given)).toBe(expected);
  });
});

describe('localiseText (cards and APL screens)', () => {
  it("uses the locale's spelling and everyday words, keeping case", () => {
    expect(localiseText("Your favorite color. Mom's cozy pajamas, organized.", 'en-GB')).toBe("Your favourite colour. Mum's cosy pyjamas, organised.");
    expect(localiseText('Favorite colors, organized by Mom', 'en-CA')).toBe('Favourite colours, organized by Mom');
    expect(localiseText('On vacation', 'en-AU')).toBe('On holiday');
    expect(localiseText('Your favorite color', 'en-US')).toBe('Your favorite color');
  });

  it('leaves parts of words, SSML tags, slot references and utterance-only phrasing alone', () => {
    expect(localiseText('Colorado momentum', 'en-GB')).toBe('Colorado momentum');
    expect(localiseText('<say-as interpret-as="color">color</say-as> {color}', 'en-GB')).toBe('<say-as interpret-as="color">colour</say-as> {color}');
    expect(localiseText('What should we do tonight?', 'en-GB')).toBe('What should we do tonight?');
  });
});

describe('spokenDate', () => {
  it.each([
    ['en-US', 'December 3'],
    ['en-CA', 'December 3'],
    ['en-GB', '3 December'],
    ['en-AU', '3 December'],
    ['en-IN', '3 December'],
  ] as const)('%s says %s', (locale, expected) => {
    expect(spokenDate('2026-12-03', locale)).toBe(expected);
  });

  it('is plain words, fit for speech, cards and screens', () => {
    expect(spokenDate('2027-01-31', 'en-GB')).toBe('31 January');
    expect(spokenDate('2027-01-31', 'en-US')).not.toMatch(/[<>&]/);
  });

  it('refuses anything that is not a calendar day', () => {
    expect(() => spokenDate('tomorrow', 'en-US')).toThrow(RangeError);
  });
});
