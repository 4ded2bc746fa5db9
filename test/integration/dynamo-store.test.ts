import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import {
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { freePort } from '../../scripts/dynamodb-local';
import { CoupleErasedError, CoupleSession } from '../../src/couple-session';
import { logEnergy, newCouple, setPartners, type CoupleState, type PartnerId } from '../../src/domain/couple';
import { rateSession } from '../../src/domain/pacing';
import { addDays } from '../../src/domain/dates';
import { StoreUnavailableError, VersionConflictError } from '../../src/store/couple-store';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { parseCoupleState } from '../../src/domain/state-schema';
import { coupleKey, DynamoCoupleStore, type DynamoStoreOptions } from '../../src/store/dynamo-store';
import { must } from '../support/must';
import { rawDynamoClient } from '../support/raw-dynamo';
import schema from '../../src/store/table-schema.json';

const endpoint = process.env.DYNAMODB_LOCAL_ENDPOINT ?? '';
const REGION = 'eu-west-1';
const RUN = randomUUID().slice(0, 8);
const TABLE = `twilight-it-${RUN}`;
const TODAY = '2026-11-25';
const NOW = new Date('2026-11-25T21:30:00Z');
const RETENTION_DAYS = 30;

let raw: DynamoDBClient;
const tablesToDrop = new Set<string>([TABLE]);

const storeFor = (overrides: Partial<DynamoStoreOptions> = {}) =>
  new DynamoCoupleStore({ tableName: TABLE, region: REGION, endpoint, retentionDays: RETENTION_DAYS, now: () => NOW, ...overrides });

const coupleId = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

const named = (a: string, b: string): CoupleState => {
  const state = newCouple();
  setPartners(state, a, b);
  return state;
};

/** Saves a named couple through the store and returns its id (at version 1). */
async function seedCouple(label: string): Promise<string> {
  const id = coupleId(label);
  await storeFor().put(id, named('Sam', 'Alex'), 0);
  return id;
}

/** The item exactly as stored, bypassing the store and the document client. */
async function rawItem(id: string) {
  const { pk, sk } = coupleKey(id);
  const out = await raw.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }));
  return out.Item;
}

beforeAll(() => {
  if (!endpoint) throw new Error('DYNAMODB_LOCAL_ENDPOINT is not set: run through jest so global-setup starts DynamoDB Local.');
  raw = rawDynamoClient(endpoint, REGION);
});

afterAll(async () => {
  if (!raw) return;
  const { TableNames = [] } = await raw.send(new ListTablesCommand({}));
  await Promise.all(TableNames.filter((t) => tablesToDrop.has(t)).map((t) => raw.send(new DeleteTableCommand({ TableName: t }))));
  raw.destroy();
});

