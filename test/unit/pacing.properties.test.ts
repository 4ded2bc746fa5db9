import fc from 'fast-check';
import { addDays, daysBetween } from '../../src/domain/dates';
import {
  NEEDS,
  addRestDay,
  advanceTurn,
  isComfortableForBoth,
  isTooMuch,
  loadCatalogue,
  maxTier,
  nextIdea,
  passTurn,
  rateSession,
  recordSession,
  recordSuggestion,
  restWeekAdvised,
  suggest,
  whoseTurn,
  type Activity,
  type PacingState,
  type SessionRecord,
  type SuggestContext,
  type Tier,
} from '../../src/domain/pacing';
import type { PartnerId } from '../../src/domain/couple';

const BASE = '2026-01-01';
const catalogue = loadCatalogue();
const RUNS = { numRuns: 2000 };

const dayArb = (from: number, to: number) => fc.integer({ min: from, max: to }).map((n) => addDays(BASE, n));
const todayArb = dayArb(40, 60);
/** Days near "today" so calendar entries often land on it or the day before. */
const nearDayArb = dayArb(35, 62);
const idArb = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...catalogue.map((a) => a.id)) }, { weight: 1, arbitrary: fc.constant('retired-id') });
const ratingArb = fc.option(fc.constantFrom('comfortable' as const, 'tooMuch' as const), { nil: undefined });
const partnerArb = fc.constantFrom<PartnerId>('a', 'b');

/** Ratings lean comfortable so random histories often reach the tier-C streak. */
const sessionArb: fc.Arbitrary<SessionRecord> = fc.record({
  day: dayArb(0, 62),
  activityId: idArb,
  ratings: fc.oneof(
    { weight: 3, arbitrary: fc.constant({ both: 'comfortable' as const }) },
    { weight: 2, arbitrary: fc.constant({ a: 'comfortable' as const, b: 'comfortable' as const }) },
    { weight: 4, arbitrary: fc.record({ a: ratingArb, b: ratingArb, both: ratingArb }, { requiredKeys: [] }) },
  ),
});

const stateArb: fc.Arbitrary<PacingState> = fc.record({
  sessions: fc.array(sessionArb, { maxLength: 40 }).map((list) => [...list].sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0))),
  recent: fc.array(idArb, { maxLength: 10 }),
  setAside: fc.dictionary(idArb, dayArb(20, 62), { maxKeys: 8 }),
  lacks: fc.subarray([...NEEDS]),
  restDays: fc.uniqueArray(nearDayArb, { maxLength: 4 }),
  appointments: fc.uniqueArray(nearDayArb, { maxLength: 4 }),
  sore: fc.dictionary(nearDayArb, fc.subarray<PartnerId>(['a', 'b'], { minLength: 1 }), { maxKeys: 4 }),
  stepDown: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  turn: partnerArb,
  turnDay: fc.option(nearDayArb, { nil: undefined }),
  favourites: fc.uniqueArray(idArb, { maxLength: 8 }),
});

const energyArb = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });
const ctxArb: fc.Arbitrary<SuggestContext> = fc.record({
  today: todayArb,
  energies: fc.record({ a: energyArb, b: energyArb }),
  musicOn: fc.option(fc.boolean(), { nil: undefined }),
  lightsOn: fc.option(fc.boolean(), { nil: undefined }),
});

const RANK: Record<Tier, number> = { A: 0, B: 1, C: 2 };

/** Independent reading of the ladder's streak: 3 comfortable-for-both since the last "too much", spanning 7 days. */
function streakHolds(p: PacingState, today: string): boolean {
  const past = p.sessions.filter((s) => s.day <= today);
  let since = past;
  for (const [i, session] of past.entries()) if (isTooMuch(session)) since = past.slice(i + 1);
  const good = since
    .filter(isComfortableForBoth)
    .map((s) => s.day)
    .sort();
  const [first] = good;
  const last = good.at(-1);
  return good.length >= 3 && first !== undefined && last !== undefined && daysBetween(first, last) >= 6;
}

const calendarDay = (p: PacingState, today: string) =>
  p.restDays.includes(today) || p.appointments.includes(today) || p.appointments.includes(addDays(today, -1)) || restWeekAdvised(p, today);

