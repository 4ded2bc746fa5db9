import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';

/** One line of bench/evening.json: a request type, or an intent with spoken slot values (a hand-edited number is spoken as written). */
interface EveningStep {
  type?: 'LaunchRequest' | 'SessionEndedRequest';
  intent?: string;
  slots?: Record<string, string | number>;
}

interface ModelSlot {
  name: string;
  type: string;
}

interface ModelValue {
  id?: string;
  name: { value: string; synonyms?: string[] };
}

/** The parts of models/en-US.json the bench reads. */
export interface InteractionModel {
  interactionModel: {
    languageModel: {
      intents: { name: string; slots?: ModelSlot[] }[];
      types?: { name: string; values: ModelValue[] }[];
    };
  };
}

interface Resolutions {
  resolutionsPerAuthority: {
    authority: string;
    status: { code: 'ER_SUCCESS_MATCH' | 'ER_SUCCESS_NO_MATCH' };
    values?: { value: { name: string; id: string } }[];
  }[];
}

interface BenchSlot {
  name: string;
  value?: string;
  confirmationStatus: 'NONE';
  source?: 'USER';
  resolutions?: Resolutions;
}

/** A step with its slots filled as Alexa would send them (all model slots, entity resolution). */
export interface ResolvedStep {
  label: string;
  type: 'LaunchRequest' | 'IntentRequest' | 'SessionEndedRequest';
  intent?: string;
  slots?: Record<string, BenchSlot>;
}

const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-00000000bench';
const DEVICE_ID = 'amzn1.ask.device.BENCHDEVICE';

/** Validates the evening file and resolves slot values against the interaction model. */
export function resolveSteps(steps: unknown, model: InteractionModel): ResolvedStep[] {
  if (!Array.isArray(steps) || steps.length === 0) throw new Error('bench/evening.json should be a non-empty array of steps');
  const lm = model.interactionModel.languageModel;
  return (steps as EveningStep[]).map((step, index) => {
    if (step.intent && step.type) throw new Error(`evening step ${index + 1}: give "type" or "intent", not both`);
    if (step.type === 'LaunchRequest' || step.type === 'SessionEndedRequest') return { label: step.type, type: step.type };
    if (typeof step.intent !== 'string' || !step.intent) throw new Error(`evening step ${index + 1}: needs "intent" or "type": "LaunchRequest"`);
    const declared = lm.intents.find((i) => i.name === step.intent)?.slots ?? [];
    const slots: Record<string, BenchSlot> = {};
    // Alexa sends every slot the intent declares; unfilled ones have no value.
    for (const s of declared) slots[s.name] = { name: s.name, confirmationStatus: 'NONE' };
    for (const [name, value] of Object.entries(step.slots ?? {})) {
      const typeName = declared.find((s) => s.name === name)?.type;
      const custom = lm.types?.find((t) => t.name === typeName);
      const spoken = String(value);
      slots[name] = {
        name,
        value: spoken,
        confirmationStatus: 'NONE',
        source: 'USER',
        ...(custom ? { resolutions: resolve(custom.name, custom.values, spoken) } : {}),
      };
    }
    const said = Object.entries(step.slots ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    return { label: said ? `${step.intent} ${said}` : step.intent, type: 'IntentRequest', intent: step.intent, slots };
  });
}

function resolve(typeName: string, values: ModelValue[], spoken: string): Resolutions {
  const authority = `amzn1.er-authority.echo-sdk.${SKILL_ID}.${typeName}`;
  const wanted = spoken.trim().toLowerCase();
  const match = values.find((v) => [v.name.value, ...(v.name.synonyms ?? [])].some((w) => w.toLowerCase() === wanted));
  if (!match) return { resolutionsPerAuthority: [{ authority, status: { code: 'ER_SUCCESS_NO_MATCH' } }] };
  return {
    resolutionsPerAuthority: [
      { authority, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: match.name.value, id: match.id ?? match.name.value } }] },
    ],
  };
}

/** The session as Alexa keeps it between turns. */
export interface BenchSession {
  sessionId: string;
  isNew: boolean;
  attributes: Record<string, unknown>;
  ended: boolean;
}

/** The couple a warm process uses for its evening number `index`; the bench seeds these items. */
export const warmUserId = (tag: string, index: number) => `amzn1.ask.account.bench-${tag}-${index}`;

let sessionCounter = 0;
let requestCounter = 0;

export function newSession(tag: string): BenchSession {
  sessionCounter += 1;
  return { sessionId: `amzn1.echo-api.session.${tag}-${process.pid}-${sessionCounter}`, isNew: true, attributes: {}, ended: false };
}

/**
 * A request envelope as Alexa sends it. No apiAccessToken: the Settings API is never called, so
 * time zones fall back to the configured default (no network outside DynamoDB Local).
 */
export function buildEnvelope(step: ResolvedStep, userId: string, session: BenchSession, now = new Date()): RequestEnvelope {
  requestCounter += 1;
  const requestId = `amzn1.echo-api.request.bench-${process.pid}-${requestCounter}`;
  const base = { requestId, timestamp: now.toISOString(), locale: 'en-US' };
  const request =
    step.type === 'IntentRequest'
      ? { ...base, type: 'IntentRequest', dialogState: 'COMPLETED', intent: { name: step.intent, confirmationStatus: 'NONE', slots: step.slots ?? {} } }
      : step.type === 'SessionEndedRequest'
        ? { ...base, type: 'SessionEndedRequest', reason: 'USER_INITIATED' }
        : { ...base, type: 'LaunchRequest', shouldLinkResultBeReturned: false };
  const envelope = {
    version: '1.0',
    session: {
      new: session.isNew,
      sessionId: session.sessionId,
      application: { applicationId: SKILL_ID },
      attributes: session.attributes,
      user: { userId },
    },
    context: {
      System: {
        application: { applicationId: SKILL_ID },
        user: { userId },
        device: { deviceId: DEVICE_ID, supportedInterfaces: {} },
        apiEndpoint: 'https://api.amazonalexa.com',
      },
    },
    request,
  };
  return envelope as unknown as RequestEnvelope;
}

/**
 * Carries the response into the session like Alexa on a voice-only Echo: attributes serialised,
 * the session kept open only when the skill says shouldEndSession: false (a reprompt).
 */
export function afterResponse(session: BenchSession, response: ResponseEnvelope | undefined): void {
  session.isNew = false;
  session.attributes = JSON.parse(JSON.stringify(response?.sessionAttributes ?? {})) as Record<string, unknown>;
  if (response?.response?.shouldEndSession !== false) session.ended = true;
}

/** The text Alexa would say, without SSML tags. */
export function speechOf(response: ResponseEnvelope | undefined): string {
  const speech = response?.response?.outputSpeech as { ssml?: string; text?: string } | undefined;
  return (speech?.ssml ?? speech?.text ?? '').replace(/<[^>]+>/g, '').trim();
}
