import { cleanName, HISTORY_DAYS, linkVoice, logEnergy, newCouple, partnerByName, setPartners, tonightPace } from '../../src/domain/couple';
import { parseCoupleState } from '../../src/domain/state-schema';
import { addDays } from '../../src/domain/dates';
import { readLevel } from '../../src/domain/energy';

const TODAY = '2026-11-25';

function couple() {
  const state = newCouple();
  setPartners(state, 'sam', "Alex's");
  return state;
}

describe('couple state', () => {
  it('cleans spoken names: capitalised, possessive dropped', () => {
    expect(cleanName("alex's")).toBe('Alex');
    expect(cleanName('  SAM ')).toBe('Sam');
    expect(partnerByName(couple(), 'ALEX')?.id).toBe('b');
  });

  it('paces to the slower partner, counting an unknown energy as two', () => {
    const state = couple();
    expect(tonightPace(state, TODAY)).toMatchObject({ ceiling: 2, bothKnown: false });
    logEnergy(state, 'a', 4, TODAY);
    expect(tonightPace(state, TODAY).ceiling).toBe(2);
    logEnergy(state, 'b', 1, TODAY);
    expect(tonightPace(state, TODAY)).toMatchObject({ ceiling: 1, bothKnown: true, levels: { a: 4, b: 1 } });
    logEnergy(state, 'b', 5, TODAY);
    expect(tonightPace(state, TODAY).ceiling).toBe(4);
  });

  it('refuses a level outside one to five', () => {
    expect(() => logEnergy(couple(), 'a', 6, TODAY)).toThrow(RangeError);
    expect(() => logEnergy(couple(), 'a', 0, TODAY)).toThrow(RangeError);
    expect(() => logEnergy(couple(), 'a', 2.5, TODAY)).toThrow(RangeError);
  });

  it('keeps a rolling window of recent days only', () => {
    const state = couple();
    for (let i = 40; i >= 0; i--) logEnergy(state, 'a', 3, addDays(TODAY, -i));
    const days = Object.keys(state.days).sort();
    expect(days).toHaveLength(HISTORY_DAYS);
    expect(days.at(-1)).toBe(TODAY);
  });

  it('links one voice to one partner only, and keeps voices when names are re-said', () => {
    const state = couple();
    linkVoice(state, 'a', 'voice-1');
    linkVoice(state, 'b', 'voice-1');
    expect(state.partners.map((p) => p.personId)).toEqual([undefined, 'voice-1']);
    setPartners(state, 'Sam', 'Alex');
    expect(state.partners[1]?.personId).toBe('voice-1');
  });

  it('upgrades a state saved by an older version with defaults', () => {
    const old = parseCoupleState({ partners: [] });
    expect(old.days).toEqual({});
    expect(old.welcomed).toBe(false);
  });
});

describe('reading a spoken energy', () => {
  it.each([
    ['2', { kind: 'level', level: 2 }],
    ['two', { kind: 'level', level: 2 }],
    ['5', { kind: 'level', level: 5 }],
    ['11', { kind: 'outOfRange' }],
    ['eleven', { kind: 'outOfRange' }],
    ['0', { kind: 'outOfRange' }],
    ['2.5', { kind: 'outOfRange' }],
    ['-1', { kind: 'outOfRange' }],
    ['?', { kind: 'none' }],
    [undefined, { kind: 'none' }],
    ['purple', { kind: 'none' }],
  ])('%s → %j', (text, expected) => {
    expect(readLevel(text)).toEqual(expected);
  });
});

describe('set-aside ids read back from the store or the session', () => {
  const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

  it('keeps set-asides of catalogue activities and drops every other id, prototype names included', () => {
    const raw = JSON.parse(JSON.stringify(newCouple()));
    raw.pacing.setAside = JSON.parse(
      `{${[...PROTOTYPE_NAMES, 'no-such-activity'].map((id) => `"${id}":"2026-11-20"`).join(',')},"one-good-thing":"2026-11-21"}`,
    );
    const aside = parseCoupleState(raw).pacing.setAside;
    expect(Object.keys(aside)).toEqual(['one-good-thing']);
    expect(Object.getPrototypeOf(aside)).toBe(Object.prototype);
    for (const id of PROTOTYPE_NAMES) expect(Object.hasOwn(aside, id)).toBe(false);
    // As a map attribute DynamoDB's marshaller takes it only when its constructor is Object's.
    expect(aside.constructor).toBe(Object);
  });
});