/** Every hard rule, checked on one offered activity. */
function problems(a: Activity, p: PacingState, ctx: SuggestContext): string[] {
  const out: string[] = [];
  const ceiling = Math.min(ctx.energies.a ?? 2, ctx.energies.b ?? 2);
  if (a.energy > ceiling) out.push('above the slower partner');
  if (calendarDay(p, ctx.today) && (a.energy > 1 || a.tier !== 'A')) out.push('more than companionship on a gentle day');
  if (RANK[a.tier] > RANK[maxTier(p, ctx.today)]) out.push('above the ladder');
  if (a.tier === 'C' && !streakHolds(p, ctx.today)) out.push('tier C without the streak');
  if (p.recent.slice(-3).includes(a.id)) out.push('one of the last three');
  const aside = p.setAside[a.id];
  if (aside !== undefined && daysBetween(aside, ctx.today) >= 0 && daysBetween(aside, ctx.today) < 14) out.push('set aside');
  if (a.needs.some((n) => p.lacks.includes(n))) out.push('needs something they lack');
  if (ctx.musicOn === false && a.needs.includes('music')) out.push('music while off');
  if (ctx.lightsOn === false && a.needs.includes('lights')) out.push('lights while off');
  if ((p.sore[ctx.today] ?? []).length > 0 && a.touch) out.push('touch while sore');
  return out;
}

