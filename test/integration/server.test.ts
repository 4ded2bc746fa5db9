import { generateKeyPairSync, sign } from 'node:crypto';
import { once, EventEmitter } from 'node:events';
import type { ClientRequest, IncomingMessage, Server } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { ConfigError } from '../../src/config';
import { silentLog } from '../../src/deps';
import { createServerApp, readServerConfig } from '../../src/server';
import { buildSkill } from '../../src/skill';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { fixedTimeZone } from '../../src/time-zone';
import launchFixture from '../fixtures/launch-request.json';
import { CapturingLog, TestClock } from '../support/skill';

// The adapter trusts `require('tls').rootCertificates`, a read-only getter: mocking the module is the
// only way to add the test root CA, so the real chain, SAN, date and RSA-SHA256 checks all still run.
const mockTrustedRoots: string[] = [];
jest.mock('tls', () => {
  const actual = jest.requireActual<typeof import('tls')>('tls');
  return {
    ...actual,
    get rootCertificates() {
      return [...actual.rootCertificates, ...mockTrustedRoots];
    },
  };
});

// node-forge comes with the adapter, without types; these are the only calls used.
interface ForgeCertificate {
  publicKey: unknown;
  serialNumber: string;
  validity: { notBefore: Date; notAfter: Date };
  setSubject(attrs: object[]): void;
  setIssuer(attrs: object[]): void;
  setExtensions(extensions: object[]): void;
  sign(key: unknown, digest: unknown): void;
}
interface Forge {
  pki: {
    createCertificate(): ForgeCertificate;
    certificateToPem(cert: ForgeCertificate): string;
    privateKeyFromPem(pem: string): unknown;
    publicKeyFromPem(pem: string): unknown;
  };
  md: { sha256: { create(): unknown } };
}
const forge = require('node-forge') as Forge;

interface Keys {
  publicKey: string;
  privateKey: string;
}
interface Party {
  name: string;
  keys: Keys;
}

const newKeys = (): Keys =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

