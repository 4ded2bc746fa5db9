import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Skill } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { ConfigError, readConfig } from './config';
import type { Log } from './deps';
import { depsFromConfig } from './deps-from-config';
import { jsonLog } from './log';
import { AlexaRequestVerifier, parseEnvelope, RequestRefused, type CertificateOptions } from './request-verification';
import { readServerConfig } from './server-config';
import { buildSkill } from './skill';

type Env = Record<string, string | undefined>;

/** Keeps a flood of refusals from flooding the log: a few lines a window, then one count. */
export class LogBudget {
  private windowStart = Date.now();
  private logged = 0;
  private suppressed = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: Log,
    private readonly perWindow = 10,
    private readonly windowMs = 60_000,
  ) {}

  warn(message: string, fields: Record<string, unknown>): void {
    if (Date.now() - this.windowStart >= this.windowMs) this.flush();
    if (this.logged < this.perWindow) {
      this.logged += 1;
      this.log.warn(message, fields);
      return;
    }
    this.suppressed += 1;
    this.timer ??= setTimeout(() => this.flush(), this.windowStart + this.windowMs - Date.now()).unref();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.suppressed > 0) this.log.warn('requests refused or failed beyond the log limit', { suppressed: this.suppressed });
    this.windowStart = Date.now();
    this.logged = 0;
    this.suppressed = 0;
  }
}

export interface ServerAppOptions {
  /** Check each request's Alexa signature and timestamp before the skill sees it. */
  verify: boolean;
  log: Log;
  /** When set, envelopes for any other skill get 400 before the skill runs. */
  skillId?: string;
  /** Where Alexa's signing chains come from and how many are fetched and kept. */
  certificates?: CertificateOptions;
  /** Refusals logged per window before they are only counted. */
  logLimit?: { perWindow: number; windowMs: number };
}

/** The largest request body accepted; Alexa's envelopes are a few kilobytes. */
export const BODY_LIMIT_BYTES = 100 * 1024;
const NOT_ACCEPTED = 'request not accepted';

/** Replaces express's default error page, which would echo stack traces outside production. */
const plainErrors: ErrorRequestHandler = (error: { status?: number; statusCode?: number }, _req, res, _next) => {
  const status = error.status ?? error.statusCode ?? 500;
  res
    .status(status >= 400 && status < 600 ? status : 500)
    .type('text/plain')
    .send(NOT_ACCEPTED);
};

const applicationId = (envelope: RequestEnvelope): string | undefined =>
  envelope.context?.System?.application?.applicationId ?? envelope.session?.application?.applicationId;

/** The Alexa HTTPS endpoint as an express app; a refused request answers 400 with a generic body and never reaches the skill. */
export function createServerApp(skill: Skill, { verify, log, skillId, certificates, logLimit }: ServerAppOptions): Express {
  if (!verify) {
    log.warn(
      'INSECURE: Alexa request signature and timestamp verification is OFF. Anyone who can reach this server can drive the skill; use only for local testing.',
      { verification: 'off' },
    );
  }
  const verifier = verify ? new AlexaRequestVerifier(certificates) : undefined;
  const budget = new LogBudget(log, logLimit?.perWindow, logLimit?.windowMs);

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok');
  });

  // Text, not JSON: the signature covers the exact bytes. Alexa never compresses, so neither do we inflate.
  const rawBody = express.text({ type: () => true, limit: BODY_LIMIT_BYTES, inflate: false, defaultCharset: 'utf-8' });

  const answer: RequestHandler = async (req, res) => {
    const body: unknown = req.body;
    let envelope: RequestEnvelope;
    try {
      if (typeof body !== 'string') throw new RequestRefused('body-invalid');
      envelope = verifier ? await verifier.verify(body, req.headers) : parseEnvelope(body);
      if (skillId && applicationId(envelope) !== skillId) throw new RequestRefused('skill-id-mismatch');
    } catch (error) {
      res.locals.reason = error instanceof RequestRefused ? error.reason : 'verification-error';
      res.status(400).type('text/plain').send(NOT_ACCEPTED);
      return;
    }
    try {
      res.json(await skill.invoke(envelope));
    } catch {
      res.locals.reason = 'skill-failed';
      res.status(500).type('text/plain').send(NOT_ACCEPTED);
    }
  };

  for (const path of ['/', '/alexa']) {
    // Metadata only: the route, the status and a fixed reason code; never a header or the body.
    const logRefusal: RequestHandler = (_req, res, next) => {
      res.on('finish', () => {
        if (res.statusCode < 400) return;
        const reason = typeof res.locals.reason === 'string' ? res.locals.reason : res.statusCode === 413 ? 'body-too-large' : 'body-unreadable';
        budget.warn(res.statusCode < 500 ? 'request refused' : 'request failed', { path, status: res.statusCode, reason });
      });
      next();
    };
    app.post(path, logRefusal, rawBody, answer);
  }
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found');
  });
  app.use(plainErrors);
  return app;
}