describe('pacing invariants over random states', () => {
  it('every offered activity (the pick and all alternatives) keeps every rule', () => {
    fc.assert(
      fc.property(stateArb, ctxArb, (p, ctx) => {
        const s = suggest(p, ctx, catalogue);
        const offered = s.activity ? [s.activity, ...s.alternatives] : s.alternatives;
        for (const a of offered) expect({ id: a.id, problems: problems(a, p, ctx) }).toEqual({ id: a.id, problems: [] });
        expect(s.ceiling).toBeLessThanOrEqual(Math.min(ctx.energies.a ?? 2, ctx.energies.b ?? 2));
        if (calendarDay(p, ctx.today)) expect({ ceiling: s.ceiling, tier: s.tier }).toEqual({ ceiling: 1, tier: 'A' });
        expect(RANK[s.tier]).toBeLessThanOrEqual(RANK[maxTier(p, ctx.today)]);
      }),
      RUNS,
    );
  });

  it('opens tier C exactly when the comfortable streak holds and no step down is running', () => {
    fc.assert(
      fc.property(stateArb, todayArb, (p, today) => {
        if (maxTier(p, today) === 'C') expect(streakHolds(p, today)).toBe(true);
        if (p.stepDown === 0) expect(maxTier(p, today) === 'C').toBe(streakHolds(p, today));
        if (p.stepDown > 0) expect(maxTier(p, today)).not.toBe('C');
      }),
      RUNS,
    );
  });

  it('alternatives never contain the pick, nor any duplicate, and a pick exists whenever anything is eligible', () => {
    fc.assert(
      fc.property(stateArb, ctxArb, (p, ctx) => {
        const s = suggest(p, ctx, catalogue);
        const offered = s.alternatives.map((a) => a.id);
        if (s.activity) expect(offered).not.toContain(s.activity.id);
        expect(new Set(offered).size).toBe(offered.length);
        if (!s.activity) expect(s.alternatives).toEqual([]);
      }),
      RUNS,
    );
  });

  it('prefers the ceiling or one below whenever such an activity is eligible', () => {
    fc.assert(
      fc.property(stateArb, ctxArb, (p, ctx) => {
        const s = suggest(p, ctx, catalogue);
        if (!s.activity) return;
        const inBand = (a: Activity) => a.energy >= s.ceiling - 1;
        if (s.alternatives.some(inBand)) expect(inBand(s.activity)).toBe(true);
        const costs = s.alternatives.filter((a) => !inBand(a)).map((a) => a.energy);
        expect(costs).toEqual([...costs].sort((x, y) => y - x));
      }),
      RUNS,
    );
  });

  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(stateArb, ctxArb, (p, ctx) => {
        const before = structuredClone(p);
        const first = suggest(p, ctx, catalogue);
        expect(suggest(structuredClone(p), structuredClone(ctx), catalogue)).toEqual(first);
        expect(p).toEqual(before);
      }),
      RUNS,
    );
  });

  it('"something else" never repeats tonight and keeps every rule', () => {
    fc.assert(
      fc.property(stateArb, ctxArb, fc.array(idArb, { maxLength: 12 }), (p, ctx, offered) => {
        const idea = nextIdea(p, ctx, catalogue, offered);
        if (!idea) return;
        expect(offered).not.toContain(idea.id);
        expect(problems(idea, p, ctx)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('"something else" walks an evening without repeating, after each idea is recorded', () => {
    fc.assert(
      fc.property(stateArb, ctxArb, (p, ctx) => {
        const draft = structuredClone(p);
        const offered: string[] = [];
        for (let i = 0; i < 8; i++) {
          const idea = nextIdea(draft, ctx, catalogue, offered);
          if (!idea) break;
          expect(offered).not.toContain(idea.id);
          offered.push(idea.id);
          recordSuggestion(draft, idea.id);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('recording invariants', () => {
  const opArb = fc.oneof(
    fc.record({ kind: fc.constant('suggest' as const), id: idArb }),
    fc.record({ kind: fc.constant('session' as const), id: idArb, day: dayArb(40, 60) }),
    fc.record({
      kind: fc.constant('rate' as const),
      rating: fc.constantFrom('comfortable' as const, 'tooMuch' as const, 'notForNow' as const),
      by: fc.constantFrom<PartnerId | 'both'>('a', 'b', 'both'),
      day: dayArb(40, 60),
    }),
    fc.record({ kind: fc.constant('rest' as const), day: dayArb(0, 60) }),
  );

  it('keep the lists bounded, the step down within 0-3, and favourites free of "too much"', () => {
    fc.assert(
      fc.property(stateArb, fc.array(opArb, { maxLength: 30 }), (p, ops) => {
        const draft = structuredClone(p);
        for (const op of ops) {
          if (op.kind === 'suggest') recordSuggestion(draft, op.id);
          else if (op.kind === 'session') recordSession(draft, op.day, op.id);
          else if (op.kind === 'rest') addRestDay(draft, op.day, BASE);
          else {
            const outcome = rateSession(draft, op.rating, op.by, op.day);
            if (op.rating === 'tooMuch' && outcome.activityId) expect(draft.favourites).not.toContain(outcome.activityId);
            if (outcome.unlockedC) expect(streakHolds(draft, op.day)).toBe(true);
          }
          expect(draft.recent.length).toBeLessThanOrEqual(10);
          expect(draft.sessions.length).toBeLessThanOrEqual(40);
          expect(draft.stepDown).toBeGreaterThanOrEqual(0);
          expect(draft.stepDown).toBeLessThanOrEqual(3);
          expect(new Set(draft.restDays).size).toBe(draft.restDays.length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('advance the turn at most once a night, and a pass plus a use hands it back to the passer', () => {
    fc.assert(
      fc.property(partnerArb, fc.option(nearDayArb, { nil: undefined }), todayArb, fc.integer({ min: 1, max: 3 }), (turn, turnDay, today, times) => {
        const p: PacingState = { ...structuredClone(emptyState), turn, turnDay };
        const tonight = whoseTurn(p, today);
        for (let i = 0; i < times; i++) advanceTurn(p, today);
        expect(whoseTurn(p, today)).toBe(tonight);
        const q: PacingState = { ...structuredClone(emptyState), turn, turnDay };
        const holder = whoseTurn(q, addDays(today, 1));
        passTurn(q, addDays(today, 1));
        expect(whoseTurn(q, addDays(today, 1))).not.toBe(holder);
        advanceTurn(q, addDays(today, 1));
        expect(whoseTurn(q, addDays(today, 2))).toBe(holder);
      }),
      { numRuns: 1000 },
    );
  });
});

const emptyState: PacingState = {
  sessions: [],
  recent: [],
  setAside: {},
  lacks: [],
  restDays: [],
  appointments: [],
  sore: {},
  stepDown: 0,
  turn: 'a',
  favourites: [],
};
