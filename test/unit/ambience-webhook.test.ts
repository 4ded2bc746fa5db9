import { performance } from 'node:perf_hooks';
import { lightsFromConfig, signBody, verifySignature, webhookLights, type RitualEvent } from '../../src/ambience';
import { closedPortUrl, startFakeHub, type FakeHub } from '../support/fake-hub';
import { must } from '../support/must';

const SECRET = 'whsec-twilight-0123456789-SECRET';
const NOW = new Date('2026-11-25T21:30:00.000Z');

/** A receiver that does what a hub should: verify the signature over the raw body, then act. */
function startReceiver(secret: string): Promise<FakeHub> {
  return startFakeHub((call) => {
    const header = call.headers['x-twilight-signature'];
    if (typeof header !== 'string' || !verifySignature(secret, call.rawBody, header)) return { status: 401 };
    return { status: 204 };
  });
}

describe('signBody and verifySignature', () => {
  it('signs with HMAC-SHA256 in hex (RFC 4231 test case 2)', () => {
    expect(signBody('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('accepts the signature of the exact body, as a string or as raw bytes', () => {
    const body = '{"event":"ritual.start"}';
    const header = signBody(SECRET, body);

    expect(verifySignature(SECRET, body, header)).toBe(true);
    expect(verifySignature(SECRET, Buffer.from(body), header)).toBe(true);
    expect(verifySignature(SECRET, body, header.toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
  });

  it('rejects a tampered body, another secret and malformed headers without throwing', () => {
    const body = '{"event":"ritual.start","brightnessPct":20}';
    const header = signBody(SECRET, body);

    expect(verifySignature(SECRET, body.replace('20', '100'), header)).toBe(false);
    expect(verifySignature(SECRET, `${body} `, header)).toBe(false);
    expect(verifySignature('another-secret-of-some-length', body, header)).toBe(false);
    for (const bad of [undefined, null, '', 'sha256=', 'sha256=zz', header.slice(0, -2), `${header}00`, header.replace('sha256', 'sha1')]) {
      expect(verifySignature(SECRET, body, bad)).toBe(false);
    }
  });
});

describe('webhook lights', () => {
  let receiver: FakeHub;
  beforeEach(async () => {
    receiver = await startReceiver(SECRET);
  });
  afterEach(() => receiver.close());

  it('sends a signed ritual.start and ritual.end that the receiver verifies', async () => {
    const lights = webhookLights({ url: `${receiver.url}/hooks/twilight`, secret: SECRET }, { now: () => NOW });

    expect(await lights.settle()).toEqual({ ok: true });
    expect(await lights.restore()).toEqual({ ok: true });

    expect(receiver.calls.map((c) => c.json)).toEqual<RitualEvent[]>([
      { event: 'ritual.start', brightnessPct: 20, kelvin: 2200, transitionSeconds: 30, sentAt: '2026-11-25T21:30:00.000Z' },
      { event: 'ritual.end', brightnessPct: 60, kelvin: 2700, transitionSeconds: 10, sentAt: '2026-11-25T21:30:00.000Z' },
    ]);
    for (const call of receiver.calls) {
      expect(call.method).toBe('POST');
      expect(call.path).toBe('/hooks/twilight');
      expect(call.headers['content-type']).toBe('application/json');
      expect(call.headers['x-twilight-signature']).toBe(signBody(SECRET, call.rawBody));
      expect(call.headers['x-twilight-timestamp']).toBe(String(NOW.getTime() / 1000));
    }
  });

  it('the signature does not survive a change to the body', async () => {
    await webhookLights({ url: receiver.url, secret: SECRET }).settle();
    const call = must(receiver.calls[0], 'a call to the receiver');
    const header = call.headers['x-twilight-signature'] as string;

    expect(verifySignature(SECRET, call.rawBody, header)).toBe(true);
    expect(verifySignature(SECRET, call.rawBody.replace('"brightnessPct":20', '"brightnessPct":100'), header)).toBe(false);
  });

  it('a receiver with another secret refuses it, which is an error', async () => {
    const lights = webhookLights({ url: receiver.url, secret: 'a-different-secret-entirely' });

    expect(await lights.settle()).toEqual({ ok: false, reason: 'error' });
  });

  it('lightsFromConfig picks the webhook when Home Assistant has no lights', () => {
    const config = {
      homeAssistant: { url: 'https://ha.example', token: 't', lights: [], mediaPlayer: 'media_player.x' },
      webhook: { url: receiver.url, secret: SECRET },
    };

    expect(lightsFromConfig(config).kind).toBe('webhook');
  });
});

describe('webhook failures', () => {
  it('a receiver that never answers is a timeout, on time', async () => {
    const hub = await startFakeHub(() => 'hang');
    try {
      const started = performance.now();
      const outcome = await webhookLights({ url: hub.url, secret: SECRET }, { timeoutMs: 300 }).settle();
      const elapsed = performance.now() - started;

      expect(outcome).toEqual({ ok: false, reason: 'timeout' });
      expect(elapsed).toBeGreaterThanOrEqual(295);
      expect(elapsed).toBeLessThan(500);
    } finally {
      await hub.close();
    }
  });

  it('a 500 and a refused connection are errors', async () => {
    const hub = await startFakeHub(() => ({ status: 500 }));
    try {
      expect(await webhookLights({ url: hub.url, secret: SECRET }).restore()).toEqual({ ok: false, reason: 'error' });
    } finally {
      await hub.close();
    }
    expect(await webhookLights({ url: await closedPortUrl(), secret: SECRET }).settle()).toEqual({ ok: false, reason: 'error' });
  });
});
