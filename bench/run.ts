import './quiet-sdk';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from '../scripts/dynamodb-local';
import { addDays, localDay } from '../src/domain/dates';
import { buildBaseline, buildChildren, buildOurs, buildVariant, type Built, type Bundle } from './bundles';
import { coldStarts } from './cold';
import { BASELINE_TABLE, COLD_RUNS, DAYS, EVENINGS, OURS_TABLE, OUT, REGION, ROOT, SKILLS, VARIANTS, WARMUP_EVENINGS } from './config';
import { costOf } from './cost';
import { resolveSteps, type InteractionModel } from './envelopes';
import { createTables, seedWarmCouples } from './local-db';
import { must } from './must';
import { cleanup, cleanups, progress } from './processes';
import { markdown, tables } from './report';
import type { Results } from './results';
import { countRoundTrips } from './round-trips';
import { kib, renderText } from './stats';
import { warmTurns } from './warm';

async function main(): Promise<void> {
  const startedAt = Date.now();
  const loadBefore = loadavg();
  const tag = randomUUID().slice(0, 8);
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });

  const model = JSON.parse(await readFile(join(ROOT, 'models', 'en-US.json'), 'utf8')) as InteractionModel;
  const steps = resolveSteps(JSON.parse(await readFile(join(ROOT, 'bench', 'evening.json'), 'utf8')), model);
  const stepsFile = join(OUT, 'evening.resolved.json');
  await writeFile(stepsFile, JSON.stringify(steps));

  progress('building both bundles and starting DynamoDB Local ...');
  const started = await Promise.allSettled([
    startDynamoDbLocal().then((db) => {
      cleanups.push(() => db.stop());
      return db;
    }),
    buildOurs(),
    buildBaseline(),
    buildChildren(),
    // One at a time: esbuild shares one service, and the two cores are busy enough.
    VARIANTS.reduce<Promise<Built[]>>(async (done, v) => [...(await done), { ...v, bundle: await buildVariant(v) }], Promise.resolve([])),
  ]);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const [db, ours, baseline, scripts, variants] = started.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [
    DynamoDbLocal,
    Bundle,
    Bundle,
    { cold: string; warm: string },
    Built[],
  ];
  const bundles = { baseline, ours };
  progress(
    `DynamoDB Local at ${db.endpoint}; bundles ${relative(ROOT, baseline.file)} (${kib(baseline.bytes)}), ${relative(ROOT, ours.file)} (${kib(ours.bytes)})`,
  );

  await createTables(db.endpoint);
  progress(`one couple through ${DAYS} evenings in-process, counting DynamoDB units ...`);
  // The in-process couple's last evening is yesterday (New York, the skill's default zone), so the warm couples seeded from it live their next evening today.
  const firstDay = addDays(localDay(new Date(), 'America/New_York'), -DAYS);
  const firstEvening = new Date(`${firstDay}T20:30:00-05:00`);
  const trips = await countRoundTrips({
    endpoint: db.endpoint,
    region: REGION,
    oursTable: OURS_TABLE,
    baselineTable: BASELINE_TABLE,
    steps,
    days: DAYS,
    firstEvening,
  });
  for (const skill of SKILLS) {
    const failedTurns = trips[skill].reduce((s, e) => s + e.errors, 0);
    if (failedTurns > 0) throw new Error(`${skill} failed ${failedTurns} turns in the in-process run`);
  }

  await seedWarmCouples(db.endpoint, trips, tag);
  progress(`warm turns: ${WARMUP_EVENINGS} + ${EVENINGS} evenings per skill, couples seeded at day ${DAYS} ...`);
  const warm = await warmTurns(scripts.warm, bundles, db, stepsFile, steps.length, tag);

  progress(`cold starts: ${COLD_RUNS} per bundle, ${2 + VARIANTS.length} bundles ...`);
  const colds = await coldStarts(scripts.cold, { ...bundles, ...Object.fromEntries(variants.map((v) => [v.key, v.bundle])) }, db, tag);
  const coldOf = (key: string) => must(colds[key], `cold starts of ${key}`);
  const cold = { baseline: coldOf('baseline'), ours: coldOf('ours') };

  const cost = { baseline: costOf(trips.baseline, warm.baseline, cold.baseline), ours: costOf(trips.ours, warm.ours, cold.ours) };
  const results: Results = {
    date: new Date().toISOString(),
    load: { before: loadBefore, after: loadavg() },
    bundles,
    cold,
    variants: variants.map((v) => ({ ...v, cold: coldOf(v.key) })),
    warm,
    trips,
    steps,
    cost,
    elapsedS: (Date.now() - startedAt) / 1000,
  };
  const t = tables(results);
  await writeFile(join(ROOT, 'BENCHMARKS.md'), markdown(results, t));
  const text = [...t.main, t.targets, ...t.extra.slice(1)].map(renderText).join('\n\n');
  console.log(`\n${text}\n\nWritten to BENCHMARKS.md (${results.elapsedS.toFixed(0)} s).`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    progress(`${signal}: stopping ...`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .catch((err: unknown) => {
    if (!stopping) console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    // Anything still holding the loop open (a stray socket) must not keep the bench alive.
    setTimeout(() => process.exit(), 2000).unref();
  });