/** An X.509 certificate for `subject`, signed by `issuer` (itself when absent). */
function certificate(subject: Party, opts: { issuer?: Party; ca?: boolean; altName?: string } = {}): string {
  const issuer = opts.issuer ?? subject;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(subject.keys.publicKey);
  cert.serialNumber = String(Date.now() % 1e9);
  cert.validity.notBefore = new Date(Date.now() - 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: subject.name }]);
  cert.setIssuer([{ name: 'commonName', value: issuer.name }]);
  cert.setExtensions(
    opts.ca
      ? [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true }]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true },
          { name: 'subjectAltName', altNames: [{ type: 2, value: opts.altName ?? 'echo-api.amazon.com' }] },
        ],
  );
  cert.sign(forge.pki.privateKeyFromPem(issuer.keys.privateKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem';

const trustedRoot: Party = { name: 'Twilight Test Root CA', keys: newKeys() };
const alexa: Party = { name: 'echo-api.amazon.com', keys: newKeys() };
const rogueRoot: Party = { name: 'Rogue Root CA', keys: newKeys() };
const rootPem = certificate(trustedRoot, { ca: true });
/** Leaf first, then its issuer: the shape of Amazon's published chain. */
const alexaChain = certificate(alexa, { issuer: trustedRoot }) + rootPem;
const untrustedChain = certificate(alexa, { issuer: rogueRoot }) + certificate(rogueRoot, { ca: true });
const wrongNameChain = certificate(alexa, { issuer: trustedRoot, altName: 'example.com' }) + rootPem;
mockTrustedRoots.push(rootPem);

/** What the stubbed HTTPS client serves, by URL; anything else fails as if offline. */
let published: Map<string, string>;
let downloads: string[];

/** Stands in for `https.get`, which the adapter's SkillRequestSignatureVerifier uses to fetch the chain. */
function fakeGet(url: string | URL, callback: (response: IncomingMessage) => void): ClientRequest {
  const request = Object.assign(new EventEmitter(), { end: () => undefined });
  downloads.push(String(url));
  const pem = published.get(String(url));
  setImmediate(() => {
    if (pem === undefined) {
      request.emit('error', new Error('getaddrinfo ENOTFOUND s3.amazonaws.com'));
      return;
    }
    const response = Object.assign(new PassThrough(), { statusCode: 200 });
    callback(response as unknown as IncomingMessage);
    response.end(pem);
  });
  return request as unknown as ClientRequest;
}

const servers: Server[] = [];

beforeEach(() => {
  published = new Map([[CERT_URL, alexaChain]]);
  downloads = [];
  jest.spyOn(https, 'get').mockImplementation(fakeGet as unknown as typeof https.get);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

/** The real skill on a memory store, behind the server app, on a free loopback port; invoke is spied on. */
async function serve(verify: boolean) {
  const store = new MemoryCoupleStore();
  const zone = 'America/New_York';
  const skill = buildSkill({ store, clock: new TestClock(), log: silentLog, timeZones: fixedTimeZone(zone), defaultTimeZone: zone });
  const invoke = jest.spyOn(skill, 'invoke');
  const log = new CapturingLog();
  const server = createServerApp(skill, { verify, log }).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, invoke, log, store };
}

/** The fixture LaunchRequest, stamped `ageMs` ago. */
function launchBody(ageMs = 0): string {
  const envelope = structuredClone(launchFixture) as unknown as RequestEnvelope;
  envelope.request.timestamp = new Date(Date.now() - ageMs).toISOString();
  return JSON.stringify(envelope);
}

/** The headers Alexa adds: the chain's URL and an RSA-SHA256 signature of the exact body bytes. */
function signedBy(keys: Keys, body: string, certUrl = CERT_URL): Record<string, string> {
  return {
    SignatureCertChainUrl: certUrl,
    'Signature-256': sign('sha256', Buffer.from(body, 'utf8'), keys.privateKey).toString('base64'),
  };
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

describe('verification on (the default)', () => {
  test.each(['/', '/alexa'])('a request Alexa signed, sent just now to %s, reaches the skill', async (path) => {
    const { base, invoke, log } = await serve(true);
    const body = launchBody();

    const res = await post(base + path, body, signedBy(alexa.keys, body));

    expect(res.status).toBe(200);
    const envelope = (await res.json()) as ResponseEnvelope;
    expect(envelope.response.outputSpeech?.type).toBe('SSML');
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(downloads).toEqual([CERT_URL]);
    expect(log.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  test.each([
    ['no signature headers at all', {}, 'Missing Certificate'],
    ['a certificate URL but no Signature-256', { SignatureCertChainUrl: CERT_URL }, 'Missing Signature'],
  ])('an unsigned request (%s) gets 400 and never reaches the skill', async (_case, headers, reason) => {
    const { base, invoke, log } = await serve(true);

    const res = await post(base, launchBody(), headers);

    expect(res.status).toBe(400);
    expect(await res.text()).toContain(reason);
    expect(invoke).not.toHaveBeenCalled();
    expect(downloads).toEqual([]);
    expect(log.lines).toContainEqual({ level: 'warn', message: 'request refused', fields: { path: '/', status: 400 } });
  });

  test.each([
    ['plain http', 'http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem', 'unsupported protocol'],
    ['another host', 'https://evil.example.com/echo.api/echo-api-cert-test.pem', 'invalid host name'],
    ['a path outside /echo.api/', 'https://s3.amazonaws.com/not-echo.api/echo-api-cert-test.pem', 'invalid path'],
    ['a port other than 443', 'https://s3.amazonaws.com:8443/echo.api/echo-api-cert-test.pem', 'invalid port'],
  ])('a certificate URL with %s gets 400 before any download', async (_case, certUrl, reason) => {
    const { base, invoke } = await serve(true);
    published.set(certUrl, alexaChain);
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body, certUrl));

    expect(res.status).toBe(400);
    expect(await res.text()).toContain(reason);
    expect(invoke).not.toHaveBeenCalled();
    expect(downloads).toEqual([]);
  });

  test('a body changed after signing gets 400 and never reaches the skill', async () => {
    const { base, invoke, store } = await serve(true);
    const body = launchBody();
    const tampered = body.replace('AEXAMPLETWILIGHTCOUPLE', 'AEXAMPLEINTRUDERCOUPLE');
    expect(tampered).not.toBe(body);

    const res = await post(base, tampered, signedBy(alexa.keys, body));

    expect(res.status).toBe(400);
    expect(await res.text()).toContain('request body and signature does not match');
    expect(invoke).not.toHaveBeenCalled();
    expect(store.writes).toBe(0);
    expect(downloads).toEqual([CERT_URL]);
  });

  test('a correctly signed request stamped 10 minutes ago (a replay) gets 400', async () => {
    const { base, invoke } = await serve(true);
    const body = launchBody(10 * 60_000);

    const res = await post(base, body, signedBy(alexa.keys, body));

    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Timestamp verification failed');
    expect(invoke).not.toHaveBeenCalled();
  });

  test('a chain that does not lead to a trusted root gets 400', async () => {
    const { base, invoke } = await serve(true);
    published.set(CERT_URL, untrustedChain);
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body));

    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Certificate is not trusted');
    expect(invoke).not.toHaveBeenCalled();
  });

  test('a trusted certificate not issued to echo-api.amazon.com gets 400', async () => {
    const { base, invoke } = await serve(true);
    published.set(CERT_URL, wrongNameChain);
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body));

    expect(res.status).toBe(400);
    expect(await res.text()).toContain('echo-api.amazon.com domain missing');
    expect(invoke).not.toHaveBeenCalled();
  });

  test('when the certificate cannot be downloaded the request gets 400', async () => {
    const { base, invoke } = await serve(true);
    published.clear();
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body));

    expect(res.status).toBe(400);
    expect(await res.text()).toContain('ENOTFOUND');
    expect(invoke).not.toHaveBeenCalled();
    expect(downloads).toEqual([CERT_URL]);
  });
});

