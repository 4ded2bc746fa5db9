import fc from 'fast-check';
import model from '../../models/en-US.json';
import {
  HISTORY_DAYS,
  newCouple,
  setPartners,
  type CoupleState,
  type GoalKind,
  type PartnerId,
  type RitualRecord,
  type WinRecord,
} from '../../src/domain/couple';
import { addDays, localDay, weekday, type LocalDay } from '../../src/domain/dates';
import { goalProgress, previousWeek, setGoal, weekBounds } from '../../src/domain/goals';
import { SPOKEN, activityLookup, loadCatalogue, type Rating, type SessionRecord } from '../../src/domain/pacing';
import { energyTrend, weekSummary } from '../../src/domain/week-summary';
import { MAX_WINS_PER_DAY, WIN_CATEGORIES, asWinCategory, countsAutomatically, logWin } from '../../src/domain/wins';
import { spokenWin } from '../../src/speech/en-US';

const catalogue = loadCatalogue();
const lookup = activityLookup(catalogue);

/** Monday 23 to Sunday 29 November 2026; "today" is the Wednesday. */
const MON = '2026-11-23';
const TUE = '2026-11-24';
const WED = '2026-11-25';
const THU = '2026-11-26';
const SUN = '2026-11-29';
const LAST_MON = '2026-11-16';

/** Activities by tier and cost, from the real catalogue. */
const TALK = 'one-good-thing'; // A, cost 1, no touch
const TEA = 'tea-together'; // A, cost 2, no touch
const HAND_MASSAGE = 'hand-massage'; // B, cost 2
const LEAN = 'lean-together'; // B, cost 1
const EMBRACE = 'breathe-in-an-embrace'; // C, cost 1

function couple(): CoupleState {
  const state = newCouple();
  setPartners(state, 'Sam', 'Alex');
  return state;
}

function ritual(state: CoupleState, day: LocalDay, ended: RitualRecord['ended'] = 'completed'): void {
  (state.days[day] ??= {}).ritual = { reached: ended === 'completed' ? 4 : 2, ended };
}

function session(state: CoupleState, day: LocalDay, activityId: string, ratings: SessionRecord['ratings'] = {}): void {
  state.pacing.sessions.push({ day, activityId, ratings });
}

function energy(state: CoupleState, day: LocalDay, levels: Partial<Record<PartnerId, number>>): void {
  (state.days[day] ??= {}).energy = levels;
}

describe('setGoal', () => {
  it('sets a modest goal without a nudge', () => {
    const state = couple();
    const { goal, gentleNudge } = setGoal(state, 'careDate', 2, WED);
    expect(goal).toEqual({ kind: 'careDate', perWeek: 2, setOn: WED });
    expect(state.goal).toEqual(goal);
    expect(gentleNudge).toBe(false);
    expect(setGoal(state, 'touch', 4, WED).gentleNudge).toBe(false);
  });

  it('nudges gently above four a week but keeps what they chose', () => {
    const state = couple();
    const { goal, gentleNudge } = setGoal(state, 'ritual', 5, WED);
    expect(gentleNudge).toBe(true);
    expect(goal.perWeek).toBe(5);
    expect(state.goal?.perWeek).toBe(5);
    expect(setGoal(state, 'ritual', 14, WED).gentleNudge).toBe(true);
  });

  it.each([0, 15, -1, 2.5, Number.NaN])('refuses %p a week so the handler can re-ask', (n) => {
    const state = couple();
    expect(() => setGoal(state, 'careDate', n, WED)).toThrow(RangeError);
    expect(state.goal).toBeUndefined();
  });
});

describe('win categories', () => {
  it('are a small list of unique kebab-case ids with plain spoken phrases', () => {
    const ids = [...WIN_CATEGORIES];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(12);
    for (const c of WIN_CATEGORIES) {
      expect(c).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(spokenWin(c)).toMatch(SPOKEN);
    }
    expect(spokenWin('cuddle')).toBe('a cuddle');
  });

  it('map an unrecognised slot value to other, still a win', () => {
    expect(asWinCategory('cuddle')).toBe('cuddle');
    expect(asWinCategory('juggling')).toBe('other');
    expect(asWinCategory(undefined)).toBe('other');
  });

  const types = model.interactionModel.languageModel.types as { name: string; values: { id?: string }[] }[];
  const slotType = types.find((t) => t.name === 'WinCategory');
  it('match the WinCategory slot type of the interaction model', () => {
    expect(slotType).toBeDefined();
    expect(slotType?.values.map((v) => v.id).sort()).toEqual([...WIN_CATEGORIES].sort());
  });
});

