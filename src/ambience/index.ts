import { homeAssistantLights, homeAssistantMusic } from './home-assistant';
import { noLights, noMusic } from './none';
import type { AmbienceConfig, AmbienceLog, HubMusic, Lights } from './types';
import { webhookLights } from './webhook';

export { bounded } from './bounded';
export { AmbienceConfigError, parseAmbienceEnv } from './config';
export { homeAssistantLights, homeAssistantMusic } from './home-assistant';
export { noMusic } from './none';
export type { AmbienceConfig, AmbienceLog, HomeAssistantConfig, HubMusic, Lights } from './types';
export { signBody, verifySignature, webhookLights, type RitualEvent } from './webhook';

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