describe('verification off (explicit flag)', () => {
  test('warns at start', async () => {
    const { log } = await serve(false);

    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringMatching(/INSECURE.*verification is OFF/) }));
  });

  test('the fixture LaunchRequest, unsigned and stale, reaches the skill and gets a well-formed response', async () => {
    const { base, invoke, store } = await serve(false);

    const res = await post(base, JSON.stringify(launchFixture));

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const envelope = (await res.json()) as ResponseEnvelope;
    expect(envelope.version).toBe('1.0');
    const speech = envelope.response.outputSpeech;
    expect(speech?.type === 'SSML' && speech.ssml).toMatch(/^<speak>[\s\S]+<\/speak>$/);
    expect(envelope.response.shouldEndSession).toBe(false);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(store.reads).toBe(1); // the skill looked the couple up (a first launch saves nothing until names)
    expect(downloads).toEqual([]);
  });
});

describe('health and other routes', () => {
  test('an oversized body gets a plain 413 without a stack trace', async () => {
    const { base, invoke } = await serve(true);

    const res = await post(base, 'x'.repeat(200_000));

    expect(res.status).toBe(413);
    expect(await res.text()).toBe('request not accepted');
    expect(invoke).not.toHaveBeenCalled();
  });

  test('GET /healthz answers 200 ok', async () => {
    const { base, invoke } = await serve(true);

    const res = await fetch(`${base}/healthz`);

    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    expect(invoke).not.toHaveBeenCalled();
  });

  test('unknown routes get a plain 404', async () => {
    const { base } = await serve(true);

    const res = await fetch(`${base}/admin`);

    expect(res.status).toBe(404);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('readServerConfig', () => {
  test('verifies by default on port 3000, plain HTTP', () => {
    expect(readServerConfig({}, [])).toEqual({ port: 3000, host: undefined, verify: true, tls: undefined });
  });

  test.each([
    [{}, ['--insecure-skip-verification']],
    [{ TWILIGHT_SKIP_VERIFICATION: '1' }, []],
    [{ TWILIGHT_SKIP_VERIFICATION: 'true' }, []],
  ])('only the explicit flag or env %p %p turns verification off', (env, argv) => {
    expect(readServerConfig(env, argv).verify).toBe(false);
    expect(readServerConfig({ TWILIGHT_SKIP_VERIFICATION: '0' }, []).verify).toBe(true);
  });

  test.each([
    ['a misspelt flag', {}, ['--insecure-skip-verfication']],
    ['an unclear skip value', { TWILIGHT_SKIP_VERIFICATION: 'yes please' }, []],
    ['a port that is not a number', { PORT: 'http' }, []],
    ['a port out of range', { PORT: '70000' }, []],
    ['a certificate without its key', { TLS_CERT_FILE: '/etc/twilight/cert.pem' }, []],
  ])('fails fast on %s', (_case, env, argv) => {
    expect(() => readServerConfig(env, argv)).toThrow(ConfigError);
  });

  test('serves HTTPS directly when both TLS files are set', () => {
    const settings = readServerConfig({ TLS_CERT_FILE: 'cert.pem', TLS_KEY_FILE: 'key.pem', PORT: '8443', HOST: '127.0.0.1' });

    expect(settings).toEqual({ port: 8443, host: '127.0.0.1', verify: true, tls: { certFile: 'cert.pem', keyFile: 'key.pem' } });
  });
});
