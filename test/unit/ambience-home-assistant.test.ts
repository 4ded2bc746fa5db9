import { performance } from 'node:perf_hooks';
import { homeAssistantLights, homeAssistantMusic, lightsFromConfig, musicFromConfig } from '../../src/ambience';
import type { HomeAssistantConfig } from '../../src/ambience';
import { captureLog, closedPortUrl, startFakeHomeAssistant, startFakeHub, waitFor, type FakeHub } from '../support/fake-hub';
import { must } from '../support/must';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.ha-long-lived-token-SECRET-7f3a';
const STREAM = 'https://streams.example.com/twilight.mp3';

const HEADERS_OK = (hub: FakeHub) =>
  hub.calls.every((c) => c.method === 'POST' && c.headers.authorization === `Bearer ${TOKEN}` && c.headers['content-type'] === 'application/json');
const sent = (hub: FakeHub) => hub.calls.map((c) => ({ path: c.path, body: c.json }));

describe('Home Assistant drivers against a fake hub that enforces the REST contract', () => {
  let hub: FakeHub;
  const ha = (lights: string[], mediaPlayer?: string): HomeAssistantConfig => ({ url: hub.url, token: TOKEN, lights, mediaPlayer });

  beforeEach(async () => {
    hub = await startFakeHomeAssistant(TOKEN);
  });
  afterEach(() => hub.close());

  it('settles several lights to 20 %, 2200 K over 30 s and brings them up to 60 %, 2700 K over 10 s', async () => {
    const lights = homeAssistantLights(ha(['light.bedroom', 'light.bedside']));

    expect(await lights.settle()).toEqual({ ok: true });
    expect(await lights.restore()).toEqual({ ok: true });

    expect(HEADERS_OK(hub)).toBe(true);
    expect(sent(hub)).toEqual([
      {
        path: '/api/services/light/turn_on',
        body: { entity_id: ['light.bedroom', 'light.bedside'], brightness_pct: 20, color_temp_kelvin: 2200, transition: 30 },
      },
      {
        path: '/api/services/light/turn_on',
        body: { entity_id: ['light.bedroom', 'light.bedside'], brightness_pct: 60, color_temp_kelvin: 2700, transition: 10 },
      },
    ]);
  });

  it('sends a single light as a plain entity id, and tolerates a trailing slash on the base URL', async () => {
    const lights = homeAssistantLights({ url: `${hub.url}/`, token: TOKEN, lights: ['light.bedroom'] });

    expect(await lights.settle()).toEqual({ ok: true });

    expect(sent(hub)).toEqual([
      {
        path: '/api/services/light/turn_on',
        body: { entity_id: 'light.bedroom', brightness_pct: 20, color_temp_kelvin: 2200, transition: 30 },
      },
    ]);
  });

  it('turns on a scene to settle, and restore sends nothing', async () => {
    const lights = homeAssistantLights(ha(['scene.twilight']));

    expect(await lights.settle()).toEqual({ ok: true });
    expect(await lights.restore()).toEqual({ ok: true });

    expect(HEADERS_OK(hub)).toBe(true);
    expect(sent(hub)).toEqual([{ path: '/api/services/scene/turn_on', body: { entity_id: 'scene.twilight' } }]);
  });

  it('turns on a script to settle, and restore sends nothing', async () => {
    const lights = homeAssistantLights(ha(['script.twilight']));

    expect(await lights.settle()).toEqual({ ok: true });
    expect(await lights.restore()).toEqual({ ok: true });

    expect(HEADERS_OK(hub)).toBe(true);
    expect(sent(hub)).toEqual([{ path: '/api/services/script/turn_on', body: { entity_id: 'script.twilight' } }]);
  });

  it('plays music quietly: volume 0.2 first, then the stream; pause sends media_pause', async () => {
    const music = homeAssistantMusic(ha([], 'media_player.bedroom'));

    expect(await music.play(STREAM)).toEqual({ ok: true });
    expect(await music.pause()).toEqual({ ok: true });

    expect(HEADERS_OK(hub)).toBe(true);
    expect(sent(hub)).toEqual([
      { path: '/api/services/media_player/volume_set', body: { entity_id: 'media_player.bedroom', volume_level: 0.2 } },
      {
        path: '/api/services/media_player/play_media',
        body: { entity_id: 'media_player.bedroom', media_content_id: STREAM, media_content_type: 'music' },
      },
      { path: '/api/services/media_player/media_pause', body: { entity_id: 'media_player.bedroom' } },
    ]);
  });

  it('lightsFromConfig and musicFromConfig pick the Home Assistant drivers', async () => {
    const config = { homeAssistant: ha(['light.bedroom'], 'media_player.bedroom') };

    const lights = lightsFromConfig(config);
    const music = musicFromConfig(config);

    expect(lights.kind).toBe('home-assistant');
    expect(music.kind).toBe('home-assistant');
    expect(await lights.settle()).toEqual({ ok: true });
    expect(await music.play(STREAM)).toEqual({ ok: true });
    expect(hub.calls).toHaveLength(3);
  });

  it('answers error for a wrong token (401), and logs only metadata', async () => {
    const log = captureLog();
    const lights = homeAssistantLights({ url: hub.url, token: 'not-the-token', lights: ['light.bedroom'] }, { log });

    expect(await lights.settle()).toEqual({ ok: false, reason: 'error' });

    expect(log.entries).toHaveLength(1);
    expect(Object.keys(log.entries[0]?.fields ?? {}).sort()).toEqual(['action', 'driver', 'latencyMs', 'outcome', 'status']);
    expect(log.entries[0]?.fields).toMatchObject({ driver: 'home-assistant', action: 'settle', outcome: 'error', status: 401 });
  });
});

