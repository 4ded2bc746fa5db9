import type { AmbienceOutcome } from './types';

/** Default and ceiling for one driver call: several calls must still fit Alexa's 8 s budget. */
export const MAX_TIMEOUT_MS = 1500;

const TIMEOUT: AmbienceOutcome = { ok: false, reason: 'timeout' };
const ERROR: AmbienceOutcome = { ok: false, reason: 'error' };

/** A usable timeout: missing or invalid means the default, anything larger is capped. */
function clampTimeout(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined || !Number.isFinite(timeoutMs) || timeoutMs <= 0) return MAX_TIMEOUT_MS;
  return Math.min(Math.floor(timeoutMs), MAX_TIMEOUT_MS);
}

/**
 * Runs `task` with an AbortSignal that fires after `timeoutMs` (capped at 1500 ms). Always
 * resolves, by the deadline at the latest: a hang or an abort is `timeout`, a throw is `error`,
 * even when the task ignores the signal.
 */
export function bounded(task: (signal: AbortSignal) => Promise<AmbienceOutcome>, timeoutMs?: number): Promise<AmbienceOutcome> {
  const controller = new AbortController();
  return new Promise<AmbienceOutcome>((resolve) => {
    let done = false;
    const finish = (outcome: AmbienceOutcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      controller.abort();
      finish(TIMEOUT);
    }, clampTimeout(timeoutMs));
    let running: Promise<AmbienceOutcome>;
    try {
      running = Promise.resolve(task(controller.signal));
    } catch {
      finish(ERROR);
      return;
    }
    running.then(
      (outcome) => finish(controller.signal.aborted ? TIMEOUT : outcome),
      () => finish(controller.signal.aborted ? TIMEOUT : ERROR),
    );
  });
}
