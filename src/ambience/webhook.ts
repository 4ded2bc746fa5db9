import { createHmac, timingSafeEqual } from 'node:crypto';
import { postAll } from './http';
import { LIGHTS_UP, TWILIGHT_LIGHT, type DriverOptions, type Lights, type WebhookConfig } from './types';

const SIGNATURE_HEADER = 'X-Twilight-Signature';
const TIMESTAMP_HEADER = 'X-Twilight-Timestamp';

/** The JSON the webhook receives; `sentAt` is inside the signed body, so receivers can refuse replays. */
export interface RitualEvent {
  event: 'ritual.start' | 'ritual.end';
  brightnessPct: number;
  kelvin: number;
  transitionSeconds: number;
  sentAt: string;
}

/** `sha256=<hex HMAC-SHA256 of the exact raw body>`, the value of X-Twilight-Signature. */
export function signBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True when `header` is the signature of the raw `body` under `secret`; compared in constant time. */
export function verifySignature(secret: string, body: string | Buffer, header: string | null | undefined): boolean {
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1];
  if (hex === undefined) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

/**
 * Lights through any hub that accepts a signed webhook. settle sends `ritual.start` with the
 * twilight level (20 %, 2200 K, 30 s); restore sends `ritual.end` with the lights-up level
 * (60 %, 2700 K, 10 s), which the receiver may follow or ignore.
 */
export function webhookLights(hook: WebhookConfig, options: DriverOptions & { now?: () => Date } = {}): Lights {
  const now = options.now ?? (() => new Date());
  const send = (action: 'settle' | 'restore') => {
    const level = action === 'settle' ? TWILIGHT_LIGHT : LIGHTS_UP;
    const sentAt = now();
    const payload: RitualEvent = {
      event: action === 'settle' ? 'ritual.start' : 'ritual.end',
      brightnessPct: level.brightnessPct,
      kelvin: level.kelvin,
      transitionSeconds: level.transitionSeconds,
      sentAt: sentAt.toISOString(),
    };
    const body = JSON.stringify(payload);
    return postAll({ driver: 'webhook', action, timeoutMs: options.timeoutMs, log: options.log }, [
      {
        url: hook.url,
        headers: {
          'Content-Type': 'application/json',
          [SIGNATURE_HEADER]: signBody(hook.secret, body),
          [TIMESTAMP_HEADER]: String(Math.floor(sentAt.getTime() / 1000)),
        },
        body,
      },
    ]);
  };
  return { kind: 'webhook', settle: () => send('settle'), restore: () => send('restore') };
}