describe('DynamoCoupleStore on DynamoDB Local', () => {
  it('creates a missing table on first read, with the key schema from table-schema.json', async () => {
    const tableName = `twilight-it-fresh-${RUN}`;
    tablesToDrop.add(tableName);
    const before = await raw.send(new ListTablesCommand({}));
    expect(before.TableNames).not.toContain(tableName);

    const found = await storeFor({ tableName }).get(coupleId('new'));

    expect(found).toBeUndefined();
    const { Table } = await raw.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual(schema.KeySchema);
    expect(Table?.AttributeDefinitions).toEqual(expect.arrayContaining(schema.AttributeDefinitions));
    expect(Table?.AttributeDefinitions).toHaveLength(schema.AttributeDefinitions.length);
  });

  it('round-trips a couple and stores version, generation, the compact state and expiresAt = now + retention', async () => {
    const store = storeFor();
    const id = coupleId('roundtrip');
    const state = named('Sam', 'Alex');
    state.generation = 'gen-1';
    logEnergy(state, 'a', 3, TODAY);

    const version = await store.put(id, state, 0);
    const read = await store.get(id);

    expect(version).toBe(1);
    expect(read).toEqual({ state, version: 1 });
    const item = await rawItem(id);
    expect(item?.version).toEqual({ N: '1' });
    expect(item?.generation).toEqual({ S: 'gen-1' });
    expect(item?.codec).toEqual({ S: 'z1' });
    expect(item?.z?.B).toBeInstanceOf(Uint8Array);
    expect(item?.state).toBeUndefined();
    expect(item?.expiresAt).toEqual({ N: String(NOW.getTime() / 1000 + RETENTION_DAYS * 86_400) });
  });

  it('rejects a write based on a stale version and keeps the newer state', async () => {
    const store = storeFor();
    const id = await seedCouple('stale');
    await store.put(id, named('Sam', 'Robin'), 1);

    await expect(store.put(id, named('Sam', 'Jo'), 1)).rejects.toBeInstanceOf(VersionConflictError);

    const read = await store.get(id);
    expect(read?.version).toBe(2);
    expect(read?.state.partners.map((p) => p.name)).toEqual(['Sam', 'Robin']);
  });

  it('rejects saving a "new" couple (expected version 0) when one is already stored', async () => {
    const store = storeFor();
    const id = await seedCouple('exists');

    await expect(store.put(id, named('Jo', 'Kim'), 0)).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store.get(id))?.state.partners.map((p) => p.name)).toEqual(['Sam', 'Alex']);
  });

  it('rejects a write expecting a version of a couple that was never saved', async () => {
    const id = coupleId('ghost');

    await expect(storeFor().put(id, named('Sam', 'Alex'), 3)).rejects.toBeInstanceOf(VersionConflictError);
    expect(await storeFor().get(id)).toBeUndefined();
  });

  it('keeps two couples apart, even when one id is a prefix of the other', async () => {
    const store = storeFor();
    const first = coupleId('iso');
    const second = `${first}0`;
    await store.put(first, named('Sam', 'Alex'), 0);
    await store.put(second, named('Jo', 'Kim'), 0);

    await new CoupleSession(store, first).update((s) => logEnergy(s, 'a', 5, TODAY));

    const [a, b] = await Promise.all([store.get(first), store.get(second)]);
    expect(a?.state.partners.map((p) => p.name)).toEqual(['Sam', 'Alex']);
    expect(a?.state.days[TODAY]?.energy).toEqual({ a: 5 });
    expect(a?.version).toBe(2);
    expect(b?.state.partners.map((p) => p.name)).toEqual(['Jo', 'Kim']);
    expect(b?.state.days).toEqual({});
    expect(b?.version).toBe(1);
    expect(await store.get(coupleId('iso-never'))).toBeUndefined();
  });
});

describe('deleting a couple', () => {
  it('removes every item of that couple and nothing of another (checked by a query on the partition)', async () => {
    const store = storeFor();
    const gone = await seedCouple('delete');
    const kept = await seedCouple('keep');
    await store.delete(gone);
    const query = (id: string) =>
      raw.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: coupleKey(id).pk } },
          ConsistentRead: true,
        }),
      );
    expect((await query(gone)).Count).toBe(0);
    expect((await query(kept)).Count).toBe(1);
    expect(await store.get(gone)).toBeUndefined();
    await store.delete(gone); // deleting twice is harmless
  });

  it('a session still holding the deleted couple writes nothing back, even once a new couple reaches its version', async () => {
    const store = storeFor();
    const id = coupleId('erased');
    const first = new CoupleSession(store, id);
    await first.update((s) => setPartners(s, 'Kit', 'Lou'));
    const held = first.snapshot()!;
    await store.delete(id);

    await expect(new CoupleSession(store, id, held).update((s) => logEnergy(s, 'a', 3, TODAY))).rejects.toBeInstanceOf(CoupleErasedError);
    expect(await store.get(id)).toBeUndefined();

    await new CoupleSession(store, id).update((s) => setPartners(s, 'Rosa', 'Kim'));
    expect((await store.get(id))?.version).toBe(held.version);
    await expect(new CoupleSession(store, id, held).update((s) => logEnergy(s, 'a', 3, TODAY))).rejects.toBeInstanceOf(CoupleErasedError);
    const stored = await store.get(id, { consistent: true });
    expect(stored?.state.partners.map((p) => p.name)).toEqual(['Rosa', 'Kim']);
    expect(stored?.state.days).toEqual({});
  });
});

