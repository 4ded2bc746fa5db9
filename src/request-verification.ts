import { verify as verifyBytes, X509Certificate, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { RequestEnvelope } from 'ask-sdk-model';
import { TimestampVerifier } from 'ask-sdk-express-adapter';

/** Why a request was refused: a fixed code, safe to log because it never carries request content. */
export type RefusalReason =
  | 'signature-missing'
  | 'cert-url-invalid'
  | 'body-invalid'
  | 'timestamp-invalid'
  | 'timestamp-future'
  | 'timestamp-stale'
  | 'cert-busy'
  | 'cert-unavailable'
  | 'cert-untrusted'
  | 'signature-mismatch'
  | 'skill-id-mismatch';

/** A request the endpoint will not pass to the skill; answered 400 with a generic body. */
export class RequestRefused extends Error {
  override name = 'RequestRefused';
  constructor(readonly reason: RefusalReason) {
    super(reason);
  }
}

const CERT_HOST = 's3.amazonaws.com';
const CERT_PATH_PREFIX = '/echo.api/';
const CERT_SAN = 'DNS:echo-api.amazon.com';
/** Amazon's tolerance for request timestamps, in both directions. */
const TIMESTAMP_TOLERANCE_MS = 150_000;
const MAX_CERT_URL_LENGTH = 512;
const MAX_CHAIN_BYTES = 64 * 1024;
const MAX_CHAIN_LENGTH = 5;
/** `..` as a path segment, literal or percent-encoded; URL parsing would resolve it silently. */
const DOT_DOT_SEGMENT = /[/\\](?:\.|%2e){2}(?:[/\\?#]|$)/i;
/** After decoding, object names use unreserved characters only: one spelling per object. */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]+$/;

function refuse(reason: RefusalReason): never {
  throw new RequestRefused(reason);
}

/**
 * The one spelling of a SignatureCertChainUrl, so equivalent URLs share a fetch and a cache entry;
 * throws RequestRefused('cert-url-invalid') for anything Alexa's rules do not allow.
 */
export function normaliseCertUrl(raw: string): string {
  if (raw.length > MAX_CERT_URL_LENGTH || DOT_DOT_SEGMENT.test(raw)) refuse('cert-url-invalid');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('cert-url-invalid');
  }
  // WHATWG parsing lowercases scheme and host, drops a default :443 and resolves `.` segments.
  const plain = url.protocol === 'https:' && url.hostname === CERT_HOST && url.port === '' && !url.username && !url.password && !url.search;
  if (!plain) refuse('cert-url-invalid');
  let segments: string[];
  try {
    segments = url.pathname.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return refuse('cert-url-invalid');
  }
  if (!segments.every((segment) => PLAIN_SEGMENT.test(segment) && segment !== '..')) refuse('cert-url-invalid');
  const path = `/${segments.join('/')}`;
  if (!path.startsWith(CERT_PATH_PREFIX)) refuse('cert-url-invalid');
  return `https://${CERT_HOST}${path}`;
}

interface TrustedChain {
  key: KeyObject;
  /** The window in which every certificate of the chain is valid, epoch ms. */
  from: number;
  until: number;
}

export interface CertificateOptions {
  /** PEM root CAs the chain must lead to; Node's bundled roots by default. */
  trustedRoots?: readonly string[];
  /** Agent for the chain download; tests point it at a local stand-in for S3. */
  agent?: https.Agent;
  /** Verified chains kept, least recently used dropped first. */
  cacheSize?: number;
  /** Downloads running at once; a request needing another is refused, not queued. */
  maxConcurrentFetches?: number;
  /** Downloads started per rolling minute, whatever their URLs. */
  fetchesPerMinute?: number;
  /** Deadline for one whole download. */
  fetchTimeoutMs?: number;
}

const splitPem = (pem: string): string[] => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/** Downloads, checks and caches Alexa's signing chains, with every outbound fetch bounded. */
export class CertificateChains {
  private readonly cache = new Map<string, TrustedChain>();
  private readonly inFlight = new Map<string, Promise<TrustedChain>>();
  private fetchStarts: number[] = [];
  private roots: X509Certificate[] | undefined;

  constructor(private readonly options: CertificateOptions = {}) {}

  /** The leaf's public key for a normalised URL, from the cache or one bounded download. */
  async signingKey(certUrl: string): Promise<KeyObject> {
    const now = Date.now();
    const cached = this.cache.get(certUrl);
    if (cached) {
      this.cache.delete(certUrl);
      if (now >= cached.from && now <= cached.until) {
        this.cache.set(certUrl, cached);
        return cached.key;
      }
    }
    let pending = this.inFlight.get(certUrl);
    if (!pending) {
      this.fetchStarts = this.fetchStarts.filter((start) => now - start < 60_000);
      const busy = this.inFlight.size >= (this.options.maxConcurrentFetches ?? 2) || this.fetchStarts.length >= (this.options.fetchesPerMinute ?? 20);
      if (busy) refuse('cert-busy');
      this.fetchStarts.push(now);
      pending = this.load(certUrl).finally(() => this.inFlight.delete(certUrl));
      this.inFlight.set(certUrl, pending);
    }
    return (await pending).key;
  }

  private async load(certUrl: string): Promise<TrustedChain> {
    const pem = await this.download(certUrl);
    const chain = this.check(pem);
    this.cache.set(certUrl, chain);
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= (this.options.cacheSize ?? 8)) break;
      this.cache.delete(oldest);
    }
    return chain;
  }

  private download(certUrl: string): Promise<string> {
    return new Promise((resolve, reject) => {
      let settled = false;
      // One options object, not (url, options, callback): older interceptors such as nock 9 patch https.get with that signature.
      const request = https.get({ host: CERT_HOST, path: new URL(certUrl).pathname, agent: this.options.agent }, (response) => {
        if (response.statusCode !== 200) {
          finish();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_CHAIN_BYTES) finish();
          else chunks.push(chunk);
        });
        response.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
        response.on('error', () => finish());
        response.on('close', () => finish());
      });
      request.on('error', () => finish());
      const deadline = setTimeout(() => finish(), this.options.fetchTimeoutMs ?? 2_000);
      function finish(pem?: string): void {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if (pem !== undefined) resolve(pem);
        else {
          request.destroy();
          reject(new RequestRefused('cert-unavailable'));
        }
      }
    });
  }

  /** Every certificate within its dates, each issued and signed by the next, the last by a trusted root; the leaf for echo-api.amazon.com. */
  private check(pem: string): TrustedChain {
    const blocks = splitPem(pem);
    if (blocks.length === 0 || blocks.length > MAX_CHAIN_LENGTH) refuse('cert-untrusted');
    let chain: X509Certificate[];
    try {
      chain = blocks.map((block) => new X509Certificate(block));
    } catch {
      return refuse('cert-untrusted');
    }
    const [leaf, ...issuers] = chain;
    if (!leaf) return refuse('cert-untrusted');
    if (leaf.publicKey.asymmetricKeyType !== 'rsa') refuse('cert-untrusted');
    if (!(leaf.subjectAltName ?? '').split(', ').includes(CERT_SAN)) refuse('cert-untrusted');
    const from = Math.max(...chain.map((cert) => Date.parse(cert.validFrom)));
    const until = Math.min(...chain.map((cert) => Date.parse(cert.validTo)));
    const now = Date.now();
    if (!(now >= from && now <= until)) refuse('cert-untrusted');
    const signedBy = (cert: X509Certificate, issuer: X509Certificate) => issuer.ca && cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
    // Walks up the chain: each certificate issued by the next; `last` ends as the top one.
    let last = leaf;
    for (const issuer of issuers) {
      if (!signedBy(last, issuer)) refuse('cert-untrusted');
      last = issuer;
    }
    const roots = (this.roots ??= (this.options.trustedRoots ?? rootCertificates).map((root) => new X509Certificate(root)));
    const anchored = roots.some((root) => root.fingerprint256 === last.fingerprint256 || (root.subject === last.issuer && signedBy(last, root)));
    if (!anchored) refuse('cert-untrusted');
    return { key: leaf.publicKey, from, until };
  }
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' && value ? value : undefined;
};

