import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Skill } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { readConfig } from '../src/config';
import type { Log } from '../src/deps';
import { depsFromConfig } from '../src/deps-from-config';
import { buildSkill } from '../src/skill';
import { coupleKey, createDynamoClient, DynamoCoupleStore } from '../src/store/dynamo-store';
import { buildBaselineSkill } from './baseline-skill';
import { afterResponse, buildEnvelope, newSession, speechOf, type ResolvedStep } from './envelopes';

const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/** Calls and consumed capacity seen by one client since the last reset. */
export class CallCounter {
  reads = 0;
  writes = 0;
  other = 0;
  rcu = 0;
  wcu = 0;
  commands: string[] = [];

  reset(): void {
    Object.assign(this, { reads: 0, writes: 0, other: 0, rcu: 0, wcu: 0, commands: [] });
  }

  /** Adds the counting middleware to `client` (shared by any DocumentClient made from it). */
  attach(client: DynamoDBClient): DynamoDBClient {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const name = context.commandName ?? 'unknown';
        const read = READS.has(name);
        const write = WRITES.has(name);
        if (read) this.reads += 1;
        else if (write) this.writes += 1;
        else this.other += 1;
        this.commands.push(name.replace(/Command$/, ''));
        const input = read || write ? { ...(args.input as object), ReturnConsumedCapacity: 'TOTAL' } : args.input;
        const result = await next({ ...args, input });
        const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
        const units = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
        if (read) this.rcu += units;
        if (write) this.wcu += units;
        return result;
      },
      { step: 'initialize', name: 'benchCallCounter' },
    );
    return client;
  }
}

export interface StepCount {
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
  title: string;
  steps: StepCount[];
  itemBytes: number;
  errors: number;
}

export interface RoundTrips {
  ours: EveningCount[];
  baseline: EveningCount[];
}

interface Options {
  endpoint: string;
  region: string;
  oursTable: string;
  baselineTable: string;
  steps: ResolvedStep[];
}

/**
 * Runs the evening in-process through buildSkill (and the baseline) with counting clients: a new
 * couple's first evening, then the same couple's next evening one day later.
 */
export async function countRoundTrips(opts: Options): Promise<RoundTrips> {
  const counter = new CallCounter();
  const client = counter.attach(createDynamoClient({ region: opts.region, endpoint: opts.endpoint }));
  // An uncounted client to look at the stored item between turns.
  const inspector = createDynamoClient({ region: opts.region, endpoint: opts.endpoint });
  let errors = 0;
  const log: Log = { info() {}, warn() {}, error: () => void (errors += 1) };
  let now = new Date('2026-01-15T20:30:00-05:00');
  // The deployed deps (as src/handler.ts builds them), with a counting store, a movable clock and a quiet log.
  const config = readConfig({ TABLE_NAME: opts.oursTable, DYNAMODB_ENDPOINT: opts.endpoint, AWS_REGION: opts.region });
  const ours = buildSkill({
    ...depsFromConfig(config),
    store: new DynamoCoupleStore({ tableName: config.tableName, region: config.region, endpoint: config.dynamodbEndpoint, retentionDays: config.retentionDays, client }),
    clock: { now: () => new Date(now) },
    log,
  });

  const baseCounter = new CallCounter();
  const baseClient = baseCounter.attach(new DynamoDBClient({ region: opts.region, endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const baseline = buildBaselineSkill(baseClient, opts.baselineTable);

  const oursUser = 'amzn1.ask.account.bench-roundtrips-ours';
  const baseUser = 'amzn1.ask.account.bench-roundtrips-baseline';
  const oursItem = (userId: string) => ({ TableName: opts.oursTable, Key: { pk: { S: coupleKey(userId).pk }, sk: { S: coupleKey(userId).sk } } });
  const baseItem = (userId: string) => ({ TableName: opts.baselineTable, Key: { id: { S: userId } } });

  try {
    const result: RoundTrips = { ours: [], baseline: [] };
    const titles = ['new couple, first evening', 'same couple, next evening'];
    for (const [night, title] of titles.entries()) {
      now = new Date(new Date('2026-01-15T20:30:00-05:00').getTime() + night * 86_400_000);
      errors = 0;
      result.ours.push(await runEvening(ours, counter, opts.steps, oursUser, () => getItem(inspector, oursItem(oursUser), 'state'), title, now));
      result.ours[night]!.errors = errors;
      const base = await runEvening(baseline, baseCounter, opts.steps, baseUser, () => getItem(inspector, baseItem(baseUser), 'attributes'), title, now);
      base.errors = base.steps.filter((s) => s.speech.startsWith('Sorry, something went wrong')).length;
      result.baseline.push(base);
    }
    return result;
  } finally {
    client.destroy();
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
  title: string,
  now: Date,
): Promise<EveningCount> {
  let session = newSession('roundtrips');
  const counts: StepCount[] = [];
  let before = await stored();
  for (const step of steps) {
    if (session.ended) session = newSession('roundtrips');
    const event: RequestEnvelope = buildEnvelope(step, userId, session, now);
    counter.reset();
    const response = (await skill.invoke(event, {})) as ResponseEnvelope;
    const snapshot = { ...counter, commands: [...counter.commands] };
    afterResponse(session, response);
    const after = await stored();
    counts.push({
      label: step.label,
      reads: snapshot.reads,
      writes: snapshot.writes,
      rcu: snapshot.rcu,
      wcu: snapshot.wcu,
      commands: snapshot.commands,
      changed: after.state !== before.state,
      speech: speechOf(response),
      responseBytes: Buffer.byteLength(JSON.stringify(response)),
    });
    before = after;
  }
  return { title, steps: counts, itemBytes: before.bytes, errors: 0 };
}

/** The stored attribute `field` (as stable JSON, for comparison) and the item's size. */
async function getItem(
  client: DynamoDBClient,
  input: { TableName: string; Key: Record<string, AttributeValue> },
  field: string,
): Promise<{ state: string; bytes: number }> {
  const out = await client.send(new GetItemCommand({ ...input, ConsistentRead: true }));
  const item = out.Item;
  if (!item) return { state: '', bytes: 0 };
  return { state: stableJson(item[field]), bytes: itemSize(item) };
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
export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

function valueSize(v: AttributeValue): number {
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
