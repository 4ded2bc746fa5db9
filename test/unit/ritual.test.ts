import { newCouple, setPartners, logEnergy, type CoupleState, type RitualProgress } from '../../src/domain/couple';
import { addAppointment, addRestDay, loadCatalogue, loadCheckIns } from '../../src/domain/pacing';
import {
  advance,
  advanceEffects,
  CHECK_IN,
  CLOSE,
  EXCHANGE,
  musicTonight,
  notTonight,
  opening,
  pause,
  quietEffects,
  rest,
  restEffects,
  ritualCheckIns,
  ritualTonight,
  settle,
  settleEffects,
  SETTLE,
  type Room,
} from '../../src/domain/ritual';
import { must } from '../support/must';

const TODAY = '2026-03-10';
const CONTENT = { checkIns: loadCheckIns(), catalogue: loadCatalogue() };

/** A room with everything: lights, a hub speaker, a stream, an Echo that can play it. */
const FULL: Room = { lights: true, hubMusic: true, stream: true, echoCanPlay: true, echoPlaying: false };
const ECHO_ONLY: Room = { ...FULL, lights: false, hubMusic: false };
const BARE: Room = { lights: false, hubMusic: false, stream: false, echoCanPlay: false, echoPlaying: false };

function couple(energies: { a?: number; b?: number } = { a: 3, b: 4 }): CoupleState {
  const state = newCouple();
  setPartners(state, 'Sam', 'Alex');
  if (energies.a !== undefined) logEnergy(state, 'a', energies.a, TODAY);
  if (energies.b !== undefined) logEnergy(state, 'b', energies.b, TODAY);
  return state;
}

function settled(state = couple()): CoupleState {
  settle(state, TODAY);
  return state;
}

describe("where tonight's music plays", () => {
  it('plays on the hub when one is configured, else on an Echo that can play the stream', () => {
    expect(musicTonight(FULL, couple(), TODAY)).toBe('hub');
    expect(musicTonight(ECHO_ONLY, couple(), TODAY)).toBe('echo');
  });

  it('plays nowhere without a stream, on a device that cannot play it, or after "no music tonight"', () => {
    expect(musicTonight({ ...FULL, stream: false }, couple(), TODAY)).toBeUndefined();
    expect(musicTonight({ ...ECHO_ONLY, echoCanPlay: false }, couple(), TODAY)).toBeUndefined();
    expect(musicTonight(FULL, { ...couple(), musicOffDay: TODAY }, TODAY)).toBeUndefined();
  });

  it('forgets "no music tonight" the next evening', () => {
    expect(musicTonight(FULL, { ...couple(), musicOffDay: '2026-03-09' }, TODAY)).toBe('hub');
  });
});

describe('opening the ritual', () => {
  it('settles when someone has logged energy tonight', () => {
    expect(opening(couple({ a: 3 }), TODAY)).toBe('settle');
  });

  it('asks one energy number first when nobody has logged tonight', () => {
    expect(opening(couple({}), TODAY)).toBe('askEnergy');
  });

  it('shrinks to the rest version on a rest day, an appointment day, or after "not tonight"', () => {
    const restDay = couple();
    addRestDay(restDay.pacing, TODAY, TODAY);
    const appointment = couple();
    addAppointment(appointment.pacing, TODAY, TODAY);
    expect(opening(restDay, TODAY)).toBe('rest');
    expect(opening(appointment, TODAY)).toBe('rest');
    expect(opening({ ...couple(), notTonightDay: TODAY }, TODAY)).toBe('rest');
  });

  it('waits while a red flag holds the ritual, before anything else', () => {
    expect(opening({ ...couple({}), safetyHold: TODAY, notTonightDay: TODAY }, TODAY)).toBe('held');
  });
});

describe('settling', () => {
  it('dims the lights, starts the hub music and tells the routine; the Echo stream waits for the close', () => {
    expect(settleEffects(FULL, couple(), TODAY)).toEqual({ lights: 'dim', hubMusic: 'play', routine: 'started' });
    expect(settleEffects(ECHO_ONLY, couple(), TODAY)).toEqual({ routine: 'started' });
  });

  it('leaves out the lights and music switched off for tonight', () => {
    const state = { ...couple(), lightsOffDay: TODAY, musicOffDay: TODAY };
    expect(settleEffects(FULL, state, TODAY)).toEqual({ routine: 'started' });
  });

  it('starts tonight at the first step with the ceiling asked for, and counts it as in progress', () => {
    const state = couple({});
    settle(state, TODAY, 2);
    expect(state.ritual).toMatchObject({ day: TODAY, step: SETTLE, paused: false, ceiling: 2 });
    expect(state.days[TODAY]?.ritual).toEqual({ reached: 1, ended: 'inProgress' });
  });
});

