import awsLite from '@aws-lite/client';
// @ts-expect-error: the plugin ships its types in @aws-lite/dynamodb-types, not needed for a raw call.
import dynamodb from '@aws-lite/dynamodb';
import { DynamoError, type DynamoTransport, type TransportOptions } from '../../src/store/dynamo-client';

/**
 * Bench candidate: @aws-lite/client with its DynamoDB plugin, as its docs set it up. Requests go
 * through the client's raw call with the store's wire JSON (the plugin's methods marshal items
 * themselves); its retries are off and each attempt carries the store's AbortSignal.
 */
type Lite = (params: Record<string, unknown>) => Promise<{ statusCode: number; payload: unknown }>;

export function createTransport(opts: TransportOptions): DynamoTransport {
  const credentials = opts.credentials ?? (opts.endpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined);
  let client: Promise<Lite> | undefined;
  const lite = () =>
    (client ??= awsLite({
      region: opts.region,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      ...credentials,
      plugins: [dynamodb],
      retries: 0,
      // Answers as plain JSON: aws-lite would otherwise try to unmarshal the whole answer.
      responseContentType: 'application/json',
    }) as unknown as Promise<Lite>);
  return {
    async send(operation, input, signal) {
      const aws = await lite();
      try {
        const out = await aws({
          service: 'dynamodb',
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}` },
          payload: input,
          awsjson: false,
          signal,
        });
        return (out.payload ?? {}) as Record<string, unknown>;
      } catch (err) {
        const e = err as Error & { statusCode?: number; __type?: string };
        if (!e.statusCode) throw new DynamoError('NetworkError', 0);
        // "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException" → the part after '#', as src/store/dynamo-transport.ts reads it.
        const type = e.__type ?? e.name;
        throw new DynamoError(type.slice(type.lastIndexOf('#') + 1), e.statusCode);
      }
    },
    destroy() {
      // Nothing of ours to close: aws-lite keeps its agents in a module-level cache it does not expose.
    },
  };
}