describe('CoupleSession on DynamoDB Local', () => {
  it('re-reads and re-applies when another turn saved first, so both changes survive', async () => {
    const id = await seedCouple('retry');
    const storeA = storeFor();
    const storeB = storeFor();
    const putsB = jest.spyOn(storeB, 'put');
    const getsB = jest.spyOn(storeB, 'get');
    const first = new CoupleSession(storeA, id);
    const second = new CoupleSession(storeB, id);
    await first.read();
    await second.read();

    await first.update((s) => logEnergy(s, 'a', 4, TODAY));
    await second.update((s) => logEnergy(s, 'b', 2, TODAY));

    const stored = await storeFor().get(id);
    expect(stored?.state.days[TODAY]?.energy).toEqual({ a: 4, b: 2 });
    expect(stored?.version).toBe(3);
    expect(putsB).toHaveBeenCalledTimes(2);
    expect(getsB).toHaveBeenCalledTimes(2);
    expect(second.snapshot()).toEqual(stored);
  });

  it('loses nothing when two writers update the same couple in parallel', async () => {
    const id = await seedCouple('race');
    const rounds = 25;
    const writes: { day: string; partnerId: PartnerId; level: number; saved: boolean }[] = [];
    // Each write adds a distinct (day, partner) entry directly: logEnergy would prune days beyond
    // the 15-day window, and this test is about the store and the session, not the window.
    const writer = async (partnerId: PartnerId) => {
      const store = storeFor();
      for (let round = 0; round < rounds; round++) {
        const write = { day: addDays('2026-01-01', round), partnerId, level: (round % 5) + 1, saved: false };
        try {
          await new CoupleSession(store, id).update((s) => {
            const record = (s.days[write.day] ??= {});
            record.energy = { ...record.energy, [partnerId]: write.level };
          });
          write.saved = true;
        } catch (err) {
          // CoupleSession gives up after a few conflicts in a row; such a write must leave no trace.
          if (!(err instanceof VersionConflictError)) throw err;
        }
        writes.push(write);
      }
    };

    await Promise.all([writer('a'), writer('b')]);

    const stored = await storeFor().get(id);
    const found = writes.map((w) => ({ ...w, level: stored?.state.days[w.day]?.energy?.[w.partnerId] }));
    const expected = writes.map((w) => ({ ...w, level: w.saved ? w.level : undefined }));
    expect(found).toEqual(expected);
    const saved = writes.filter((w) => w.saved).length;
    expect(saved).toBeGreaterThan(rounds);
    expect(stored?.version).toBe(1 + saved);
  });

  it('writes nothing for a turn that changes nothing', async () => {
    const id = await seedCouple('noop');
    const store = storeFor();
    await new CoupleSession(store, id).update((s) => logEnergy(s, 'a', 3, TODAY));
    const before = await rawItem(id);
    const puts = jest.spyOn(store, 'put');

    const result = await new CoupleSession(store, id).update((s) => {
      logEnergy(s, 'a', 3, TODAY);
      return 'same as before';
    });

    expect(result).toBe('same as before');
    expect(puts).not.toHaveBeenCalled();
    expect(await rawItem(id)).toEqual(before);
    expect((await store.get(id))?.version).toBe(2);
  });
});

/** Writes an item of the shape used before the compact state: the state as a plain map, schemaVersion beside it. */
async function putLegacy(id: string, state: unknown, version = 1): Promise<void> {
  await storeFor().get(id); // creates the table first when this test runs alone
  const item = { ...coupleKey(id), schemaVersion: 1, version, state, expiresAt: 1_800_000_000 };
  await DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }).send(new PutCommand({ TableName: TABLE, Item: item }));
}

describe('items written before the compact state', () => {
  it('load as they were, and the next change rewrites them compact under the same generation guard', async () => {
    const id = coupleId('legacy');
    const old = named('Sam', 'Alex');
    old.generation = 'old-gen';
    logEnergy(old, 'a', 2, TODAY);
    await putLegacy(id, old, 4);

    const read = await storeFor().get(id);
    expect(read?.version).toBe(4);
    expect(parseCoupleState(read?.state)).toEqual(old);

    await new CoupleSession(storeFor(), id).update((s) => logEnergy(s, 'b', 3, TODAY));

    const item = await rawItem(id);
    expect(item?.state).toBeUndefined();
    expect(item?.codec).toEqual({ S: 'z1' });
    const after = await storeFor().get(id, { consistent: true });
    expect(after?.version).toBe(5);
    expect(after?.state.days[TODAY]?.energy).toEqual({ a: 2, b: 3 });
    expect(after?.state.generation).toBe('old-gen');
  });

  it('refuse a write from a couple started afresh (another generation) over a legacy item', async () => {
    const id = coupleId('legacy-gen');
    const old = named('Sam', 'Alex');
    old.generation = 'old-gen';
    await putLegacy(id, old, 1);
    const impostor = named('Jo', 'Kim');
    impostor.generation = 'new-gen';

    await expect(storeFor().put(id, impostor, 1)).rejects.toBeInstanceOf(VersionConflictError);
    expect((await storeFor().get(id))?.state.partners.map((p) => p.name)).toEqual(['Sam', 'Alex']);
  });

  it('a compact blob that will not open reads as an empty couple at its version, so the turn goes on', async () => {
    const id = coupleId('corrupt');
    await storeFor().get(id);
    const item = { ...coupleKey(id), version: 3, codec: 'z1', z: new Uint8Array([1, 2, 3, 4]), expiresAt: 1_800_000_000 };
    await DynamoDBDocumentClient.from(raw).send(new PutCommand({ TableName: TABLE, Item: item }));

    const read = await storeFor().get(id);
    expect(read?.version).toBe(3);
    expect(parseCoupleState(read?.state)).toEqual(newCouple());
  });
});

