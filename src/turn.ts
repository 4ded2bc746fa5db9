import { createHash } from 'node:crypto';
import type { HandlerInput } from 'ask-sdk-core';
import { CoupleSession, type UpdateOptions } from './couple-session';
import { CoupleZone } from './couple-zone';
import type { SkillDeps } from './deps';
import { localDay, type LocalDay } from './domain/dates';
import { isSetUp, partnerByPerson, type CoupleState, type Partner } from './domain/couple';
import { TurnSession, type Pending } from './session-attributes';
import { localeOf, type SkillLocale } from './speech/locale';
import type { Line } from './speech/en-US';

export type { Offer, Pending } from './session-attributes';

/**
 * The request-scoped view every handler works through: the request's facts, the couple's state,
 * their local day and what the session remembers, each kept by its own part.
 */
export class Turn {
  readonly couple: CoupleSession;
  readonly now: Date;
  private readonly session: TurnSession;
  private readonly zone: CoupleZone;

  constructor(
    readonly input: HandlerInput,
    readonly deps: SkillDeps,
  ) {
    const envelope = input.requestEnvelope;
    const userId = envelope.context?.System?.user?.userId ?? envelope.session?.user?.userId;
    if (!userId) throw new Error('request has no user id');
    this.session = new TurnSession(input);
    this.couple = new CoupleSession(deps.store, userId, this.session.couple, requestTag(envelope.request?.requestId));
    this.now = deps.clock.now();
    this.zone = new CoupleZone(
      async () => (await this.read()).timeZone,
      this.session,
      () => deps.timeZones(input),
      deps.defaultTimeZone,
    );
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

  /** Updates state, caching a freshly learned time zone in the same single write (or held change). */
  update<R>(mutate: (draft: CoupleState) => R, options?: UpdateOptions): Promise<R> {
    const zone = this.zone.learned;
    return this.couple.update((draft) => {
      if (zone && !draft.timeZone) draft.timeZone = zone;
      return mutate(draft);
    }, options);
  }

  /** The couple's local day: cached zone, else the Settings API, else the configured default. */
  async today(): Promise<LocalDay> {
    return localDay(this.now, await this.timeZone());
  }

  timeZone(): Promise<string> {
    return this.zone.get();
  }

  get pending(): Pending | undefined {
    return this.session.pending;
  }

  set pending(value: Pending | undefined) {
    this.session.pending = value;
  }

  get offered(): string[] {
    return this.session.offered;
  }

  set offered(ids: string[]) {
    this.session.offered = ids;
  }

  /**
   * True the first time this session something was not understood: that line may have been a red
   * flag Alexa missed, so the emergency number is named once. Marks it named.
   */
  nameEmergencyOnce(): boolean {
    if (this.session.emergencyNamed || !this.session.open) return false;
    this.session.markEmergencyNamed();
    return true;
  }

  /** The last Line said this session, when it has the shape this code saves. */
  get lastLine(): Line | undefined {
    return this.session.lastLine;
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
    this.session.save(this.couple.snapshot(), open);
  }
}

const TURN = 'twilight.turn';

export function attachTurn(input: HandlerInput, turn: Turn): void {
  input.attributesManager.getRequestAttributes()[TURN] = turn;
}

/** False when the request interceptor could not prepare a turn (a malformed request). */
export function hasTurn(input: HandlerInput): boolean {
  return input.attributesManager.getRequestAttributes()[TURN] instanceof Turn;
}

/** The turn the request interceptor prepared for this request. */
export function turnOf(input: HandlerInput): Turn {
  const turn: unknown = input.attributesManager.getRequestAttributes()[TURN];
  if (!(turn instanceof Turn)) throw new Error('turn not prepared: the request interceptor did not run');
  return turn;
}

/** A short, stable tag for a request id: enough to spot a redelivery, small enough to keep a dozen. */
function requestTag(requestId: unknown): string | undefined {
  if (typeof requestId !== 'string' || requestId.length === 0) return undefined;
  return createHash('sha256').update(requestId).digest('base64url').slice(0, 12);
}
