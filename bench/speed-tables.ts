import type { Bundle } from './bundles';
import type { ColdResult } from './cold';
import { CHOSEN_CLIENT, DAYS, EVENINGS, SKILLS, type Skill } from './config';
import { must } from './must';
import type { Results } from './results';
import { ms, ratio, type Spread, type Table } from './stats';

interface ModuleRow {
  name: string;
  bytes: number;
}

/** The inputs that put the most bytes into the output, and the same grouped by package. */
function biggest(bundle: Bundle): { inputs: ModuleRow[]; packages: ModuleRow[]; total: number } {
  const output = Object.entries(bundle.meta.outputs).find(([file]) => file.endsWith('.js'))?.[1];
  if (!output) throw new Error(`no .js output in the metafile for ${bundle.file}`);
  const inputs = Object.entries(output.inputs).map(([name, v]) => ({ name, bytes: v.bytesInOutput }));
  const byPackage = new Map<string, number>();
  for (const { name, bytes } of inputs) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(name.slice(name.lastIndexOf('node_modules/')));
    const pkg = match?.[1] ?? (name.startsWith('src/') ? 'src/ (Twilight)' : name.startsWith('models/') ? 'models/' : name);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytes);
  }
  const top = (rows: ModuleRow[]) => rows.sort((a, b) => b.bytes - a.bytes).slice(0, 10);
  return {
    inputs: top(inputs),
    packages: top([...byPackage].map(([name, bytes]) => ({ name, bytes }))),
    total: inputs.reduce((s, r) => s + r.bytes, 0),
  };
}

const range = (s: Spread, digits = 1) => `${ms(s.median, digits)} (${ms(s.min, digits)}–${ms(s.max, digits)})`;

/** Bundle size, cold start (with the client and logger variants), warm turns, and what fills the bundles. */
export function speedTables(r: Results): {
  bundleTable: Table;
  coldTable: Table;
  variantTable: Table;
  warmTable: Table;
  stepTable: Table;
  moduleTables: Table[];
} {
  const { bundles, cold, warm } = r;
  const bundleTable: Table = {
    title: 'Bundle size (minified, no source map)',
    head: ['bundle', 'bytes', 'gzip -9 bytes'],
    rows: [
      ['baseline  bench/.out/baseline/handler.js', String(bundles.baseline.bytes), String(bundles.baseline.gzipBytes)],
      ['ours      dist/handler.js', String(bundles.ours.bytes), String(bundles.ours.gzipBytes)],
      ['ratio ours / baseline', ratio(bundles.ours.bytes, bundles.baseline.bytes), ratio(bundles.ours.gzipBytes, bundles.baseline.gzipBytes)],
    ],
  };
  const coldTable: Table = {
    title: `Cold start, ms: median (min–max) of ${cold.ours.first.n} fresh node processes each, interleaved`,
    head: ['measure', 'baseline', 'ours', 'ratio of medians'],
    rows: [
      ['require(bundle)', range(cold.baseline.load), range(cold.ours.load), ratio(cold.ours.load.median, cold.baseline.load.median)],
      ['require + first LaunchRequest', range(cold.baseline.first), range(cold.ours.first), ratio(cold.ours.first.median, cold.baseline.first.median)],
    ],
  };
  const sized = (b: Bundle) => `${b.bytes} (${ratio(b.bytes, bundles.baseline.bytes)})`;
  const timed = (c: ColdResult, k: 'load' | 'first') => `${ms(c[k].median, 1)} / ${ms(c[k].min, 1)} (${ratio(c[k].median, cold.baseline[k].median)})`;
  const variantTable: Table = {
    title: 'DynamoDB clients and the logger, same run: bundle bytes and cold start ms, median / min (× baseline median)',
    head: ['ours built with', 'bundle B', 'gzip -9 B', 'require(bundle)', 'require + first LaunchRequest'],
    leftColumns: [0],
    rows: [
      [
        `${CHOSEN_CLIENT} (chosen, \`npm run build\`)`,
        sized(bundles.ours),
        String(bundles.ours.gzipBytes),
        timed(cold.ours, 'load'),
        timed(cold.ours, 'first'),
      ],
      ...r.variants.map((v) => [v.label, sized(v.bundle), String(v.bundle.gzipBytes), timed(v.cold, 'load'), timed(v.cold, 'first')]),
      [
        'baseline (ASK SDK + AWS SDK v3 lib-dynamodb)',
        String(bundles.baseline.bytes),
        String(bundles.baseline.gzipBytes),
        timed(cold.baseline, 'load'),
        timed(cold.baseline, 'first'),
      ],
    ],
    note: `Every row is src/handler.ts built with the build script's flags; a variant swaps one import at build time (bench/clients/*.ts for src/store/dynamo-transport.ts, bench/variants/plain-logger.ts for Powertools), so the store's retry and timeout policy is the same for every client. Cold runs of all ${2 + r.variants.length} bundles interleaved, the order rotating each round.`,
  };
  const warmTable: Table = {
    title: `Warm turns, ms (${EVENINGS} evenings × ${r.steps.length} steps per skill, each a couple on its evening ${DAYS + 1})`,
    head: ['skill', 'turns', 'sessions', 'p50', 'p99', 'max', 'min', 'peak RSS'],
    rows: SKILLS.map((s) => [
      s,
      String(warm[s].turns),
      String(warm[s].sessions),
      ms(warm[s].all.p50),
      ms(warm[s].all.p99),
      ms(warm[s].all.max),
      ms(warm[s].all.min),
      `${(warm[s].maxRssKb / 1024).toFixed(1)} MiB`,
    ]),
    note: 'sessions: sessions opened; a step after a response that ends the session (no shouldEndSession: false) opens a new one, as on an Echo.',
  };
  const stepTable: Table = {
    title: 'Warm turns per step, ms (ours p50/p99/max; baseline p50/p99 for the same step)',
    head: ['#', 'step', 'ours p50', 'ours p99', 'ours max', 'base p50', 'base p99'],
    leftColumns: [1],
    rows: r.steps.map((step, i) => {
      const ours = must(warm.ours.perStep[i], `ours warm latencies for step ${i + 1}`);
      const base = must(warm.baseline.perStep[i], `baseline warm latencies for step ${i + 1}`);
      return [String(i + 1), step.label, ms(ours.p50), ms(ours.p99), ms(ours.max), ms(base.p50), ms(base.p99)];
    }),
  };
  const rows = (s: Skill) => biggest(bundles[s]);
  const moduleTables: Table[] = SKILLS.flatMap((s) => {
    const b = rows(s);
    const name = (n: string) => n.replace(/^node_modules\//, '').replace(/\/node_modules\//g, ' › ');
    return [
      {
        title: `${s}: 10 biggest inputs by bytes in the minified output (of ${b.total} B)`,
        head: ['input', 'bytes', 'share'],
        rows: b.inputs.map((x) => [name(x.name), String(x.bytes), `${((100 * x.bytes) / b.total).toFixed(1)}%`]),
      },
      {
        title: `${s}: 10 biggest packages by bytes in the minified output`,
        head: ['package', 'bytes', 'share'],
        rows: b.packages.map((x) => [x.name, String(x.bytes), `${((100 * x.bytes) / b.total).toFixed(1)}%`]),
      },
    ];
  });
  return { bundleTable, coldTable, variantTable, warmTable, stepTable, moduleTables };
}
