import { Agent, createServer, request as forward, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy does with one request to DynamoDB. */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'throttle' }
  | { kind: 'serverError' }
  | { kind: 'slow'; ms: number }
  | { kind: 'hang' }
  | { kind: 'applyThenHang' }
  | { kind: 'applyThenFail' };

/** The faults a test can program; `slow` forwards at once and delays only the answer. */
export const faults = {
  pass: { kind: 'pass' } as Fault,
  /** 400 ProvisionedThroughputExceededException, not forwarded: nothing is applied. */
  throttle: { kind: 'throttle' } as Fault,
  /** 500 InternalServerError, not forwarded: nothing is applied. */
  serverError: { kind: 'serverError' } as Fault,
  slow: (ms: number): Fault => ({ kind: 'slow', ms }),
  /** Never forwarded, never answered: the socket is held until the client gives up. */
  hang: { kind: 'hang' } as Fault,
  /** Forwarded, so a write IS applied, then never answered: the ambiguous case. */
  applyThenHang: { kind: 'applyThenHang' } as Fault,
  /** Forwarded, so a write IS applied, then answered 500 whatever DynamoDB said. */
  applyThenFail: { kind: 'applyThenFail' } as Fault,
};

/** A DynamoDB operation as named in `X-Amz-Target` (without the `DynamoDB_20120810.` prefix). */
export type Operation = 'GetItem' | 'PutItem' | 'DeleteItem' | 'CreateTable' | 'DescribeTable' | (string & {});

/** One request the proxy saw, and what it did with it. */
export interface Injection {
  operation: string;
  /** 1 for the first request of this operation since the proxy started. */
  nth: number;
  fault: Fault['kind'];
  /** What the client finally got: DynamoDB's status, the injected status, or nothing. */
  status?: number;
}

const JSON_TYPE = 'application/x-amz-json-1.0';
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'proxy-connection', 'upgrade']);

/**
 * An HTTP proxy on 127.0.0.1 in front of DynamoDB Local that injects faults per operation, in
 * sequence: `next('PutItem', throttle)` faults the next PutItem only; `always('PutItem', hang)`
 * faults every PutItem until `reset()`. Every request is logged with what was done to it.
 */
export class FaultProxy {
  readonly log: Injection[] = [];
  private readonly queued = new Map<string, Fault[]>();
  private readonly sticky = new Map<string, Fault>();
  private readonly counts = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly upstreamAgent = new Agent({ keepAlive: true });
  private readonly upstream: URL;

  private constructor(
    private readonly server: Server,
    upstream: string,
  ) {
    this.upstream = new URL(upstream);
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req, res) => this.handle(req, res));
  }

  /** Starts a proxy on a free loopback port in front of `upstream` (DynamoDB Local's endpoint). */
  static async start(upstream: string): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(server, upstream);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  /** Where to point a DynamoDB client. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Faults the next requests of `operation`, one fault each, in order; then requests pass again. */
  next(operation: Operation, ...sequence: Fault[]): this {
    this.queued.set(operation, [...(this.queued.get(operation) ?? []), ...sequence]);
    return this;
  }

  /** Faults every request of `operation` (after any queued ones) until reset(). */
  always(operation: Operation, fault: Fault): this {
    this.sticky.set(operation, fault);
    return this;
  }

  /** Clears every programmed fault; the log is kept. */
  reset(): this {
    this.queued.clear();
    this.sticky.clear();
    return this;
  }

  /** The log entries for one operation, or those that were actually faulted. */
  injected(operation?: Operation): Injection[] {
    return this.log.filter((e) => e.fault !== 'pass' && (operation === undefined || e.operation === operation));
  }

  /** Stops listening and destroys every socket, held or idle, on both sides. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    this.upstreamAgent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private faultFor(operation: string): Fault {
    const queue = this.queued.get(operation);
    if (queue && queue.length > 0) return queue.shift()!;
    return this.sticky.get(operation) ?? faults.pass;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.slice(target.lastIndexOf('.') + 1) || 'unknown';
      const nth = (this.counts.get(operation) ?? 0) + 1;
      this.counts.set(operation, nth);
      const fault = this.faultFor(operation);
      const entry: Injection = { operation, nth, fault: fault.kind };
      this.log.push(entry);
      const body = Buffer.concat(chunks);
      const reply = (status: number, headers: IncomingHttpHeaders, payload: Buffer) => {
        if (res.destroyed || res.writableEnded) return;
        entry.status = status;
        res.writeHead(status, { ...passable(headers), 'content-length': payload.length });
        res.end(payload);
      };
      const error = (status: number, type: string, message: string) =>
        reply(status, { 'content-type': JSON_TYPE }, Buffer.from(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message })));

      switch (fault.kind) {
        case 'throttle': {
          error(400, 'ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded.');
          return;
        }
        case 'serverError': {
          error(500, 'InternalServerError', 'Internal server error');
          return;
        }
        case 'hang':
          return;
        default:
          this.forward(req, body, (status, headers, payload) => {
            if (fault.kind === 'pass') {
              reply(status, headers, payload);
              return;
            }
            if (fault.kind === 'applyThenFail') {
              error(500, 'InternalServerError', 'Internal server error');
              return;
            }
            if (fault.kind === 'slow') {
              const timer = setTimeout(() => {
                this.timers.delete(timer);
                reply(status, headers, payload);
              }, fault.ms);
              this.timers.add(timer);
            }
            // applyThenHang: DynamoDB has applied it; the client never hears so.
          });
      }
    });
  }

  private forward(req: IncomingMessage, body: Buffer, done: (status: number, headers: IncomingHttpHeaders, payload: Buffer) => void): void {
    const out = forward(
      {
        agent: this.upstreamAgent,
        host: this.upstream.hostname,
        port: this.upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...passable(req.headers), 'content-length': body.length },
      },
      (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => done(answer.statusCode ?? 502, answer.headers, Buffer.concat(parts)));
      },
    );
    // DynamoDB Local down: the client sees a 500, as from a real outage.
    out.on('error', () => done(500, { 'content-type': JSON_TYPE }, Buffer.from('{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError"}')));
    out.end(body);
  }
}

function passable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}
