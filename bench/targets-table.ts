import { must } from './must';
import type { Results } from './results';
import { ms, ratio, usd, type Table } from './stats';

const met = (ok: boolean) => (ok ? 'met' : 'not met');

/** Each target against the baseline, met or not, from this run's figures. */
export function targetsTable(r: Results): Table {
  const { bundles, cold, warm, trips, cost } = r;
  const oLast = must(trips.ours.at(-1), 'last evening of ours');
  const bLast = must(trips.baseline.at(-1), 'last evening of the baseline');
  const lastDay = oLast.day;

  const allOurs = trips.ours.flatMap((e) => e.steps.map((x, i) => ({ ...x, where: `day ${e.day} step ${i + 1}` })));
  const allBase = trips.baseline.flatMap((e) => e.steps);
  const maxReads = Math.max(...allOurs.map((x) => x.reads));
  const maxWrites = Math.max(...allOurs.map((x) => x.writes));
  const unchanged = allOurs.filter((x) => !x.changed);
  const wastedWrites = unchanged.filter((x) => x.writes > 0);
  const targets: Table = {
    title: 'Targets',
    head: ['target', 'baseline', 'ours', 'ours / baseline', 'status'],
    leftColumns: [4],
    rows: [
      [
        'cold start (require + first response, median) ≤ 0.7× baseline',
        `${ms(cold.baseline.first.median, 1)} ms`,
        `${ms(cold.ours.first.median, 1)} ms`,
        ratio(cold.ours.first.median, cold.baseline.first.median),
        met(cold.ours.first.median <= 0.7 * cold.baseline.first.median),
      ],
      [
        'cold start (require only, median) ≤ 0.7× baseline',
        `${ms(cold.baseline.load.median, 1)} ms`,
        `${ms(cold.ours.load.median, 1)} ms`,
        ratio(cold.ours.load.median, cold.baseline.load.median),
        met(cold.ours.load.median <= 0.7 * cold.baseline.load.median),
      ],
      [
        'bundle bytes ≤ 0.6× baseline',
        String(bundles.baseline.bytes),
        String(bundles.ours.bytes),
        ratio(bundles.ours.bytes, bundles.baseline.bytes),
        met(bundles.ours.bytes <= 0.6 * bundles.baseline.bytes),
      ],
      [
        'warm p99 ≤ 1.0× baseline',
        `${ms(warm.baseline.all.p99)} ms`,
        `${ms(warm.ours.all.p99)} ms`,
        ratio(warm.ours.all.p99, warm.baseline.all.p99),
        met(warm.ours.all.p99 <= warm.baseline.all.p99),
      ],
      [`≤ 1 read per turn (max over ${lastDay} days)`, String(Math.max(...allBase.map((x) => x.reads))), String(maxReads), '', met(maxReads <= 1)],
      [`≤ 1 write per turn (max over ${lastDay} days)`, String(Math.max(...allBase.map((x) => x.writes))), String(maxWrites), '', met(maxWrites <= 1)],
      [
        `item ≤ 1 KB (1 WRU a write) on day ${lastDay}`,
        `${bLast.itemBytes} B`,
        `${oLast.itemBytes} B`,
        ratio(oLast.itemBytes, bLast.itemBytes),
        met(oLast.itemBytes <= 1024),
      ],
      [
        'cost per couple-month ≤ 1.0× baseline',
        usd(cost.baseline.total),
        usd(cost.ours.total),
        ratio(cost.ours.total, cost.baseline.total),
        met(cost.ours.total <= cost.baseline.total),
      ],
      [
        '0 writes for turns that change nothing',
        `${allBase.filter((x) => x.writes > 0).length} of ${allBase.length} turns write`,
        `${wastedWrites.length} of ${unchanged.length} unchanged turns write${wastedWrites.length ? ` (${wastedWrites.map((x) => x.where).join(', ')})` : ''}`,
        '',
        met(wastedWrites.length === 0),
      ],
    ],
  };
  return targets;
}
