import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, meetsTargets, readCorpus, summarise } from '../../scripts/eval-nlu';
import { UtteranceResolver } from '../../src/local/resolve-utterance';
import type { InteractionModel } from '../../src/local/interaction-model';

const MODEL = JSON.parse(readFileSync(join(__dirname, '..', '..', 'models', 'en-US.json'), 'utf8')) as InteractionModel;
const hear = new UtteranceResolver(MODEL, () => '2026-11-25');
const HOLDOUT = join(__dirname, '..', 'nlu', 'holdout', 'holdout.json');

describe('the routing evaluation', () => {
  const corpus = readCorpus();

  it('has a corpus of at least 300 natural phrasings, most of them about consent and red flags', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const consent = corpus.filter((c) => c.case.intent === 'ConsentIntent').length;
    const safety = corpus.filter((c) => c.case.intent === 'SafetyIntent').length;
    expect(consent).toBeGreaterThanOrEqual(60);
    expect(safety).toBeGreaterThanOrEqual(80);
  });

  it('keeps a held-out set apart from the model: few of its lines are samples word for word', () => {
    // The development corpus was used to improve the samples; the held-out one never is.
    const holdout = readCorpus(HOLDOUT);
    expect(holdout.length).toBeGreaterThanOrEqual(200);
    const samples = new Set(MODEL.interactionModel.languageModel.intents.flatMap((i) => i.samples ?? []).map((s) => s.toLowerCase()));
    const copied = holdout.filter((c) => samples.has(c.case.line.toLowerCase().replace(/[?.!,]/g, '')));
    // Short everyday lines ("not tonight", "something else") coincide by nature; a copied set would not.
    expect(copied.length / holdout.length).toBeLessThan(0.25);
  });

  it.each(['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN'] as const)(
    '%s meets the targets on the development corpus: 95 %% overall, every consent and red-flag line',
    (locale) => {
      const summary = summarise(
        evaluate(
          locale,
          corpus.filter((c) => c.locale.includes(locale)).map((c) => c.case),
        ),
      );
      expect(summary.misses.filter((m) => m.intent === 'ConsentIntent' || m.intent === 'SafetyIntent').map((m) => m.line)).toEqual([]);
      expect(meetsTargets(summary)).toBe(true);
    },
  );

  it('holds its floor on the held-out set, never tuned on: 94 % overall, every red flag, 95 % of words of discomfort (en-US)', () => {
    // Around the 95 % / 100 % targets (96.5 % overall, 50 of 50 consent lines when last measured); the floor guards against slipping back.
    const summary = summarise(
      evaluate(
        'en-US',
        readCorpus(HOLDOUT)
          .filter((c) => c.locale.includes('en-US'))
          .map((c) => c.case),
      ),
    );
    expect(summary.ok / summary.total).toBeGreaterThanOrEqual(0.94);
    const safety = summary.byIntent.get('SafetyIntent');
    expect(safety?.ok).toBe(safety?.total);
    const consent = summary.byIntent.get('ConsentIntent');
    expect((consent?.ok ?? 0) / (consent?.total ?? 1)).toBeGreaterThanOrEqual(0.95);
  });

  it('judges targets honestly: a miss on consent fails however good the rest is', () => {
    const byIntent = new Map([
      ['ConsentIntent', { total: 100, ok: 99 }],
      ['SuggestActivityIntent', { total: 900, ok: 900 }],
    ]);
    expect(meetsTargets({ total: 1000, ok: 999, byIntent, misses: [] })).toBe(false);
    byIntent.set('ConsentIntent', { total: 100, ok: 100 });
    expect(meetsTargets({ total: 1000, ok: 1000, byIntent, misses: [] })).toBe(true);
  });
});

