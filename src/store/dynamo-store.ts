import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CoupleState } from '../domain/couple';
import { parseCoupleState } from '../domain/state-schema';
import schema from './table-schema.json';
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
  /** Per-attempt timeouts, well inside Alexa's 8 s budget. */
  requestTimeoutMs?: number;
  maxAttempts?: number;
  client?: DynamoDBClient;
}

/** Key design lives here and only here: one item per couple. */
export const coupleKey = (coupleId: string) => ({ pk: `COUPLE#${coupleId}`, sk: 'STATE' });

/** The table definition shared by serverless.yml and the local create-if-missing path. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: schema.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    KeySchema: schema.KeySchema as CreateTableCommandInput['KeySchema'],
    BillingMode: schema.BillingMode as CreateTableCommandInput['BillingMode'],
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

export function createDynamoClient(opts: Pick<DynamoStoreOptions, 'region' | 'endpoint' | 'requestTimeoutMs' | 'maxAttempts'>): DynamoDBClient {
  return new DynamoDBClient({
    region: opts.region,
    endpoint: opts.endpoint,
    maxAttempts: opts.maxAttempts ?? 2,
    requestHandler: { connectionTimeout: 500, requestTimeout: opts.requestTimeoutMs ?? 700, throwOnRequestTimeout: true },
    // Local emulators accept any credentials; real AWS uses the Lambda role.
    ...(opts.endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

/** CoupleStore on DynamoDB via lib-dynamodb, with optimistic concurrency on `version`. */
export class DynamoCoupleStore implements CoupleStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly client: DynamoDBClient;
  private tableReady: Promise<void> | undefined;

  constructor(private readonly opts: DynamoStoreOptions) {
    this.client = opts.client ?? createDynamoClient(opts);
    this.doc = DynamoDBDocumentClient.from(this.client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }

  async get(coupleId: string, options: { consistent?: boolean } = {}): Promise<Versioned | undefined> {
    const out = await this.call('read', () =>
      this.doc.send(new GetCommand({ TableName: this.opts.tableName, Key: coupleKey(coupleId), ConsistentRead: options.consistent === true })),
    );
    return out.Item ? decodeItem(out.Item) : undefined;
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
        : { ConditionExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
    try {
      await this.call('write', () => this.doc.send(new PutCommand({ TableName: this.opts.tableName, Item: item, ...condition })));
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
    await this.call('write', () => this.doc.send(new DeleteCommand({ TableName: this.opts.tableName, Key: coupleKey(coupleId) })));
  }

  /** Runs a command; on a local endpoint, creates the table once if it is missing. */
  private async call<T>(operation: 'read' | 'write', send: () => Promise<T>, createIfMissing = true): Promise<T> {
    try {
      return await send();
    } catch (err) {
      if (createIfMissing && this.opts.endpoint && isMissingTable(err)) {
        await this.ensureTable().catch((cause: Error) => {
          throw new StoreUnavailableError(`could not create the local table: ${cause.name}`, operation);
        });
        return this.call(operation, send, false);
      }
      if (isConditional(err)) throw err;
      throw new StoreUnavailableError(`DynamoDB call failed: ${(err as Error).name}`, operation);
    }
  }

  private ensureTable(): Promise<void> {
    this.tableReady ??= (async () => {
      try {
        await this.client.send(new CreateTableCommand(tableDefinition(this.opts.tableName)));
      } catch (err) {
        if ((err as Error).name !== 'ResourceInUseException') throw err;
      }
      await waitUntilTableExists({ client: this.client, maxWaitTime: 20, minDelay: 1 }, { TableName: this.opts.tableName });
    })().catch((err) => {
      this.tableReady = undefined;
      throw err;
    });
    return this.tableReady;
  }
}

function isMissingTable(err: unknown): boolean {
  return err instanceof ResourceNotFoundException || (err as Error)?.name === 'ResourceNotFoundException';
}

function isConditional(err: unknown): boolean {
  return err instanceof ConditionalCheckFailedException || (err as Error)?.name === 'ConditionalCheckFailedException';
}
