import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Server } from 'node:http';
import https from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import * as forge from 'node-forge';
import { ConfigError } from '../../src/config';
import { silentLog } from '../../src/deps';
import { scrub } from '../../src/log';
import { normaliseCertUrl } from '../../src/request-verification';
import { createAlexaServer, createServerApp, main, SERVER_LIMITS, type RunningServer, type ServerAppOptions } from '../../src/server';
import { readServerConfig } from '../../src/server-config';
import { say } from '../../src/speech/en-US';
import { buildSkill } from '../../src/skill';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { fixedTimeZone } from '../../src/time-zone';
import launchFixture from '../fixtures/launch-request.json';
import { CapturingLog, TestClock } from '../support/skill';

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
function certificate(subject: Party, opts: { issuer?: Party; ca?: boolean; altName?: string; expired?: boolean } = {}): string {
  const issuer = opts.issuer ?? subject;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(subject.keys.publicKey);
  cert.serialNumber = String(Date.now() % 1e9);
  cert.validity.notBefore = new Date(Date.now() - (opts.expired ? 86_400_000 : 3_600_000));
  cert.validity.notAfter = new Date(Date.now() + (opts.expired ? -3_600_000 : 86_400_000));
  cert.setSubject([{ name: 'commonName', value: subject.name }]);
  cert.setIssuer([{ name: 'commonName', value: issuer.name }]);
  cert.setExtensions(
    opts.ca
      ? [
          { name: 'basicConstraints', cA: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true },
          { name: 'subjectAltName', altNames: [{ type: 2, value: opts.altName ?? 'echo-api.amazon.com' }] },
        ],
  );
  cert.sign(forge.pki.privateKeyFromPem(issuer.keys.privateKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

const CERT_PATH = '/echo.api/echo-api-cert-test.pem';
const CERT_URL = `https://s3.amazonaws.com${CERT_PATH}`;

const trustedRoot: Party = { name: 'Twilight Test Root CA', keys: newKeys() };
const alexa: Party = { name: 'echo-api.amazon.com', keys: newKeys() };
const rogueRoot: Party = { name: 'Rogue Root CA', keys: newKeys() };
const rootPem = certificate(trustedRoot, { ca: true });
/** Leaf first, then its issuer: the shape of Amazon's published chain. */
const alexaChain = certificate(alexa, { issuer: trustedRoot }) + rootPem;
const untrustedChain = certificate(alexa, { issuer: rogueRoot }) + certificate(rogueRoot, { ca: true });
const wrongNameChain = certificate(alexa, { issuer: trustedRoot, altName: 'example.com' }) + rootPem;
const expiredChain = certificate(alexa, { issuer: trustedRoot, expired: true }) + rootPem;
const s3: Party = { name: 's3.amazonaws.com', keys: newKeys() };
const s3Cert = certificate(s3, { issuer: trustedRoot, altName: 's3.amazonaws.com' });

/** What the stand-in for S3 serves, by path; anything else is 404, as S3 answers for a missing object. */
let published: Map<string, string>;
/** Paths the stand-in answers with headers and then nothing more, like a stalled download. */
let stalled: Set<string>;
/** Every download the server made, as the URL it asked for. */
let downloads: string[];

/** s3.amazonaws.com played on loopback over real HTTPS, with a certificate from the test root. */
const fakeS3 = https.createServer({ cert: s3Cert, key: s3.keys.privateKey }, (req, res) => {
  downloads.push(`https://${req.headers.host}${req.url}`);
  if (stalled.has(req.url ?? '')) {
    res.writeHead(200).write('-----BEGIN CERTIFICATE-----\n');
    return;
  }
  const pem = published.get(req.url ?? '');
  res.writeHead(pem === undefined ? 404 : 200, { 'content-type': 'application/x-pem-file' }).end(pem ?? 'NoSuchKey');
});

/** Sends the server's requests for s3.amazonaws.com:443 to the loopback stand-in, still verifying its TLS name. */
class LoopbackS3Agent extends https.Agent {
  override createConnection(options: https.RequestOptions): Duplex {
    const { port } = fakeS3.address() as AddressInfo;
    return tls.connect({ host: '127.0.0.1', port, servername: String(options.servername ?? options.host), ca: rootPem });
  }
}
const certificates = { trustedRoots: [rootPem], agent: new LoopbackS3Agent({ keepAlive: false }) };

const servers: Server[] = [];

beforeAll(async () => {
  fakeS3.listen(0, '127.0.0.1');
  await once(fakeS3, 'listening');
});

afterAll(async () => {
  fakeS3.closeAllConnections();
  await new Promise((resolve) => fakeS3.close(resolve));
});

beforeEach(() => {
  published = new Map([[CERT_PATH, alexaChain]]);
  stalled = new Set();
  downloads = [];
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
async function serve(verify: boolean, options: Partial<ServerAppOptions> & { skillOnlyId?: string } = {}) {
  const store = new MemoryCoupleStore();
  const zone = 'America/New_York';
  const { skillOnlyId, ...appOptions } = options;
  const skillId = skillOnlyId ?? appOptions.skillId;
  const skill = buildSkill({ store, clock: new TestClock(), log: silentLog, timeZones: fixedTimeZone(zone), defaultTimeZone: zone, skillId });
  const invoke = jest.spyOn(skill, 'invoke');
  const log = new CapturingLog();
  const server = createServerApp(skill, { verify, log, certificates, ...appOptions }).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, invoke, log, store };
}

/** The fixture LaunchRequest, stamped `ageMs` ago (a negative age is in the future). */
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

/** The warn lines the server logged for refused requests. */
const refusals = (log: CapturingLog) => log.lines.filter((line) => line.message === 'request refused');

/** A refusal tells the caller nothing about why: no reason, no stack, no error text. */
async function expectGenericRefusal(res: Response): Promise<void> {
  expect(res.status).toBe(400);
  expect(await res.text()).not.toMatch(/signature|certificate|timestamp|skill|error|verif|\bat\b/i);
}

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
    ['no signature headers at all', {}],
    ['a certificate URL but no Signature-256', { SignatureCertChainUrl: CERT_URL }],
  ])('an unsigned request (%s) gets a generic 400 and never reaches the skill', async (_case, headers) => {
    const { base, invoke, log } = await serve(true);

    const res = await post(base, launchBody(), headers);

    await expectGenericRefusal(res);
    expect(invoke).not.toHaveBeenCalled();
    expect(downloads).toEqual([]);
    expect(refusals(log)).toEqual([{ level: 'warn', message: 'request refused', fields: { path: '/', status: 400, reason: 'signature-missing' } }]);
  });

  test.each([
    ['plain http', 'http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem'],
    ['another host', 'https://evil.example.com/echo.api/echo-api-cert-test.pem'],
    ['a look-alike host', 'https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert-test.pem'],
    ['a path outside /echo.api/', 'https://s3.amazonaws.com/not-echo.api/echo-api-cert-test.pem'],
    ['the path prefix in another case', 'https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-test.pem'],
    ['a port other than 443', 'https://s3.amazonaws.com:8443/echo.api/echo-api-cert-test.pem'],
    ['.. climbing out of /echo.api/', 'https://s3.amazonaws.com/echo.api/../other.pem'],
    ['.. that lands back inside /echo.api/', 'https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert-test.pem'],
    ['a percent-encoded ..', 'https://s3.amazonaws.com/echo.api/%2e%2E/other.pem'],
    ['an encoded slash', 'https://s3.amazonaws.com/echo.api/..%2Fother.pem'],
    ['a query string', 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem?versionId=1'],
    ['user info', 'https://user@s3.amazonaws.com/echo.api/echo-api-cert-test.pem'],
    ['no URL at all', 'not a url'],
  ])('a certificate URL with %s gets a generic 400 before any download', async (_case, certUrl) => {
    const { base, invoke, log } = await serve(true);
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body, certUrl));

    await expectGenericRefusal(res);
    expect(invoke).not.toHaveBeenCalled();
    expect(downloads).toEqual([]);
    expect(refusals(log).map((line) => line.fields?.reason)).toEqual(['cert-url-invalid']);
  });

  test('equivalent spellings of the certificate URL share one download', async () => {
    const { base, invoke } = await serve(true);
    const spellings = [
      CERT_URL,
      'https://S3.AmazonAWS.com/echo.api/echo-api-cert-test.pem',
      'HTTPS://s3.amazonaws.com:443/echo.api/echo-api-cert-test.pem',
      'https://s3.amazonaws.com/echo.api/./echo-api-cert-test.pem',
      'https://s3.amazonaws.com/echo.api/echo%2Dapi-cert-test.pem',
      'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem#chain',
    ];

    const statuses = await Promise.all(
      spellings.map(async (certUrl) => {
        const body = launchBody();
        return (await post(base, body, signedBy(alexa.keys, body, certUrl))).status;
      }),
    );

    expect(statuses).toEqual(spellings.map(() => 200));
    expect(invoke).toHaveBeenCalledTimes(spellings.length);
    expect(downloads).toEqual([CERT_URL]);
  });

  test('a flood of distinct certificate URLs costs a bounded number of downloads', async () => {
    const { base, invoke } = await serve(true);
    const body = launchBody();
    const hostCase = (i: number) => 's3amazonaws'.replace(/./g, (c, k: number) => ((i >> k) & 1 ? c.toUpperCase() : c));
    const equivalent = Array.from({ length: 200 }, (_, i) => `https://${hostCase(i).slice(0, 2)}.${hostCase(i).slice(2)}.com/echo.api/echo-api-cert-test.pem`);
    const climbing = Array.from({ length: 200 }, (_, i) => `https://s3.amazonaws.com/echo.api/../bucket-${i}/cert.pem`);
    const missing = Array.from({ length: 60 }, (_, i) => `https://s3.amazonaws.com/echo.api/missing-${i}.pem`);
    const send = (certUrls: string[]) => Promise.all(certUrls.map(async (u) => (await post(base, body, signedBy(alexa.keys, body, u))).status));

    expect(new Set(await send(equivalent))).toEqual(new Set([200]));
    expect(downloads).toEqual([CERT_URL]);
    expect(new Set(await send(climbing))).toEqual(new Set([400]));
    expect(downloads).toHaveLength(1);
    expect(new Set(await send(missing))).toEqual(new Set([400]));
    // At most two at once and twenty a minute, whatever the attacker names.
    expect(downloads.length - 1).toBeGreaterThan(0);
    expect(downloads.length - 1).toBeLessThanOrEqual(20);
    expect(invoke).toHaveBeenCalledTimes(equivalent.length);
  });

  test('the verified-chain cache is small: the least recently used chain is fetched again', async () => {
    const { base } = await serve(true, { certificates: { ...certificates, cacheSize: 3 } });
    const certUrl = (name: string) => `https://s3.amazonaws.com/echo.api/echo-api-cert-${name}.pem`;
    const urls = [certUrl('a'), certUrl('b'), certUrl('c'), certUrl('d')] as const;
    for (const url of urls) published.set(new URL(url).pathname, alexaChain);
    const ask = async (url: string) => {
      const body = launchBody();
      return (await post(base, body, signedBy(alexa.keys, body, url))).status;
    };

    for (const url of urls) expect(await ask(url)).toBe(200);
    expect(await ask(urls[3])).toBe(200);
    expect(downloads).toEqual(urls);
    expect(await ask(urls[0])).toBe(200);

    expect(downloads).toEqual([...urls, urls[0]]);
  });

  test('a body changed after signing gets 400 and never reaches the skill', async () => {
    const { base, invoke, store, log } = await serve(true);
    const body = launchBody();
    const tampered = body.replace('AEXAMPLETWILIGHTCOUPLE', 'AEXAMPLEINTRUDERCOUPLE');
    expect(tampered).not.toBe(body);

    const res = await post(base, tampered, signedBy(alexa.keys, body));

    await expectGenericRefusal(res);
    expect(invoke).not.toHaveBeenCalled();
    expect(store.writes).toBe(0);
    expect(downloads).toEqual([CERT_URL]);
    expect(refusals(log).map((line) => line.fields?.reason)).toEqual(['signature-mismatch']);
  });

  test.each([
    ['10 minutes ago (a replay)', 10 * 60_000, 'timestamp-stale'],
    ['10 minutes in the future', -10 * 60_000, 'timestamp-future'],
    ['3 minutes in the future, past the 150 s tolerance', -3 * 60_000, 'timestamp-future'],
  ])('a correctly signed request stamped %s gets 400 without a download', async (_case, ageMs, reason) => {
    const { base, invoke, log } = await serve(true);
    const body = launchBody(ageMs);

    const res = await post(base, body, signedBy(alexa.keys, body));

    await expectGenericRefusal(res);
    expect(invoke).not.toHaveBeenCalled();
    expect(downloads).toEqual([]);
    expect(refusals(log).map((line) => line.fields?.reason)).toEqual([reason]);
  });

  test('a request stamped a minute ahead, inside the tolerance for clock skew, is answered', async () => {
    const { base, invoke } = await serve(true);
    const body = launchBody(-60_000);

    const res = await post(base, body, signedBy(alexa.keys, body));

    expect(res.status).toBe(200);
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  test('a timestamp that is not a date gets 400', async () => {
    const { base, invoke } = await serve(true);
    const body = launchBody().replace(/"timestamp":"[^"]+"/, '"timestamp":"soon"');

    const res = await post(base, body, signedBy(alexa.keys, body));

    await expectGenericRefusal(res);
    expect(invoke).not.toHaveBeenCalled();
  });

  test.each([
    ['a chain that does not lead to a trusted root', () => untrustedChain],
    ['a trusted certificate not issued to echo-api.amazon.com', () => wrongNameChain],
    ['a trusted certificate for echo-api.amazon.com that has expired', () => expiredChain],
    ['a document that is not a certificate', () => 'NoSuchKey'],
  ])('%s gets 400 and never reaches the skill', async (_case, chain) => {
    const { base, invoke, log } = await serve(true);
    published.set(CERT_PATH, chain());
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body));

    await expectGenericRefusal(res);
    expect(invoke).not.toHaveBeenCalled();
    expect(refusals(log).map((line) => line.fields?.reason)).toEqual(['cert-untrusted']);
  });

  test('when the certificate cannot be downloaded the request gets 400', async () => {
    const { base, invoke, log } = await serve(true);
    published.clear();
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body));

    await expectGenericRefusal(res);
    expect(invoke).not.toHaveBeenCalled();
    expect(downloads).toEqual([CERT_URL]);
    expect(refusals(log).map((line) => line.fields?.reason)).toEqual(['cert-unavailable']);
  });

  test('a download that stalls is abandoned at its deadline and the request gets 400', async () => {
    const { base, invoke, log } = await serve(true, { certificates: { ...certificates, fetchTimeoutMs: 300 } });
    stalled.add(CERT_PATH);
    const body = launchBody();
    const started = Date.now();

    const res = await post(base, body, signedBy(alexa.keys, body));

    await expectGenericRefusal(res);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(invoke).not.toHaveBeenCalled();
    expect(refusals(log).map((line) => line.fields?.reason)).toEqual(['cert-unavailable']);
  });

  test('a chain document far larger than any real chain is not read to the end', async () => {
    const { base, invoke, log } = await serve(true);
    published.set(CERT_PATH, alexaChain + '\n'.repeat(200_000));
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body));

    await expectGenericRefusal(res);
    expect(invoke).not.toHaveBeenCalled();
    expect(refusals(log).map((line) => line.fields?.reason)).toEqual(['cert-unavailable']);
  });

  test('a correctly signed request for another skill gets a generic 400 and never reaches the skill', async () => {
    const { base, invoke, log } = await serve(true, { skillId: 'amzn1.ask.skill.twilight-own-id' });
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body));

    await expectGenericRefusal(res);
    expect(invoke).not.toHaveBeenCalled();
    expect(refusals(log).map((line) => line.fields?.reason)).toEqual(['skill-id-mismatch']);
  });

  test('a request for our own skill id is answered', async () => {
    const { base, invoke } = await serve(true, { skillId: launchFixture.context.System.application.applicationId });
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body));

    expect(res.status).toBe(200);
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  test('a skill that fails answers 500 without the error text', async () => {
    // Only the skill knows its id here, so the SDK's own check throws inside invoke.
    const { base, invoke, log } = await serve(true, { skillOnlyId: 'amzn1.ask.skill.twilight-own-id' });
    const body = launchBody();

    const res = await post(base, body, signedBy(alexa.keys, body));

    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/skill|verif|error|\bat\b/i);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(log.lines).toContainEqual({ level: 'warn', message: 'request failed', fields: { path: '/', status: 500, reason: 'skill-failed' } });
  });
});

