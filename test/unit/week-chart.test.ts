import fc from 'fast-check';
import { newCouple, setPartners, type CoupleState, type PartnerId } from '../../src/domain/couple';
import { addDays, type LocalDay } from '../../src/domain/dates';
import { setGoal } from '../../src/domain/goals';
import { activityLookup, loadCatalogue } from '../../src/domain/pacing';
import { weekSummary, type WeekSummary } from '../../src/domain/week-summary';
import { logWin } from '../../src/domain/wins';
import { sparkline, weekChartApl, weekChartText } from '../../src/screens/week-chart';
import { goalText, winsText } from '../../src/speech/week-chart';

const lookup = activityLookup(loadCatalogue());
const MON = '2026-11-23';
const FRI = '2026-11-27';
const names = { a: 'Sam', b: 'Alex' };

function couple(): CoupleState {
  const state = newCouple();
  setPartners(state, 'Sam', 'Alex');
  return state;
}

function withEnergy(levels: Record<PartnerId, (number | undefined)[]>, today: LocalDay = FRI): { state: CoupleState; summary: WeekSummary } {
  const state = couple();
  for (let i = 0; i < 7; i++) {
    const energy = { ...(levels.a[i] && { a: levels.a[i] }), ...(levels.b[i] && { b: levels.b[i] }) };
    if (Object.keys(energy).length > 0) state.days[addDays(MON, i)] = { energy };
  }
  return { state, summary: weekSummary(state, today, lookup) };
}

describe('sparkline', () => {
  it('maps 1 to 5 to rising blocks and a missing day to a dot', () => {
    expect(sparkline([1, 2, 3, 4, 5])).toBe('▁▂▄▆█');
    expect(sparkline([undefined, 3, undefined])).toBe('·▄·');
    expect(sparkline([])).toBe('');
  });

  it('keeps odd values on the scale', () => {
    expect(sparkline([0, 9, 2.6, Number.NaN])).toBe('▁█▄·');
  });
});

describe('weekChartText', () => {
  it('draws one padded row per partner, then the goal and the wins', () => {
    const u = undefined;
    const { state } = withEnergy({ a: [2, 3, 3, u, 4], b: [3, 3, 2, u, 4] });
    setGoal(state, 'careDate', 2, MON);
    state.pacing.sessions.push({ day: MON, activityId: 'tea-together', ratings: {} });
    logWin(state, 'cuddle', MON);
    const lines = weekChartText(weekSummary(state, FRI, lookup), names);
    expect(lines).toEqual(['Sam   ▂▄▄·▆··  (Mon–Sun)', 'Alex  ▄▄▂·▆··', 'goal: 1 of 2 care dates', 'wins: 1 small win']);
  });

  it('pads to the longer name and trims very long ones', () => {
    const { summary } = withEnergy({ a: [], b: [] });
    const lines = weekChartText(summary, { a: 'Bartholomew-Augustus', b: 'Jo' });
    expect(lines[0]?.indexOf('·')).toBe(lines[1]?.indexOf('·'));
    expect(lines[0]?.startsWith('Bartholomew-')).toBe(true);
    expect(lines[0]).not.toContain('Augustus');
  });

  it('leaves the goal line out without a goal, and never shows a zero score', () => {
    const { state, summary } = withEnergy({ a: [], b: [] });
    expect(weekChartText(summary, names)).toEqual(['Sam   ·······  (Mon–Sun)', 'Alex  ·······', 'wins: every small thing counts']);
    setGoal(state, 'touch', 1, MON);
    const aim = weekSummary(state, FRI, lookup);
    expect(goalText(aim)).toBe('aiming for 1 evening of touch');
    expect(winsText(aim)).not.toMatch(/\b0\b/);
  });

  it('says when the goal is met', () => {
    const state = couple();
    setGoal(state, 'ritual', 1, MON);
    state.days[MON] = { ritual: { reached: 4, ended: 'completed' } };
    state.pacing.restDays = [MON, addDays(MON, 1)];
    const summary = weekSummary(state, FRI, lookup);
    expect(goalText(summary)).toBe('1 of 1 wind-down, goal met');
    expect(winsText(summary)).toBe('2 small wins, 1 rest day honoured');
  });
});

describe('weekChartApl', () => {
  const u = undefined;
  const first = withEnergy({ a: [1, 5, u, 3, u], b: [2, 2, 2, u, u] }).summary;
  const second = withEnergy({ a: [4], b: [] }, MON).summary;

  it('is a constant APL 2023.3 document with the data in payload', () => {
    const one = weekChartApl(first, names);
    const two = weekChartApl(second, { a: 'Jo', b: 'Kim' });
    expect(one.document).toEqual(two.document);
    expect(one.document).toMatchObject({ type: 'APL', version: '2023.3', mainTemplate: { parameters: ['payload'] } });
    expect(JSON.stringify(one.document)).not.toMatch(/Sam|Alex/);
    expect(one.datasources).not.toEqual(two.datasources);
  });

  it('uses only core components', () => {
    const types = new Set(JSON.stringify(weekChartApl(first, names).document).match(/"type":"[A-Za-z]+"/g));
    expect([...types].sort()).toEqual(['"type":"APL"', '"type":"Container"', '"type":"Frame"', '"type":"Text"']);
  });

  it('gives each partner seven bars proportional to energy, and day initials', () => {
    interface Bar {
      height: number;
      opacity: number;
    }
    interface Payload {
      title: string;
      partners: { name: string; bars: Bar[] }[];
      initials: { initial: string }[];
    }
    const { datasources } = weekChartApl(first, names) as { datasources: { payload: Payload } };
    const { payload } = datasources;
    expect(payload.title).toBe('This week');
    expect(payload.partners.map((p) => p.name)).toEqual(['Sam', 'Alex']);
    const heights = payload.partners[0]?.bars.map((b) => b.height);
    expect(heights).toHaveLength(7);
    expect(heights?.slice(0, 4)).toEqual([20, 100, 6, 60]);
    expect(payload.partners[1]?.bars[0]?.height).toBe(40);
    expect(payload.partners[0]?.bars.map((b) => b.opacity)).toEqual([1, 1, 1, 1, 1, 0.35, 0.35]);
    expect(payload.initials.map((d) => d.initial).join('')).toBe('MTWTFSS');
  });

  it('is serialisable and small for any week', () => {
    const level = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(level, { minLength: 7, maxLength: 7 }),
        fc.array(level, { minLength: 7, maxLength: 7 }),
        fc.integer({ min: 0, max: 6 }),
        (a, b, offset) => {
          const { summary } = withEnergy({ a, b }, addDays(MON, offset));
          const apl = weekChartApl(summary, { a: 'A'.repeat(40), b: 'B' });
          const size = Buffer.byteLength(JSON.stringify(apl));
          expect(size).toBeLessThan(20 * 1024);
          expect(JSON.parse(JSON.stringify(apl))).toEqual(apl);
          expect(weekChartText(summary, names)[0]).toHaveLength('Sam   '.length + 7 + '  (Mon–Sun)'.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
