import { DynamoDBClient, GetItemCommand, PutItemCommand, DeleteItemCommand, CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoError, type DynamoTransport, type TransportOptions } from '../../src/store/dynamo-client';

/**
 * Bench candidate, the client the store used before: AWS SDK v3's DynamoDBClient (its own retries
 * off, so the store's policy applies to every candidate alike). lib-dynamodb is left out: the store
 * marshals items itself now, so this measures the client, not its marshalling (≈21 KB more).
 */
const COMMANDS: Record<string, new (input: never) => unknown> = {
  GetItem: GetItemCommand,
  PutItem: PutItemCommand,
  DeleteItem: DeleteItemCommand,
  CreateTable: CreateTableCommand,
  DescribeTable: DescribeTableCommand,
};

export function createTransport(opts: TransportOptions): DynamoTransport {
  const client = new DynamoDBClient({
    region: opts.region,
    endpoint: opts.endpoint,
    maxAttempts: 1,
    ...(opts.credentials ? { credentials: opts.credentials } : opts.endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return {
    async send(operation, input, signal) {
      const Command = COMMANDS[operation];
      if (!Command) throw new Error(`sdk transport: no command for ${operation}`);
      try {
        const out = await client.send(new Command(binary(input, 'in') as never) as Parameters<DynamoDBClient['send']>[0], { abortSignal: signal });
        const { $metadata: _, ...rest } = out as unknown as Record<string, unknown>;
        return binary(rest, 'out') as Record<string, unknown>;
      } catch (err) {
        const e = err as Error & { $metadata?: { httpStatusCode?: number }; $fault?: string };
        const status = e.$metadata?.httpStatusCode;
        if (status) throw new DynamoError(e.name, status);
        throw err;
      }
    },
    destroy: () => client.destroy(),
  };
}

/** The SDK takes and gives binary attributes as bytes; the store's wire form has them as base64. */
function binary(value: unknown, direction: 'in' | 'out', key = ''): unknown {
  if (key === 'B' && direction === 'in' && typeof value === 'string') return Buffer.from(value, 'base64');
  if (key === 'B' && direction === 'out' && value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((v) => binary(v, direction));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, binary(v, direction, k)]));
  }
  return value;
}
