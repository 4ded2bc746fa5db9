import { AwsClient } from 'aws4fetch';
import { DynamoError, type DynamoTransport, type TransportOptions } from '../../src/store/dynamo-client';

/** Bench candidate: aws4fetch (SigV4 on WebCrypto) over Node's global fetch; its retries off. */
export function createTransport(opts: TransportOptions): DynamoTransport {
  const credentials = opts.credentials ?? (opts.endpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined);
  const url = opts.endpoint ?? `https://dynamodb.${opts.region}.amazonaws.com`;
  const aws = credentials && new AwsClient({ ...credentials, service: 'dynamodb', region: opts.region, retries: 0 });
  return {
    async send(operation, input, signal) {
      if (!aws) throw new DynamoError('CredentialsMissing', 0);
      const res = await aws.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}` },
        body: JSON.stringify(input),
        signal,
      });
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      if (res.ok) return parsed;
      // "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException" → the part after '#', as src/store/dynamo-transport.ts reads it.
      const type = typeof parsed.__type === 'string' ? parsed.__type : `HTTP${res.status}`;
      throw new DynamoError(type.slice(type.lastIndexOf('#') + 1), res.status);
    },
    destroy() {
      // Nothing of ours to close: the global fetch pools its sockets in undici's global dispatcher.
    },
  };
}
