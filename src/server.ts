import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { Skill } from 'ask-sdk-core';
import { ExpressAdapter } from 'ask-sdk-express-adapter';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { ConfigError, readConfig } from './config';
import type { Log } from './deps';
import { depsFromConfig } from './deps-from-config';
import { jsonLog } from './log';
import { buildSkill } from './skill';

type Env = Record<string, string | undefined>;

export const INSECURE_FLAG = 'insecure-skip-verification';

/** Settings only the self-hosted server has; the shared Config stays the same for every entry. */
export interface ServerConfig {
  port: number;
  /** Interface to bind; undefined means all of them. */
  host?: string;
  /** Alexa's signature and timestamp checks; false only by explicit request. */
  verify: boolean;
  /** Serve HTTPS directly instead of plain HTTP behind a TLS-terminating proxy. */
  tls?: { certFile: string; keyFile: string };
}

/** Reads the server's own settings from the environment and argv; throws a ConfigError naming the one at fault. */
export function readServerConfig(env: Env, argv: readonly string[] = []): ServerConfig {
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;

  let flags: { [INSECURE_FLAG]?: boolean };
  try {
    flags = parseArgs({ args: [...argv], options: { [INSECURE_FLAG]: { type: 'boolean' } }, strict: true }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.replace(/\.$/, '')}. The only flag is --${INSECURE_FLAG}.`);
  }

  const skipText = optional('TWILIGHT_SKIP_VERIFICATION')?.toLowerCase();
  if (skipText !== undefined && !['1', 'true', '0', 'false'].includes(skipText)) {
    throw new ConfigError('TWILIGHT_SKIP_VERIFICATION should be 1 (skip checks) or 0.');
  }
  const skip = flags[INSECURE_FLAG] === true || skipText === '1' || skipText === 'true';

  const portText = optional('PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new ConfigError('PORT should be a whole number from 0 to 65535.');

  const certFile = optional('TLS_CERT_FILE');
  const keyFile = optional('TLS_KEY_FILE');
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new ConfigError('Set both TLS_CERT_FILE and TLS_KEY_FILE to serve HTTPS directly, or neither.');
  }

  return {
    port,
    host: optional('HOST'),
    verify: !skip,
    tls: certFile && keyFile ? { certFile, keyFile } : undefined,
  };
}

export interface ServerAppOptions {
  /** Check each request's Alexa signature and timestamp before the skill sees it. */
  verify: boolean;
  log: Log;
}

/** Logs the status of requests not answered with 200: metadata only, never the body. */
const logRefusals =
  (log: Log): RequestHandler =>
  (req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode >= 400) {
        log.warn(res.statusCode === 400 ? 'request refused' : 'request failed', { path: req.path, status: res.statusCode });
      }
    });
    next();
  };

/** Replaces express's default error page, which would echo stack traces outside production. */
const plainErrors: ErrorRequestHandler = (error: { status?: number; statusCode?: number }, _req, res, _next) => {
  const status = error.status ?? error.statusCode ?? 500;
  res.status(status >= 400 && status < 600 ? status : 500).type('text/plain').send('request not accepted');
};

/** The Alexa HTTPS endpoint as an express app; failed verification answers 400 and never reaches the skill. */
export function createServerApp(skill: Skill, { verify, log }: ServerAppOptions): Express {
  if (!verify) {
    log.warn(
      'INSECURE: Alexa request signature and timestamp verification is OFF. Anyone who can reach this server can drive the skill; use only for local testing.',
      { verification: 'off' },
    );
  }
  const adapter = new ExpressAdapter(skill, verify, verify);
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  // The adapter parses the raw body itself (the signature covers the exact bytes): no body parser before it.
  app.post(['/', '/alexa'], logRefusals(log), ...adapter.getRequestHandlers());
  app.use(plainErrors);
  return app;
}

const listen = (server: Server, port: number, host?: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

/** Starts the self-hosted endpoint with the same deps as the Lambda entry; stops on SIGINT/SIGTERM. */
export async function main(env: Env, argv: readonly string[]): Promise<Server> {
  const config = readConfig(env);
  const settings = readServerConfig(env, argv);
  const deps = depsFromConfig(config);
  const { log } = deps;

  // A public endpoint that checks signatures but not the skill id would serve any skill's users.
  if (!config.skillId && settings.verify) throw new ConfigError('Missing required setting SKILL_ID: the self-hosted endpoint only answers your own skill.');
  if (!config.skillId) log.warn('SKILL_ID is not set: requests for any skill are accepted (verification is off too).');
  log.info('store', { table: config.tableName, region: config.region, endpoint: config.dynamodbEndpoint ?? 'AWS' });

  const app = createServerApp(buildSkill(deps), { verify: settings.verify, log });
  const server = settings.tls
    ? createHttpsServer({ cert: readFileSync(settings.tls.certFile), key: readFileSync(settings.tls.keyFile) }, app)
    : createHttpServer(app);
  await listen(server, settings.port, settings.host);

  const { address, port, family } = server.address() as AddressInfo;
  const scheme = settings.tls ? 'https' : 'http';
  const url = `${scheme}://${family === 'IPv6' ? `[${address}]` : address}:${port}/`;
  log.info(`Twilight listening on ${url}`, {
    url,
    verification: settings.verify ? 'on' : 'OFF',
    tls: settings.tls ? 'served directly' : 'plain HTTP: put a TLS-terminating reverse proxy in front',
  });

  const stop = (signal: NodeJS.Signals): void => {
    log.info('shutting down', { signal });
    server.close((error) => process.exit(error ? 1 : 0));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

if (require.main === module) {
  // The one place this entry touches the process environment.
  main(process.env, process.argv.slice(2)).catch((error: Error) => {
    jsonLog.error('server did not start', { error: error.name, reason: error.message });
    process.exitCode = 1;
  });
}
