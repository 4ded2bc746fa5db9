import { readFileSync } from 'node:fs';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { afterResponse, buildEnvelope, newSession, warmUserId, type ResolvedStep } from './envelopes';

/** What the bench asks of a warm process: a chunk of evenings, then its peak RSS. */
export type WarmRequest = { kind: 'run'; first: number; count: number; record: boolean } | { kind: 'finish' };

export type WarmReply =
  { kind: 'chunk'; latencies: number[][]; sessions: number; errorLines: number } | { kind: 'finish'; maxRssKb: number; errorLines: number };

/**
 * One long-lived plain-`node` process per skill: loads the bundle once, then runs scripted evenings
 * on request (so the bench can interleave the two skills chunk by chunk) and times each handler call.
 */
function main(): void {
  const [bundlePath, stepsPath, tag] = process.argv.slice(2);
  if (!bundlePath || !stepsPath || !tag || !process.send) throw new Error('usage: fork warm-child.js <bundle.js> <steps.json> <tag>');
  const steps = JSON.parse(readFileSync(stepsPath, 'utf8')) as ResolvedStep[];

  // Skill log lines still go to stdout (as on Lambda); error lines are counted on the way.
  let errorLines = 0;
  const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  process.stdout.write = (chunk: unknown, ...rest: unknown[]) => {
    if (String(chunk).includes('"level":"ERROR"')) errorLines += 1;
    return write(chunk, ...rest);
  };

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is loaded as Lambda loads it: a synchronous CommonJS require.
  const { handler } = require(bundlePath) as { handler: (e: unknown, c: unknown) => Promise<ResponseEnvelope> };
  const toParent = process.send.bind(process);
  const send = (reply: WarmReply, then?: () => void) => toParent(reply, undefined, {}, () => then?.());

  const evening = async (index: number): Promise<{ ms: number[]; sessions: number }> => {
    const userId = warmUserId(tag, index);
    let session = newSession(`${tag}-${index}`);
    let sessions = 1;
    const ms: number[] = [];
    for (const step of steps) {
      if (session.ended) {
        session = newSession(`${tag}-${index}`);
        sessions += 1;
      }
      const event = buildEnvelope(step, userId, session);
      const t0 = process.hrtime.bigint();
      const response = await handler(event, {});
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      afterResponse(session, response);
    }
    return { ms, sessions };
  };

  process.on('message', (message: WarmRequest) => {
    if (message.kind === 'finish') {
      send({ kind: 'finish', maxRssKb: process.resourceUsage().maxRSS, errorLines }, () => process.exit(0));
      return;
    }
    void (async () => {
      const latencies: number[][] = [];
      let sessions = 0;
      for (let i = 0; i < message.count; i++) {
        const result = await evening(message.first + i);
        latencies.push(result.ms);
        sessions += result.sessions;
      }
      send({ kind: 'chunk', latencies: message.record ? latencies : [], sessions, errorLines });
    })().catch((err: unknown) => {
      process.stderr.write(`warm run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
  });
}

if (require.main === module) main();
