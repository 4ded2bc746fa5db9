/** Home Assistant settings: `lights` holds light.* entities, or exactly one scene.* / script.*; it may be empty when HA only plays music. */
export interface HomeAssistantConfig {
  url: string;
  token: string;
  lights: string[];
  mediaPlayer?: string;
}

/** A generic signed webhook for hubs other than Home Assistant (Homey, Node-RED, IFTTT-style bridges). */
export interface WebhookConfig {
  url: string;
  secret: string;
}

/** Everything the ambience drivers need; built once by parseAmbienceEnv. */
export interface AmbienceConfig {
  homeAssistant?: HomeAssistantConfig;
  webhook?: WebhookConfig;
  /** HTTPS stream for the Alexa AudioPlayer; used by the handlers, only carried here. */
  musicStreamUrl?: string;
  /** Hard cap per driver call in ms; default 1500, never above 1500. */
  timeoutMs?: number;
}

/** What a driver call came to. It never throws: the ritual goes on without lights or music. */
export type AmbienceOutcome = { ok: true } | { ok: false; reason: 'timeout' | 'error' | 'off' };

/** Dims the room for the ritual and brings it back up afterwards. */
export interface Lights {
  readonly kind: 'home-assistant' | 'webhook' | 'none';
  settle(): Promise<AmbienceOutcome>;
  restore(): Promise<AmbienceOutcome>;
}

/** Music on a hub-controlled speaker (not the Echo: that is AudioPlayer's job). */
export interface HubMusic {
  readonly kind: 'home-assistant' | 'none';
  play(url: string): Promise<AmbienceOutcome>;
  pause(): Promise<AmbienceOutcome>;
}

/** The slice of the app's Log the drivers use; fields are metadata only, never URLs or secrets. */
export interface AmbienceLog {
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** Options every driver accepts. */
export interface DriverOptions {
  log?: AmbienceLog;
  timeoutMs?: number;
}

/** The twilight ritual's room (shared/domain.md): warm and low, with a slow fade. */
export const TWILIGHT_LIGHT = { brightnessPct: 20, kelvin: 2200, transitionSeconds: 30 } as const;

/** "Lights up" after the ritual: a comfortable reading level, still warm, without a glare jump. */
export const LIGHTS_UP = { brightnessPct: 60, kelvin: 2700, transitionSeconds: 10 } as const;

/** Quiet enough to talk over. */
export const MUSIC_VOLUME = 0.2;
