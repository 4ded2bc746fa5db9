import { DynamoClient, DynamoError, isRetryable, jitteredDelay, type DynamoTransport } from '../../src/store/dynamo-client';

type Answer = 'ok' | 'hang' | DynamoError | Error;

/** A transport that answers each attempt as scripted, and records the signals it was given. */
function scripted(...answers: Answer[]) {
  const seen: { operation: string; signal: AbortSignal }[] = [];
  const transport: DynamoTransport = {
    send(operation, _input, signal) {
      seen.push({ operation, signal });
      const answer = answers.shift() ?? 'ok';
      if (answer === 'ok') return Promise.resolve({ ok: true });
      if (answer === 'hang') return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
      return Promise.reject(answer);
    },
    destroy() {},
  };
  return { transport, seen };
}

const client = (transport: DynamoTransport, maxAttempts = 2, requestTimeoutMs = 50) =>
  new DynamoClient({ transport, maxAttempts, requestTimeoutMs, delay: () => 0 });

describe('DynamoClient: the AWS SDK standard retry policy on a small transport', () => {
  it.each([
    ['throttling', new DynamoError('ProvisionedThroughputExceededException', 400)],
    ['a server error', new DynamoError('InternalServerError', 500)],
    ['a dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a timeout', 'hang' as const],
  ])('tries again after %s, and answers', async (_, first) => {
    const { transport, seen } = scripted(first);

    await expect(client(transport).call('GetItem', {})).resolves.toEqual({ ok: true });
    expect(seen).toHaveLength(2);
  });

  it.each([
    ['ConditionalCheckFailedException', 400],
    ['ValidationException', 400],
    ['ResourceNotFoundException', 400],
  ])('does not repeat %s', async (name, status) => {
    const { transport, seen } = scripted(new DynamoError(name, status));

    await expect(client(transport).call('PutItem', {})).rejects.toMatchObject({ name, status });
    expect(seen).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const { transport, seen } = scripted('hang', 'hang', 'hang');

    await expect(client(transport, 3).call('GetItem', {})).rejects.toMatchObject({ name: 'TimeoutError', status: 0 });
    expect(seen).toHaveLength(3);
  });

  it('gives each attempt a signal of its own that fires after requestTimeoutMs', async () => {
    const { transport, seen } = scripted('hang');
    const started = Date.now();

    await client(transport, 2, 80).call('GetItem', {});

    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    expect(seen[0]?.signal.aborted).toBe(true);
    expect(seen[1]?.signal.aborted).toBe(false);
  });

  it('waits a jittered delay: up to 100 ms × 2^(retry−1), from 500 ms after throttling', () => {
    const delays = Array.from({ length: 2000 }, () => jitteredDelay(1, false));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(100);
    expect(new Set(delays.map((d) => Math.floor(d / 10))).size).toBe(10);
    expect(Math.max(...Array.from({ length: 2000 }, () => jitteredDelay(3, true)))).toBeGreaterThan(1000);
    expect(jitteredDelay(40, false)).toBeLessThanOrEqual(20_000);
  });

  it('counts 429 and every 5xx as retryable, other 4xx not', () => {
    expect(isRetryable(new DynamoError('TooManyRequests', 429))).toBe(true);
    expect(isRetryable(new DynamoError('ServiceUnavailable', 503))).toBe(true);
    expect(isRetryable(new DynamoError('ThrottlingException', 400))).toBe(true);
    expect(isRetryable(new DynamoError('AccessDeniedException', 400))).toBe(false);
    expect(isRetryable(new DynamoError('CredentialsMissing', 0))).toBe(false);
  });
});