describe('the rest version', () => {
  it('plays music wherever it plays tonight, and dims the lights', () => {
    expect(restEffects(FULL, couple(), TODAY)).toEqual({ lights: 'dim', hubMusic: 'play' });
    expect(restEffects(ECHO_ONLY, couple(), TODAY)).toEqual({ stream: 'play' });
    expect(restEffects(BARE, couple(), TODAY)).toEqual({});
  });

  it('has no steps and counts as rest', () => {
    const state = settled();
    rest(state, TODAY);
    expect(state.ritual).toBeUndefined();
    expect(state.days[TODAY]?.ritual?.ended).toBe('rest');
  });
});

describe('going on', () => {
  it('walks settle → check-in → exchange → close, then the ritual is complete', () => {
    const state = settled();
    const steps: number[] = [];
    let progress: RitualProgress | undefined = ritualTonight(state, TODAY);
    while (progress) {
      steps.push(advance(state, TODAY, progress, CONTENT).step);
      progress = ritualTonight(state, TODAY);
    }
    expect(steps).toEqual([CHECK_IN, EXCHANGE, CLOSE]);
    expect(state.days[TODAY]?.ritual).toEqual({ reached: 4, ended: 'completed' });
  });

  it('asks a check-in question that is not about energy or rest, remembered for the rotation', () => {
    const state = settled();
    const shown = advance(state, TODAY, state.ritual!, CONTENT);
    expect(ritualCheckIns(CONTENT.checkIns).map((q) => q.id)).toContain(shown.checkInId);
    expect(state.checkIns.at(-1)).toBe(shown.checkInId);
  });

  it('picks an idea within the ceiling asked for before the ritual', () => {
    const state = couple({});
    settle(state, TODAY, 1);
    const checkIn = advance(state, TODAY, state.ritual!, CONTENT);
    const exchange = advance(state, TODAY, checkIn, CONTENT);
    const idea = CONTENT.catalogue.find((a) => a.id === exchange.activityId);
    expect(idea?.energy).toBe(1);
  });

  it('brings the hub music back after a pause, and only then', () => {
    const state = settled();
    expect(advanceEffects(FULL, state, TODAY, { ...state.ritual!, paused: true })).toEqual({ hubMusic: 'play' });
    expect(advanceEffects(FULL, state, TODAY, state.ritual!)).toEqual({});
  });

  it('at the close tells the routine the wind-down ended and starts the Echo stream', () => {
    const state = settled();
    const atExchange = { ...state.ritual!, step: EXCHANGE };
    expect(advanceEffects(ECHO_ONLY, state, TODAY, atExchange)).toEqual({ stream: 'play', routine: 'ended' });
    expect(advanceEffects(FULL, state, TODAY, atExchange)).toEqual({ routine: 'ended' });
  });
});

describe('pausing and "not tonight"', () => {
  it('quiets the music wherever it plays and leaves the lights alone', () => {
    expect(quietEffects({ ...FULL, echoPlaying: true })).toEqual({ stream: 'stop', hubMusic: 'pause' });
    expect(quietEffects(ECHO_ONLY)).toEqual({});
  });

  it('a pause keeps the ritual where it was, and how far they got', () => {
    const state = settled();
    const atCheckIn = advance(state, TODAY, state.ritual!, CONTENT);
    pause(state, TODAY, atCheckIn);
    expect(state.ritual).toMatchObject({ step: CHECK_IN, paused: true });
    expect(state.days[TODAY]?.ritual).toEqual({ reached: 2, ended: 'paused' });
  });

  it('"not tonight" ends tonight\'s ritual and marks the evening as rest', () => {
    const state = settled();
    notTonight(state, TODAY, state.ritual);
    expect(state.ritual).toBeUndefined();
    expect(state.notTonightDay).toBe(TODAY);
    expect(state.days[TODAY]?.ritual?.ended).toBe('notTonight');
  });

  it('"not tonight" with no ritual under way records no ritual', () => {
    const state = couple();
    notTonight(state, TODAY, undefined);
    expect(state.notTonightDay).toBe(TODAY);
    expect(must(state.days[TODAY], "today's record").ritual).toBeUndefined();
  });
});
