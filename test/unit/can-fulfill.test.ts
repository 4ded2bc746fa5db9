import fc from 'fast-check';
import { ABILITIES, canFulfill } from '../../src/handlers/can-fulfill';
import { languageModel, type ModelIntent } from '../support/model-checks';
import { MODEL_FILE } from '../support/skill';

const model = languageModel(MODEL_FILE);
const intents: ModelIntent[] = model.intents;
const types: { name: string; values: { id?: string; name: { value: string; synonyms?: string[] } }[] }[] = model.types;

const ask = (name: unknown, slots: Record<string, string | object> = {}) =>
  canFulfill({
    name,
    confirmationStatus: 'NONE',
    slots: Object.fromEntries(Object.entries(slots).map(([n, v]) => [n, typeof v === 'string' ? { name: n, value: v, confirmationStatus: 'NONE' } : v])),
  });

const matched = (value: string, id: string) => ({
  name: 'x',
  value,
  resolutions: {
    resolutionsPerAuthority: [{ authority: 'amzn1.er-authority.echo-sdk.x', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: value, id } }] }],
  },
});

describe('the can-fulfill table and the interaction model agree', () => {
  it('lists every intent of the model, so none is answered NO by oversight', () => {
    const missing = intents.map((i) => i.name).filter((n) => !Object.hasOwn(ABILITIES, n));
    // A new intent: add one line to ABILITIES in src/handlers/can-fulfill.ts (can: 'NO' is a valid choice).
    expect(missing).toEqual([]);
  });

  it('lists no intent the model lacks', () => {
    const names = new Set(intents.map((i) => i.name));
    expect(Object.keys(ABILITIES).filter((n) => !names.has(n))).toEqual([]);
  });

  const served = intents.flatMap((i) => {
    const ability = ABILITIES[i.name];
    return ability && ability.can !== 'NO' ? [[i.name, i, ability] as const] : [];
  });
  it.each(served)('%s: judges exactly the slots the model gives it, by their model types', (_name, intent, ability) => {
    const rules = ability.slots ?? {};
    const modelSlots = Object.fromEntries((intent.slots ?? []).map((s) => [s.name, s.type]));
    expect(Object.fromEntries(Object.entries(rules).map(([n, r]) => [n, r.type]))).toEqual(modelSlots);
    const needed = (ability.needs ?? []).flat();
    expect(needed.filter((n) => !(n in modelSlots))).toEqual([]);
  });

  const customRules = served.flatMap(([name, , ability]) =>
    Object.entries(ability.slots ?? {})
      .filter(([, rule]) => !rule.type.startsWith('AMAZON.'))
      .map(([slot, rule]) => [name, slot, rule.type] as const),
  );
  it.each(customRules)('%s understands every value and synonym of its %s slot (%s)', (intent, slot, typeName) => {
    const type = types.find((t) => t.name === typeName)!;
    const words = type.values.flatMap((v) => [v.name.value, ...(v.name.synonyms ?? [])]);
    expect(words.length).toBeGreaterThan(0);
    const notUnderstood = words.filter((w) => ask(intent, { [slot]: w }).slots?.[slot]?.canUnderstand !== 'YES');
    expect(notUnderstood).toEqual([]);
  });
});

