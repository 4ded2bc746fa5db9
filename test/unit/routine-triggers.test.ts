import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  alexaRoutineTriggers,
  LWA_TOKEN_URL,
  servedRegion,
  TRIGGER_API_NA,
  TRIGGER_SCOPE,
  triggerInstance,
  triggerPath,
  type TriggerStage,
} from '../../src/ambience/routine-triggers';
import { readConfig } from '../../src/config';
import { TRIGGER_NAMES, WIND_DOWN_ENDED, WIND_DOWN_STARTED } from '../../src/domain/custom-triggers';
import { startAlexaApi, triggerCallback, triggerInstanceOk, type AlexaApi } from '../../src/local/alexa-api';

const CLIENT = { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'test-secret-0123456789' };
const USER = 'amzn1.ask.account.test-couple';
/** The recipient as the stand-in's Routines.Trigger.Create names the couple; the driver sends it back. */
const RECIPIENT = triggerCallback('create', WIND_DOWN_STARTED, USER).recipient;
const ROOT = join(__dirname, '..', '..');

// Amazon's pages for each fact below:
const INSTANCE_API = 'https://developer.amazon.com/en-US/docs/alexa/routines/routines-custom-trigger-api-reference.html';
const DEFINITION = 'https://developer.amazon.com/en-US/docs/alexa/routines/trigger-definition.html';

describe(`custom routine triggers (${INSTANCE_API})`, () => {
  let api: AlexaApi;
  beforeEach(async () => {
    api = await startAlexaApi({ lwaClient: CLIENT });
  });
  afterEach(() => api.close());

  const driver = (stage: TriggerStage = 'development', extra: { warn?: jest.Mock } = {}) =>
    alexaRoutineTriggers(
      { ...CLIENT, stage, tokenUrl: `${api.endpoint}/auth/o2/token`, apiUrl: api.endpoint },
      { log: extra.warn ? { warn: extra.warn } : undefined },
    );

  it('gets an LWA client-credentials token (form-encoded, the trigger scope), then POSTs the trigger instance as JSON with it', async () => {
    const outcome = await driver().fire(WIND_DOWN_STARTED, { recipient: RECIPIENT });
    expect(outcome).toEqual({ ok: true });
    const [token, post] = api.calls;
    expect(token?.path).toBe('/auth/o2/token');
    expect(token?.contentType).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(token?.body).toEqual({
      grant_type: 'client_credentials',
      scope: 'alexa::routines:triggerinstances:write',
      ...{ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret },
    });
    expect(post?.method).toBe('POST');
    expect(post?.contentType).toBe('application/json');
    expect(post?.authorization).toMatch(/^Bearer Atc\|/);
    expect(post?.body).toMatchObject({ delivery: 'UNICAST', trigger: { name: 'WindDownStarted', parameters: {} }, recipient: RECIPIENT });
  });

  it('sends requestId (1 to 100 characters), delivery UNICAST, the trigger name (1 to 50) and the parameters object', () => {
    const body = triggerInstance(WIND_DOWN_ENDED, RECIPIENT);
    expect(Object.keys(body).sort()).toEqual(['delivery', 'recipient', 'requestId', 'trigger']);
    expect(body.requestId.length).toBeGreaterThanOrEqual(1);
    expect(body.requestId.length).toBeLessThanOrEqual(100);
    expect(triggerInstance(WIND_DOWN_ENDED, RECIPIENT).requestId).not.toBe(body.requestId);
    expect(body.trigger.name.length).toBeLessThanOrEqual(50);
    // "The same parameters as … sent in the SPI request": our triggers define none.
    expect(body.trigger.parameters).toEqual({});
    expect(body.recipient).toEqual(RECIPIENT);
  });

  it('posts to the development endpoint until certification, the production one after, and reuses the token while it lasts', async () => {
    expect(triggerPath('development')).toBe('/v1/routines/triggerInstances/stages/development');
    expect(triggerPath('production')).toBe('/v1/routines/triggerInstances');
    const d = driver('development');
    await d.fire(WIND_DOWN_STARTED, { recipient: RECIPIENT });
    await d.fire(WIND_DOWN_ENDED, { recipient: RECIPIENT });
    await driver('production').fire(WIND_DOWN_ENDED, { recipient: RECIPIENT });
    expect(api.calls.map((c) => c.path)).toEqual([
      '/auth/o2/token',
      '/v1/routines/triggerInstances/stages/development',
      '/v1/routines/triggerInstances/stages/development',
      '/auth/o2/token',
      '/v1/routines/triggerInstances',
    ]);
  });

  it('is honest when LWA refuses the client: not ok, logged without secrets', async () => {
    const warn = jest.fn();
    const d = alexaRoutineTriggers(
      { ...CLIENT, clientSecret: 'wrong-secret-000000', stage: 'production', tokenUrl: `${api.endpoint}/auth/o2/token`, apiUrl: api.endpoint },
      { log: { warn } },
    );
    expect(await d.fire(WIND_DOWN_STARTED, { recipient: RECIPIENT })).toEqual({ ok: false, reason: 'error' });
    expect(api.calls.some((c) => c.path.startsWith('/v1/routines'))).toBe(false);
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/secret|amzn1\.ask\.account/);
  });

  it('the stand-in rejects wrong shapes: multicast, unknown or dotted trigger, missing recipient or parameters, long requestId', () => {
    const good = triggerInstance(WIND_DOWN_STARTED, RECIPIENT);
    expect(triggerInstanceOk(good)).toBe(true);
    expect(triggerInstanceOk({ ...good, delivery: 'MULTICAST' })).toBe(false);
    expect(triggerInstanceOk({ ...good, trigger: { name: 'twilight.windDownStarted', parameters: {} } })).toBe(false);
    expect(triggerInstanceOk({ ...good, trigger: { name: WIND_DOWN_STARTED } })).toBe(false);
    expect(triggerInstanceOk({ ...good, recipient: undefined })).toBe(false);
    expect(triggerInstanceOk({ ...good, requestId: 'x'.repeat(101) })).toBe(false);
    expect(triggerInstanceOk({ ...good, requestId: '' })).toBe(false);
  });
});

