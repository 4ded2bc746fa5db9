import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { COLD_STARTS_PER_EVENING, LAMBDA_MB, PRICES, SHOWN_DAYS, SKILLS } from './config';
import { monthOf, units, type Cost } from './cost';
import { must } from './must';
import type { Results } from './results';
import { valueSize, type EveningCount } from './round-trips';
import { stateEncodings } from './state-options';
import { ratio, usd, type Table } from './stats';

const mean = (evenings: EveningCount[], k: 'reads' | 'writes' | 'rcu' | 'wcu') => (evenings.reduce((s, e) => s + units(e, k), 0) / evenings.length).toFixed(2);

/** Sizes of an item's attributes, and of each member of its map attributes, largest first. */
function fieldSizes(item: unknown): [string, number][] {
  if (!item || typeof item !== 'object') return [];
  const rows: [string, number][] = [];
  for (const [name, value] of Object.entries(item as Record<string, AttributeValue>)) {
    rows.push([name, Buffer.byteLength(name) + valueSize(value)]);
    if (value.M) for (const [k, v] of Object.entries(value.M)) rows.push([`${name}.${k}`, Buffer.byteLength(k) + valueSize(v)]);
  }
  return rows.sort((a, b) => b[1] - a[1]);
}

/** DynamoDB calls, units and item size per turn and per day, the state encodings, the cost, and what ours said. */
export function usageTables(r: Results): {
  dayTable: Table;
  tripTable: Table;
  fieldTable: Table;
  encodingTable: Table;
  costTable: Table;
  transcriptTable: Table;
} {
  const { trips, cost } = r;
  const oFirst = must(trips.ours[0], 'first evening of ours');
  const oLast = must(trips.ours.at(-1), 'last evening of ours');
  const bLast = must(trips.baseline.at(-1), 'last evening of the baseline');
  const lastDay = oLast.day;
  const stepOf = (e: EveningCount, i: number) => must(e.steps[i], `step ${i + 1} on day ${e.day}`);
  const rw = (e: EveningCount, i: number) => `${stepOf(e, i).reads} / ${stepOf(e, i).writes}`;
  const cu = (e: EveningCount, i: number) => `${stepOf(e, i).rcu} / ${stepOf(e, i).wcu}`;
  const pair = (e: EveningCount, a: 'reads' | 'rcu', b: 'writes' | 'wcu') => `${units(e, a)} / ${units(e, b)}`;
  const tripTable: Table = {
    title: `DynamoDB calls and units per turn, in-process via buildSkill: day 1 and day ${lastDay} (reads / writes, RRU / WRU)`,
    head: [
      '#',
      'step',
      'day 1 r/w',
      'day 1 RRU/WRU',
      'changed',
      `day ${lastDay} r/w`,
      `day ${lastDay} RRU/WRU`,
      'changed',
      `base day ${lastDay} r/w`,
      `base day ${lastDay} RRU/WRU`,
    ],
    leftColumns: [1],
    rows: [
      ...r.steps.map((step, i) => [
        String(i + 1),
        step.label,
        rw(oFirst, i),
        cu(oFirst, i),
        stepOf(oFirst, i).changed ? 'yes' : 'no',
        rw(oLast, i),
        cu(oLast, i),
        stepOf(oLast, i).changed ? 'yes' : 'no',
        rw(bLast, i),
        cu(bLast, i),
      ]),
      [
        '',
        'per evening',
        pair(oFirst, 'reads', 'writes'),
        pair(oFirst, 'rcu', 'wcu'),
        '',
        pair(oLast, 'reads', 'writes'),
        pair(oLast, 'rcu', 'wcu'),
        '',
        pair(bLast, 'reads', 'writes'),
        pair(bLast, 'rcu', 'wcu'),
      ],
    ],
    note: '"changed": the stored item (less version and expiresAt) differs after the turn. Units are DynamoDB Local\'s ConsumedCapacity (TOTAL) for each call.',
  };
  const shown = [...new Set([...SHOWN_DAYS.filter((d) => d < lastDay), lastDay])];
  const dayTable: Table = {
    title: `One couple, ${lastDay} evenings in a row: item size and units per evening`,
    head: ['day', 'ours item B', 'ours r / w', 'ours RRU / WRU', 'base item B', 'base r / w', 'base RRU / WRU', 'WRU ours / base', 'item ours / base'],
    rows: shown.map((d) => {
      const o = must(trips.ours[d - 1], `day ${d} of ours`);
      const b = must(trips.baseline[d - 1], `day ${d} of the baseline`);
      return [
        String(d),
        String(o.itemBytes),
        pair(o, 'reads', 'writes'),
        pair(o, 'rcu', 'wcu'),
        String(b.itemBytes),
        pair(b, 'reads', 'writes'),
        pair(b, 'rcu', 'wcu'),
        ratio(units(o, 'wcu'), units(b, 'wcu')),
        ratio(o.itemBytes, b.itemBytes),
      ];
    }),
    note: `Item size after that day's evening, by DynamoDB's size rules (a write costs 1 WRU per started 1 KB; an eventually consistent read 0.5 RRU per started 4 KB). Mean per evening over the priced month (days ${lastDay - monthOf(trips.ours).length + 1}–${lastDay}): ours ${mean(monthOf(trips.ours), 'writes')} writes, ${mean(monthOf(trips.ours), 'wcu')} WRU, ${mean(monthOf(trips.ours), 'rcu')} RRU; baseline ${mean(monthOf(trips.baseline), 'writes')} writes, ${mean(monthOf(trips.baseline), 'wcu')} WRU, ${mean(monthOf(trips.baseline), 'rcu')} RRU.`,
  };
  const fieldTable: Table = {
    title: `Where our item's bytes are on day ${lastDay}`,
    head: ['attribute', 'bytes', 'share'],
    rows: fieldSizes(trips.oursLastState).map(([name, bytes]) => [name, String(bytes), `${((100 * bytes) / Math.max(1, oLast.itemBytes)).toFixed(1)}%`]),
    note: 'Top-level attributes, and the members of any map attribute, largest first (name + value bytes).',
  };
  const plainBytes = Buffer.byteLength(JSON.stringify(trips.oursLastCouple));
  const encodingTable: Table = {
    title: `The day-${lastDay} state under each encoding considered (one attribute)`,
    head: ['encoding', 'bytes', 'vs JSON'],
    rows: stateEncodings(trips.oursLastCouple).map(([name, bytes]) => [name, String(bytes), ratio(bytes, plainBytes)]),
    note: 'The whole item adds its keys, version, generation, codec tag and expiresAt (about 130 B). "packed" is a prototype in bench/state-options.ts, measured only.',
  };
  const costRow = (label: string, k: keyof Cost, f: (v: number) => string = usd): string[] => [
    label,
    f(cost.baseline[k]),
    f(cost.ours[k]),
    ratio(cost.ours[k], cost.baseline[k]),
  ];
  const costTable: Table = {
    title: `Cost per couple-month, from the measured units of days ${lastDay - cost.ours.nights + 1}–${lastDay} (AWS ${PRICES.asOf})`,
    head: ['item', 'baseline', 'ours', 'ours / baseline'],
    rows: [
      costRow('invocations (turns in the month)', 'invocations', String),
      costRow('billed ms per evening (Σ step warm p50, each rounded up)', 'billedMsPerEvening', String),
      costRow(`billed init ms per evening (${COLD_STARTS_PER_EVENING} cold start, require median)`, 'initMsPerEvening', String),
      costRow('Lambda requests', 'lambdaRequests'),
      costRow(`Lambda compute incl. init (${LAMBDA_MB} MB arm64)`, 'lambdaCompute'),
      costRow('read request units / month', 'rru', String),
      costRow('DynamoDB reads', 'reads'),
      costRow('write request units / month', 'wru', String),
      costRow('DynamoDB writes', 'writes'),
      costRow(`DynamoDB storage (item on day ${lastDay} + 100 B)`, 'storage'),
      costRow('total per couple-month', 'total'),
      ['total for 1,000,000 couples per month', ...SKILLS.map((s) => usd(cost[s].total * 1e6)), ratio(cost.ours.total, cost.baseline.total)],
    ],
  };
  const transcriptTable: Table = {
    title: 'What ours answered, day 1 (in-process run)',
    head: ['#', 'step', 'ours says'],
    leftColumns: [1, 2],
    rows: r.steps.map((step, i) => [String(i + 1), step.label, stepOf(oFirst, i).speech.slice(0, 100)]),
  };
  return { dayTable, tripTable, fieldTable, encodingTable, costTable, transcriptTable };
}
