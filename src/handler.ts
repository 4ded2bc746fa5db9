import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { readConfig } from './config';
import { depsFromConfig } from './deps-from-config';
import { buildSkill } from './skill';

// Read once at cold start: a missing setting fails here, naming the variable.
const skill = buildSkill(depsFromConfig(readConfig()));

/** The Lambda entry: an async handler, no callbacks. */
export const handler = (event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> => skill.invoke(event, context);
