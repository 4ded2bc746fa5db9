import { homeAssistantLights, homeAssistantMusic } from './home-assistant';
import { noLights, noMusic } from './none';
import type { AmbienceConfig, AmbienceLog, HubMusic, Lights } from './types';
import { webhookLights } from './webhook';

export { bounded, clampTimeout, MAX_TIMEOUT_MS } from './bounded';
export { AmbienceConfigError, parseAmbienceEnv } from './config';
export { homeAssistantLights, homeAssistantMusic } from './home-assistant';
export { noLights, noMusic } from './none';
export { LIGHTS_UP, MUSIC_VOLUME, TWILIGHT_LIGHT } from './types';
export type { AmbienceConfig, AmbienceLog, AmbienceOutcome, DriverOptions, HomeAssistantConfig, HubMusic, Lights, WebhookConfig } from './types';
export { SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody, verifySignature, webhookLights, type RitualEvent } from './webhook';

/** The lights driver for this config: Home Assistant (when it has lights) > webhook > none. */
export function lightsFromConfig(config: AmbienceConfig, log?: AmbienceLog): Lights {
  const options = { log, timeoutMs: config.timeoutMs };
  if (config.homeAssistant && config.homeAssistant.lights.length > 0) return homeAssistantLights(config.homeAssistant, options);
  if (config.webhook) return webhookLights(config.webhook, options);
  return noLights;
}

/** The hub music driver: a Home Assistant media_player when one is configured, otherwise none. */
export function musicFromConfig(config: AmbienceConfig, log?: AmbienceLog): HubMusic {
  if (config.homeAssistant?.mediaPlayer) return homeAssistantMusic(config.homeAssistant, { log, timeoutMs: config.timeoutMs });
  return noMusic;
}
