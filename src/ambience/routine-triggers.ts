import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { bounded } from './bounded';
import type { AmbienceLog, AmbienceOutcome } from './types';

/** The client-credentials scope Login with Amazon grants for dispatching custom routine triggers. */
export const TRIGGER_SCOPE = 'alexa::routines:triggerinstances:write';
const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

/** The triggers defined in models/routines/triggers/<name>/<locale>.json. */
export const WIND_DOWN_STARTED = 'twilight.windDownStarted';
export const WIND_DOWN_ENDED = 'twilight.windDownEnded';
export type TriggerName = typeof WIND_DOWN_STARTED | typeof WIND_DOWN_ENDED;

/** The skill's LWA client (developer console, Permissions) and which stage the triggers go to. */
export interface RoutineTriggerConfig {
  clientId: string;
  clientSecret: string;
  /** 'development' until Amazon certifies the skill, then 'live'. */
  stage: 'development' | 'live';
  /** Where LWA tokens come from; only a local stand-in overrides it. */
  tokenUrl?: string;
}

/** Fires the couple's own Alexa routine at the start and end of the wind-down. */
export interface RoutineTriggers {
  readonly kind: 'alexa' | 'none';
  fire(name: TriggerName, recipient: { userId: string; apiEndpoint: string }): Promise<AmbienceOutcome>;
}

/** POST /v1/routines/triggerInstances, or its development stage. */
export function triggerPath(stage: RoutineTriggerConfig['stage']): string {
  return stage === 'live' ? '/v1/routines/triggerInstances' : '/v1/routines/triggerInstances/stages/development';
}

/** The body of one trigger instance, for one Alexa account. */
export function triggerInstance(name: TriggerName, userId: string, requestId: string = randomUUID()) {
  return { requestId, delivery: 'UNICAST', trigger: { name, parameters: {} }, recipient: { type: 'SKILL_USER', id: userId } };
}

const ERROR: AmbienceOutcome = { ok: false, reason: 'error' };

/**
 * Custom triggers through Alexa's Routines Trigger Instance API: an LWA client-credentials token
 * (kept until a minute before it expires), then one POST; both inside one 1.5 s bound, so the turn
 * never waits longer. Failures are logged as metadata only and reported, never thrown.
 */
export function alexaRoutineTriggers(
  config: RoutineTriggerConfig,
  options: { log?: AmbienceLog; timeoutMs?: number; now?: () => number } = {},
): RoutineTriggers {
  const now = options.now ?? Date.now;
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
    async fire(name, recipient) {
      const started = performance.now();
      let status: number | undefined;
      const outcome = await bounded(async (signal) => {
        const bearer = await token(signal);
        if (!bearer) return ERROR;
        const response = await fetch(`${recipient.apiEndpoint.replace(/\/+$/, '')}${triggerPath(config.stage)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
          body: JSON.stringify(triggerInstance(name, recipient.userId)),
          redirect: 'error',
          signal,
        });
        status = response.status;
        response.body?.cancel().catch(() => undefined);
        if (status === 401) cached = undefined;
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