describe('the matcher the simulator and the evaluation share', () => {
  it('passes over fillers and reads contractions either way', () => {
    expect(hear.resolve('um, so, honestly I am not comfortable')?.intent).toBe('ConsentIntent');
    expect(hear.resolve('im not comfortable')?.intent).toBe('ConsentIntent');
  });

  it('takes no name from a line that is not a name', () => {
    expect(hear.resolve("I'm bleeding")?.intent).toBe('SafetyIntent');
    expect(hear.resolve("I'm completely exhausted")).toMatchObject({ intent: 'LogEnergyIntent', slots: { energyWord: expect.stringContaining('exhausted') } });
    expect(hear.resolve('Sam')).toBeUndefined();
  });

  it('hears a bare answer through the elicited slot only while it is asked for', () => {
    expect(hear.resolve("it's Sam", { intent: 'LogEnergyIntent', slot: 'name' })).toMatchObject({
      intent: 'LogEnergyIntent',
      slots: { name: 'Sam' },
      elicited: true,
    });
    expect(hear.resolve('a 3', { intent: 'LogEnergyIntent', slot: 'level' })).toMatchObject({ slots: { level: '3' } });
    // Words of discomfort beat the question asked.
    expect(hear.resolve("I'm not comfortable", { intent: 'SetupPartnersIntent', slot: 'nameA' })?.intent).toBe('ConsentIntent');
  });

  it('maps words to ids through slot synonyms: "chemo" is an appointment, "twice" is two', () => {
    expect(hear.resolve('Alex has chemo on Monday')).toMatchObject({ intent: 'RestDayIntent', slots: { dayKind: 'chemo', date: '2026-11-30' } });
    expect(hear.resolve('can we aim for twice this week')).toMatchObject({ intent: 'SetGoalIntent', slots: { times: 'twice' } });
  });
});

describe('samples that carry what their handler needs', () => {
  // A sample without its value slot routes right and then logs nothing: "I'm running on fumes" must carry the energy.
  it.each([
    ['LogEnergyIntent', ['{level}', '{energyWord}']],
    ['ActivityFeedbackIntent', ['{feedback}']],
  ] as const)('every %s sample names its value slot', (name, slots) => {
    const intent = MODEL.interactionModel.languageModel.intents.find((i) => i.name === name)!;
    expect((intent.samples ?? []).filter((s) => !slots.some((slot) => s.includes(slot)))).toEqual([]);
  });
});

describe('a sample matched only by passing over words', () => {
  const intent = (name: string, samples: string[]) => ({ name, samples });
  const small: InteractionModel = {
    interactionModel: {
      languageModel: {
        intents: [
          intent('AMAZON.HelpIntent', ['how do i', 'help', 'what can i say', 'how does this work']),
          intent('DeleteDataIntent', ['delete our data', 'wipe our data', 'erase my data', 'delete everything', 'wipe everything', 'forget our data']),
          intent('ConsentIntent', ['i am not ready', 'not comfortable', 'i want to stop', 'too much']),
          intent('RitualNextIntent', [
            'next bit',
            'on to the next bit',
            'ready for the next bit',
            'we are ready for the next bit',
            'i am ready for the next bit',
            'ready next bit',
            'ready for next bit please',
          ]),
        ],
      },
    },
  };
  const smallHear = new UtteranceResolver(small, () => '2026-11-25');

  it('gives way when the whole line clearly says something else', () => {
    expect(smallHear.resolve('how do i wipe my data')?.intent).toBe('DeleteDataIntent');
  });

  it('never gives words of discomfort away to a less careful intent', () => {
    expect(smallHear.resolve("I'm not ready for the next bit")?.intent).toBe('ConsentIntent');
  });
});

describe('"one" as a pronoun', () => {
  const small: InteractionModel = {
    interactionModel: {
      languageModel: {
        intents: [
          {
            name: 'LogEnergyIntent',
            slots: [{ name: 'level', type: 'AMAZON.NUMBER' }],
            samples: ['my energy is {level}', 'i am a {level}', 'energy {level}', 'a {level} tonight'],
          },
          { name: 'RitualNextIntent', samples: ['done', 'finished', 'we are finished', 'all done', 'finished now', 'done with it'] },
        ],
      },
    },
  };
  const smallHear = new UtteranceResolver(small, () => '2026-11-25');

  it('is no energy level in "that one" or "which one of us"', () => {
    expect(smallHear.resolve('finished that one')?.intent).toBe('RitualNextIntent');
    expect(smallHear.resolve('finished that 1')?.intent).toBe('LogEnergyIntent');
  });
});