describe('logging refusals', () => {
  test('a flood of refusals logs a few lines, then one count; never anything the caller sent', async () => {
    const { base, log } = await serve(true, { logLimit: { perWindow: 5, windowMs: 1_500 } });
    const marker = 'ROSALINDSAIDTHIS';
    const body = launchBody().replace('AEXAMPLETWILIGHTCOUPLE', marker);
    const certUrl = `https://s3.amazonaws.com/echo.api/../${marker}.pem`;

    const statuses = await Promise.all(Array.from({ length: 25 }, () => post(base, body, signedBy(alexa.keys, body, certUrl)).then((r) => r.status)));
    await new Promise((resolve) => setTimeout(resolve, 1_800));

    expect(new Set(statuses)).toEqual(new Set([400]));
    expect(refusals(log)).toHaveLength(5);
    const summaries = log.lines.filter((line) => line.fields?.suppressed !== undefined);
    expect(summaries.map((line) => line.fields?.suppressed)).toEqual([20]);
    expect(JSON.stringify(log.lines)).not.toContain(marker);
    // The production logger keeps only whitelisted fields: every field the server logs must survive it.
    for (const line of log.lines) expect(scrub(line.fields)).toEqual(line.fields ?? {});
  });

  test('after a quiet window, refusals are logged again', async () => {
    const { base, log } = await serve(true, { logLimit: { perWindow: 2, windowMs: 1_000 } });
    const refuse = () => post(base, launchBody()).then((r) => r.status);

    await Promise.all([refuse(), refuse(), refuse()]);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await refuse();

    expect(refusals(log)).toHaveLength(3);
    expect(log.lines.filter((line) => line.fields?.suppressed !== undefined).map((line) => line.fields?.suppressed)).toEqual([1]);
  });
});