describe('logWin', () => {
  it('creates the day and appends what they said, repeats included', () => {
    const state = couple();
    expect(logWin(state, 'cuddle', WED)).toBe('logged');
    expect(logWin(state, 'cuddle', WED)).toBe('logged');
    expect(state.days[WED]?.wins).toEqual([
      { category: 'cuddle', source: 'said' },
      { category: 'cuddle', source: 'said' },
    ]);
  });

  it('holds at most ten wins a day', () => {
    const state = couple();
    for (let i = 0; i < MAX_WINS_PER_DAY; i++) expect(logWin(state, 'laughed', WED)).toBe('logged');
    expect(logWin(state, 'laughed', WED)).toBe('dayFull');
    expect(state.days[WED]?.wins).toHaveLength(MAX_WINS_PER_DAY);
  });

  it('counts each automatic source once a day', () => {
    const state = couple();
    for (const source of ['ritual', 'rest', 'comfortable'] as const) {
      expect(logWin(state, 'together', WED, source)).toBe('logged');
      expect(logWin(state, 'together', WED, source)).toBe('alreadyCounted');
    }
    expect(logWin(state, 'wind-down', THU, 'ritual')).toBe('logged');
    expect(state.days[WED]?.wins).toHaveLength(3);
  });

  it('refuses a category outside the list', () => {
    expect(() => logWin(couple(), 'juggling' as never, WED)).toThrow(RangeError);
  });

  it('keeps only the rolling window of days', () => {
    const state = couple();
    logWin(state, 'talk', addDays(WED, -30));
    logWin(state, 'talk', WED);
    expect(Object.keys(state.days)).toEqual([WED]);
  });
});

describe('automatic wins', () => {
  const sources = (wins: WinRecord[]) => wins.map((w) => w.source);

  it('count a completed ritual, not a paused one', () => {
    const state = couple();
    ritual(state, MON);
    ritual(state, TUE, 'paused');
    expect(sources(countsAutomatically(state, MON, lookup))).toEqual(['ritual']);
    expect(countsAutomatically(state, TUE, lookup)).toEqual([]);
  });

  it('count an honoured rest day: a gentle evening, a pause, "not tonight" or an unfinished ritual all honour it', () => {
    const state = couple();
    state.pacing.restDays = [MON, TUE, WED, THU];
    session(state, MON, TALK);
    ritual(state, TUE, 'notTonight');
    ritual(state, WED, 'paused');
    ritual(state, THU, 'inProgress');
    for (const day of [MON, TUE, WED, THU]) expect(sources(countsAutomatically(state, day, lookup))).toEqual(['rest']);
  });

  it('do not count a rest day that became an ordinary evening', () => {
    const state = couple();
    state.pacing.restDays = [MON, TUE];
    session(state, MON, TEA);
    ritual(state, TUE);
    expect(countsAutomatically(state, MON, lookup)).toEqual([]);
    expect(sources(countsAutomatically(state, TUE, lookup))).toEqual(['ritual']);
  });

  it('count a session rated comfortable once, and none with a too much', () => {
    const state = couple();
    session(state, MON, TALK, { a: 'comfortable' });
    session(state, MON, LEAN, { both: 'comfortable' });
    session(state, TUE, LEAN, { a: 'comfortable', b: 'tooMuch' });
    session(state, WED, LEAN);
    expect(sources(countsAutomatically(state, MON, lookup))).toEqual(['comfortable']);
    expect(countsAutomatically(state, TUE, lookup)).toEqual([]);
    expect(countsAutomatically(state, WED, lookup)).toEqual([]);
  });

  it('are counted once in the summary whether stored or computed', () => {
    const state = couple();
    state.pacing.restDays = [MON];
    ritual(state, TUE);
    logWin(state, 'rested', MON, 'rest');
    logWin(state, 'wind-down', TUE, 'ritual');
    logWin(state, 'wind-down', TUE, 'ritual');
    const wins = weekSummary(state, WED, lookup).wins;
    expect(wins).toMatchObject({ count: 2, said: 0, automatic: 2 });
  });

  it('do not repeat a category they said themselves that day', () => {
    const state = couple();
    state.pacing.restDays = [MON];
    logWin(state, 'rested', MON);
    expect(weekSummary(state, WED, lookup).wins).toMatchObject({ count: 1, said: 1, automatic: 0 });
  });
});

