import fc from 'fast-check';
import { logEnergy, newCouple, setPartners, type CoupleState } from '../../src/domain/couple';
import { loadCatalogue, loadCheckIns } from '../../src/domain/pacing';
import {
  advance,
  advanceEffects,
  CLOSE,
  lightsTonight,
  musicTonight,
  notTonight,
  pause,
  quietEffects,
  restEffects,
  ritualTonight,
  settle,
  settleEffects,
  type Effects,
  type Room,
} from '../../src/domain/ritual';
import { must } from '../support/must';

const TODAY = '2026-03-10';
const YESTERDAY = '2026-03-09';
const CONTENT = { checkIns: loadCheckIns(), catalogue: loadCatalogue() };
const RUNS = { numRuns: 500 };

/** Tonight's record of the ritual, which settle writes. */
const tonight = (state: CoupleState) => must(state.days[TODAY]?.ritual, "tonight's ritual record");

const roomArb: fc.Arbitrary<Room> = fc.record({
  lights: fc.boolean(),
  hubMusic: fc.boolean(),
  stream: fc.boolean(),
  echoCanPlay: fc.boolean(),
  echoPlaying: fc.boolean(),
});

const levelArb = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });
const offDayArb = fc.option(fc.constantFrom(TODAY, YESTERDAY), { nil: undefined });

const stateArb: fc.Arbitrary<CoupleState> = fc
  .record({
    a: levelArb,
    b: levelArb,
    musicOffDay: offDayArb,
    lightsOffDay: offDayArb,
    checkIns: fc.subarray(CONTENT.checkIns.map((q) => q.id)),
  })
  .map(({ a, b, musicOffDay, lightsOffDay, checkIns }) => {
    const state = newCouple();
    setPartners(state, 'Sam', 'Alex');
    if (a !== undefined) logEnergy(state, 'a', a, TODAY);
    if (b !== undefined) logEnergy(state, 'b', b, TODAY);
    return { ...state, musicOffDay, lightsOffDay, checkIns };
  });

type Action = 'next' | 'pause' | 'notTonight';
const actionsArb = fc.array(fc.constantFrom<Action>('next', 'next', 'next', 'pause', 'notTonight'), { maxLength: 12 });
const ceilingArb = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });

/** Every effect a settled ritual can ask for, whatever the couple says next. */
function allEffects(room: Room, state: CoupleState): Effects[] {
  const progress = ritualTonight(state, TODAY);
  const moves = progress ? [advanceEffects(room, state, TODAY, progress), advanceEffects(room, state, TODAY, { ...progress, paused: true })] : [];
  return [settleEffects(room, state, TODAY), restEffects(room, state, TODAY), ...moves];
}

describe("the ritual's room, for any room and any evening", () => {
  it('plays music in one place at most: the hub wins over the Echo', () => {
    fc.assert(
      fc.property(roomArb, stateArb, (room, state) => {
        const music = musicTonight(room, state, TODAY);
        if (music === 'echo') expect(room.hubMusic).toBe(false);
        for (const effects of allEffects(room, state)) expect(effects.hubMusic === 'play' && effects.stream === 'play').toBe(false);
      }),
      RUNS,
    );
  });

  it('never plays music on an evening with no music, nor dims lights that sit out tonight', () => {
    fc.assert(
      fc.property(roomArb, stateArb, fc.nat(CLOSE - 1), (room, state, step) => {
        settle(state, TODAY);
        state.ritual!.step = step;
        for (const effects of allEffects(room, state)) {
          if (!musicTonight(room, state, TODAY)) expect(effects.hubMusic === 'play' || effects.stream === 'play').toBe(false);
          if (!lightsTonight(room, state, TODAY)) expect(effects.lights).toBeUndefined();
        }
      }),
      RUNS,
    );
  });

  it('starts the Echo stream only as the skill steps back: never while settling or before the close', () => {
    fc.assert(
      fc.property(roomArb, stateArb, fc.nat(CLOSE - 2), (room, state, step) => {
        settle(state, TODAY);
        expect(settleEffects(room, state, TODAY).stream).toBeUndefined();
        expect(advanceEffects(room, state, TODAY, { ...state.ritual!, step }).stream).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('a pause only quiets: it plays nothing and leaves the lights as they are', () => {
    fc.assert(
      fc.property(roomArb, (room) => {
        const effects = quietEffects(room);
        expect(effects.lights).toBeUndefined();
        expect(effects.routine).toBeUndefined();
        expect(effects.hubMusic === 'play' || effects.stream === 'play').toBe(false);
      }),
      RUNS,
    );
  });
});

describe("the ritual's steps, for any evening and anything said", () => {
  it('go one step at a time, never past the close; how far they got never shrinks; a pause or "not tonight" is honoured at once', () => {
    fc.assert(
      fc.property(stateArb, ceilingArb, actionsArb, (state, ceiling, actions) => {
        settle(state, TODAY, ceiling);
        let reached = tonight(state).reached;
        for (const action of actions) {
          const before = ritualTonight(state, TODAY);
          if (!before) break;
          if (action === 'next') {
            const shown = advance(state, TODAY, before, CONTENT);
            expect(shown.step).toBe(before.step + 1);
            expect(shown.paused).toBe(false);
            const after = ritualTonight(state, TODAY);
            expect(after === undefined).toBe(shown.step === CLOSE);
            if (after) expect(after.step).toBeLessThan(CLOSE);
            expect(tonight(state).ended).toBe(shown.step === CLOSE ? 'completed' : 'inProgress');
          } else if (action === 'pause') {
            pause(state, TODAY, before);
            expect(ritualTonight(state, TODAY)).toMatchObject({ step: before.step, paused: true });
            expect(tonight(state).ended).toBe('paused');
          } else {
            notTonight(state, TODAY, before);
            expect(ritualTonight(state, TODAY)).toBeUndefined();
            expect(state.notTonightDay).toBe(TODAY);
          }
          const now = tonight(state).reached;
          expect(now).toBeGreaterThanOrEqual(reached);
          expect(now).toBeLessThanOrEqual(CLOSE + 1);
          reached = now;
        }
      }),
      RUNS,
    );
  });

  it("keep tonight's question and idea once chosen, and the idea stays within the number asked for", () => {
    fc.assert(
      fc.property(stateArb, fc.integer({ min: 1, max: 5 }), (state, ceiling) => {
        settle(state, TODAY, ceiling);
        const checkIn = advance(state, TODAY, state.ritual!, CONTENT);
        pause(state, TODAY, checkIn);
        const exchange = advance(state, TODAY, state.ritual!, CONTENT);
        expect(exchange.checkInId).toBe(checkIn.checkInId);
        const idea = CONTENT.catalogue.find((a) => a.id === exchange.activityId);
        if (idea) expect(idea.energy).toBeLessThanOrEqual(ceiling);
        const close = advance(state, TODAY, exchange, CONTENT);
        expect(close.activityId).toBe(exchange.activityId);
      }),
      RUNS,
    );
  });
});