describe('only where Amazon serves custom triggers: North America', () => {
  afterEach(() => jest.restoreAllMocks());

  it('goes to api.amazonalexa.com, the one host the page lists, whatever apiEndpoint the request carried', async () => {
    const fetched: string[] = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
      fetched.push(url as string);
      return url === LWA_TOKEN_URL ? Response.json({ access_token: 'Atc|t', expires_in: 3600 }) : new Response(null, { status: 202 });
    });
    const d = alexaRoutineTriggers({ ...CLIENT, stage: 'development' });
    expect(await d.fire(WIND_DOWN_STARTED, { recipient: RECIPIENT, apiEndpoint: 'https://api.amazonalexa.com' })).toEqual({ ok: true });
    expect(fetched).toEqual(['https://api.amazon.com/auth/o2/token', `${TRIGGER_API_NA}/v1/routines/triggerInstances/stages/development`]);
  });

  it('sends nothing for an account served from Europe or the Far East: off, not an error', async () => {
    const spy = jest.spyOn(globalThis, 'fetch');
    const d = alexaRoutineTriggers({ ...CLIENT, stage: 'production' });
    for (const apiEndpoint of ['https://api.eu.amazonalexa.com', 'https://api.fe.amazonalexa.com/'])
      expect(await d.fire(WIND_DOWN_ENDED, { recipient: RECIPIENT, apiEndpoint })).toEqual({ ok: false, reason: 'off' });
    expect(spy).not.toHaveBeenCalled();
    expect(servedRegion(undefined)).toBe(true);
    expect(servedRegion('https://api.amazonalexa.com/')).toBe(true);
    expect(servedRegion('not a url')).toBe(true);
  });

  it('never holds the turn past its 1.5 s bound when Alexa does not answer', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const started = Date.now();
    const outcome = await alexaRoutineTriggers({ ...CLIENT, stage: 'production', tokenUrl: `${url}/auth/o2/token`, apiUrl: url }, { timeoutMs: 5000 }).fire(
      WIND_DOWN_ENDED,
      { recipient: RECIPIENT },
    );
    expect(outcome).toEqual({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2500);
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
  });
});

