import { postAll, type HubRequest } from './http';
import {
  LIGHTS_UP,
  MUSIC_VOLUME,
  TWILIGHT_LIGHT,
  type AmbienceOutcome,
  type DriverOptions,
  type HomeAssistantConfig,
  type HubMusic,
  type Lights,
} from './types';

const OFF: AmbienceOutcome = { ok: false, reason: 'off' };
const OK: AmbienceOutcome = { ok: true };

/** A request for `POST {url}/api/services/{domain}/{service}` with the bearer token. */
function service(ha: HomeAssistantConfig, domain: string, name: string, data: Record<string, unknown>): HubRequest {
  return {
    url: `${ha.url.replace(/\/+$/, '')}/api/services/${domain}/${name}`,
    headers: { Authorization: `Bearer ${ha.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(data),
  };
}

/**
 * `color_temp_kelvin`, not `kelvin`: HA deprecated `kelvin` in 2025.1 and removed it from
 * light.turn_on in 2026.3 (it is rejected there); `color_temp_kelvin` works since 2022.11.
 */
function lightLevel(entityId: string | string[], level: typeof TWILIGHT_LIGHT | typeof LIGHTS_UP): Record<string, unknown> {
  return {
    entity_id: entityId,
    brightness_pct: level.brightnessPct,
    color_temp_kelvin: level.kelvin,
    transition: level.transitionSeconds,
  };
}

/**
 * Lights through Home Assistant's REST API.
 * - light.* entities: settle fades them to 20 %, 2200 K over 30 s; restore brings them up to a
 *   comfortable 60 %, 2700 K over 10 s (the previous level is not known, so it is not "undone").
 * - one scene.* or script.*: settle turns it on; restore does nothing and answers ok, because a
 *   scene or script has no inverse and none is configured for the end of the ritual.
 */
export function homeAssistantLights(ha: HomeAssistantConfig, options: DriverOptions = {}): Lights {
  const call = (action: string, request: HubRequest) =>
    postAll({ driver: 'home-assistant', action, timeoutMs: options.timeoutMs, log: options.log }, [request]);
  const first = ha.lights[0];
  const domain = first?.split('.')[0];

  if (domain === 'scene' || domain === 'script') {
    return {
      kind: 'home-assistant',
      settle: () => call('settle', service(ha, domain, 'turn_on', { entity_id: first })),
      restore: () => Promise.resolve(OK),
    };
  }
  if (domain === 'light') {
    const lights = ha.lights.filter((id) => id.startsWith('light.'));
    const [only, ...others] = lights;
    const target = only !== undefined && others.length === 0 ? only : lights;
    return {
      kind: 'home-assistant',
      settle: () => call('settle', service(ha, 'light', 'turn_on', lightLevel(target, TWILIGHT_LIGHT))),
      restore: () => call('restore', service(ha, 'light', 'turn_on', lightLevel(target, LIGHTS_UP))),
    };
  }
  return { kind: 'home-assistant', settle: () => Promise.resolve(OFF), restore: () => Promise.resolve(OFF) };
}

/**
 * Music on a Home Assistant media_player. play sets the volume to 0.2 first and only then starts
 * the stream, in one time budget: if the volume cannot be set the stream is not started, so a
 * tired couple is never met by a loud room.
 */
export function homeAssistantMusic(ha: HomeAssistantConfig, options: DriverOptions = {}): HubMusic {
  const player = ha.mediaPlayer;
  const context = (action: string) => ({ driver: 'home-assistant' as const, action, timeoutMs: options.timeoutMs, log: options.log });
  if (!player) {
    return { kind: 'home-assistant', play: () => Promise.resolve(OFF), pause: () => Promise.resolve(OFF) };
  }
  return {
    kind: 'home-assistant',
    play: (url) =>
      postAll(context('play'), [
        service(ha, 'media_player', 'volume_set', { entity_id: player, volume_level: MUSIC_VOLUME }),
        service(ha, 'media_player', 'play_media', {
          entity_id: player,
          media_content_id: url,
          media_content_type: 'music',
        }),
      ]),
    pause: () => postAll(context('pause'), [service(ha, 'media_player', 'media_pause', { entity_id: player })]),
  };
}
