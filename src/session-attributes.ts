import type { HandlerInput } from 'ask-sdk-core';
import * as v from 'valibot';
import { isLocalDay, isTimeZone } from './domain/dates';
import { parseCoupleState } from './domain/state-schema';
import type { Line } from './speech/en-US';
import type { Cached } from './couple-session';

/*
 * Session attributes come back from Alexa as this skill last wrote them, but a bug or a deploy
 * mid-session can leave other shapes there, and a forged request can hold anything. They are parsed
 * once per turn; handlers only ever see shapes this code writes.
 */

/** Strings this code keeps in a pending question: cleaned names, ISO days, ids. */
const PLAIN_TEXT = /^[^\p{Cc}\p{Cs}\p{Cn}]{0,40}$/u;
const plain = v.pipe(v.string(), v.regex(PLAIN_TEXT));
const count = v.pipe(v.number(), v.finite());
const asked = <K extends string>(kind: K) => v.object({ kind: v.literal(kind) });

const OFFER = v.picklist(['idea', 'another', 'checkIn']);
/** What "yes" means after a question like "Want another idea?". */
export type Offer = v.InferOutput<typeof OFFER>;

const PENDING = v.variant('kind', [
  asked('names'),
  v.object({ kind: v.literal('partnerName'), name: plain }),
  v.object({ kind: v.literal('ownName'), partnerName: plain }),
  v.object({ kind: v.literal('whoIsSpeaking'), level: count }),
  v.object({ kind: v.literal('energyFor'), partner: v.picklist(['a', 'b']) }),
  asked('lastNight'),
  asked('ritualEnergy'),
  asked('reminderWhen'),
  asked('confirmDelete'),
  v.object({ kind: v.literal('goalKind'), count: v.optional(count) }),
  v.object({ kind: v.literal('goalCount'), goalKind: v.picklist(['ritual', 'careDate', 'touch', 'conversation']) }),
  v.object({ kind: v.literal('dayFor'), dayKind: v.picklist(['rest', 'appointment']) }),
  v.object({ kind: v.literal('kindFor'), day: v.pipe(plain, v.check(isLocalDay)) }),
  v.object({ kind: v.literal('offer'), yes: OFFER }),
  v.object({ kind: v.literal('sensual'), yeses: count }),
  asked('routineOffer'),
]);
/** What a handler may be waiting for on the next turn, kept in session attributes. */
export type Pending = v.InferOutput<typeof PENDING>;

/** Alexa's own cap on outputSpeech, so a stored line never grows the session past what it could say. */
const MAX_SPEECH = 8000;
const speech = v.pipe(v.string(), v.maxLength(MAX_SPEECH));
const LINE = v.object({ speech, reprompt: v.optional(speech) });

const record = v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x));

/**
 * The couple cached in the session, when it has the shape this code saves (else the store is read
 * instead); its state is then parsed like a stored one.
 */
const CACHED_COUPLE = v.object({
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  /** Changes made this session and not yet saved (ritual steps under way): saved as the session ends. */
  held: v.optional(v.literal(true)),
  state: v.pipe(
    record,
    v.looseObject({
      partners: v.optional(v.pipe(v.array(v.pipe(record, v.looseObject({ name: plain }))), v.maxLength(2))),
      welcomed: v.optional(v.boolean()),
      timeZone: v.optional(v.pipe(v.string(), v.check(isTimeZone))),
      days: v.optional(record),
      pacing: v.optional(record),
      checkIns: v.optional(v.array(v.unknown())),
    }),
    v.transform((state) => parseCoupleState(state)),
  ),
});

/** Each attribute is kept when well-formed and dropped when not; the others stay as they are. */
const maybe = <T>(schema: v.GenericSchema<unknown, T>) => v.optional(v.fallback(v.optional(schema), undefined));

const ATTRIBUTES = v.object({
  couple: maybe(CACHED_COUPLE),
  pending: maybe(PENDING),
  /** Activity ids offered this session, so "something else" never repeats. */
  offered: maybe(
    v.pipe(
      v.array(v.unknown()),
      v.transform((ids) => ids.filter((id) => typeof id === 'string')),
    ),
  ),
  /** The Settings API was asked this session and could not say: not asked again until the next. */
  zoneUnknown: maybe(v.literal(true)),
  /** The emergency number was named after a line not understood: once a session is enough. */
  emergencyNamed: maybe(v.literal(true)),
  /** What Twilight last said this session, so "repeat" can say it again. */
  lastLine: maybe(LINE),
});

type Attributes = v.InferOutput<typeof ATTRIBUTES>;

/** Request attribute holding the Line this turn answers with, for "repeat" on the next turn. */
export const SPOKEN = 'twilight.spoken';

/** The session's attributes for one turn: read and parsed once, written back on every change. */
export class TurnSession {
  private attrs: Attributes;
  /** False outside a session (player events and the like): nothing can be kept. */
  readonly open: boolean;

  constructor(private readonly input: HandlerInput) {
    this.open = input.requestEnvelope.session !== undefined;
    this.attrs = v.parse(ATTRIBUTES, this.raw());
  }

  get couple(): Cached | undefined {
    return this.attrs.couple;
  }

  get pending(): Pending | undefined {
    return this.attrs.pending;
  }

  set pending(value: Pending | undefined) {
    this.write({ pending: value });
  }

  get offered(): string[] {
    return this.attrs.offered ?? [];
  }

  set offered(ids: string[]) {
    this.write({ offered: ids.slice(-50) });
  }

  get zoneUnknown(): boolean {
    return this.attrs.zoneUnknown === true;
  }

  /** Remembers for the rest of the session that the device's zone could not be found. */
  markZoneUnknown(): void {
    this.write({ zoneUnknown: true });
  }

  get emergencyNamed(): boolean {
    return this.attrs.emergencyNamed === true;
  }

  markEmergencyNamed(): void {
    this.write({ emergencyNamed: true });
  }

  get lastLine(): Line | undefined {
    return this.attrs.lastLine;
  }

  /**
   * Carries the couple and what was just said into the next turn; a closing session carries
   * nothing back: the couple's notes travel only while they are used.
   */
  save(couple: Cached | undefined, stillOpen: boolean): void {
    const spoken = v.safeParse(LINE, this.input.attributesManager.getRequestAttributes()[SPOKEN]);
    this.write({
      couple: stillOpen ? couple : undefined,
      lastLine: stillOpen && spoken.success ? spoken.output : undefined,
    });
  }

  private write(change: Partial<Attributes>): void {
    if (!this.open) return;
    // A field the change sets to undefined is dropped, not kept as undefined; every field is optional, so it is still Attributes.
    const next = Object.entries({ ...this.attrs, ...change }).filter(([key, value]) => value !== undefined || !(key in change));
    this.attrs = Object.fromEntries(next);
    this.input.attributesManager.setSessionAttributes(this.attrs);
  }

  private raw(): Record<string, unknown> {
    try {
      const attrs: unknown = this.input.attributesManager.getSessionAttributes();
      return v.is(record, attrs) ? attrs : {};
    } catch {
      return {};
    }
  }
}