/** Timeouts and caps for the listening socket: Alexa sends small requests quickly and waits 8 s at most. */
export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

export const SERVER_LIMITS: ServerLimits = { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000, maxConnections: 256 };

/** The HTTP(S) server for the app, with slow and surplus connections cut off. */
export function createAlexaServer(app: Express, options: { tls?: { cert: Buffer; key: Buffer }; limits?: ServerLimits } = {}): Server {
  const limits = options.limits ?? SERVER_LIMITS;
  const settings = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for connections past those deadlines (its default is 30 s).
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  };
  const server = options.tls ? createHttpsServer({ ...settings, ...options.tls }, app) : createHttpServer(settings, app);
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}

const listen = (server: Server, port: number, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

/** A started endpoint: where it listens, and how to stop it and its embedded database. */
export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts the self-hosted endpoint with the same deps as the Lambda entry; stops on SIGINT/SIGTERM. */
export async function main(env: Env, argv: readonly string[], log: Log = jsonLog): Promise<RunningServer> {
  const config = readConfig(env);
  const settings = readServerConfig(env, argv);

  // A public endpoint that checks signatures but not the skill id would serve any skill's users.
  if (!config.skillId && settings.verify) throw new ConfigError('Missing required setting SKILL_ID: the self-hosted endpoint only answers your own skill.');
  if (!config.skillId) log.warn('SKILL_ID is not set: requests for any skill are accepted (verification is off too).');

  // dynalite is a development dependency: loaded only for a local run.
  const db = settings.embeddedDataDir ? await (await import('./local/embedded-db')).startEmbeddedDb(settings.embeddedDataDir) : undefined;
  const deps = depsFromConfig(db ? { ...config, dynamodbEndpoint: db.endpoint } : config, { log });
  log.info('store', {
    table: config.tableName,
    region: config.region,
    endpoint: db ? `embedded, data in ${settings.embeddedDataDir}` : (config.dynamodbEndpoint ?? 'AWS'),
  });

  const app = createServerApp(buildSkill(deps), { verify: settings.verify, log, skillId: config.skillId });
  const tls = settings.tls ? { cert: readFileSync(settings.tls.certFile), key: readFileSync(settings.tls.keyFile) } : undefined;
  const server = createAlexaServer(app, { tls });
  try {
    await listen(server, settings.port, settings.host);
  } catch (error) {
    await db?.close();
    throw error;
  }

  const { address, port, family } = server.address() as AddressInfo;
  const scheme = settings.tls ? 'https' : 'http';
  const url = `${scheme}://${family === 'IPv6' ? `[${address}]` : address}:${port}/`;
  log.info(`Twilight listening on ${url}`, {
    url,
    verification: settings.verify ? 'on' : 'OFF',
    tls: settings.tls ? 'served directly' : 'plain HTTP: put a TLS-terminating reverse proxy in front',
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= shutDown());
  const shutDown = async (): Promise<void> => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    const closed = new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 5_000).unref();
    try {
      await closed;
    } finally {
      clearTimeout(force);
      await db?.close();
    }
  };
  function stop(signal: NodeJS.Signals): void {
    log.info('shutting down', { signal });
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  }
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { server, url, close };
}

if (require.main === module) {
  // The one place this entry touches the process environment.
  main(process.env, process.argv.slice(2)).catch((caught: unknown) => {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    jsonLog.error('server did not start', { error: error.name, reason: error.message });
    process.exitCode = 1;
  });
}