describe('ids named like Object.prototype members', () => {
  /** Stores a legacy-shape couple at version 1 with one pacing field as a hand edit or an old version might have left it. */
  async function storeRaw(id: string, field: 'setAside' | 'recent', value: AttributeValue): Promise<void> {
    await putLegacy(id, named('Kit', 'Lou'), 1);
    const { pk, sk } = coupleKey(id);
    const out = await raw.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: pk }, sk: { S: sk } }, ConsistentRead: true }));
    const item = must(out.Item, 'the stored couple');
    must(item.state?.M?.pacing?.M, 'a pacing map in the stored state')[field] = value;
    await raw.send(new PutItemCommand({ TableName: TABLE, Item: item }));
  }

  it('a stored set-aside id "constructor" does not make later saves fail', async () => {
    const id = coupleId('proto-aside');
    // Parsed, so "__proto__" is an own key like the others.
    const aside = JSON.parse(
      '{"constructor":{"S":"2026-11-20"},"__proto__":{"S":"2026-11-20"},"toString":{"S":"2026-11-20"},"one-good-thing":{"S":"2026-11-21"}}',
    );
    await storeRaw(id, 'setAside', { M: aside });

    await new CoupleSession(storeFor(), id).update((s) => logEnergy(s, 'a', 3, TODAY));

    const stored = await storeFor().get(id, { consistent: true });
    expect(stored?.version).toBe(2);
    expect(stored?.state.days[TODAY]?.energy).toEqual({ a: 3 });
    expect(Object.keys(stored?.state.pacing.setAside ?? {})).toEqual(['one-good-thing']);
  });

  it('"not for now" on a stored suggestion id "constructor" saves, and sets nothing aside under that name', async () => {
    const id = coupleId('proto-recent');
    await storeRaw(id, 'recent', { L: [{ S: 'constructor' }] });

    await new CoupleSession(storeFor(), id).update((s) => rateSession(s.pacing, 'notForNow', 'both', TODAY));
    await new CoupleSession(storeFor(), id).update((s) => logEnergy(s, 'b', 2, TODAY));

    const stored = await storeFor().get(id, { consistent: true });
    expect(stored?.state.days[TODAY]?.energy).toEqual({ b: 2 });
    expect(Object.hasOwn(stored?.state.pacing.setAside ?? {}, 'constructor')).toBe(false);
  });
});

describe('DynamoCoupleStore when DynamoDB cannot be reached', () => {
  const fast = { requestTimeoutMs: 200, maxAttempts: 2 };
  const budgetMs = 3000;

  it('fails fast with StoreUnavailableError on a closed port', async () => {
    const store = storeFor({ endpoint: `http://127.0.0.1:${await freePort()}`, ...fast });

    const [read, write] = await Promise.all([settle(store.get(coupleId('down')), budgetMs), settle(store.put(coupleId('down'), newCouple(), 0), budgetMs)]);

    expect(read).toBeInstanceOf(StoreUnavailableError);
    expect(write).toBeInstanceOf(StoreUnavailableError);
  });

  describe('with a server that accepts connections but never answers', () => {
    let server: Server;
    const sockets = new Set<Socket>();
    let silentEndpoint: string;

    beforeAll(async () => {
      server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      silentEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });

    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('gives up after its request timeout with StoreUnavailableError', async () => {
      const store = storeFor({ endpoint: silentEndpoint, ...fast });

      expect(await settle(store.get(coupleId('silent')), budgetMs)).toBeInstanceOf(StoreUnavailableError);
    });
  });
});

/** What `call` settled with inside `ms`: its error, 'answered', or a 'no answer' note. */
async function settle(call: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${ms} ms`), ms);
  });
  try {
    return await Promise.race([
      call.then(
        () => 'answered',
        (err: unknown) => err,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
