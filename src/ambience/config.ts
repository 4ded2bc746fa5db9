import { MAX_TIMEOUT_MS } from './bounded';
import type { AmbienceConfig, HomeAssistantConfig, WebhookConfig } from './types';

/** A misconfigured ambience setting. The message names the variable and never quotes a value. */
export class AmbienceConfigError extends Error {
  override name = 'AmbienceConfigError';
}

type Env = Record<string, string | undefined>;

const MIN_TIMEOUT_MS = 100;
const MIN_SECRET_LENGTH = 16;
const ENTITY = /^(light|scene|script)\.[a-z0-9_]+$/;
const MEDIA_PLAYER = /^media_player\.[a-z0-9_]+$/;
// A bearer token goes into an HTTP header: visible ASCII only, no spaces.
const TOKEN = /^[\x21-\x7e]+$/;

function fail(message: string): never {
  throw new AmbienceConfigError(message);
}

/** Plain http only for hosts on the same machine or LAN (the simulator); a token never crosses the internet in clear. */
function isLocalHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    hostname.endsWith('.local') ||
    hostname.startsWith('127.') ||
    hostname.startsWith('10.') ||
    hostname.startsWith('192.168.') ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(hostname)
  );
}

function hubUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`${name} is not a valid URL.`);
  }
  if (url.username || url.password) fail(`${name} must not contain credentials; use the token or secret setting.`);
  if (url.protocol === 'http:' && !isLocalHost(url.hostname)) fail(`${name} must use https:// (http:// is only allowed for local hosts).`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`${name} must be an https:// URL.`);
  return value;
}

function homeAssistant(get: (name: string) => string | undefined): HomeAssistantConfig | undefined {
  const url = get('HOME_ASSISTANT_URL');
  const token = get('HOME_ASSISTANT_TOKEN');
  const lightsText = get('HOME_ASSISTANT_LIGHTS');
  const mediaPlayer = get('HOME_ASSISTANT_MEDIA_PLAYER');
  if (!url && !token && !lightsText && !mediaPlayer) return undefined;

  if (!url) fail('HOME_ASSISTANT_URL is required when HOME_ASSISTANT_TOKEN, HOME_ASSISTANT_LIGHTS or HOME_ASSISTANT_MEDIA_PLAYER is set.');
  if (!token) fail('HOME_ASSISTANT_TOKEN is required when HOME_ASSISTANT_URL is set.');
  hubUrl('HOME_ASSISTANT_URL', url);
  if (!TOKEN.test(token)) fail('HOME_ASSISTANT_TOKEN contains characters a bearer token cannot have (spaces or control characters).');

  const lights = [
    ...new Set(
      (lightsText ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
  lights.forEach((entity, i) => {
    if (!ENTITY.test(entity)) fail(`HOME_ASSISTANT_LIGHTS entry ${i + 1} is not a light.*, scene.* or script.* entity id.`);
  });
  if (lights.some((entity) => !entity.startsWith('light.')) && lights.length > 1) {
    fail('HOME_ASSISTANT_LIGHTS takes light.* entities, or exactly one scene.* or script.*, not a mix.');
  }
  if (mediaPlayer && !MEDIA_PLAYER.test(mediaPlayer)) fail('HOME_ASSISTANT_MEDIA_PLAYER is not a media_player.* entity id.');
  if (lights.length === 0 && !mediaPlayer) {
    fail('HOME_ASSISTANT_LIGHTS or HOME_ASSISTANT_MEDIA_PLAYER is required when HOME_ASSISTANT_URL is set.');
  }
  return { url, token, lights, ...(mediaPlayer ? { mediaPlayer } : {}) };
}

function webhook(get: (name: string) => string | undefined): WebhookConfig | undefined {
  const url = get('LIGHTS_WEBHOOK_URL');
  const secret = get('LIGHTS_WEBHOOK_SECRET');
  if (!url && !secret) return undefined;
  if (!url) fail('LIGHTS_WEBHOOK_URL is required when LIGHTS_WEBHOOK_SECRET is set.');
  if (!secret) fail('LIGHTS_WEBHOOK_SECRET is required when LIGHTS_WEBHOOK_URL is set: the webhook is always signed.');
  hubUrl('LIGHTS_WEBHOOK_URL', url);
  if (secret.length < MIN_SECRET_LENGTH) fail(`LIGHTS_WEBHOOK_SECRET should be at least ${MIN_SECRET_LENGTH} characters.`);
  return { url, secret };
}

function musicStreamUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('MUSIC_STREAM_URL is not a valid URL.');
  }
  if (url.protocol !== 'https:') fail('MUSIC_STREAM_URL must be an https:// URL: Alexa AudioPlayer plays HTTPS streams only.');
  return value;
}

function timeoutMs(value: string | undefined): number {
  if (!value) return MAX_TIMEOUT_MS;
  const ms = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(ms >= MIN_TIMEOUT_MS && ms <= MAX_TIMEOUT_MS)) {
    fail(`AMBIENCE_TIMEOUT_MS should be a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}.`);
  }
  return ms;
}

/**
 * Reads the ambience settings once, failing fast on half-configured ones. Nothing set is valid:
 * the skill then runs without lights or hub music.
 */
export function parseAmbienceEnv(env: Env): AmbienceConfig {
  // A blank setting counts as unset.
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const config: AmbienceConfig = { timeoutMs: timeoutMs(get('AMBIENCE_TIMEOUT_MS')) };
  const ha = homeAssistant(get);
  if (ha) config.homeAssistant = ha;
  const hook = webhook(get);
  if (hook) config.webhook = hook;
  const stream = musicStreamUrl(get('MUSIC_STREAM_URL'));
  if (stream) config.musicStreamUrl = stream;
  return config;
}
