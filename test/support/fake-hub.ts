import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One request as the hub saw it: the raw body exactly as sent, and its JSON when it parses. */
export interface HubCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  json: unknown;
}

/** How the fake answers: a status (and JSON body), or never at all. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

export interface FakeHub {
  url: string;
  calls: HubCall[];
  /** performance.now() of each request the client gave up on before an answer was sent. */
  abandoned: number[];
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 and a free port that records every request; close() drops all sockets. */
export async function startFakeHub(reply: (call: HubCall) => Reply = () => ({ status: 200, body: [] })): Promise<FakeHub> {
  const calls: HubCall[] = [];
  const abandoned: number[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        json = undefined;
      }
      const call: HubCall = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody, json };
      calls.push(call);
      const answer = reply(call);
      if (answer === 'hang') {
        res.on('close', () => abandoned.push(performance.now()));
        return;
      }
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    abandoned,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * A fake Home Assistant that enforces the REST contract: POST, /api/services/<domain>/<service>,
 * `Authorization: Bearer <token>`, a JSON content type and a JSON object body. Anything else gets
 * the status HA would give (405, 404, 401, 400); `override` can replace the answer to valid calls.
 */
export function startFakeHomeAssistant(token: string, override?: (call: HubCall) => Reply | undefined): Promise<FakeHub> {
  return startFakeHub((call) => {
    if (call.method !== 'POST') return { status: 405 };
    if (!/^\/api\/services\/[a-z_]+\/[a-z_]+$/.test(call.path)) return { status: 404 };
    if (call.headers.authorization !== `Bearer ${token}`) return { status: 401, body: { message: 'Unauthorized' } };
    if (!String(call.headers['content-type']).startsWith('application/json')) return { status: 400 };
    if (typeof call.json !== 'object' || call.json === null || Array.isArray(call.json)) return { status: 400 };
    return override?.(call) ?? { status: 200, body: [] };
  });
}

/** The URL of a port that was just free again: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const hub = await startFakeHub();
  await hub.close();
  return hub.url;
}

/** Polls until `check` holds or `ms` pass. */
export async function waitFor(check: () => boolean, ms = 1000): Promise<boolean> {
  const until = performance.now() + ms;
  while (!check()) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** A log that keeps what it is given, to assert on its fields. */
export function captureLog(): { warn(msg: string, fields?: Record<string, unknown>): void; entries: { msg: string; fields?: Record<string, unknown> }[] } {
  const entries: { msg: string; fields?: Record<string, unknown> }[] = [];
  return { entries, warn: (msg, fields) => entries.push({ msg, fields }) };
}
