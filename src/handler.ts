import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { readConfig } from './config';
import { jsonLog } from './log';
import { buildSkill } from './skill';
import { DynamoCoupleStore } from './store/dynamo-store';
import { alexaSettingsTimeZone } from './time-zone';
import { systemClock } from './deps';

// Read once at cold start: a missing setting fails here, naming the variable.
const config = readConfig();

const skill = buildSkill({
  store: new DynamoCoupleStore({
    tableName: config.tableName,
    region: config.region,
    endpoint: config.dynamodbEndpoint,
    retentionDays: config.retentionDays,
  }),
  clock: systemClock,
  log: jsonLog,
  timeZones: alexaSettingsTimeZone(),
  defaultTimeZone: config.defaultTimeZone,
  skillId: config.skillId,
});

/** The Lambda entry: an async handler, no callbacks. */
export const handler = (event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> => skill.invoke(event, context);
