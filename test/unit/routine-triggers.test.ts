import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { alexaRoutineTriggers, TRIGGER_SCOPE, triggerInstance, triggerPath, WIND_DOWN_ENDED, WIND_DOWN_STARTED } from '../../src/ambience/routine-triggers';
import { readConfig } from '../../src/config';
import { startAlexaApi, triggerInstanceOk, type AlexaApi } from '../../src/local/alexa-api';

const CLIENT = { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'test-secret-0123456789' };
const USER = 'amzn1.ask.account.test-couple';
const ROOT = join(__dirname, '..', '..');

describe('custom routine triggers', () => {
  let api: AlexaApi;
  beforeEach(async () => {
    api = await startAlexaApi({ lwaClient: CLIENT });
  });
  afterEach(() => api.close());

  const driver = (stage: 'development' | 'live' = 'live', extra: { warn?: jest.Mock } = {}) =>
    alexaRoutineTriggers({ ...CLIENT, stage, tokenUrl: `${api.endpoint}/auth/o2/token` }, { log: extra.warn ? { warn: extra.warn } : undefined });

  it('gets an LWA client-credentials token with the trigger scope, then POSTs the trigger instance with it', async () => {
    const outcome = await driver().fire(WIND_DOWN_STARTED, { userId: USER, apiEndpoint: api.endpoint });
    expect(outcome).toEqual({ ok: true });
    const [token, post] = api.calls;
    expect(token?.path).toBe('/auth/o2/token');
    expect(token?.body).toMatchObject({ grant_type: 'client_credentials', scope: 'alexa::routines:triggerinstances:write', client_id: CLIENT.clientId });
    expect(post?.method).toBe('POST');
    expect(post?.path).toBe('/v1/routines/triggerInstances');
    expect(post?.authorization).toMatch(/^Bearer Atc\|/);
    expect(post?.body).toMatchObject({ delivery: 'UNICAST', trigger: { name: 'twilight.windDownStarted' }, recipient: { type: 'SKILL_USER', id: USER } });
  });

  it('uses the development stage until certified, and reuses the token while it lasts', async () => {
    const d = driver('development');
    await d.fire(WIND_DOWN_STARTED, { userId: USER, apiEndpoint: api.endpoint });
    await d.fire(WIND_DOWN_ENDED, { userId: USER, apiEndpoint: api.endpoint });
    expect(api.calls.map((c) => c.path)).toEqual(['/auth/o2/token', triggerPath('development'), triggerPath('development')]);
    expect(triggerPath('development')).toBe('/v1/routines/triggerInstances/stages/development');
  });

  it('is honest when LWA refuses the client: not ok, logged without secrets', async () => {
    const warn = jest.fn();
    const d = alexaRoutineTriggers(
      { ...CLIENT, clientSecret: 'wrong-secret-000000', stage: 'live', tokenUrl: `${api.endpoint}/auth/o2/token` },
      { log: { warn } },
    );
    expect(await d.fire(WIND_DOWN_STARTED, { userId: USER, apiEndpoint: api.endpoint })).toEqual({ ok: false, reason: 'error' });
    expect(api.calls.some((c) => c.path.startsWith('/v1/routines'))).toBe(false);
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/secret|amzn1\.ask\.account/);
  });

  it('never holds the turn past its 1.5 s bound when Alexa does not answer', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const started = Date.now();
    const outcome = await alexaRoutineTriggers({ ...CLIENT, stage: 'live', tokenUrl: `${url}/auth/o2/token` }, { timeoutMs: 5000 }).fire(WIND_DOWN_ENDED, {
      userId: USER,
      apiEndpoint: url,
    });
    expect(outcome).toEqual({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2500);
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
  });

  it('the stand-in rejects wrong shapes: multicast, unknown trigger, missing recipient, long requestId', () => {
    const good = triggerInstance(WIND_DOWN_STARTED, USER);
    expect(triggerInstanceOk(good)).toBe(true);
    expect(triggerInstanceOk({ ...good, delivery: 'MULTICAST' })).toBe(false);
    expect(triggerInstanceOk({ ...good, trigger: { name: 'windDownStarted' } })).toBe(false);
    expect(triggerInstanceOk({ ...good, recipient: undefined })).toBe(false);
    expect(triggerInstanceOk({ ...good, requestId: 'x'.repeat(101) })).toBe(false);
  });

  it('each trigger is defined in the skill package: routines/triggers/<name>/en-US.json, named as the driver sends it', () => {
    const dir = join(ROOT, 'models', 'routines', 'triggers');
    const defined = readdirSync(dir).map(
      (name) => JSON.parse(readFileSync(join(dir, name, 'en-US.json'), 'utf8')) as { name: string; delivery: string; display: { title: string } },
    );
    expect(defined.map((d) => d.name).sort()).toEqual([WIND_DOWN_ENDED, WIND_DOWN_STARTED].sort());
    for (const d of defined) {
      expect(d.delivery).toBe('UNICAST');
      expect(d.name.length).toBeLessThanOrEqual(50);
      expect(d.display.title.length).toBeGreaterThan(0);
    }
    expect(TRIGGER_SCOPE).toBe('alexa::routines:triggerinstances:write');
  });
});

describe('routine trigger settings', () => {
  const base = { TABLE_NAME: 'twilight-test' };
  it('are off unless the LWA client is configured, and need both halves', () => {
    expect(readConfig(base).routineTriggers).toBeUndefined();
    expect(
      readConfig({ ...base, ROUTINE_TRIGGERS_CLIENT_ID: CLIENT.clientId, ROUTINE_TRIGGERS_CLIENT_SECRET: CLIENT.clientSecret }).routineTriggers,
    ).toMatchObject({ stage: 'development' });
    expect(() => readConfig({ ...base, ROUTINE_TRIGGERS_CLIENT_ID: CLIENT.clientId })).toThrow(/ROUTINE_TRIGGERS_CLIENT_SECRET/);
    expect(() =>
      readConfig({ ...base, ROUTINE_TRIGGERS_CLIENT_ID: CLIENT.clientId, ROUTINE_TRIGGERS_CLIENT_SECRET: 'x', ROUTINE_TRIGGERS_STAGE: 'beta' }),
    ).toThrow(/STAGE/);
  });
});
