import { createHash } from 'node:crypto';
import type { HandlerInput } from 'ask-sdk-core';
import { CoupleSession } from './couple-session';
import { isTimeZone } from './config';
import type { SkillDeps } from './deps';
import { isLocalDay, localDay, type LocalDay } from './domain/dates';
import { isSetUp, partnerByPerson, type CoupleState, type Partner } from './domain/couple';
import { localeOf, type SkillLocale } from './speech/locale';
import type { Versioned } from './store/couple-store';
import { SPOKEN } from './answers/support';
import type { Line } from './speech/en-US';

/** What a handler may be waiting for on the next turn, kept in session attributes. */
export type Pending =
  | { kind: 'names' }
  | { kind: 'partnerName'; name: string }
  | { kind: 'ownName'; partnerName: string }
  | { kind: 'whoIsSpeaking'; level: number }
  | { kind: 'energyFor'; partner: 'a' | 'b' }
  | { kind: 'lastNight' }
  | { kind: 'ritualEnergy' }
  | { kind: 'reminderWhen' }
  | { kind: 'confirmDelete' }
  | { kind: 'goalKind'; count?: number }
  | { kind: 'goalCount'; goalKind: 'ritual' | 'careDate' | 'touch' | 'conversation' }
  | { kind: 'dayFor'; dayKind: 'rest' | 'appointment' }
  | { kind: 'kindFor'; day: string }
  | { kind: 'offer'; yes: Offer }
  | { kind: 'sensual'; yeses: number }
  | { kind: 'routineOffer' };

/** What "yes" means after a question like "Want another idea?". */
export type Offer = 'idea' | 'another' | 'checkIn';

interface SessionAttributes {
  couple?: Versioned;
  pending?: Pending;
  /** Activity ids offered this session, so "something else" never repeats. */
  offered?: string[];
  /** The Settings API was asked this session and could not say: not asked again until the next. */
  zoneUnknown?: boolean;
  /** What Twilight last said this session, so "repeat" can say it again. */
  lastLine?: Line;
}

/** The request-scoped view every handler works through: state, today, pending question. */
export class Turn {
  readonly couple: CoupleSession;
  readonly now: Date;
  private zone: string | undefined;
  private fetchedZone: string | undefined;

  constructor(
    readonly input: HandlerInput,
    readonly deps: SkillDeps,
  ) {
    const envelope = input.requestEnvelope;
    const userId = envelope.context?.System?.user?.userId ?? envelope.session?.user?.userId;
    if (!userId) throw new Error('request has no user id');
    const attrs = this.session();
    this.couple = new CoupleSession(deps.store, userId, cachedCouple(attrs.couple), requestTag(envelope.request?.requestId));
    this.now = deps.clock.now();
  }

  /** The request's English locale (en-US when it is any other). */
  get locale(): SkillLocale {
    return localeOf(this.input.requestEnvelope.request?.locale);
  }

  /** Recognised speaker's voice profile id, when Alexa knows who is talking. */
  get personId(): string | undefined {
    return this.input.requestEnvelope.context?.System?.person?.personId;
  }

  read(): Promise<CoupleState> {
    return this.couple.read();
  }

  /** Updates state, caching a freshly learned time zone in the same single write. */
  update<R>(mutate: (draft: CoupleState) => R): Promise<R> {
    const zone = this.fetchedZone;
    return this.couple.update((draft) => {
      if (zone && !draft.timeZone) draft.timeZone = zone;
      return mutate(draft);
    });
  }

  /** The couple's local day: cached zone, else the Settings API, else the configured default. */
  async today(): Promise<LocalDay> {
    return localDay(this.now, await this.timeZone());
  }

  async timeZone(): Promise<string> {
    if (!this.zone) {
      const state = await this.read();
      if (state.timeZone) {
        this.zone = state.timeZone;
      } else if (this.session().zoneUnknown === true) {
        this.zone = this.deps.defaultTimeZone;
      } else {
        this.fetchedZone = await this.deps.timeZones(this.input);
        this.zone = this.fetchedZone ?? this.deps.defaultTimeZone;
        // One slow or failing lookup a session is enough: later turns use the default at once.
        if (!this.fetchedZone && this.input.requestEnvelope.session) {
          this.input.attributesManager.setSessionAttributes({ ...this.session(), zoneUnknown: true });
        }
      }
    }
    return this.zone;
  }

  get pending(): Pending | undefined {
    const pending: unknown = this.session().pending;
    return isPending(pending) ? pending : undefined;
  }

  set pending(value: Pending | undefined) {
    if (!this.input.requestEnvelope.session) return;
    const attrs = this.session();
    if (value) attrs.pending = value;
    else delete attrs.pending;
    this.input.attributesManager.setSessionAttributes(attrs);
  }

  get offered(): string[] {
    const offered: unknown = this.session().offered;
    return Array.isArray(offered) ? offered.filter((id): id is string => typeof id === 'string') : [];
  }

