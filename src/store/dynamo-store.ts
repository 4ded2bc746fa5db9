import type { CoupleState } from '../domain/couple';
import { parseCoupleState } from '../domain/state-schema';
import schema from './table-schema.json';
import { marshall, unmarshall, type Item } from './attribute-value';
import { DynamoClient, DynamoError, type AwsCredentials, type DynamoTransport } from './dynamo-client';
import { createTransport } from './dynamo-transport';
import { decodeState, encodeState, STATE_CODEC } from './state-codec';
import { StoreUnavailableError, VersionConflictError, type CoupleStore, type Versioned } from './couple-store';

export interface DynamoStoreOptions {
  tableName: string;
  region: string;
  /** A local endpoint; when set, missing tables are created on first use. */
  endpoint?: string;
  /** Days the couple's item lives after its last write (TTL on expiresAt). */
  retentionDays: number;
  /** Wall clock for expiresAt; injectable for tests. */
  now?: () => Date;
  /** The Lambda role's credentials; a local endpoint needs none. */
  credentials?: AwsCredentials;
  /** Per-attempt timeouts, well inside Alexa's 8 s budget. */
  requestTimeoutMs?: number;
  maxAttempts?: number;
  /** For the bench and tests: another way to send each request (counting, or another client). */
  transport?: DynamoTransport;
}

/** Key design lives here and only here: one item per couple. */
export const coupleKey = (coupleId: string) => ({ pk: `COUPLE#${coupleId}`, sk: 'STATE' });

/** CreateTable's input for the couple table, as DynamoDB's API spells it. */
export interface TableDefinition {
  TableName: string;
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  BillingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
}

/** The table definition shared by serverless.yml and the local create-if-missing path. */
export function tableDefinition(tableName: string): TableDefinition {
  return {
    TableName: tableName,
    AttributeDefinitions: schema.AttributeDefinitions as TableDefinition['AttributeDefinitions'],
    KeySchema: schema.KeySchema as TableDefinition['KeySchema'],
    BillingMode: schema.BillingMode as TableDefinition['BillingMode'],
  };
}

/** The item as written now: the state compressed into `z` (≈0.6 KB after 60 evenings, one write unit). */
interface StoredItem {
  pk: string;
  sk: string;
  version: number;
  /** Top level so the write condition can check it without opening the blob. */
  generation?: string;
  codec: string;
  z: Uint8Array;
  expiresAt: number;
}

/**
 * The state and version of a stored item of either shape, parsed: an item written before the
 * compact state holds the state as a plain map; a blob that will not open reads as an empty couple
 * at its version (like a malformed field), and the version still guards the next write.
 */
export function decodeItem(item: Record<string, unknown>): Versioned {
  const version = typeof item.version === 'number' ? item.version : 0;
  let state: unknown = item.state;
  if (item.z instanceof Uint8Array && typeof item.codec === 'string') {
    try {
      state = decodeState(item.z, item.codec);
    } catch {
      state = {};
    }
  }
  return { state: parseCoupleState(state), version };
}

/** CoupleStore on DynamoDB's JSON protocol (src/store/dynamo-client.ts), with optimistic concurrency on `version`. */
export class DynamoCoupleStore implements CoupleStore {
  private readonly db: DynamoClient;
  private tableReady: Promise<void> | undefined;

  constructor(private readonly opts: DynamoStoreOptions) {
    this.db = new DynamoClient({
      transport: opts.transport ?? createTransport({ region: opts.region, endpoint: opts.endpoint, credentials: opts.credentials }),
      requestTimeoutMs: opts.requestTimeoutMs ?? 700,
      maxAttempts: opts.maxAttempts ?? 2,
    });
  }

  async get(coupleId: string, options: { consistent?: boolean } = {}): Promise<Versioned | undefined> {
    const out = await this.call<{ Item?: Item }>('read', 'GetItem', {
      TableName: this.opts.tableName,
      Key: marshall(coupleKey(coupleId)),
      ConsistentRead: options.consistent === true,
    });
    return out.Item ? decodeItem(unmarshall(out.Item)) : undefined;
  }

  async put(coupleId: string, state: CoupleState, expectedVersion: number): Promise<number> {
    const version = expectedVersion + 1;
    const now = (this.opts.now ?? (() => new Date()))();
    const item: StoredItem = {
      ...coupleKey(coupleId),
      version,
      ...(state.generation !== undefined ? { generation: state.generation } : {}),
      codec: STATE_CODEC,
      z: encodeState(state),
      expiresAt: Math.floor(now.getTime() / 1000) + this.opts.retentionDays * 86_400,
    };
    const names: Record<string, string> = { '#v': 'version' };
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    let expression = '#v = :expected';
    // The generation too: a couple deleted and started again counts its versions from 1 once more.
    // An item of the older shape keeps it inside its state map.
    if (state.generation !== undefined) {
      Object.assign(names, { '#s': 'state', '#g': 'generation' });
      values[':generation'] = state.generation;
      expression += ' AND (#g = :generation OR #s.#g = :generation)';
    }
    const condition =
      expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: marshall(values) };
    try {
      await this.call('write', 'PutItem', { TableName: this.opts.tableName, Item: marshall({ ...item }), ...condition });
    } catch (err) {
      if (isConditional(err)) {
        throw new VersionConflictError('couple state changed since it was read');
      }
      throw err;
    }
    return version;
  }

  async delete(coupleId: string): Promise<void> {
    // One item holds everything about a couple (state and its history window), so one delete is all.
    await this.call('write', 'DeleteItem', { TableName: this.opts.tableName, Key: marshall(coupleKey(coupleId)) });
  }

  /** Closes kept-alive connections (tests; Lambda simply freezes them). */
  destroy(): void {
    this.db.destroy();
  }

  /** Runs one operation; on a local endpoint, creates the table once if it is missing. */
  private async call<T = Record<string, unknown>>(operation: 'read' | 'write', name: string, input: object, createIfMissing = true): Promise<T> {
    try {
      return await this.db.call<T>(name, input);
    } catch (err) {
      if (createIfMissing && this.opts.endpoint && isMissingTable(err)) {
        await this.ensureTable().catch((cause: unknown) => {
          throw new StoreUnavailableError(`could not create the local table: ${(cause as Error).name}`, operation);
        });
        return this.call<T>(operation, name, input, false);
      }
      if (isConditional(err)) throw err;
      throw new StoreUnavailableError(`DynamoDB call failed: ${(err as Error).name}`, operation);
    }
  }

  private ensureTable(): Promise<void> {
    this.tableReady ??= (async () => {
      try {
        await this.db.call('CreateTable', tableDefinition(this.opts.tableName));
      } catch (err) {
        if ((err as Error).name !== 'ResourceInUseException') throw err;
      }
      // DynamoDB Local makes a table ACTIVE at once; dynalite and DynamoDB itself take a moment.
      const deadline = Date.now() + 20_000;
      for (;;) {
        const out = await this.db.call<{ Table?: { TableStatus?: string } }>('DescribeTable', { TableName: this.opts.tableName });
        if (out.Table?.TableStatus === 'ACTIVE') return;
        if (Date.now() > deadline) throw new DynamoError('TableNotActive', 0);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })().catch((err: unknown) => {
      this.tableReady = undefined;
      throw err;
    });
    return this.tableReady;
  }
}

function isMissingTable(err: unknown): boolean {
  return (err as Error)?.name === 'ResourceNotFoundException';
}

function isConditional(err: unknown): boolean {
  return (err as Error)?.name === 'ConditionalCheckFailedException';
}
