import { AmbienceConfigError, lightsFromConfig, musicFromConfig, parseAmbienceEnv } from '../../src/ambience';

// Every secret value carries the canary, so one check covers them all.
const CANARY = 'canary7q';
const TOKEN = `eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.${CANARY}token.sig`;
const WEBHOOK_SECRET = `${CANARY}-webhook-0123456789abcdef`;
const HA = { HOME_ASSISTANT_URL: 'https://ha.example.com:8123', HOME_ASSISTANT_TOKEN: TOKEN };

describe('parseAmbienceEnv accepts', () => {
  it('nothing at all: no hub, the default timeout', () => {
    expect(parseAmbienceEnv({})).toEqual({ timeoutMs: 1500 });
  });

  it('Home Assistant lights, trimmed and de-duplicated, with a media player and a stream', () => {
    const config = parseAmbienceEnv({
      ...HA,
      HOME_ASSISTANT_LIGHTS: ' light.bedroom, light.bedside ,,light.bedroom ',
      HOME_ASSISTANT_MEDIA_PLAYER: 'media_player.bedroom',
      MUSIC_STREAM_URL: 'https://streams.example.com/twilight.mp3',
      AMBIENCE_TIMEOUT_MS: '800',
    });

    expect(config).toEqual({
      homeAssistant: {
        url: 'https://ha.example.com:8123',
        token: TOKEN,
        lights: ['light.bedroom', 'light.bedside'],
        mediaPlayer: 'media_player.bedroom',
      },
      musicStreamUrl: 'https://streams.example.com/twilight.mp3',
      timeoutMs: 800,
    });
    expect(lightsFromConfig(config).kind).toBe('home-assistant');
    expect(musicFromConfig(config).kind).toBe('home-assistant');
  });

  it('one scene, or one script', () => {
    expect(parseAmbienceEnv({ ...HA, HOME_ASSISTANT_LIGHTS: 'scene.twilight' }).homeAssistant?.lights).toEqual(['scene.twilight']);
    expect(parseAmbienceEnv({ ...HA, HOME_ASSISTANT_LIGHTS: 'script.twilight' }).homeAssistant?.lights).toEqual(['script.twilight']);
  });

  it('Home Assistant for music only, with the webhook for lights', () => {
    const config = parseAmbienceEnv({
      ...HA,
      HOME_ASSISTANT_MEDIA_PLAYER: 'media_player.kitchen',
      LIGHTS_WEBHOOK_URL: 'https://hooks.example.com/twilight',
      LIGHTS_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });

    expect(lightsFromConfig(config).kind).toBe('webhook');
    expect(musicFromConfig(config).kind).toBe('home-assistant');
  });

  it('plain http only for a hub on this machine or the LAN', () => {
    for (const url of ['http://127.0.0.1:8123', 'http://localhost:8123', 'http://homeassistant.local:8123', 'http://192.168.1.20:8123']) {
      expect(parseAmbienceEnv({ HOME_ASSISTANT_URL: url, HOME_ASSISTANT_TOKEN: TOKEN, HOME_ASSISTANT_LIGHTS: 'light.a' }).homeAssistant?.url).toBe(url);
    }
  });
});