  set offered(ids: string[]) {
    if (!this.input.requestEnvelope.session) return;
    const attrs = this.session();
    attrs.offered = ids.slice(-50);
    this.input.attributesManager.setSessionAttributes(attrs);
  }

  /** The last Line said this session, when it has the shape this code saves. */
  get lastLine(): Line | undefined {
    const line: unknown = this.session().lastLine;
    if (!isRecord(line) || typeof line.speech !== 'string' || line.speech.length > MAX_SPEECH) return undefined;
    if (line.reprompt !== undefined && (typeof line.reprompt !== 'string' || line.reprompt.length > MAX_SPEECH)) return undefined;
    return { speech: line.speech, reprompt: line.reprompt };
  }

  /** The partner whose voice Alexa recognised, if linked. */
  async speaker(): Promise<Partner | undefined> {
    return partnerByPerson(await this.read(), this.personId);
  }

  /** Whether the couple read this turn has both names (false when nothing was read). */
  knownSetUp(): boolean {
    const snapshot = this.couple.snapshot();
    return snapshot !== undefined && isSetUp(snapshot.state);
  }

  /** Carries the couple's state in the session so the next turn reads nothing. */
  saveToSession(open: boolean): void {
    if (!this.input.requestEnvelope.session) return;
    const attrs = this.session();
    const snapshot = this.couple.snapshot();
    // A closing session carries nothing back: the couple's notes travel only while they are used.
    if (snapshot && open) attrs.couple = snapshot;
    else delete attrs.couple;
    const spoken = this.input.attributesManager.getRequestAttributes()[SPOKEN] as Line | undefined;
    if (spoken && open) attrs.lastLine = spoken;
    else delete attrs.lastLine;
    this.input.attributesManager.setSessionAttributes(attrs);
  }

  private session(): SessionAttributes {
    try {
      const attrs: unknown = this.input.attributesManager.getSessionAttributes();
      return isRecord(attrs) ? attrs : {};
    } catch {
      return {};
    }
  }
}

/*
 * Session attributes come back from Alexa as this skill last wrote them, but a bug or a deploy
 * mid-session can leave other shapes there. Handlers only ever see shapes this code writes.
 */
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Strings this code keeps in a pending question: cleaned names, ISO days, ids. */
const PLAIN_TEXT = /^[^\p{Cc}\p{Cs}\p{Cn}]{0,40}$/u;

function isPending(value: unknown): value is Pending {
  return (
    isRecord(value) &&
    typeof value.kind === 'string' &&
    (value.day === undefined || (typeof value.day === 'string' && isLocalDay(value.day))) &&
    Object.values(value).every((v) => v === undefined || (typeof v === 'string' && PLAIN_TEXT.test(v)) || (typeof v === 'number' && Number.isFinite(v)))
  );
}

const STATE_FIELDS: Record<string, (value: unknown) => boolean> = {
  partners: (v) => Array.isArray(v) && v.length <= 2 && v.every((p) => isRecord(p) && typeof p.name === 'string' && PLAIN_TEXT.test(p.name)),
  welcomed: (v) => typeof v === 'boolean',
  timeZone: (v) => typeof v === 'string' && isTimeZone(v),
  days: isRecord,
  pacing: isRecord,
  checkIns: Array.isArray,
};

/** The couple cached in the session, when it has the shape this code saves; else the store is read. */
function cachedCouple(value: unknown): Versioned | undefined {
  if (!isRecord(value) || !Number.isSafeInteger(value.version) || (value.version as number) < 0) return undefined;
  const state = value.state;
  if (!isRecord(state) || !Object.entries(STATE_FIELDS).every(([key, ok]) => state[key] === undefined || ok(state[key]))) return undefined;
  return value as unknown as Versioned;
}

/** Alexa's own cap on outputSpeech, so a stored line never grows the session past what it could say. */
const MAX_SPEECH = 8000;

const TURN = 'twilight.turn';

export function attachTurn(input: HandlerInput, turn: Turn): void {
  input.attributesManager.getRequestAttributes()[TURN] = turn;
}

/** False when the request interceptor could not prepare a turn (a malformed request). */
export function hasTurn(input: HandlerInput): boolean {
  return input.attributesManager.getRequestAttributes()[TURN] !== undefined;
}

/** The turn the request interceptor prepared for this request. */
export function turnOf(input: HandlerInput): Turn {
  const turn = input.attributesManager.getRequestAttributes()[TURN] as Turn | undefined;
  if (!turn) throw new Error('turn not prepared: the request interceptor did not run');
  return turn;
}

/** A short, stable tag for a request id: enough to spot a redelivery, small enough to keep a dozen. */
function requestTag(requestId: unknown): string | undefined {
  if (typeof requestId !== 'string' || requestId.length === 0) return undefined;
  return createHash('sha256').update(requestId).digest('base64url').slice(0, 12);
}