describe('weekBounds', () => {
  it('runs Monday to Sunday around any day', () => {
    expect(weekBounds(WED)).toEqual({ start: MON, end: SUN });
    expect(weekBounds(MON)).toEqual({ start: MON, end: SUN });
    expect(weekBounds(SUN)).toEqual({ start: MON, end: SUN });
    expect(previousWeek(WED)).toEqual({ start: LAST_MON, end: '2026-11-22' });
    expect(previousWeek(MON)).toEqual(previousWeek(SUN));
  });

  it('crosses month and year boundaries', () => {
    expect(weekBounds('2026-03-01')).toEqual({ start: '2026-02-23', end: '2026-03-01' });
    expect(weekBounds('2026-01-01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(previousWeek('2026-01-01')).toEqual({ start: '2025-12-22', end: '2025-12-28' });
    expect(weekBounds('2024-02-29')).toEqual({ start: '2024-02-26', end: '2024-03-03' });
  });

  it("follows the couple's local day: Sunday night and Monday morning", () => {
    // 23:30 on Sunday in Los Angeles is already Monday in UTC.
    const sundayNight = localDay(new Date('2026-03-02T07:30:00Z'), 'America/Los_Angeles');
    expect(sundayNight).toBe('2026-03-01');
    expect(weekBounds(sundayNight).start).toBe('2026-02-23');
    // 01:30 on Monday in Sydney is still Sunday in UTC.
    const mondayMorning = localDay(new Date('2026-03-01T14:30:00Z'), 'Australia/Sydney');
    expect(mondayMorning).toBe('2026-03-02');
    expect(weekBounds(mondayMorning).start).toBe('2026-03-02');
  });
});

describe('goalProgress counts evenings, not items', () => {
  function busyWeek(): CoupleState {
    const state = couple();
    // Monday: a full ritual with a talk and a touch idea in it.
    ritual(state, MON);
    session(state, MON, TALK);
    session(state, MON, HAND_MASSAGE, { both: 'comfortable' });
    // Tuesday: two touch ideas, one of them too much.
    session(state, TUE, LEAN, { a: 'comfortable' });
    session(state, TUE, EMBRACE, { b: 'tooMuch' });
    // Wednesday: a paused ritual and a cup of tea.
    ritual(state, WED, 'paused');
    session(state, WED, TEA, { a: 'tooMuch' });
    // Last week and Thursday do not count for a Wednesday.
    ritual(state, LAST_MON);
    session(state, THU, LEAN);
    return state;
  }

  const cases: [GoalKind, number][] = [
    ['ritual', 1], // Monday only
    ['careDate', 3], // every evening with a ritual or an idea
    ['touch', 2], // Monday and Tuesday (Tuesday's lean was fine)
    ['conversation', 2], // Monday's ritual and talk as one, Wednesday's tea
  ];

  it.each(cases)('%s', (kind, done) => {
    const state = busyWeek();
    setGoal(state, kind, 2, MON);
    const progress = goalProgress(state, WED, lookup);
    expect(progress.done).toBe(done);
    expect(progress.remaining).toBe(Math.max(0, 2 - done));
    expect(progress.met).toBe(done >= 2);
  });

  it('counts a completed ritual alone as a care date and a conversation, not as touch', () => {
    const state = couple();
    ritual(state, MON);
    const done = (kind: GoalKind) => {
      setGoal(state, kind, 1, MON);
      return goalProgress(state, WED, lookup).done;
    };
    expect([done('careDate'), done('conversation'), done('ritual'), done('touch')]).toEqual([1, 1, 1, 0]);
  });

  it('does not count touch that was too much, or an activity no longer in the catalogue', () => {
    const state = couple();
    setGoal(state, 'touch', 1, MON);
    session(state, MON, EMBRACE, { a: 'comfortable', b: 'tooMuch' });
    session(state, TUE, 'retired-id', { both: 'comfortable' });
    expect(goalProgress(state, WED, lookup)).toMatchObject({ done: 0, remaining: 1, met: false });
  });

  it('counts the whole week, even evenings before the goal was set', () => {
    const state = couple();
    ritual(state, MON);
    setGoal(state, 'ritual', 1, WED);
    expect(goalProgress(state, WED, lookup)).toMatchObject({ done: 1, remaining: 0, met: true });
  });

  it('reports nothing to do without a goal', () => {
    expect(goalProgress(couple(), WED, lookup)).toEqual({ done: 0, remaining: 0, met: false });
  });

  it('starts afresh on Monday', () => {
    const state = busyWeek();
    setGoal(state, 'careDate', 2, MON);
    expect(goalProgress(state, '2026-11-30', lookup).done).toBe(0);
  });
});

describe('energy trend', () => {
  const u = undefined;
  it('is steadier when the spread clearly narrows', () => {
    expect(energyTrend([3, 3, 3], [1, 5, 1, 5])).toBe('steadier');
    expect(energyTrend([2, 2, 2, 2], [1, 3, 1, 3])).toBe('steadier');
  });

  it('is brighter or lower when the mean moves by half a level', () => {
    expect(energyTrend([3, 4, 3, 4], [3, 3, 3, 3])).toBe('brighter');
    expect(energyTrend([2, 3, 2, 3], [3, 3, 3, 3])).toBe('lower');
  });

  it('is similar for small moves', () => {
    expect(energyTrend([3, 3, 3, 4], [3, 3, 3, 3])).toBe('similar');
    expect(energyTrend([2, 4, u, 2, 4], [2, 4, 2, 4])).toBe('similar');
  });

  it('needs two logged days in each week', () => {
    expect(energyTrend([3, u, u], [1, 5, 1])).toBe('notEnough');
    expect(energyTrend([3, 4], [u, 2, u])).toBe('notEnough');
    expect(energyTrend([], [])).toBe('notEnough');
  });

  it('reads the lower of the two partners each day', () => {
    const state = couple();
    // Last week: Sam bright, Alex low; this week Alex is brighter and Sam steady.
    for (let i = 0; i < 4; i++) energy(state, addDays(LAST_MON, i), { a: 5, b: 2 });
    for (const day of [MON, TUE, WED]) energy(state, day, { a: 4, b: 3 });
    const { energy: e } = weekSummary(state, WED, lookup);
    expect(e.trend).toBe('brighter');
    expect(e.a).toEqual({ daysLogged: 3, average: 4, lastWeekAverage: 5 });
    expect(e.b).toEqual({ daysLogged: 3, average: 3, lastWeekAverage: 2 });
  });

  it('uses the one log there is on a day only one partner logged', () => {
    const state = couple();
    energy(state, LAST_MON, { a: 4 });
    energy(state, addDays(LAST_MON, 1), { b: 4 });
    energy(state, MON, { a: 2 });
    energy(state, TUE, { a: 5, b: 2 });
    const { energy: e } = weekSummary(state, WED, lookup);
    expect(e.trend).toBe('lower');
    expect(e.a).toEqual({ daysLogged: 2, average: 3.5, lastWeekAverage: 4 });
    expect(e.b).toEqual({ daysLogged: 1, average: 2, lastWeekAverage: 4 });
  });

  it('is notEnough in a first week', () => {
    const state = couple();
    for (const day of [MON, TUE, WED]) energy(state, day, { a: 3, b: 3 });
    expect(weekSummary(state, WED, lookup).energy.trend).toBe('notEnough');
  });
});

describe('weekSummary', () => {
  it('gathers goal, wins, rest days and rituals for this week so far', () => {
    const state = couple();
    setGoal(state, 'careDate', 2, MON);
    state.pacing.restDays = [TUE, SUN];
    ritual(state, MON);
    session(state, MON, HAND_MASSAGE, { both: 'comfortable' });
    logWin(state, 'cuddle', MON);
    logWin(state, 'cuddle', WED);
    logWin(state, 'laughed', WED);
    logWin(state, 'talk', LAST_MON);
    energy(state, MON, { a: 3, b: 2 });
    energy(state, THU, { a: 5 }); // after today: not shown
    const summary = weekSummary(state, WED, lookup);
    expect(summary).toMatchObject({
      start: MON,
      end: SUN,
      today: WED,
      goal: { done: 1, remaining: 1, met: false },
      wins: { count: 6, said: 3, automatic: 3, top: 'cuddle' },
      restDaysHonoured: 1,
      rituals: 1,
    });
    expect(summary.days).toEqual([
      { day: MON, a: 3, b: 2, restDay: false, future: false },
      { day: TUE, restDay: true, future: false },
      { day: WED, restDay: false, future: false },
      { day: THU, restDay: false, future: true },
      { day: '2026-11-27', restDay: false, future: true },
      { day: '2026-11-28', restDay: false, future: true },
      { day: SUN, restDay: true, future: true },
    ]);
  });

  it('breaks a tie for the top win by the order of the list', () => {
    const state = couple();
    logWin(state, 'laughed', MON);
    logWin(state, 'held-hands', TUE);
    expect(weekSummary(state, WED, lookup).wins.top).toBe('held-hands');
    expect(weekSummary(couple(), WED, lookup).wins).toEqual({ count: 0, said: 0, automatic: 0, top: undefined });
  });

  it('never carries a count of what was missed', () => {
    const state = couple();
    setGoal(state, 'ritual', 3, MON);
    state.pacing.restDays = [MON];
    session(state, MON, 'short-evening-stroll', { a: 'tooMuch' });
    const keys = JSON.stringify(weekSummary(state, SUN, lookup)).match(/"[a-zA-Z]+":/g) ?? [];
    expect(keys.join(' ')).not.toMatch(/miss|fail|broke|skip|behind|late/i);
  });

  it('relies on a window long enough to hold all of last week on a Sunday', () => {
    expect(HISTORY_DAYS - 1).toBeGreaterThanOrEqual(weekday(SUN) + 7);
  });
});

describe('weekSummary properties', () => {
  const BASE = '2026-01-01';
  const dayArb = (from: number, to: number) => fc.integer({ min: from, max: to }).map((n) => addDays(BASE, n));
  const ids = [...catalogue.map((a) => a.id), 'retired-id'];
  const rating = fc.option(fc.constantFrom<Rating>('comfortable', 'tooMuch'), { nil: undefined });
  const level = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });
  const dayRecord = fc.record(
    {
      energy: fc.record({ a: level, b: level }, { requiredKeys: [] }),
      wins: fc.array(
        fc.record({
          category: fc.constantFrom(...WIN_CATEGORIES, 'unknown'),
          source: fc.constantFrom<WinRecord['source']>('said', 'ritual', 'rest', 'comfortable'),
        }),
        { maxLength: 12 },
      ),
      ritual: fc.record({
        reached: fc.integer({ min: 0, max: 4 }),
        ended: fc.constantFrom<RitualRecord['ended']>('inProgress', 'completed', 'paused', 'notTonight', 'stopped', 'rest'),
      }),
    },
    { requiredKeys: [] },
  );
  const stateArb = fc
    .record({
      days: fc.dictionary(dayArb(20, 60), dayRecord, { maxKeys: 20 }),
      sessions: fc.array(
        fc.record({
          day: dayArb(20, 60),
          activityId: fc.constantFrom(...ids),
          ratings: fc.record({ a: rating, b: rating, both: rating }, { requiredKeys: [] }),
        }),
        { maxLength: 40 },
      ),
      restDays: fc.uniqueArray(dayArb(20, 60), { maxLength: 10 }),
      goal: fc.option(
        fc.record({
          kind: fc.constantFrom<GoalKind>('ritual', 'careDate', 'touch', 'conversation'),
          perWeek: fc.integer({ min: 1, max: 14 }),
          setOn: dayArb(20, 60),
        }),
        { nil: undefined },
      ),
    })
    .map(({ days, sessions, restDays, goal }) => {
      const state = couple();
      state.days = days;
      state.pacing.sessions = sessions;
      state.pacing.restDays = restDays;
      state.goal = goal;
      return state;
    });

  const isCount = (n: number) => Number.isInteger(n) && n >= 0;

  it('never throws, counts are whole and non-negative, done fits the evenings so far, days run Monday to Sunday', () => {
    fc.assert(
      fc.property(stateArb, dayArb(30, 50), (state, today) => {
        const before = structuredClone(state);
        const s = weekSummary(state, today, lookup);
        expect(state).toEqual(before);
        for (const n of [
          s.goal.done,
          s.goal.remaining,
          s.wins.count,
          s.wins.said,
          s.wins.automatic,
          s.restDaysHonoured,
          s.rituals,
          s.energy.a.daysLogged,
          s.energy.b.daysLogged,
        ]) {
          expect(isCount(n)).toBe(true);
        }
        const eveningsSoFar = weekday(today) + 1;
        expect(s.goal.done).toBeLessThanOrEqual(eveningsSoFar);
        expect(s.rituals).toBeLessThanOrEqual(eveningsSoFar);
        expect(s.restDaysHonoured).toBeLessThanOrEqual(eveningsSoFar);
        expect(s.energy.a.daysLogged).toBeLessThanOrEqual(eveningsSoFar);
        expect(s.wins.said + s.wins.automatic).toBe(s.wins.count);
        expect(s.wins.count).toBeLessThanOrEqual(eveningsSoFar * (MAX_WINS_PER_DAY + 3));
        expect(s.days.map((d) => d.day)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(s.start, i)));
        expect(weekday(s.start)).toBe(0);
        expect(s.days.map((d) => d.future)).toEqual(s.days.map((d) => d.day > today));
        expect(s.days.some((d) => d.day === today)).toBe(true);
        if (s.goal.goal) expect(s.goal.met).toBe(s.goal.done >= s.goal.goal.perWeek);
        expect(JSON.parse(JSON.stringify(s))).toBeTruthy();
      }),
      { numRuns: 1000 },
    );
  });
});