describe('canFulfill', () => {
  it('says YES to an energy from one to five, NO to nine, heard but not doable', () => {
    expect(ask('LogEnergyIntent', { level: '3' })).toEqual({ canFulfill: 'YES', slots: { level: { canUnderstand: 'YES', canFulfill: 'YES' } } });
    const nine = ask('LogEnergyIntent', { level: '9' });
    expect(nine.canFulfill).toBe('NO');
    expect(nine.slots?.level).toEqual({ canUnderstand: 'MAYBE', canFulfill: 'NO' });
    expect(ask('LogEnergyIntent', { level: '0' }).canFulfill).toBe('NO');
  });

  it('understands an energy word from the model, and what entity resolution matched', () => {
    expect(ask('LogEnergyIntent', { energyWord: 'wiped out' }).canFulfill).toBe('YES');
    expect(ask('LogEnergyIntent', { energyWord: 'Wiped Out' }).canFulfill).toBe('YES');
    expect(ask('LogEnergyIntent', { energyWord: matched('zonked', '1') }).canFulfill).toBe('YES');
  });

  it('is only half sure of a custom value its type lacks, and cannot act on it', () => {
    const purple = ask('LogEnergyIntent', { energyWord: 'purple' });
    expect(purple.slots?.energyWord).toEqual({ canUnderstand: 'MAYBE', canFulfill: 'NO' });
    expect(purple.canFulfill).toBe('NO');
    expect(ask('MissingNeedIntent', { need: 'a trampoline' }).canFulfill).toBe('NO');
  });

  it('still does what a sore body part asks when the part is new to it: only the soreness is kept', () => {
    const elbow = ask('SoreTodayIntent', { bodyPart: 'elbow' });
    expect(elbow.slots?.bodyPart).toEqual({ canUnderstand: 'MAYBE', canFulfill: 'YES' });
    expect(elbow.canFulfill).toBe('MAYBE');
    expect(ask('SoreTodayIntent', { bodyPart: 'back' }).canFulfill).toBe('YES');
    expect(ask('SoreTodayIntent', { bodyPart: 'hip' }).canFulfill).toBe('YES');
  });

  it('leaves red flags to Alexa: a sore chest, a dizzy name, the safety intent', () => {
    expect(ask('SoreTodayIntent', { bodyPart: 'chest' }).canFulfill).toBe('NO');
    expect(ask('SoreTodayIntent', { bodyPart: matched('Chest', 'chest') }).canFulfill).toBe('NO');
    expect(ask('LogEnergyIntent', { level: '2', name: 'I feel dizzy' }).canFulfill).toBe('NO');
    expect(ask('SafetyIntent').canFulfill).toBe('NO');
  });

  it("says MAYBE when the answer hangs on the couple's state or on a slot it would ask for", () => {
    expect(ask('ActivityFeedbackIntent', { feedback: 'lovely' }).canFulfill).toBe('MAYBE');
    expect(ask('RitualNextIntent').canFulfill).toBe('MAYBE');
    expect(ask('LogEnergyIntent').canFulfill).toBe('MAYBE');
    expect(ask('RestDayIntent', { dayKind: 'rest day' }).canFulfill).toBe('MAYBE');
    expect(ask('RestDayIntent', { date: '2026-11-26', dayKind: 'rest day' }).canFulfill).toBe('YES');
  });

  it('does not take a week or a month for one day', () => {
    const week = ask('RestDayIntent', { date: '2026-W48', dayKind: 'appointment' });
    expect(week.slots?.date).toEqual({ canUnderstand: 'MAYBE', canFulfill: 'NO' });
    expect(week.canFulfill).toBe('NO');
    expect(ask('RestDayIntent', { date: '2026-W48-WE', dayKind: 'appointment' }).canFulfill).toBe('YES');
  });

  it('takes goals of 1 to 14 a week', () => {
    expect(ask('SetGoalIntent', { count: '2', goalKind: 'care dates' }).canFulfill).toBe('YES');
    expect(ask('SetGoalIntent', { count: '40', goalKind: 'care dates' }).slots?.count).toEqual({ canUnderstand: 'MAYBE', canFulfill: 'NO' });
  });

  it.each(['ConsentIntent', 'SensualIdeasOnIntent', 'PlayMusicIntent', 'AMAZON.ScrollUpIntent', '', '__proto__', 'constructor', 'toString', 42, undefined])(
    'answers NO for %p, an intent it does not know, and for each of its slots',
    (name) => {
      const answer = ask(name, { level: '3' });
      expect(answer.canFulfill).toBe('NO');
      expect(answer.slots).toEqual({ level: { canUnderstand: 'NO', canFulfill: 'NO' } });
    },
  );

  it('answers NO for the built-ins that only mean something inside a session', () => {
    for (const name of ['AMAZON.HelpIntent', 'AMAZON.StopIntent', 'AMAZON.YesIntent', 'AMAZON.PauseIntent']) expect(ask(name).canFulfill).toBe('NO');
  });

  it('answers a slot the table does not know with NO rather than guessing', () => {
    const answer = ask('StartRitualIntent', { mood: 'calm' });
    expect(answer.slots?.mood).toEqual({ canUnderstand: 'NO', canFulfill: 'NO' });
    expect(answer.canFulfill).toBe('NO');
  });

  it('ignores slots Alexa lists without a value', () => {
    expect(canFulfill({ name: 'StartRitualIntent', slots: {} })).toEqual({ canFulfill: 'YES', slots: {} });
    expect(canFulfill({ name: 'SetGoalIntent', slots: { count: { name: 'count' }, goalKind: { name: 'goalKind', value: 'rituals' } } })).toEqual({
      canFulfill: 'YES',
      slots: { goalKind: { canUnderstand: 'YES', canFulfill: 'YES' } },
    });
  });

  const VERDICTS = ['YES', 'NO', 'MAYBE'];
  const anything = fc.oneof(fc.anything(), fc.string(), fc.constant(null));
  const slotsArb = fc.oneof(
    anything,
    fc.dictionary(
      fc.constantFrom('level', 'energyWord', 'name', 'date', 'time', 'count', 'need', 'bodyPart', 'feedback', 'x'),
      fc.oneof(anything, fc.record({ value: fc.oneof(fc.string(), anything), resolutions: anything }, { requiredKeys: [] })),
    ),
  );
  it('always answers in the shape Alexa expects, and YES only when every slot is YES', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...Object.keys(ABILITIES)), anything), slotsArb, (name, slots) => {
        const answer = canFulfill({ name, slots });
        expect(VERDICTS).toContain(answer.canFulfill);
        for (const s of Object.values(answer.slots ?? {})) {
          expect(VERDICTS).toContain(s.canUnderstand);
          expect(['YES', 'NO']).toContain(s.canFulfill);
          if (answer.canFulfill === 'YES') expect(s).toEqual({ canUnderstand: 'YES', canFulfill: 'YES' });
        }
        if (typeof name !== 'string' || !Object.hasOwn(ABILITIES, name)) expect(answer.canFulfill).toBe('NO');
      }),
      { numRuns: 2000 },
    );
    expect(canFulfill(undefined).canFulfill).toBe('NO');
    expect(canFulfill('LogEnergyIntent').canFulfill).toBe('NO');
  });
});
