import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from './config';

type Env = Record<string, string | undefined>;

const INSECURE_FLAG = 'insecure-skip-verification';

const DEFAULT_DATA_DIR = resolve(__dirname, '..', '.twilight-serve-data');

/** Settings only the self-hosted server has; the shared Config stays the same for every entry. */
export interface ServerConfig {
  port: number;
  /** Interface to bind: loopback unless HOST says otherwise. */
  host: string;
  /** Alexa's signature and timestamp checks; false only by explicit request. */
  verify: boolean;
  /** Serve HTTPS directly instead of plain HTTP behind a TLS-terminating proxy. */
  tls?: { certFile: string; keyFile: string };
  /** Where the embedded database keeps its files when no DynamoDB is configured; undefined means DynamoDB. */
  embeddedDataDir?: string;
}

/** Reads the server's own settings from the environment and argv; throws a ConfigError naming the one at fault. */
export function readServerConfig(env: Env, argv: readonly string[] = []): ServerConfig {
  // A blank setting counts as unset.
  const optional = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

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

  // A table name or an endpoint means a real DynamoDB; without either, a local run keeps its data on disk.
  const local = !optional('DYNAMODB_ENDPOINT') && !optional('TABLE_NAME') && !optional('AWS_LAMBDA_FUNCTION_NAME');

  return {
    port,
    host: optional('HOST') ?? '127.0.0.1',
    verify: !skip,
    tls: certFile && keyFile ? { certFile, keyFile } : undefined,
    embeddedDataDir: local ? resolve(optional('TWILIGHT_DATA_DIR') ?? DEFAULT_DATA_DIR) : undefined,
  };
}