describe('parseAmbienceEnv rejects a half-made setting, naming the variable and never a secret', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['a URL without a token', { HOME_ASSISTANT_URL: 'https://ha.example.com', HOME_ASSISTANT_LIGHTS: 'light.a' }, 'HOME_ASSISTANT_TOKEN'],
    ['a token without a URL', { HOME_ASSISTANT_TOKEN: TOKEN, HOME_ASSISTANT_LIGHTS: 'light.a' }, 'HOME_ASSISTANT_URL'],
    ['lights without a URL', { HOME_ASSISTANT_LIGHTS: 'light.a' }, 'HOME_ASSISTANT_URL'],
    ['a URL and token but nothing to drive', { ...HA }, 'HOME_ASSISTANT_LIGHTS'],
    ['a switch among the lights', { ...HA, HOME_ASSISTANT_LIGHTS: 'light.a,switch.lamp' }, 'HOME_ASSISTANT_LIGHTS'],
    ['an entity id in capitals', { ...HA, HOME_ASSISTANT_LIGHTS: 'Light.Bedroom' }, 'HOME_ASSISTANT_LIGHTS'],
    ['a bare name', { ...HA, HOME_ASSISTANT_LIGHTS: 'bedroom' }, 'HOME_ASSISTANT_LIGHTS'],
    ['a scene mixed with lights', { ...HA, HOME_ASSISTANT_LIGHTS: 'scene.twilight,light.a' }, 'HOME_ASSISTANT_LIGHTS'],
    ['two scenes', { ...HA, HOME_ASSISTANT_LIGHTS: 'scene.a,scene.b' }, 'HOME_ASSISTANT_LIGHTS'],
    ['a script and a scene', { ...HA, HOME_ASSISTANT_LIGHTS: 'script.a,scene.b' }, 'HOME_ASSISTANT_LIGHTS'],
    ['a media player that is not one', { ...HA, HOME_ASSISTANT_MEDIA_PLAYER: 'speaker.bedroom' }, 'HOME_ASSISTANT_MEDIA_PLAYER'],
    ['a URL that is not one', { ...HA, HOME_ASSISTANT_URL: 'ha.example.com:8123', HOME_ASSISTANT_LIGHTS: 'light.a' }, 'HOME_ASSISTANT_URL'],
    ['plain http over the internet', { ...HA, HOME_ASSISTANT_URL: 'http://ha.example.com:8123', HOME_ASSISTANT_LIGHTS: 'light.a' }, 'HOME_ASSISTANT_URL'],
    [
      'credentials in the URL',
      { ...HA, HOME_ASSISTANT_URL: `https://me:${CANARY}pass@ha.example.com`, HOME_ASSISTANT_LIGHTS: 'light.a' },
      'HOME_ASSISTANT_URL',
    ],
    ['a token with a space in it', { ...HA, HOME_ASSISTANT_TOKEN: `Bearer ${TOKEN}`, HOME_ASSISTANT_LIGHTS: 'light.a' }, 'HOME_ASSISTANT_TOKEN'],
    ['a webhook URL without a secret', { LIGHTS_WEBHOOK_URL: 'https://hooks.example.com/t' }, 'LIGHTS_WEBHOOK_SECRET'],
    ['a webhook secret without a URL', { LIGHTS_WEBHOOK_SECRET: WEBHOOK_SECRET }, 'LIGHTS_WEBHOOK_URL'],
    ['a short webhook secret', { LIGHTS_WEBHOOK_URL: 'https://hooks.example.com/t', LIGHTS_WEBHOOK_SECRET: `${CANARY}short` }, 'LIGHTS_WEBHOOK_SECRET'],
    ['a plain-http webhook', { LIGHTS_WEBHOOK_URL: 'http://hooks.example.com/t', LIGHTS_WEBHOOK_SECRET: WEBHOOK_SECRET }, 'LIGHTS_WEBHOOK_URL'],
    ['an http:// stream', { MUSIC_STREAM_URL: 'http://streams.example.com/twilight.mp3' }, 'MUSIC_STREAM_URL'],
    ['a stream that is not a URL', { MUSIC_STREAM_URL: 'twilight.mp3' }, 'MUSIC_STREAM_URL'],
    ['a timeout above the cap', { AMBIENCE_TIMEOUT_MS: '5000' }, 'AMBIENCE_TIMEOUT_MS'],
    ['a timeout too short to reach a hub', { AMBIENCE_TIMEOUT_MS: '20' }, 'AMBIENCE_TIMEOUT_MS'],
    ['a timeout that is not a number', { AMBIENCE_TIMEOUT_MS: '1.5s' }, 'AMBIENCE_TIMEOUT_MS'],
  ];

  it.each(cases)('%s', (_name, env, variable) => {
    let thrown: unknown;
    try {
      parseAmbienceEnv(env);
    } catch (err) {
      thrown = err;
    }

    expect(thrown).toBeInstanceOf(AmbienceConfigError);
    const message = (thrown as Error).message;
    expect(message).toContain(variable);
    expect(message).not.toContain(CANARY);
    expect(JSON.stringify(thrown)).not.toContain(CANARY);
    expect(String((thrown as Error).stack)).not.toContain(CANARY);
  });
});