interface Definition {
  name: string;
  display: { title: string; description: string };
  parameters: unknown[];
  delivery: string;
  displayCategories: string[];
}

describe(`trigger definitions in the skill package (${DEFINITION})`, () => {
  const dir = join(ROOT, 'models', 'routines', 'triggers');
  const folders = readdirSync(dir);
  const files = folders.flatMap((folder) =>
    readdirSync(join(dir, folder)).map((file) => ({ folder, file, def: JSON.parse(readFileSync(join(dir, folder, file), 'utf8')) as Definition })),
  );

  it('are routines/triggers/<name>/<locale>.json, one folder per trigger the driver sends', () => {
    expect([...folders].sort()).toEqual([...TRIGGER_NAMES].sort());
    for (const { folder, file, def } of files) {
      expect(def.name).toBe(folder);
      // North America only: the skill's two locales there.
      expect(['en-US.json', 'en-CA.json']).toContain(file);
    }
    expect(files).toHaveLength(TRIGGER_NAMES.length * 2);
  });

  it('name: case-sensitive, 1 to 50 alphanumeric characters (so no "twilight." prefix), the same in every locale', () => {
    for (const name of TRIGGER_NAMES) expect(name).toMatch(/^[A-Za-z0-9]{1,50}$/);
  });

  it('has the required fields: display, parameters (an array), delivery UNICAST, a display category from the list', () => {
    for (const { def } of files) {
      expect(def.display.title.length).toBeGreaterThan(0);
      expect(def.display.description.length).toBeGreaterThan(0);
      expect(def.parameters).toEqual([]);
      expect(def.delivery).toBe('UNICAST');
      expect(def.displayCategories).toEqual(['HEALTH_AND_WELLNESS']);
    }
  });

  it('differs between locales only in display ("only their display.title, display.iconUrl, and display.description fields might differ")', () => {
    for (const name of TRIGGER_NAMES) {
      const [us, ca] = ['en-US', 'en-CA'].map((l) => JSON.parse(readFileSync(join(dir, name, `${l}.json`), 'utf8')) as Definition);
      expect({ ...us, display: undefined }).toEqual({ ...ca, display: undefined });
    }
  });

  it('asks for the scope the page names', () => expect(TRIGGER_SCOPE).toBe('alexa::routines:triggerinstances:write'));
});

describe('routine trigger settings', () => {
  const base = { TABLE_NAME: 'twilight-test' };
  const both = { ...base, ROUTINE_TRIGGERS_CLIENT_ID: CLIENT.clientId, ROUTINE_TRIGGERS_CLIENT_SECRET: CLIENT.clientSecret };

  it('are off unless the LWA client is configured, need both halves, and use the development endpoint until told otherwise', () => {
    expect(readConfig(base).routineTriggers).toBeUndefined();
    expect(readConfig(both).routineTriggers).toEqual({ ...CLIENT, stage: 'development' });
    expect(readConfig({ ...both, ROUTINE_TRIGGERS_STAGE: 'production' }).routineTriggers?.stage).toBe('production');
    expect(() => readConfig({ ...base, ROUTINE_TRIGGERS_CLIENT_ID: CLIENT.clientId })).toThrow(/ROUTINE_TRIGGERS_CLIENT_SECRET/);
    for (const stage of ['live', 'beta', 'PRODUCTION']) expect(() => readConfig({ ...both, ROUTINE_TRIGGERS_STAGE: stage })).toThrow(/ROUTINE_TRIGGERS_STAGE/);
  });

  it('let only a local stand-in replace the LWA and Alexa hosts', () => {
    expect(readConfig({ ...both, ROUTINE_TRIGGERS_API_URL: 'http://127.0.0.1:9999' }).routineTriggers?.apiUrl).toBe('http://127.0.0.1:9999');
    expect(() => readConfig({ ...both, ROUTINE_TRIGGERS_API_URL: 'http://example.org' })).toThrow(/ROUTINE_TRIGGERS_API_URL/);
    expect(() => readConfig({ ...both, ROUTINE_TRIGGERS_TOKEN_URL: 'http://example.org' })).toThrow(/ROUTINE_TRIGGERS_TOKEN_URL/);
  });
});
