import { spawn } from 'node:child_process';
import type { DynamoDbLocal } from '../scripts/dynamodb-local';
import type { Bundle } from './bundles';
import { COLD_RUNS, NODE, OUT } from './config';
import { childEnv } from './local-db';
import { children } from './processes';
import { spread, type Spread } from './stats';

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

/** Load and first-response times of one bundle over its recorded cold runs. */
export interface ColdResult {
  load: Spread;
  first: Spread;
}

/** Fresh `node` processes, every bundle once a round, the order rotating each round; each run a new user; one unrecorded run each first. */
export async function coldStarts(childJs: string, bundles: Record<string, Bundle>, db: DynamoDbLocal, tag: string): Promise<Record<string, ColdResult>> {
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