/** Parses a request body as an envelope with a request object, or refuses it. */
export function parseEnvelope(body: string): RequestEnvelope {
  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch {
    return refuse('body-invalid');
  }
  const request = (envelope as { request?: unknown } | null)?.request;
  if (typeof request !== 'object' || request === null) refuse('body-invalid');
  return envelope as RequestEnvelope;
}

/**
 * Alexa's checks on a self-hosted request: the cert URL before any download, the timestamp both
 * ways, then the chain and the RSA-SHA256 `Signature-256` over the exact body bytes.
 */
export class AlexaRequestVerifier {
  private readonly staleCheck = new TimestampVerifier(TIMESTAMP_TOLERANCE_MS);
  readonly chains: CertificateChains;

  constructor(options: CertificateOptions = {}) {
    this.chains = new CertificateChains(options);
  }

  /** Resolves with the parsed envelope, or rejects with RequestRefused. */
  async verify(body: string, headers: IncomingHttpHeaders): Promise<RequestEnvelope> {
    const certUrlHeader = header(headers, 'signaturecertchainurl');
    const signature = header(headers, 'signature-256');
    if (!certUrlHeader || !signature || signature.length > 1024) refuse('signature-missing');
    const certUrl = normaliseCertUrl(certUrlHeader);
    const envelope = parseEnvelope(body);

    const stamped = Date.parse(envelope.request.timestamp);
    if (Number.isNaN(stamped)) refuse('timestamp-invalid');
    if (stamped - Date.now() > TIMESTAMP_TOLERANCE_MS) refuse('timestamp-future');
    // The adapter's check of the past side keeps Amazon's longer window for skill events.
    await this.staleCheck.verify(body).catch(() => refuse('timestamp-stale'));

    const key = await this.chains.signingKey(certUrl);
    let matches: boolean;
    try {
      matches = verifyBytes('RSA-SHA256', Buffer.from(body, 'utf8'), key, Buffer.from(signature, 'base64'));
    } catch {
      matches = false;
    }
    if (!matches) refuse('signature-mismatch');
    return envelope;
  }
}
