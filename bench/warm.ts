import { fork, type ChildProcess } from 'node:child_process';
import type { DynamoDbLocal } from '../scripts/dynamodb-local';
import type { Bundle } from './bundles';
import { CHUNK_EVENINGS, EVENINGS, NODE, OUT, SKILLS, WARMUP_EVENINGS, type Skill } from './config';
import { childEnv } from './local-db';
import { must } from './must';
import { children } from './processes';
import { percentiles, type Percentiles } from './stats';
import type { WarmReply, WarmRequest } from './warm-child';

/** One skill's warm latencies, overall and per step, with its sessions and peak RSS. */
export interface WarmResult {
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
export async function warmTurns(
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
