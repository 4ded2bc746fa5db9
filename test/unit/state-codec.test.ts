import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import type { CoupleState } from '../../src/domain/couple';
import { parseCoupleState } from '../../src/domain/state-schema';
import { addDays } from '../../src/domain/dates';
import { loadCatalogue } from '../../src/domain/pacing';
import { decodeState, encodeState, STATE_CODEC } from '../../src/store/state-codec';

const DAY0 = '2026-01-15';
const ids = loadCatalogue().map((a) => a.id);
const day = fc.integer({ min: 0, max: 90 }).map((n) => addDays(DAY0, n));
const level = fc.integer({ min: 1, max: 5 });
const rating = fc.constantFrom('comfortable', 'tooMuch');

/** Loose raw states: sanitising makes them valid CoupleStates, as any stored item becomes on read. */
const rawState = fc.record({
  partners: fc
    .tuple(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 }), fc.option(fc.string({ minLength: 1, maxLength: 120 })))
    .map(([a, b, person]) => [
      { id: 'a', name: a, ...(person ? { personId: person } : {}) },
      { id: 'b', name: b },
    ]),
  welcomed: fc.boolean(),
  timeZone: fc.constantFrom('America/New_York', 'Europe/London', undefined),
  days: fc.dictionary(
    day,
    fc.record(
      {
        energy: fc.record({ a: level, b: level }, { requiredKeys: [] }),
        ritual: fc.record({ reached: fc.integer({ min: 0, max: 4 }), ended: fc.constantFrom('completed', 'paused', 'rest') }),
      },
      { requiredKeys: [] },
    ),
    { maxKeys: 15 },
  ),
  pacing: fc.record({
    sessions: fc.array(
      fc.record({ day, activityId: fc.constantFrom(...ids), ratings: fc.record({ a: rating, b: rating, both: rating }, { requiredKeys: [] }) }),
      { maxLength: 40 },
    ),
    recent: fc.array(fc.constantFrom(...ids), { maxLength: 10 }),
    favourites: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 40 }),
    restDays: fc.array(day, { maxLength: 5 }),
    stepDown: fc.integer({ min: 0, max: 3 }),
    turn: fc.constantFrom('a', 'b'),
  }),
  recentRequests: fc.array(
    fc.base64String({ minLength: 12, maxLength: 12 }).map((s) => s.replace(/[+/=]/g, '_')),
    { maxLength: 12 },
  ),
  generation: fc.stringMatching(/^[\w-]{12}$/),
  sensualChosen: fc.boolean(),
});

describe('the compact state codec', () => {
  it('gives back exactly the state it was given, whatever the state', () => {
    fc.assert(
      fc.property(rawState, (raw) => {
        const state = parseCoupleState(raw);
        expect(parseCoupleState(decodeState(encodeState(state), STATE_CODEC))).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a couple of 60 evenings, at the limits of what the state remembers, inside one write unit', () => {
    const today = addDays(DAY0, 59);
    const state: CoupleState = parseCoupleState({
      partners: [
        { id: 'a', name: 'Samantha', personId: `amzn1.ask.person.${randomBytes(60).toString('base64url').toUpperCase()}` },
        { id: 'b', name: 'Alexander', personId: `amzn1.ask.person.${randomBytes(60).toString('base64url').toUpperCase()}` },
      ],
      welcomed: true,
      timeZone: 'America/New_York',
      days: Object.fromEntries(
        Array.from({ length: 15 }, (_, i) => [
          addDays(today, -i),
          { energy: { a: 2, b: 3 }, wins: [{ category: 'rest', source: 'rest' }], ritual: { reached: 4, ended: 'completed' } },
        ]),
      ),
      pacing: {
        sessions: Array.from({ length: 40 }, (_, i) => ({
          day: addDays(today, i - 39),
          activityId: ids[(i * 7) % ids.length],
          ratings: { both: 'comfortable' },
        })),
        recent: ids.slice(0, 10),
        favourites: ids.slice(0, 25),
        turn: 'b',
        turnDay: today,
      },
      checkIns: [
        'set-something-down',
        'how-last-night-sat',
        'appreciated-this-week',
        'tomorrow-easier',
        'safe-and-cared-for',
        'close-or-space',
        'felt-close-today',
        'looking-forward',
        'like-to-hear',
        'gentle-tonight',
      ],
      recentRequests: Array.from({ length: 12 }, () => randomBytes(9).toString('base64url')),
      generation: randomBytes(9).toString('base64url'),
    });
    const plain = Buffer.byteLength(JSON.stringify(state));
    // The rest of the item (keys, version, generation, codec, expiresAt) takes about 130 bytes.
    expect(encodeState(state).byteLength).toBeLessThanOrEqual(1024 - 160);
    expect(plain).toBeGreaterThan(4 * 1024);
  });

  it('refuses a codec tag it does not know rather than guessing', () => {
    expect(() => decodeState(encodeState(parseCoupleState({})), 'z9')).toThrow(/unknown state codec/);
  });
});
