import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoError } from '../../src/store/dynamo-client';
import { createTransport } from '../../src/store/dynamo-transport';
import { must } from '../support/must';

/** A loopback stand-in for DynamoDB: records each request, answers as told. */
let server: Server;
let endpoint: string;
let seen: { headers: IncomingHttpHeaders; body: string }[] = [];
let answer: { status: number; body: string } = { status: 200, body: '{}' };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen = [];
  answer = { status: 200, body: '{}' };
});

const signal = () => AbortSignal.timeout(2000);

describe('the DynamoDB transport (aws4 + node:http)', () => {
  it('signs with the role credentials Lambda passes, session token included, for the region', async () => {
    const transport = createTransport({
      region: 'eu-west-1',
      endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token-1' },
    });
    answer = { status: 200, body: '{"Item":{"pk":{"S":"a"}}}' };

    const out = await transport.send('GetItem', { TableName: 't', Key: { pk: { S: 'a' } } }, signal());

    expect(out).toEqual({ Item: { pk: { S: 'a' } } });
    const { headers, body } = must(seen[0], 'a request at the server');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=[^,]*x-amz-security-token[^,]*x-amz-target/,
    );
    expect(headers['x-amz-security-token']).toBe('token-1');
    expect(headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(JSON.parse(body)).toEqual({ TableName: 't', Key: { pk: { S: 'a' } } });
    transport.destroy();
  });

  it('uses fixed local credentials on a local endpoint when none are given', async () => {
    const transport = createTransport({ region: 'us-east-1', endpoint });
    await transport.send('GetItem', {}, signal());
    expect(seen[0]?.headers.authorization).toMatch(/Credential=local\//);
    transport.destroy();
  });

  it('refuses to call AWS without credentials, before any request', async () => {
    const transport = createTransport({ region: 'us-east-1' });
    await expect(transport.send('GetItem', {}, signal())).rejects.toMatchObject({ name: 'CredentialsMissing', status: 0 });
    transport.destroy();
  });

  it("names an error answer by DynamoDB's type, with its status", async () => {
    const transport = createTransport({ region: 'us-east-1', endpoint });
    answer = { status: 400, body: '{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}' };

    const err = await transport.send('PutItem', {}, signal()).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(DynamoError);
    expect(err).toMatchObject({ name: 'ConditionalCheckFailedException', status: 400 });
    transport.destroy();
  });

  it('treats a cut-off answer as no answer (status 0, so it is tried again)', async () => {
    const transport = createTransport({ region: 'us-east-1', endpoint });
    answer = { status: 200, body: '{"Item":{"pk"' };
    await expect(transport.send('GetItem', {}, signal())).rejects.toMatchObject({ name: 'MalformedResponse', status: 0 });
    transport.destroy();
  });
});
