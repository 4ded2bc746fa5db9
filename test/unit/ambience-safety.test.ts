import { bounded, homeAssistantLights, homeAssistantMusic, lightsFromConfig, musicFromConfig, webhookLights } from '../../src/ambience';
import { captureLog, closedPortUrl, startFakeHomeAssistant, startFakeHub, type FakeHub } from '../support/fake-hub';

const TOKEN = 'ha-token-SECRET-do-not-leak-5c1d9e';
const WEBHOOK_SECRET = 'webhook-SECRET-do-not-leak-88aa';

describe('bounded', () => {
  it('passes a result through and clears its timer', async () => {
    expect(await bounded(async () => ({ ok: true }), 1000)).toEqual({ ok: true });
  });

  it('times out even when the task ignores the abort signal, and aborts the signal', async () => {
    let seen: AbortSignal | undefined;
    let release: () => void = () => undefined;
    const outcome = await bounded((signal) => {
      seen = signal;
      return new Promise((resolve) => {
        release = () => resolve({ ok: true });
      });
    }, 100);
    release();

    expect(outcome).toEqual({ ok: false, reason: 'timeout' });
    expect(seen?.aborted).toBe(true);
  });

  it('turns a rejection or a synchronous throw into an error', async () => {
    expect(await bounded(() => Promise.reject(new Error(TOKEN)), 1000)).toEqual({ ok: false, reason: 'error' });
    expect(
      await bounded(() => {
        throw new Error(TOKEN);
      }, 1000),
    ).toEqual({ ok: false, reason: 'error' });
  });

  it('reports timeout when the task rejects because it was aborted', async () => {
    const outcome = await bounded((signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))), 50);

    expect(outcome).toEqual({ ok: false, reason: 'timeout' });
  });
});

describe('no hub configured', () => {
  it('answers off at once', async () => {
    const lights = lightsFromConfig({});
    const music = musicFromConfig({});

    expect([lights.kind, music.kind]).toEqual(['none', 'none']);
    expect(await Promise.all([lights.settle(), lights.restore(), music.play('https://x.example/a.mp3'), music.pause()])).toEqual(
      Array(4).fill({ ok: false, reason: 'off' }),
    );
  });
});

describe('secrets stay out of outcomes and logs', () => {
  const hubs: FakeHub[] = [];
  afterAll(() => Promise.all(hubs.map((hub) => hub.close())));

  it('through every kind of failure', async () => {
    const failing = await startFakeHomeAssistant(TOKEN, () => ({ status: 500, body: { message: `echo ${TOKEN}` } }));
    const hanging = await startFakeHub(() => 'hang');
    const redirecting = await startFakeHub(() => ({ status: 302, headers: { Location: `https://evil.example/?t=${TOKEN}` } }));
    hubs.push(failing, hanging, redirecting);
    const refused = await closedPortUrl();
    const log = captureLog();
    const options = { log, timeoutMs: 200 };
    const outcomes: unknown[] = [];

    for (const url of [failing.url, hanging.url, redirecting.url, refused]) {
      const ha = { url, token: TOKEN, lights: ['light.bedroom'], mediaPlayer: 'media_player.bedroom' };
      const hook = { url: `${url}/hook?key=${WEBHOOK_SECRET}`, secret: WEBHOOK_SECRET };
      outcomes.push(
        await homeAssistantLights(ha, options).settle(),
        await homeAssistantMusic(ha, options).play('https://x.example/a.mp3'),
        await webhookLights(hook, options).settle(),
      );
    }
    // A token fetch cannot put in a header: fetch's own error quotes it; it must go nowhere.
    outcomes.push(await homeAssistantLights({ url: failing.url, token: `${TOKEN}\n`, lights: ['light.bedroom'] }, options).settle());

    expect(outcomes.every((o) => !(o as { ok: boolean }).ok)).toBe(true);
    expect(log.entries.length).toBe(outcomes.length);
    for (const entry of log.entries) {
      expect(Object.keys(entry.fields ?? {}).sort()).toEqual(['action', 'driver', 'latencyMs', 'outcome', 'status']);
    }
    const everything = JSON.stringify({ outcomes, log: log.entries });
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(WEBHOOK_SECRET);
    expect(everything).not.toContain('SECRET');
  });

  it('a logger that throws does not turn an outcome into a rejection', async () => {
    const log = {
      warn() {
        throw new Error('log sink down');
      },
    };
    const outcome = await homeAssistantLights({ url: await closedPortUrl(), token: TOKEN, lights: ['light.a'] }, { log }).settle();

    expect(outcome).toEqual({ ok: false, reason: 'error' });
  });
});
