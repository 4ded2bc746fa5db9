import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { sign } from 'aws4';
import { DynamoError, type DynamoTransport, type TransportOptions } from './dynamo-client';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * DynamoDB's JSON protocol over node:https, signed with aws4 (SigV4): a few kilobytes where the AWS
 * SDK v3 client loads hundreds, which is most of a cold start. Keep-alive, as the SDK does on Lambda.
 */
export function createTransport(opts: TransportOptions): DynamoTransport {
  const url = new URL(opts.endpoint ?? `https://dynamodb.${opts.region}.amazonaws.com`);
  const secure = url.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const request = secure ? httpsRequest : httpRequest;
  // Local emulators accept any credentials; without the role's, a local endpoint gets fixed ones.
  const credentials = opts.credentials ?? (opts.endpoint ? LOCAL_CREDENTIALS : undefined);

  return {
    send(operation, input, signal) {
      if (!credentials) return Promise.reject(new DynamoError('CredentialsMissing', 0, 'no AWS credentials in the environment'));
      const body = JSON.stringify(input);
      const signed = sign(
        {
          service: 'dynamodb',
          region: opts.region,
          method: 'POST',
          host: url.host,
          path: '/',
          body,
          headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${operation}` },
        },
        credentials,
      );
      return new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            protocol: url.protocol,
            hostname: url.hostname,
            port: url.port,
            path: '/',
            method: 'POST',
            headers: signed.headers as Record<string, string>,
            signal,
          },
          (res) => {
            read(res).then((text) => {
              const parsed = parse(text);
              if (res.statusCode === 200) {
                // A cut-off answer is as good as none: status 0, so it is tried again.
                if (parsed || !text) resolve(parsed ?? {});
                else reject(new DynamoError('MalformedResponse', 0));
                return;
              }
              // "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException" → the part after '#'.
              const type = textOf(parsed?.__type) ?? `HTTP${res.statusCode}`;
              reject(new DynamoError(type.slice(type.lastIndexOf('#') + 1), res.statusCode ?? 0, textOf(parsed?.message) ?? textOf(parsed?.Message) ?? type));
            }, reject);
          },
        );
        req.once('error', reject);
        req.end(body);
      });
    },
    destroy: () => agent.destroy(),
  };
}

function read(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.once('error', reject);
  });
}

/** A scalar field of DynamoDB's error body as text; undefined when absent (or not a scalar). */
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
