import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Skill } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { readConfig } from '../src/config';
import { silentLog, type Log } from '../src/deps';
import { depsFromConfig } from '../src/deps-from-config';
import { newCouple, type CoupleState } from '../src/domain/couple';
import { parseCoupleState } from '../src/domain/state-schema';
import { buildSkill } from '../src/skill';
import type { DynamoTransport } from '../src/store/dynamo-client';
import { createTransport } from '../src/store/dynamo-transport';
import { coupleKey, DynamoCoupleStore } from '../src/store/dynamo-store';
import { buildBaselineSkill } from './baseline-skill';
import { afterResponse, buildEnvelope, newSession, speechOf, type ResolvedStep } from './envelopes';

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

interface Consumed {
  ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
}

/** An AWS SDK v3 client on a local endpoint (the baseline's, and the bench's own look at items). */
export const sdkClient = (region: string, endpoint: string) =>
  new DynamoDBClient({ region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** Calls and consumed capacity seen by one client since the last reset. */
class CallCounter {
  reads = 0;
  writes = 0;
  other = 0;
  rcu = 0;
  wcu = 0;
  commands: string[] = [];

  reset(): void {
    Object.assign(this, { reads: 0, writes: 0, other: 0, rcu: 0, wcu: 0, commands: [] });
  }

  /** Counts one call of `name` and asks DynamoDB for its consumed capacity; `send` makes it. */
  private async count<T>(name: string, input: object, send: (input: object) => Promise<T>, outputOf: (result: T) => unknown = (r) => r): Promise<T> {
    const read = READS.has(name);
    const write = WRITES.has(name);
    if (read) this.reads += 1;
    else if (write) this.writes += 1;
    else this.other += 1;
    this.commands.push(name);
    const result = await send(read || write ? { ...input, ReturnConsumedCapacity: 'TOTAL' } : input);
    const units = [(outputOf(result) as Consumed).ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
    if (read) this.rcu += units;
    if (write) this.wcu += units;
    return result;
  }

  /** Adds the counting middleware to an AWS SDK client (shared by any DocumentClient made from it): the baseline. */
  attach(client: DynamoDBClient): DynamoDBClient {
    client.middlewareStack.add(
      (next, context) => (args) =>
        this.count(
          (context.commandName ?? 'unknown').replace(/Command$/, ''),
          args.input,
          (input) => next({ ...args, input }),
          (result) => result.output,
        ),
      { step: 'initialize', name: 'benchCallCounter' },
    );
    return client;
  }

  /** Wraps our store's transport (src/store/dynamo-client.ts) so that every request it sends is counted. */
  wrap(inner: DynamoTransport): DynamoTransport {
    return {
      send: (operation, input, signal) => this.count(operation, input, (counted) => inner.send(operation, counted, signal)),
      destroy: () => inner.destroy(),
    };
  }
}

interface StepCount {
  label: string;
  reads: number;
  writes: number;
  rcu: number;
  wcu: number;
  commands: string[];
  /** Whether the stored item's state differs after the turn. */
  changed: boolean;
  speech: string;
  responseBytes: number;
}

export interface EveningCount {
  /** 1 for the couple's first evening. */
  day: number;
  steps: StepCount[];
  /** The item after the evening, by DynamoDB's size rules. */
  itemBytes: number;
  errors: number;
}

export interface RoundTrips {
  ours: EveningCount[];
  baseline: EveningCount[];
  /** Our stored item after the last evening, for the attribute size table and to seed the warm couples. */
  oursLastState: Record<string, AttributeValue>;
  baselineLastItem: Record<string, AttributeValue>;
  /** Our couple's state after the last evening, as the skill reads it. */
  oursLastCouple: CoupleState;
}

interface Options {
  endpoint: string;
  region: string;
  oursTable: string;
  baselineTable: string;
  steps: ResolvedStep[];
  /** Evenings in a row for one couple, one local day apart. */
  days: number;
  firstEvening: Date;
}

/**
 * Runs the evening in-process through buildSkill (and the baseline) with counting clients, for ONE
 * couple on `days` evenings in a row: the clock moves one day per evening, as the simulator's --clock.
 */
export async function countRoundTrips(opts: Options): Promise<RoundTrips> {
  const counter = new CallCounter();
  const transport = counter.wrap(createTransport({ region: opts.region, endpoint: opts.endpoint }));
  // An uncounted client to look at the stored item between turns.
  const inspector = sdkClient(opts.region, opts.endpoint);
  let errors = 0;
  const log: Log = { ...silentLog, error: () => void (errors += 1) };
  let now = opts.firstEvening;
  // The deployed deps (as src/handler.ts builds them), with a counting store, a movable clock and a quiet log.
  const config = readConfig({ TABLE_NAME: opts.oursTable, DYNAMODB_ENDPOINT: opts.endpoint, AWS_REGION: opts.region });
  const ours = buildSkill({
    ...depsFromConfig(config),
    store: new DynamoCoupleStore({
      tableName: config.tableName,
      region: config.region,
      endpoint: config.dynamodbEndpoint,
      retentionDays: config.retentionDays,
      transport,
      now: () => now,
    }),
    clock: { now: () => new Date(now) },
    log,
  });

  const baseCounter = new CallCounter();
  const baseClient = baseCounter.attach(sdkClient(opts.region, opts.endpoint));
  const baseline = buildBaselineSkill(baseClient, opts.baselineTable);

  const suffix = Date.now().toString(36);
  const oursUser = `amzn1.ask.account.bench-roundtrips-ours-${suffix}`;
  const baseUser = `amzn1.ask.account.bench-roundtrips-baseline-${suffix}`;
  const oursItem = { TableName: opts.oursTable, Key: { pk: { S: coupleKey(oursUser).pk }, sk: { S: coupleKey(oursUser).sk } } };
  const baseItem = { TableName: opts.baselineTable, Key: { id: { S: baseUser } } };

  try {
    const result: RoundTrips = { ours: [], baseline: [], oursLastState: {}, baselineLastItem: {}, oursLastCouple: newCouple() };
    for (let day = 1; day <= opts.days; day++) {
      now = new Date(opts.firstEvening.getTime() + (day - 1) * 86_400_000);
      errors = 0;
      const evening = await runEvening(ours, counter, opts.steps, oursUser, () => getItem(inspector, oursItem), day, now);
      evening.errors = errors;
      result.ours.push(evening);
      const base = await runEvening(baseline, baseCounter, opts.steps, baseUser, () => getItem(inspector, baseItem), day, now);
      base.errors = base.steps.filter((s) => s.speech.startsWith('Sorry, something went wrong')).length;
      result.baseline.push(base);
    }
    result.oursLastState = (await getItem(inspector, oursItem)).item ?? {};
    result.baselineLastItem = (await getItem(inspector, baseItem)).item ?? {};
    const reader = new DynamoCoupleStore({
      tableName: config.tableName,
      region: config.region,
      endpoint: config.dynamodbEndpoint,
      retentionDays: config.retentionDays,
    });
    const last = await reader.get(oursUser, { consistent: true });
    reader.destroy();
    result.oursLastCouple = parseCoupleState(last?.state);
    return result;
  } finally {
    transport.destroy();
    baseClient.destroy();
    inspector.destroy();
  }
}

async function runEvening(
  skill: Skill,
  counter: CallCounter,
  steps: ResolvedStep[],
  userId: string,
  stored: () => Promise<{ state: string; bytes: number }>,
  day: number,
  now: Date,
): Promise<EveningCount> {
  let session = newSession('roundtrips');
  const counts: StepCount[] = [];
  let before = await stored();
  for (const step of steps) {
    if (session.ended) session = newSession('roundtrips');
    const event: RequestEnvelope = buildEnvelope(step, userId, session, now);
    counter.reset();
    const response = await skill.invoke(event, {});
    const { reads, writes, rcu, wcu } = counter;
    const commands = [...counter.commands];
    afterResponse(session, response);
    const after = await stored();
    counts.push({
      label: step.label,
      reads,
      writes,
      rcu,
      wcu,
      commands,
      changed: after.state !== before.state,
      speech: speechOf(response),
      responseBytes: Buffer.byteLength(JSON.stringify(response)),
    });
    before = after;
  }
  return { day, steps: counts, itemBytes: before.bytes, errors: 0 };
}

/** The stored item without its key and bookkeeping (as stable JSON, for comparison), and its size. */
async function getItem(
  client: DynamoDBClient,
  input: { TableName: string; Key: Record<string, AttributeValue> },
): Promise<{ state: string; bytes: number; item?: Record<string, AttributeValue> }> {
  const out = await client.send(new GetItemCommand({ ...input, ConsistentRead: true }));
  const item = out.Item;
  if (!item) return { state: '', bytes: 0 };
  // version and expiresAt change with every write; only what the couple's state holds counts as a change.
  const { version: _v, expiresAt: _e, ...rest } = item;
  return { state: stableJson(rest), bytes: itemSize(item), item };
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Item size by DynamoDB's published rules (names + values; maps and lists 3 bytes + 1 per element). */
function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

export function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|^0+|e.*$/gi, '').length / 2) + 1;
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((s, x) => s + Buffer.byteLength(x), 0);
  if (v.NS) return v.NS.reduce((s, x) => s + Math.ceil(x.length / 2) + 1, 0);
  if (v.L) return 3 + v.L.reduce((s, x) => s + 1 + valueSize(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k) + valueSize(x), 0);
  return 0;
}
