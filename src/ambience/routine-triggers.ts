import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { TriggerName, TriggerRecipient } from '../domain/custom-triggers';
import { bounded } from './bounded';
import type { AmbienceLog, AmbienceOutcome } from './types';

/*
 * The Routines Trigger Instance REST API, as documented at
 * https://developer.amazon.com/en-US/docs/alexa/routines/routines-custom-trigger-api-reference.html
 * (North America only; a developer preview for published skills).
 */

/** "Set the scope to alexa::routines:triggerinstances:write" for the LWA client-credentials token. */
export const TRIGGER_SCOPE = 'alexa::routines:triggerinstances:write';
/** The LWA token endpoint the same page names (POST /auth/o2/token, Host: api.amazon.com). */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
/** The one host the page lists, for North America; there is no EU or FE endpoint. */
export const TRIGGER_API_NA = 'https://api.amazonalexa.com';

/** Development until Amazon certifies the skill, then production: the page's two endpoints. */
export type TriggerStage = 'development' | 'production';

/** The skill's LWA client (developer console, Permissions) and which stage the triggers go to. */
export interface RoutineTriggerConfig {
  clientId: string;
  clientSecret: string;
  stage: TriggerStage;
  /** Where LWA tokens come from; only a local stand-in overrides it. */
  tokenUrl?: string;
  /** Where trigger instances go instead of the North America host; only a local stand-in overrides it. */
  apiUrl?: string;
}

/** Fires the couple's own Alexa routine at the start and end of the wind-down. */
export interface RoutineTriggers {
  readonly kind: 'alexa' | 'none';
  /** `apiEndpoint` is the request's, so an account outside North America is not sent a trigger it cannot have. */
  fire(name: TriggerName, target: { recipient: TriggerRecipient; apiEndpoint?: string }): Promise<AmbienceOutcome>;
}

/** POST /v1/routines/triggerInstances, or /v1/routines/triggerInstances/stages/development before certification. */
export function triggerPath(stage: TriggerStage): string {
  return stage === 'production' ? '/v1/routines/triggerInstances' : '/v1/routines/triggerInstances/stages/development';
}

/**
 * The body of one trigger instance: requestId (1 to 100 characters), delivery UNICAST (one Alexa
 * account), the trigger's name and the same parameters as the SPI request (ours define none), and
 * the recipient Alexa gave in Routines.Trigger.Create, sent back unchanged.
 */
export function triggerInstance(name: TriggerName, recipient: TriggerRecipient, requestId: string = randomUUID()) {
  return { requestId, delivery: 'UNICAST', trigger: { name, parameters: {} }, recipient: { ...recipient } };
}

/**
 * False when the request came through Alexa's endpoint for another region (api.eu., api.fe.):
 * that account is not one custom triggers serve. Anything else is taken as North America.
 */
export function servedRegion(apiEndpoint: string | undefined): boolean {
  if (!apiEndpoint || !URL.canParse(apiEndpoint)) return true;
  const { host } = new URL(apiEndpoint);
  return !host.endsWith('.amazonalexa.com') || host === new URL(TRIGGER_API_NA).host;
}

const ERROR: AmbienceOutcome = { ok: false, reason: 'error' };
const OFF: AmbienceOutcome = { ok: false, reason: 'off' };

/**
 * Custom triggers through the Trigger Instance API: an LWA client-credentials token (kept until a
 * minute before it expires), then one POST; both inside one 1.5 s bound, so the turn never waits
 * longer. Failures are logged as metadata only and reported, never thrown.
 */
export function alexaRoutineTriggers(
  config: RoutineTriggerConfig,
  options: { log?: AmbienceLog; timeoutMs?: number; now?: () => number } = {},
): RoutineTriggers {
  const now = options.now ?? Date.now;
  const base = (config.apiUrl ?? TRIGGER_API_NA).replace(/\/+$/, '');
  let cached: { token: string; until: number } | undefined;

  async function token(signal: AbortSignal): Promise<string | undefined> {
    if (cached && cached.until > now()) return cached.token;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: config.clientId,
      client_secret: config.clientSecret,
      scope: TRIGGER_SCOPE,
    });
    const response = await fetch(config.tokenUrl ?? LWA_TOKEN_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: form.toString(),
      redirect: 'error',
      signal,
    });
    if (!response.ok) return undefined;
    const json = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== 'string') return undefined;
    const seconds = typeof json.expires_in === 'number' ? json.expires_in : 3600;
    cached = { token: json.access_token, until: now() + Math.max(0, seconds - 60) * 1000 };
    return cached.token;
  }

  return {
    kind: 'alexa',
    async fire(name, { recipient, apiEndpoint }) {
      if (!servedRegion(apiEndpoint)) return OFF;
      const started = performance.now();
      let status: number | undefined;
      const outcome = await bounded(async (signal) => {
        const bearer = await token(signal);
        if (!bearer) return ERROR;
        const response = await fetch(`${base}${triggerPath(config.stage)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
          body: JSON.stringify(triggerInstance(name, recipient)),
          redirect: 'error',
          signal,
        });
        status = response.status;
        response.body?.cancel().catch(() => undefined);
        if (status === 401) cached = undefined;
        // The page's response codes could not be read: any 2xx counts as accepted.
        return response.ok ? { ok: true } : ERROR;
      }, options.timeoutMs);
      if (!outcome.ok) {
        try {
          options.log?.warn('routine trigger failed', { trigger: name, outcome: outcome.reason, status, latencyMs: Math.round(performance.now() - started) });
        } catch {
          // A broken logger must not turn a missed trigger into a failed turn.
        }
      }
      return outcome;
    },
  };
}
