import { lightsFromConfig, musicFromConfig } from './ambience';
import { alexaRoutineTriggers } from './ambience/routine-triggers';
import type { Config } from './config';
import { systemClock, type SkillDeps } from './deps';
import { jsonLog } from './log';
import { DynamoCoupleStore } from './store/dynamo-store';
import { alexaSettingsTimeZone } from './time-zone';

/** The deployed skill's deps for a Config: shared by the Lambda entry and the self-hosted server. */
export function depsFromConfig(config: Config): SkillDeps {
  return {
    store: new DynamoCoupleStore({
      tableName: config.tableName,
      region: config.region,
      endpoint: config.dynamodbEndpoint,
      credentials: config.awsCredentials,
      retentionDays: config.retentionDays,
    }),
    clock: systemClock,
    log: jsonLog,
    timeZones: alexaSettingsTimeZone(),
    defaultTimeZone: config.defaultTimeZone,
    skillId: config.skillId,
    ambience: {
      lights: lightsFromConfig(config.ambience, jsonLog),
      music: musicFromConfig(config.ambience, jsonLog),
      streamUrl: config.ambience.musicStreamUrl,
    },
    routineTriggers: config.routineTriggers ? alexaRoutineTriggers(config.routineTriggers, { log: jsonLog, timeoutMs: config.ambience.timeoutMs }) : undefined,
  };
}
