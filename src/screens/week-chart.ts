import type { PartnerId } from '../domain/couple';
import { MAX_ENERGY, MIN_ENERGY } from '../domain/energy';
import type { WeekDay, WeekSummary } from '../domain/week-summary';
import { capitalise, CHART_WORDS, energyRowLabel, goalText, trendText, weekdayInitial, winsText } from '../speech/week-chart';

export interface ChartNames {
  a: string;
  b: string;
}

const BLOCKS = ['▁', '▂', '▄', '▆', '█'];
const MISSING = '·';

const clampLevel = (v: number): number => Math.min(MAX_ENERGY, Math.max(MIN_ENERGY, Math.round(v)));

/** One character per day: energy 1..5 as a rising block, a day without a log as a dot. */
export function sparkline(values: (number | undefined)[]): string {
  return values.map((v) => (v === undefined || !Number.isFinite(v) ? MISSING : BLOCKS[clampLevel(v) - MIN_ENERGY])).join('');
}

const NAME_WIDTH_MAX = 12;
const levelsOf = (days: WeekDay[], id: PartnerId) => days.map((d) => d[id]);

/** The terminal simulator's chart (and the app's card): one sparkline per partner, then the goal and the wins. */
export function weekChartText(summary: WeekSummary, names: ChartNames): string[] {
  const a = names.a.slice(0, NAME_WIDTH_MAX);
  const b = names.b.slice(0, NAME_WIDTH_MAX);
  const width = Math.max(a.length, b.length) + 2;
  const goal = goalText(summary);
  return [
    `${a.padEnd(width)}${sparkline(levelsOf(summary.days, 'a'))}  ${CHART_WORDS.span}`,
    `${b.padEnd(width)}${sparkline(levelsOf(summary.days, 'b'))}`,
    ...(goal ? [`${CHART_WORDS.goal}: ${goal}`] : []),
    `${CHART_WORDS.wins}: ${winsText(summary)}`,
  ];
}

const COLOURS = {
  background: '#1a1410',
  text: '#cbb9a4',
  muted: '#4a3b31',
  title: '#e0a458',
  a: '#e0a458',
  b: '#c97b84',
};
/** A day without a log still shows a low dot, so the row keeps its rhythm. */
const EMPTY_BAR = 6;

const barHeight = (v: number | undefined): number => (v === undefined ? EMPTY_BAR : Math.round((clampLevel(v) / MAX_ENERGY) * 100));

/**
 * The constant APL document: two rows of seven bars, day initials, title, goal and trend, all from
 * `payload`. Core components only, dark warm low-contrast colours for a bedroom at night.
 */
const WEEK_CHART_DOCUMENT = {
  type: 'APL',
  version: '2023.3',
  theme: 'dark',
  mainTemplate: {
    parameters: ['payload'],
    items: [
      {
        type: 'Frame',
        width: '100vw',
        height: '100vh',
        backgroundColor: COLOURS.background,
        items: [
          {
            type: 'Container',
            width: '100%',
            height: '100%',
            paddingLeft: '6vw',
            paddingRight: '6vw',
            paddingTop: '5vh',
            paddingBottom: '5vh',
            items: [
              { type: 'Text', text: '${payload.title}', color: COLOURS.title, fontSize: '30dp', fontWeight: '500' },
              { type: 'Text', text: '${payload.goalText}', color: COLOURS.text, fontSize: '22dp', paddingTop: '4dp' },
              {
                type: 'Container',
                grow: 1,
                paddingTop: '12dp',
                data: '${payload.partners}',
                items: [
                  {
                    type: 'Container',
                    direction: 'row',
                    grow: 1,
                    alignItems: 'end',
                    paddingBottom: '8dp',
                    accessibilityLabel: '${data.label}',
                    items: [
                      { type: 'Text', text: '${data.name}', color: '${data.color}', fontSize: '20dp', width: '18vw', maxLines: 1 },
                      {
                        type: 'Container',
                        direction: 'row',
                        grow: 1,
                        height: '100%',
                        data: '${data.bars}',
                        items: [
                          {
                            type: 'Container',
                            grow: 1,
                            height: '100%',
                            justifyContent: 'end',
                            alignItems: 'center',
                            items: [
                              {
                                type: 'Frame',
                                width: '46%',
                                height: '${data.height}%',
                                borderRadius: '6dp',
                                backgroundColor: '${data.color}',
                                opacity: '${data.opacity}',
                              },
                            ],
                          },
                        ],
                      },
                    ],
                  },
                ],
              },
              {
                type: 'Container',
                direction: 'row',
                items: [
                  { type: 'Frame', width: '18vw' },
                  {
                    type: 'Container',
                    direction: 'row',
                    grow: 1,
                    data: '${payload.initials}',
                    items: [{ type: 'Text', grow: 1, textAlign: 'center', text: '${data.initial}', color: '${data.color}', fontSize: '18dp' }],
                  },
                ],
              },
              { type: 'Text', text: '${payload.winsText}', color: COLOURS.text, fontSize: '18dp', paddingTop: '8dp' },
              { type: 'Text', text: '${payload.trendText}', color: COLOURS.text, fontSize: '18dp', opacity: 0.8 },
            ],
          },
        ],
      },
    ],
  },
} as const;

function partnerRow(summary: WeekSummary, id: PartnerId, name: string) {
  return {
    name,
    color: COLOURS[id],
    label: energyRowLabel(name, summary.days.filter((d) => d[id] !== undefined).length),
    bars: summary.days.map((d) => ({
      height: barHeight(d[id]),
      color: d[id] === undefined ? COLOURS.muted : COLOURS[id],
      opacity: d.future ? 0.35 : 1,
    })),
  };
}

/** The Echo Show chart: a constant document and this week's data in `payload`. */
export function weekChartApl(summary: WeekSummary, names: ChartNames): { document: object; datasources: object } {
  return {
    document: structuredClone(WEEK_CHART_DOCUMENT),
    datasources: {
      payload: {
        title: CHART_WORDS.title,
        goalText: capitalise(goalText(summary) ?? ''),
        winsText: capitalise(winsText(summary)),
        trendText: trendText(summary.energy.trend),
        partners: [partnerRow(summary, 'a', names.a), partnerRow(summary, 'b', names.b)],
        initials: summary.days.map((d) => ({ initial: weekdayInitial(d.day), color: d.day === summary.today ? COLOURS.title : COLOURS.text })),
      },
    },
  };
}