describe('Home Assistant failures resolve to an outcome, never a throw', () => {
  it('a 500 answer is an error; when setting the volume fails the stream is not started', async () => {
    const hub = await startFakeHomeAssistant(TOKEN, () => ({ status: 500, body: { message: 'boom' } }));
    try {
      const config: HomeAssistantConfig = { url: hub.url, token: TOKEN, lights: ['light.bedroom'], mediaPlayer: 'media_player.bedroom' };
      const lights = homeAssistantLights(config);
      const music = homeAssistantMusic(config);

      expect(await lights.settle()).toEqual({ ok: false, reason: 'error' });
      expect(await lights.restore()).toEqual({ ok: false, reason: 'error' });
      expect(await music.play(STREAM)).toEqual({ ok: false, reason: 'error' });
      expect(await music.pause()).toEqual({ ok: false, reason: 'error' });

      expect(hub.calls.map((c) => c.path)).not.toContain('/api/services/media_player/play_media');
    } finally {
      await hub.close();
    }
  });

  it('a redirect is refused, so the token is never replayed to another address', async () => {
    const elsewhere = await startFakeHub();
    const hub = await startFakeHub(() => ({ status: 307, headers: { Location: `${elsewhere.url}/api/services/light/turn_on` } }));
    try {
      const lights = homeAssistantLights({ url: hub.url, token: TOKEN, lights: ['light.bedroom'] });

      expect(await lights.settle()).toEqual({ ok: false, reason: 'error' });
      expect(elsewhere.calls).toHaveLength(0);
    } finally {
      await hub.close();
      await elsewhere.close();
    }
  });

  it('a refused connection is an error, and it is fast', async () => {
    const url = await closedPortUrl();
    const lights = homeAssistantLights({ url, token: TOKEN, lights: ['light.bedroom'] }, { timeoutMs: 1500 });
    const music = homeAssistantMusic({ url, token: TOKEN, lights: [], mediaPlayer: 'media_player.bedroom' });

    const started = performance.now();
    const outcomes = await Promise.all([lights.settle(), lights.restore(), music.play(STREAM), music.pause()]);
    const elapsed = performance.now() - started;

    expect(outcomes).toEqual(Array(4).fill({ ok: false, reason: 'error' }));
    expect(elapsed).toBeLessThan(500);
  });

  it('drivers without a target answer off without calling anyone', async () => {
    expect(await homeAssistantLights({ url: 'https://ha.example', token: TOKEN, lights: [] }).settle()).toEqual({ ok: false, reason: 'off' });
    expect(await homeAssistantMusic({ url: 'https://ha.example', token: TOKEN, lights: ['light.a'] }).play(STREAM)).toEqual({
      ok: false,
      reason: 'off',
    });
  });
});

describe('a Home Assistant that never answers', () => {
  let hub: FakeHub;
  beforeEach(async () => {
    hub = await startFakeHub(() => 'hang');
  });
  afterEach(() => hub.close());

  const TIMEOUT_MS = 400;
  const MARGIN_MS = 200;

  it.each([
    ['settle lights', (c: HomeAssistantConfig) => homeAssistantLights(c, { timeoutMs: TIMEOUT_MS }).settle()],
    ['restore lights', (c: HomeAssistantConfig) => homeAssistantLights(c, { timeoutMs: TIMEOUT_MS }).restore()],
    ['settle a scene', (c: HomeAssistantConfig) => homeAssistantLights({ ...c, lights: ['scene.twilight'] }, { timeoutMs: TIMEOUT_MS }).settle()],
    ['play music', (c: HomeAssistantConfig) => homeAssistantMusic(c, { timeoutMs: TIMEOUT_MS }).play(STREAM)],
    ['pause music', (c: HomeAssistantConfig) => homeAssistantMusic(c, { timeoutMs: TIMEOUT_MS }).pause()],
  ])('%s: resolves to timeout within the timeout + 200 ms and aborts the request', async (_name, act) => {
    const config: HomeAssistantConfig = { url: hub.url, token: TOKEN, lights: ['light.bedroom'], mediaPlayer: 'media_player.bedroom' };

    const started = performance.now();
    const outcome = await act(config);
    const elapsed = performance.now() - started;

    expect(outcome).toEqual({ ok: false, reason: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    // The hung request is really abandoned (AbortController), not left running in the background.
    expect(await waitFor(() => hub.abandoned.length === hub.calls.length, 500)).toBe(true);
    expect(hub.calls).toHaveLength(1);
    expect(must(hub.abandoned[0], 'the abandoned request') - started).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it('the default, and the cap for a larger setting, is 1500 ms', async () => {
    const config: HomeAssistantConfig = { url: hub.url, token: TOKEN, lights: ['light.bedroom'] };
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      const outcome = await run();
      return { outcome, elapsed: performance.now() - started };
    };

    const [byDefault, capped] = await Promise.all([
      timed(() => lightsFromConfig({ homeAssistant: config }).settle()),
      timed(() => homeAssistantLights(config, { timeoutMs: 10_000 }).settle()),
    ]);

    for (const { outcome, elapsed } of [byDefault, capped]) {
      expect(outcome).toEqual({ ok: false, reason: 'timeout' });
      expect(elapsed).toBeGreaterThanOrEqual(1495);
      expect(elapsed).toBeLessThan(1500 + MARGIN_MS);
    }
  });
});
