import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRIGGER_SCOPE, triggerPath } from '../ambience/routine-triggers';
import { isTriggerName, TRIGGER_CREATE, TRIGGER_DELETE, type TriggerName } from '../domain/custom-triggers';

/** One call the skill made to the Alexa service APIs, as the stand-in saw it. */
interface AlexaApiCall {
  method: string;
  path: string;
  authorization?: string;
  contentType?: string;
  body: unknown;
}

export interface AlexaApiOptions {
  /** What GET …/settings/System.timeZone answers (the Settings API). */
  timeZone?: string;
  /** Told of each call as it arrives (the simulator prints them). */
  onCall?: (call: AlexaApiCall) => void;
  /** Status for POST /v1/alerts/reminders (201 normally; 401 when the permission is missing). */
  reminderStatus?: () => number;
  /** The LWA client allowed to dispatch routine triggers; tokens for any other are refused. */
  lwaClient?: { clientId: string; clientSecret: string };
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

const TRIGGER_PATHS = new Set([triggerPath('production'), triggerPath('development')]);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The Routines Trigger Instance contract as far as Amazon's page could be read
 * (https://developer.amazon.com/en-US/docs/alexa/routines/routines-custom-trigger-api-reference.html):
 * requestId of 1 to 100 characters, delivery UNICAST (this skill's triggers), a trigger name of ours
 * (1 to 50 characters) with a parameters object. The recipient rows could not be read, so the
 * stand-in asks only that the recipient is the one its own SPI callback gave (see triggerCallback).
 */
export function triggerInstanceOk(body: unknown): boolean {
  if (!isRecord(body) || !isRecord(body.trigger) || !isRecord(body.recipient)) return false;
  const { requestId, delivery, trigger, recipient } = body;
  return (
    typeof requestId === 'string' &&
    requestId.length >= 1 &&
    requestId.length <= 100 &&
    delivery === 'UNICAST' &&
    isTriggerName(trigger.name) &&
    isRecord(trigger.parameters) &&
    recipient.type === 'USER' &&
    typeof recipient.value === 'string' &&
    recipient.value.length > 0
  );
}

/**
 * The Routines Trigger SPI request Alexa sends when a couple saves (create) or deletes a routine on
 * one of the skill's triggers (https://developer.amazon.com/en-US/docs/alexa/routines/trigger-config-spi.html):
 * request.type, requestId, timestamp, trigger { name, parameters } and recipient { type: USER, … }.
 * The page cuts off after "recipient.v"; the stand-in calls that field `value` and puts the account there.
 */
export function triggerCallback(change: 'create' | 'delete', name: TriggerName, userId: string, at = new Date()) {
  return {
    type: change === 'create' ? TRIGGER_CREATE : TRIGGER_DELETE,
    requestId: `amzn1.echo-api.request.routines-${change}-${at.getTime()}`,
    timestamp: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    trigger: { name, parameters: {} },
    recipient: { type: 'USER', value: userId },
  };
}

/**
 * A local stand-in for Alexa's service APIs (context.System.apiEndpoint): the Settings API time
 * zone, progressive responses, the Reminders API (create, list, delete), LWA client credentials
 * and routine trigger instances, each checking the request contract.
 */
export async function startAlexaApi(opts: AlexaApiOptions = {}): Promise<AlexaApi> {
  const calls: AlexaApiCall[] = [];
  const issued = new Set<string>();
  const lwaToken = (body: unknown): [number, unknown] => {
    const form = (body ?? {}) as Record<string, string>;
    const client = opts.lwaClient;
    if (form.grant_type !== 'client_credentials' || form.scope !== TRIGGER_SCOPE) return [400, { error: 'invalid_request' }];
    if (!client || form.client_id !== client.clientId || form.client_secret !== client.clientSecret) return [401, { error: 'invalid_client' }];
    const token = `Atc|simulated-${issued.size + 1}`;
    issued.add(token);
    return [200, { access_token: token, token_type: 'bearer', expires_in: 3600, scope: TRIGGER_SCOPE }];
  };
  const reminders = new Map<string, unknown>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = chunks.length ? JSON.parse(raw) : undefined;
      } catch {
        body = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : undefined;
      }
      const call: AlexaApiCall = {
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      };
      calls.push(call);
      opts.onCall?.(call);
      const reply = (status: number, json?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(json === undefined ? '' : JSON.stringify(json));
      };
      if (call.method === 'POST' && call.path === '/auth/o2/token') {
        reply(...lwaToken(body));
        return;
      }
      if (!/^Bearer \S+/.test(call.authorization ?? '')) {
        reply(401, { message: 'missing bearer token' });
        return;
      }
      if (call.method === 'POST' && TRIGGER_PATHS.has(call.path)) {
        if (!issued.has((call.authorization ?? '').slice(7))) {
          reply(401, { message: 'not a token LWA issued for triggers' });
          return;
        }
        if (triggerInstanceOk(body)) reply(202);
        else reply(400, { code: 'INVALID_REQUEST' });
        return;
      }
      if (call.method === 'GET' && /^\/v2\/devices\/[^/]+\/settings\/System\.timeZone$/.test(call.path)) {
        if (opts.timeZone) reply(200, opts.timeZone);
        else reply(204);
        return;
      }
      if (call.method === 'POST' && call.path === '/v1/directives') {
        const ok = (body as { directive?: { type?: string } })?.directive?.type === 'VoicePlayer.Speak';
        reply(ok ? 204 : 400);
        return;
      }
      if (call.method === 'POST' && call.path === '/v1/alerts/reminders') {
        const status = opts.reminderStatus?.() ?? 201;
        if (status !== 201) {
          reply(status, { code: 'UNAUTHORIZED', message: 'permission missing' });
          return;
        }
        const r = body as { trigger?: { type?: string; scheduledTime?: string }; alertInfo?: { spokenInfo?: { content?: unknown[] } } };
        const valid =
          r?.trigger?.type === 'SCHEDULED_ABSOLUTE' && typeof r.trigger.scheduledTime === 'string' && (r.alertInfo?.spokenInfo?.content?.length ?? 0) > 0;
        if (!valid) {
          reply(400, { code: 'INVALID_REQUEST' });
          return;
        }
        const alertToken = `alert-${calls.length}`;
        reminders.set(alertToken, body);
        reply(201, { alertToken, status: 'ON' });
        return;
      }
      if (call.method === 'GET' && call.path === '/v1/alerts/reminders') {
        const alerts = [...reminders].map(([alertToken, r]) => ({ alertToken, status: 'ON', ...(r as object) }));
        reply(200, { totalCount: String(alerts.length), alerts });
        return;
      }
      const one = /^\/v1\/alerts\/reminders\/([^/?]+)$/.exec(call.path)?.[1];
      if (call.method === 'DELETE' && one !== undefined) {
        const token = decodeURIComponent(one);
        const status = opts.deleteStatus?.() ?? 204;
        if (status !== 204) {
          reply(status, { code: 'INTERNAL_ERROR', message: 'could not delete' });
          return;
        }
        if (!reminders.delete(token)) {
          reply(404, { code: 'NOT_FOUND', message: 'no such reminder' });
          return;
        }
        reply(204);
        return;
      }
      reply(404, { message: 'not part of the stand-in' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, calls, reminders, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const DAY_SETS: Record<string, string> = { 'MO,TU,WE,TH,FR': 'weekdays', 'SA,SU': 'weekends', 'SU,MO,TU,WE,TH,FR,SA': 'every day' };

/**
 * What Alexa's AMAZON.OfferAutomation would offer for a Connections.StartConnection directive, in
 * words ("weekdays 21:30 → start wind-down"), or undefined when the directive breaks the contract.
 */
export function describeOffer(directive: unknown): string | undefined {
  if (!isRecord(directive) || directive.type !== 'Connections.StartConnection' || directive.uri !== 'connection://AMAZON.OfferAutomation/1') return undefined;
  if (directive.onCompletion !== 'RESUME_SESSION' || !isRecord(directive.input) || !isRecord(directive.input.automation)) return undefined;
  const { trigger, operations } = directive.input.automation;
  const serial = isRecord(operations) && Array.isArray(operations.serial) ? operations.serial : [];
  const op = isRecord(serial[0]) && isRecord(serial[0].operation) ? serial[0].operation : undefined;
  const uri = op && isRecord(op.payload) && isRecord(op.payload.connectionRequest) ? op.payload.connectionRequest.uri : undefined;
  if (serial.length !== 1 || op?.type !== 'Alexa.Automation.Operation.Skill.StartConnection' || typeof uri !== 'string') return undefined;
  const task = /^connection:\/\/([\w.-]+)\.StartWindDown\/1\?provider=([\w.-]+)$/.exec(uri);
  if (!task || task[1] !== task[2] || !isRecord(trigger) || trigger.version !== '1.0' || !isRecord(trigger.payload)) return undefined;
  const action = 'start wind-down';
  if (trigger.type === 'Alexa.Automation.Trigger.Voice.CustomUtterance') {
    const utterances = trigger.payload.utterances;
    if (!Array.isArray(utterances) || utterances.length < 1 || utterances.length > 5 || typeof trigger.payload.locale !== 'string') return undefined;
    return `say "${utterances[0]}" → ${action}`;
  }
  const schedule = isRecord(trigger.payload.schedule) ? trigger.payload.schedule : undefined;
  if (trigger.type !== 'Alexa.Automation.Trigger.Schedule.AbsoluteTime' || !schedule || typeof schedule.timeZoneId !== 'string') return undefined;
  const time = typeof schedule.triggerTime === 'string' ? /^([01]\d|2[0-3])([0-5]\d)00$/.exec(schedule.triggerTime) : null;
  const days = typeof schedule.recurrence === 'string' ? /^RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=([A-Z,]+)$/.exec(schedule.recurrence)?.[1] : undefined;
  if (!time || days === undefined) return undefined;
  return `${DAY_SETS[days] ?? days} ${time[1]}:${time[2]} → ${action}`;
}
