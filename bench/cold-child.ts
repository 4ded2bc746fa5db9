import { buildEnvelope, newSession, speechOf } from './envelopes';

/**
 * One cold start, run by plain `node` (not tsx): times require(bundle), then a first LaunchRequest
 * against DynamoDB Local, and prints both as one JSON line on stdout.
 */
const [bundlePath, userId] = process.argv.slice(2);
if (!bundlePath || !userId) throw new Error('usage: node cold-child.js <bundle.js> <userId>');

const event = buildEnvelope({ label: 'LaunchRequest', type: 'LaunchRequest' }, userId, newSession('cold'));

const t0 = process.hrtime.bigint();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the synchronous CommonJS require of the bundle, as Lambda loads it, is what is timed.
const mod = require(bundlePath) as { handler: (e: unknown, c: unknown) => Promise<unknown> };
const t1 = process.hrtime.bigint();
mod.handler(event, {}).then(
  (response) => {
    const t2 = process.hrtime.bigint();
    const result = {
      bench: 'cold',
      loadMs: Number(t1 - t0) / 1e6,
      firstResponseMs: Number(t2 - t0) / 1e6,
      speech: speechOf(response as Parameters<typeof speechOf>[0]).slice(0, 60),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
  },
  (err: unknown) => {
    process.stderr.write(`handler threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`, () => process.exit(1));
  },
);
