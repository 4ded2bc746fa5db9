import { lightsFromConfig, musicFromConfig } from './ambience';
import { alexaRoutineTriggers } from './ambience/routine-triggers';
import type { Lights } from './ambience/types';
import type { Config } from './config';
import { systemClock, type Clock, type Log, type SkillDeps } from './deps';
import { jsonLog } from './log';
import { DynamoCoupleStore } from './store/dynamo-store';
import { alexaSettingsTimeZone } from './time-zone';

/** What an entry may choose beyond the Config: the simulator's own log, clock and stand-in lights. */
export interface EntryChoices {
  log?: Log;
  clock?: Clock;
  /** Replaces the lights the config names (the simulator prints what a hub would be asked). */
  lights?: Lights;
}

/** The skill's deps for a Config: shared by the Lambda entry, the self-hosted server and the simulator. */
export function depsFromConfig(config: Config, { log = jsonLog, clock = systemClock, lights }: EntryChoices = {}): SkillDeps {
  return {
    store: new DynamoCoupleStore({
      tableName: config.tableName,
      region: config.region,
      endpoint: config.dynamodbEndpoint,
      credentials: config.awsCredentials,
      retentionDays: config.retentionDays,
    }),
    clock,
    log,
    timeZones: alexaSettingsTimeZone(),
    defaultTimeZone: config.defaultTimeZone,
    skillId: config.skillId,
    ambience: {
      lights: lights ?? lightsFromConfig(config.ambience, log),
      music: musicFromConfig(config.ambience, log),
      streamUrl: config.ambience.musicStreamUrl,
    },
    routineTriggers: config.routineTriggers ? alexaRoutineTriggers(config.routineTriggers, { log, timeoutMs: config.ambience.timeoutMs }) : undefined,
  };
}
