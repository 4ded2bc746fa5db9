import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from './deps';

/**
 * The only field keys a log line may carry; any other key is dropped. Defence in depth for
 * "nothing a user says is written to logs": a future `log.info('x', { name })`, or a slot spread
 * into the fields by mistake, is silently cut here instead of reaching CloudWatch.
 */
export const LOG_FIELDS: ReadonlySet<string> = new Set([
  // the skill's turns (skill.ts)
  'requestId',
  'requestType',
  'intent',
  'outcome',
  'latencyMs',
  'error',
  // ambience calls (ambience/http.ts)
  'driver',
  'action',
  'status',
  'reason',
  // the self-hosted server (server.ts): its own settings, never a request body
  'path',
  'table',
  'region',
  'endpoint',
  'verification',
  'url',
  'tls',
  'signal',
  'suppressed',
]);

/** Long enough for any id, intent name or setting; short enough that no paragraph slips through. */
const MAX_TEXT = 200;

type LogValue = string | number | boolean;

/**
 * Keeps whitelisted keys with scalar values. An Error is reduced to its name, never passed whole:
 * its message and stack can carry slot values. Objects and arrays are dropped for the same reason.
 */
export function scrub(fields: Record<string, unknown> | undefined): Record<string, LogValue> {
  const clean: Record<string, LogValue> = {};
  if (!fields || typeof fields !== 'object') return clean;
  for (const [key, value] of Object.entries(fields)) {
    if (!LOG_FIELDS.has(key)) continue;
    if (typeof value === 'string') clean[key] = value.slice(0, MAX_TEXT);
    else if (typeof value === 'number' && Number.isFinite(value)) clean[key] = value;
    else if (typeof value === 'boolean') clean[key] = value;
    else if (value instanceof Error) clean[key] = value.name.slice(0, MAX_TEXT);
  }
  return clean;
}

/** Wraps a Powertools logger (or anything with its three methods) in the scrubbing guard. */
function scrubbedLog(logger: Pick<Logger, 'info' | 'warn' | 'error'>): Log {
  return {
    info: (message, fields) => logger.info(message, scrub(fields)),
    warn: (message, fields) => logger.warn(message, scrub(fields)),
    error: (message, fields) => logger.error(message, scrub(fields)),
  };
}

let shared: Logger | undefined;
// Built on first use, not at module load: its setup is cold-start time a require need not pay.
const powertools = (): Logger => (shared ??= new Logger({ serviceName: 'twilight' }));

/** One shared Powertools logger: a JSON line per event on stdout/stderr, which Lambda ships to CloudWatch. */
export const jsonLog: Log = scrubbedLog({
  info: (message: string, fields?: Record<string, unknown>) => powertools().info(message, fields ?? {}),
  warn: (message: string, fields?: Record<string, unknown>) => powertools().warn(message, fields ?? {}),
  error: (message: string, fields?: Record<string, unknown>) => powertools().error(message, fields ?? {}),
} as Pick<Logger, 'info' | 'warn' | 'error'>);
