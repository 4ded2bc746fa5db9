import { AmbienceConfigError, parseAmbienceEnv } from './ambience/config';
import type { RoutineTriggerConfig } from './ambience/routine-triggers';
import type { AmbienceConfig } from './ambience/types';
import { isTimeZone } from './domain/dates';
import type { AwsCredentials } from './store/dynamo-client';

/** Typed configuration, read once from the environment; nothing else in src reads process.env. */
export interface Config {
  /** True inside AWS Lambda: required settings are enforced. */
  production: boolean;
  tableName: string;
  region: string;
  /** When set, requests for any other skill id are rejected. */
  skillId?: string;
  /** A local DynamoDB endpoint (dynalite, DynamoDB Local); the table is created on first use. */
  dynamodbEndpoint?: string;
  /** The credentials Lambda hands the function's role in its environment; a local endpoint needs none. */
  awsCredentials?: AwsCredentials;
  /** IANA zone used until the device's own zone is known. */
  defaultTimeZone: string;
  /** Days a couple's data is kept after their last use (the table's TTL). */
  retentionDays: number;
  /** Lights (Home Assistant or webhook), hub music and the AudioPlayer stream; all optional. */
  ambience: AmbienceConfig;
  /** Custom routine triggers at the wind-down's start and end; off unless the LWA client is set. */
  routineTriggers?: RoutineTriggerConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const DEFAULT_TABLE = 'twilight-local';

/** Reads and validates the environment; throws a ConfigError naming the variable at fault. */
export function readConfig(env: Env = process.env): Config {
  const production = Boolean(env.AWS_LAMBDA_FUNCTION_NAME);
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new ConfigError(`Missing required setting ${name}.`);
    return value;
  };
  // A blank setting counts as unset.
  const optional = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const tableName = production ? required('TABLE_NAME') : (optional('TABLE_NAME') ?? DEFAULT_TABLE);
  // DynamoDB's own rule: caught here at cold start rather than as a failed call on the first turn.
  if (tableName.length < 3 || tableName.length > 255) {
    throw new ConfigError(`TABLE_NAME should be 3 to 255 characters long; it has ${tableName.length}.`);
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(tableName)) {
    throw new ConfigError('TABLE_NAME may hold only letters a-z and A-Z, digits, "_", "-" and "."; it has others.');
  }
  const skillId = production ? required('SKILL_ID') : optional('SKILL_ID');
  if (skillId && !skillId.startsWith('amzn1.ask.skill.')) {
    throw new ConfigError('SKILL_ID should look like amzn1.ask.skill.<id>.');
  }

  const dynamodbEndpoint = optional('DYNAMODB_ENDPOINT');
  if (dynamodbEndpoint && !/^https?:\/\//.test(dynamodbEndpoint)) {
    throw new ConfigError('DYNAMODB_ENDPOINT should be an http(s) URL.');
  }

  // Lambda's own way of passing the role's credentials; outside Lambda, export them the same way.
  const accessKeyId = optional('AWS_ACCESS_KEY_ID');
  const secretAccessKey = optional('AWS_SECRET_ACCESS_KEY');
  const sessionToken = optional('AWS_SESSION_TOKEN');
  const awsCredentials = accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : undefined;

  const zoneSetting = optional('DEFAULT_TIME_ZONE');
  const defaultTimeZone = zoneSetting ?? 'America/New_York';
  // Checked only when set: the first Intl zone lookup costs ~12 ms of cold start.
  if (zoneSetting && !isTimeZone(zoneSetting)) {
    throw new ConfigError(`DEFAULT_TIME_ZONE "${defaultTimeZone}" is not an IANA time zone.`);
  }

  const retentionText = optional('RETENTION_DAYS') ?? '180';
  const retentionDays = Number(retentionText);
  if (!Number.isInteger(retentionDays) || retentionDays < 14 || retentionDays > 3650) {
    throw new ConfigError('RETENTION_DAYS should be a whole number of days from 14 to 3650.');
  }

  let ambience: AmbienceConfig;
  try {
    ambience = parseAmbienceEnv(env);
  } catch (err) {
    if (err instanceof AmbienceConfigError) throw new ConfigError(err.message);
    throw err;
  }

  const routineTriggers = readRoutineTriggers(optional);

  return {
    production,
    tableName,
    region: optional('AWS_REGION') ?? 'us-east-1',
    skillId,
    dynamodbEndpoint,
    awsCredentials,
    defaultTimeZone,
    retentionDays,
    ambience,
    routineTriggers,
  };
}

/**
 * ROUTINE_TRIGGERS_CLIENT_ID and _SECRET together turn the triggers on. _STAGE is development (the
 * default: Amazon's development endpoint) until Amazon certifies the skill, then production.
 */
function readRoutineTriggers(optional: (name: string) => string | undefined): RoutineTriggerConfig | undefined {
  const clientId = optional('ROUTINE_TRIGGERS_CLIENT_ID');
  const clientSecret = optional('ROUTINE_TRIGGERS_CLIENT_SECRET');
  const stage = optional('ROUTINE_TRIGGERS_STAGE') ?? 'development';
  const tokenUrl = optional('ROUTINE_TRIGGERS_TOKEN_URL');
  const apiUrl = optional('ROUTINE_TRIGGERS_API_URL');
  if (!clientId && !clientSecret) return undefined;
  if (!clientId || !clientSecret) throw new ConfigError('ROUTINE_TRIGGERS_CLIENT_ID and ROUTINE_TRIGGERS_CLIENT_SECRET go together; one is missing.');
  if (!clientId.startsWith('amzn1.application-oa2-client.'))
    throw new ConfigError('ROUTINE_TRIGGERS_CLIENT_ID should look like amzn1.application-oa2-client.<id>.');
  if (stage !== 'development' && stage !== 'production')
    throw new ConfigError('ROUTINE_TRIGGERS_STAGE should be development (until Amazon certifies the skill) or production.');
  for (const [name, url] of [
    ['ROUTINE_TRIGGERS_TOKEN_URL', tokenUrl],
    ['ROUTINE_TRIGGERS_API_URL', apiUrl],
  ] as const) {
    if (url && !/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url))
      throw new ConfigError(`${name} must be https:// (http:// only on this machine).`);
  }
  return { clientId, clientSecret, stage, ...(tokenUrl ? { tokenUrl } : {}), ...(apiUrl ? { apiUrl } : {}) };
}
