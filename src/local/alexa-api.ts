import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the skill made to the Alexa service APIs, as the stand-in saw it. */
export interface AlexaApiCall {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
}

export interface AlexaApiOptions {
  /** What GET …/settings/System.timeZone answers (the Settings API). */
  timeZone?: string;
  /** Told of each call as it arrives (the simulator prints them). */
  onCall?: (call: AlexaApiCall) => void;
  /** Status for POST /v1/alerts/reminders (201 normally; 401 when the permission is missing). */
  reminderStatus?: () => number;
  /** Status for DELETE /v1/alerts/reminders/{alertToken} (204 normally, 404 for an unknown token). */
  deleteStatus?: () => number;
}

export interface AlexaApi {
  endpoint: string;
  calls: AlexaApiCall[];
  /** The reminders this skill has on the account, by alert token, as the Reminders API keeps them. */
  reminders: Map<string, unknown>;
  close(): Promise<void>;
}

/**
 * A local stand-in for Alexa's service APIs (context.System.apiEndpoint): the Settings API time
 * zone, progressive responses and the Reminders API (create, list, delete), each checking the request contract.
 */
export async function startAlexaApi(opts: AlexaApiOptions = {}): Promise<AlexaApi> {
  const calls: AlexaApiCall[] = [];
  const reminders = new Map<string, unknown>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        body = undefined;
      }
      const call: AlexaApiCall = { method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body };
      calls.push(call);
      opts.onCall?.(call);
      const reply = (status: number, json?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(json === undefined ? '' : JSON.stringify(json));
      };
      if (!/^Bearer \S+/.test(call.authorization ?? '')) return reply(401, { message: 'missing bearer token' });
      if (call.method === 'GET' && /^\/v2\/devices\/[^/]+\/settings\/System\.timeZone$/.test(call.path)) {
        return opts.timeZone ? reply(200, opts.timeZone) : reply(204);
      }
      if (call.method === 'POST' && call.path === '/v1/directives') {
        const ok = (body as { directive?: { type?: string } })?.directive?.type === 'VoicePlayer.Speak';
        return reply(ok ? 204 : 400);
      }
      if (call.method === 'POST' && call.path === '/v1/alerts/reminders') {
        const status = opts.reminderStatus?.() ?? 201;
        if (status !== 201) return reply(status, { code: 'UNAUTHORIZED', message: 'permission missing' });
        const r = body as { trigger?: { type?: string; scheduledTime?: string }; alertInfo?: { spokenInfo?: { content?: unknown[] } } };
        const valid = r?.trigger?.type === 'SCHEDULED_ABSOLUTE' && typeof r.trigger.scheduledTime === 'string' && (r.alertInfo?.spokenInfo?.content?.length ?? 0) > 0;
        if (!valid) return reply(400, { code: 'INVALID_REQUEST' });
        const alertToken = `alert-${calls.length}`;
        reminders.set(alertToken, body);
        return reply(201, { alertToken, status: 'ON' });
      }
      if (call.method === 'GET' && call.path === '/v1/alerts/reminders') {
        const alerts = [...reminders].map(([alertToken, r]) => ({ alertToken, status: 'ON', ...(r as object) }));
        return reply(200, { totalCount: String(alerts.length), alerts });
      }
      const one = call.path.match(/^\/v1\/alerts\/reminders\/([^/?]+)$/);
      if (call.method === 'DELETE' && one) {
        const token = decodeURIComponent(one[1]);
        const status = opts.deleteStatus?.() ?? 204;
        if (status !== 204) return reply(status, { code: 'INTERNAL_ERROR', message: 'could not delete' });
        if (!reminders.delete(token)) return reply(404, { code: 'NOT_FOUND', message: 'no such reminder' });
        return reply(204);
      }
      return reply(404, { message: 'not part of the stand-in' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, calls, reminders, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
