import { performance } from 'node:perf_hooks';
import { bounded } from './bounded';
import type { AmbienceLog, AmbienceOutcome } from './types';

/** One JSON POST to a hub. */
export interface HubRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Who is calling, for the failure log, and the budget for the whole call. */
export interface CallContext {
  driver: 'home-assistant' | 'webhook';
  action: string;
  timeoutMs?: number;
  log?: AmbienceLog;
}

const OK: AmbienceOutcome = { ok: true };
const ERROR: AmbienceOutcome = { ok: false, reason: 'error' };

/**
 * Sends the requests in order, all within one timeout; each must answer 2xx or the rest are
 * skipped. Redirects are refused so a bearer token is never replayed to another address. A failure
 * is logged with metadata only: no URL, header, body or error text (any of them may carry a secret).
 */
export async function postAll(ctx: CallContext, requests: readonly HubRequest[]): Promise<AmbienceOutcome> {
  const started = performance.now();
  let status: number | undefined;
  const outcome = await bounded(async (signal) => {
    for (const request of requests) {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'error',
        signal,
      });
      status = response.status;
      // The answer's content is not needed; release the connection instead of reading it.
      response.body?.cancel().catch(() => undefined);
      if (!response.ok) return ERROR;
    }
    return OK;
  }, ctx.timeoutMs);
  if (!outcome.ok && ctx.log) {
    const fields = {
      driver: ctx.driver,
      action: ctx.action,
      outcome: outcome.reason,
      latencyMs: Math.round(performance.now() - started),
      status,
    };
    try {
      ctx.log.warn('ambience call failed', fields);
    } catch {
      // A broken logger must not turn a skipped light into a failed turn.
    }
  }
  return outcome;
}
