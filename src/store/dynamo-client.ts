/** AWS credentials as Lambda hands them to the function (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where and as whom one DynamoDB transport signs and sends its requests. */
export interface TransportOptions {
  region: string;
  /** A local endpoint (DynamoDB Local, dynalite): plain http allowed, any credentials accepted. */
  endpoint?: string;
  credentials?: AwsCredentials;
}

/**
 * One signed request in DynamoDB's JSON protocol (operation name as in X-Amz-Target), no retries:
 * resolves with the parsed answer, rejects with a DynamoError for an error answer, or with the
 * network error (an AbortError once `signal` fires).
 */
export interface DynamoTransport {
  send(operation: string, input: object, signal: AbortSignal): Promise<Record<string, unknown>>;
  /** Closes kept-alive connections. */
  destroy(): void;
}

/** DynamoDB answered with an error; `name` is its type (ConditionalCheckFailedException, …). */
export class DynamoError extends Error {
  constructor(
    override readonly name: string,
    /** The HTTP status, or 0 when DynamoDB did not answer (network error, timeout). */
    readonly status: number,
    message = name,
  ) {
    super(message);
  }
}

/** Error types that mean "slow down and try again", as the AWS SDK's retry strategy lists them for DynamoDB. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'Throttling',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

/** The SDK's standard retry delays: full jitter on an exponential base, longer after throttling. */
const BASE_DELAY_MS = 100;
const THROTTLING_BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;

export interface DynamoClientOptions {
  transport: DynamoTransport;
  /** Per-attempt bound, connection included: well inside Alexa's 8 s. */
  requestTimeoutMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** For tests: the wait before retry number `retry` (1 for the first retry). */
  delay?: (retry: number, throttled: boolean) => number;
}

/** Calls DynamoDB with the retry and timeout policy of the AWS SDK's standard mode, on any transport. */
export class DynamoClient {
  constructor(private readonly opts: DynamoClientOptions) {}

  async call<T = Record<string, unknown>>(operation: string, input: object): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.opts.transport.send(operation, input, AbortSignal.timeout(this.opts.requestTimeoutMs))) as T;
      } catch (raw) {
        const err = asDynamoError(raw);
        if (attempt >= this.opts.maxAttempts || !isRetryable(err)) throw err;
        const throttled = THROTTLING.has(err.name);
        await sleep((this.opts.delay ?? jitteredDelay)(attempt, throttled));
      }
    }
  }

  destroy(): void {
    this.opts.transport.destroy();
  }
}

/** Full jitter: anywhere from 0 to base × 2^(retry−1), capped. */
export function jitteredDelay(retry: number, throttled: boolean): number {
  const base = throttled ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
  return Math.random() * Math.min(MAX_DELAY_MS, base * 2 ** (retry - 1));
}

/** Server faults, throttling, timeouts and dropped connections are worth another attempt; a client error is not. */
export function isRetryable(err: DynamoError): boolean {
  if (err.name === 'CredentialsMissing') return false;
  return err.status === 0 || err.status >= 500 || err.status === 429 || THROTTLING.has(err.name);
}

/** A transport's rejection as a DynamoError: a timeout is TimeoutError, any other network failure keeps its code. */
function asDynamoError(err: unknown): DynamoError {
  if (err instanceof DynamoError) return err;
  const e = err as { name?: string; code?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return new DynamoError('TimeoutError', 0);
  return new DynamoError(e?.code ?? e?.name ?? 'NetworkError', 0);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