describe('normaliseCertUrl', () => {
  test('gives every accepted spelling the one canonical form Amazon publishes', () => {
    expect(normaliseCertUrl('https://S3.AMAZONAWS.COM:443/echo.api/./echo%2Dapi-cert-4.pem#x')).toBe('https://s3.amazonaws.com/echo.api/echo-api-cert-4.pem');
  });

  test('is idempotent', () => {
    const once = normaliseCertUrl('https://s3.amazonaws.com/echo.api/echo-api-cert-4.pem');
    expect(normaliseCertUrl(once)).toBe(once);
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

  test('a compressed body is refused: Alexa never compresses, and inflating is work an attacker chooses', async () => {
    const { base, invoke } = await serve(false);

    const res = await fetch(base, {
      method: 'POST',
      body: gzipSync(JSON.stringify(launchFixture)),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });

    expect(res.status).toBe(415);
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

describe('the listening socket', () => {
  /** The app on a server from createAlexaServer with the given limits, on a free loopback port. */
  async function listenWith(limits = SERVER_LIMITS) {
    const skill = buildSkill({
      store: new MemoryCoupleStore(),
      clock: new TestClock(),
      log: silentLog,
      timeZones: fixedTimeZone(undefined),
      defaultTimeZone: 'UTC',
    });
    const server = createAlexaServer(createServerApp(skill, { verify: false, log: silentLog }), { limits });
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { server, port: (server.address() as AddressInfo).port };
  }

  /** A raw client: what it was sent back, and when the server hung up (ms after connecting). */
  function rawClient(port: number, write?: string) {
    const socket: Socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined);
    if (write) socket.write(write);
    const closed = once(socket, 'close').then(() => ({ received, afterMs: Date.now() - started }));
    return { socket, closed };
  }

  const quick = { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300, maxConnections: 2 };

  test('the defaults bound every way a client can hold a connection', async () => {
    const { server } = await listenWith();

    expect(server.headersTimeout).toBeLessThanOrEqual(10_000);
    expect(server.requestTimeout).toBeGreaterThanOrEqual(server.headersTimeout);
    expect(server.requestTimeout).toBeLessThanOrEqual(15_000);
    expect(server.keepAliveTimeout).toBeLessThanOrEqual(10_000);
    expect(server.maxConnections).toBeLessThanOrEqual(1_024);
  });

  test('a client that dribbles its headers is cut off at the headers timeout', async () => {
    const { port } = await listenWith(quick);

    const { received, afterMs } = await rawClient(port, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n').closed;

    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(3_000);
  });

  test('a client that never finishes its body is cut off at the request timeout', async () => {
    const { port } = await listenWith(quick);

    const { received, afterMs } = await rawClient(port, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"ver').closed;

    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(3_000);
  });

  test('connections past the cap are dropped while the others stay open', async () => {
    const { port } = await listenWith({ ...quick, headersTimeoutMs: 5_000, requestTimeoutMs: 10_000 });
    const held = [rawClient(port), rawClient(port)];
    await Promise.all(held.map(({ socket }) => once(socket, 'connect')));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const { received, afterMs } = await rawClient(port).closed;

    expect(received).toBe('');
    expect(afterMs).toBeLessThan(1_000);
    expect(held.every(({ socket }) => !socket.destroyed)).toBe(true);
    for (const { socket } of held) socket.destroy();
  });
});

describe('npm run serve on a developer machine', () => {
  let dataDir: string;
  const running: RunningServer[] = [];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'twilight-serve-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** `npm run serve -- --insecure-skip-verification` with no database settings at all. */
  async function start(log = new CapturingLog()): Promise<RunningServer> {
    const started = await main({ PORT: '0', TWILIGHT_DATA_DIR: dataDir }, ['--insecure-skip-verification'], log);
    running.push(started);
    return started;
  }

  /** The fixture, unsigned, without an API token so the skill calls no Alexa API. */
  function envelope(request?: object): string {
    const e = structuredClone(launchFixture) as unknown as RequestEnvelope;
    delete e.context.System.apiAccessToken;
    if (request) {
      e.session!.new = false;
      e.request = { ...e.request, ...request };
    }
    return JSON.stringify(e);
  }
  const speechOf = async (res: Response) => {
    const speech = ((await res.json()) as ResponseEnvelope).response.outputSpeech;
    return speech?.type === 'SSML' ? speech.ssml : '';
  };
  const names = {
    type: 'IntentRequest',
    intent: {
      name: 'SetupPartnersIntent',
      confirmationStatus: 'NONE',
      slots: { nameA: { name: 'nameA', value: 'Sam', confirmationStatus: 'NONE' }, nameB: { name: 'nameB', value: 'Alex', confirmationStatus: 'NONE' } },
    },
  };

  test('answers the LaunchRequest fixture from the embedded database, not from unreachable AWS', async () => {
    const log = new CapturingLog();
    const { url, server } = await start(log);

    const res = await post(url, envelope());

    expect(res.status).toBe(200);
    const ssml = await speechOf(res);
    expect(ssml).not.toContain(say.storeUnreachable().reprompt);
    expect(ssml).toContain(say.firstWelcome().reprompt);
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(server.maxConnections).toBe(SERVER_LIMITS.maxConnections);
    expect(server.headersTimeout).toBe(SERVER_LIMITS.headersTimeoutMs);
    expect(log.lines).toContainEqual(
      expect.objectContaining({ message: 'store', fields: expect.objectContaining({ endpoint: expect.stringMatching(/^embedded/) }) }),
    );
  });

  test('what was saved is there after a restart', async () => {
    const first = await start();
    const saved = await post(first.url, envelope(names));
    expect(saved.status).toBe(200);
    expect(await speechOf(saved)).not.toContain(say.storeUnreachable().reprompt);
    await first.close();

    const second = await start();
    const res = await post(second.url, envelope());

    // The greeting varies by evening ("Welcome back", "Good evening, you two"…): what counts is that they are known.
    const ssml = await speechOf(res);
    expect(ssml).not.toMatch(/first names/i);
    expect(ssml).toMatch(/energy/i);
    expect(existsSync(dataDir)).toBe(true);
  });
});

describe('readServerConfig', () => {
  test('verifies by default on port 3000, plain HTTP, reachable only from this machine', () => {
    expect(readServerConfig({}, [])).toEqual(expect.objectContaining({ port: 3000, host: '127.0.0.1', verify: true, tls: undefined }));
  });

  test('with no database settings, data goes to an embedded database on disk', () => {
    expect(readServerConfig({}, []).embeddedDataDir).toMatch(/\.twilight-serve-data$/);
    expect(readServerConfig({ TWILIGHT_DATA_DIR: '/var/lib/twilight' }, []).embeddedDataDir).toBe('/var/lib/twilight');
  });

  test.each([[{ TABLE_NAME: 'twilight-prod' }], [{ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' }], [{ AWS_LAMBDA_FUNCTION_NAME: 'twilight' }]])(
    'a configured DynamoDB (%p) is used instead of the embedded one',
    (env) => {
      expect(readServerConfig(env, []).embeddedDataDir).toBeUndefined();
    },
  );

  test('HOST opens it to other interfaces', () => {
    expect(readServerConfig({ HOST: '0.0.0.0' }, []).host).toBe('0.0.0.0');
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

    expect(settings).toEqual(expect.objectContaining({ port: 8443, host: '127.0.0.1', verify: true, tls: { certFile: 'cert.pem', keyFile: 'key.pem' } }));
  });
});
