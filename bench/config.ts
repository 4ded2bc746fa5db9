import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');
export const OUT = join(ROOT, 'bench', '.out');
export const REGION = 'us-east-1';
export const OURS_TABLE = 'twilight-bench';
export const BASELINE_TABLE = 'twilight-bench-baseline';

export const COLD_RUNS = positiveInt('BENCH_COLD_RUNS', 30);
export const EVENINGS = positiveInt('BENCH_EVENINGS', 300);
export const WARMUP_EVENINGS = 20;
export const CHUNK_EVENINGS = 20;
export const DAYS = positiveInt('BENCH_DAYS', 60);
export const NIGHTS_PER_MONTH = 25;
/** A couple talks to the skill once an evening; an idle function is long gone by the next one. */
export const COLD_STARTS_PER_EVENING = 1;
/** Days shown in the per-day tables (the last day always). */
export const SHOWN_DAYS = [1, 2, 7, 15, 30, 60];
export const LAMBDA_MB = 256;

/** us-east-1 on-demand list prices (Lambda arm64; DynamoDB on-demand after the Nov 2024 cut). */
export const PRICES = {
  asOf: 'Nov 2024 list prices, us-east-1',
  lambdaGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  perMillionRru: 0.125,
  perMillionWru: 0.625,
  storageGbMonth: 0.25,
};

export type Skill = 'baseline' | 'ours';
export const SKILLS: Skill[] = ['baseline', 'ours'];

/** The node that runs both skills' bundles (default: this one). Lambda runs nodejs24.x: BENCH_NODE=/path/to/node24 measures on that. */
export const NODE = envText('BENCH_NODE') ?? process.execPath;
export const NODE_VERSION = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';

/**
 * Ours with one module swapped at build time, timed and sized in the same run (issue #13): the
 * DynamoDB clients considered for src/store/dynamo-transport.ts, and the Powertools logger.
 */
export interface Variant {
  key: string;
  label: string;
  /** An import specifier as written in src (exact) → the file built in its place. */
  swap: [specifier: string, file: string];
}
export const CHOSEN_CLIENT = 'aws4 1.13 (SigV4) + node:https';
export const VARIANTS: Variant[] = [
  { key: 'sdk', label: 'AWS SDK v3 DynamoDBClient 3.1169 (the client before)', swap: ['./dynamo-transport', 'bench/clients/sdk.ts'] },
  { key: 'aws-lite', label: '@aws-lite/client 0.24 + @aws-lite/dynamodb 0.3', swap: ['./dynamo-transport', 'bench/clients/aws-lite.ts'] },
  { key: 'aws4fetch', label: 'aws4fetch 1.0 (SigV4 on WebCrypto) + global fetch', swap: ['./dynamo-transport', 'bench/clients/aws4fetch.ts'] },
  {
    key: 'no-powertools',
    label: `${CHOSEN_CLIENT}, Powertools logger swapped for a 15-line JSON writer`,
    swap: ['@aws-lambda-powertools/logger', 'bench/variants/plain-logger.ts'],
  },
];

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
