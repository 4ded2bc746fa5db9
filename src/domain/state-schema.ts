import * as v from 'valibot';
import { isTriggerName, recipientOf, type TriggerRoutines } from './custom-triggers';
import { newCouple, type CoupleState, type DayRecord, type Goal, type ReminderRecord, type RitualProgress } from './couple';
import { isLocalDay, isTimeZone } from './dates';
import { MAX_ENERGY, MIN_ENERGY } from './energy';
import { isActivityId } from './pacing/catalogue';
import { newPacing, RECENT_KEPT, SESSIONS_KEPT, type PacingState, type SessionRecord } from './pacing/state';

/*
 * State read back from the store or from session attributes is untrusted: an older version, a
 * hand-edited item or a forged session may carry anything. Every field here falls back to its
 * default instead of failing, so parsing keeps what is well-formed and drops the rest: a bad field
 * never crashes a turn or gets written back. Versions before a field existed simply lack it, so the
 * defaults are also the whole migration of older shapes (schemaVersion 1 throughout).
 */

/** Enough for every care date a couple could plan ahead; older ones are dropped first. */
export const MAX_REMINDERS = 20;

type Schema<T> = v.GenericSchema<unknown, T>;

const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const day = v.pipe(v.string(), v.check(isLocalDay));
const partnerId = v.picklist(['a', 'b']);
const level = v.pipe(v.number(), v.integer(), v.minValue(MIN_ENERGY), v.maxValue(MAX_ENERGY));
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const zone = v.pipe(text(64), v.check(isTimeZone));

/** A plain object (not an array) of unknown fields. */
const record = v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x));

/** An optional field: absent, or dropped when it does not parse. */
const maybe = <T>(schema: Schema<T>) => v.optional(v.fallback(v.optional(schema), undefined));

/** True only when it is true; anything else, or nothing, is false. */
const flag = v.optional(
  v.pipe(
    v.unknown(),
    v.transform((x) => x === true),
  ),
  false,
);

/** Leaves out the optional fields that came out undefined, so the state keeps the shape it is written in. */
function defined<T extends object>(value: T): T {
  // Only fields that are undefined go, and those are optional in T, so what is left is still a T.
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** A list's items that parse, the others dropped; anything not a list fails. */
const kept = <T>(item: Schema<T>) =>
  v.pipe(
    v.array(v.unknown()),
    v.transform((items) =>
      items.flatMap((x) => {
        const parsed = v.safeParse(item, x);
        return parsed.success ? [parsed.output] : [];
      }),
    ),
  );

/** Like `kept`, and anything not a list reads as an empty one. */
const listOf = <T>(item: Schema<T>) => v.fallback(kept(item), () => []);
const lastOf = <T>(item: Schema<T>, n: number) =>
  v.fallback(
    v.pipe(
      kept(item),
      v.transform((xs) => xs.slice(-n)),
    ),
    () => [],
  );

/** A map's entries whose key passes and whose value parses; anything not a map reads as empty. */
const mapOf = <T>(key: (k: string) => boolean, value: Schema<T>) =>
  v.fallback(
    v.pipe(
      record,
      v.transform((raw) => {
        const out: Record<string, T> = {};
        for (const [k, x] of Object.entries(raw)) {
          const parsed = key(k) ? v.safeParse(value, x) : undefined;
          if (parsed?.success) out[k] = parsed.output;
        }
        return out;
      }),
    ),
    () => ({}),
  );

const rating = v.picklist(['comfortable', 'tooMuch']);

const session: Schema<SessionRecord> = v.object({
  day,
  activityId: text(60),
  ratings: v.fallback(v.pipe(record, v.object({ a: maybe(rating), b: maybe(rating), both: maybe(rating) }), v.transform(defined)), () => ({})),
});

const pacing: Schema<PacingState> = v.fallback(
  v.pipe(
    record,
    v.object({
      sessions: lastOf(session, SESSIONS_KEPT),
      recent: lastOf(text(60), RECENT_KEPT),
      // Only catalogue ids: any other key ("constructor" above all) can break the map or its marshalling.
      setAside: mapOf(isActivityId, day),
      lacks: listOf(text(30)),
      restDays: listOf(day),
      appointments: listOf(day),
      sore: mapOf(isLocalDay, kept(partnerId)),
      stepDown: v.fallback(int(0, 3), 0),
      turn: v.fallback(partnerId, 'a'),
      turnDay: maybe(day),
      favourites: lastOf(text(60), 40),
    }),
    v.transform(defined),
  ),
  newPacing,
);

const energy = v.pipe(
  record,
  v.object({ a: maybe(level), b: maybe(level) }),
  v.transform((e) => (e.a === undefined && e.b === undefined ? undefined : defined(e))),
);

const win = v.object({ category: text(40), source: v.picklist(['said', 'ritual', 'rest', 'comfortable']) });

const dayRecord: Schema<DayRecord> = v.pipe(
  record,
  v.object({
    energy: maybe(energy),
    wins: maybe(
      v.pipe(
        kept(win),
        v.transform((ws) => (ws.length > 0 ? ws.slice(0, 10) : undefined)),
      ),
    ),
    ritual: maybe(
      v.object({
        reached: v.pipe(
          v.number(),
          v.integer(),
          v.transform((n) => Math.max(0, Math.min(4, n))),
        ),
        ended: v.picklist(['inProgress', 'completed', 'paused', 'notTonight', 'stopped', 'rest']),
      }),
    ),
  }),
  v.transform(defined),
);

const goal: Schema<Goal> = v.object({
  kind: v.picklist(['ritual', 'careDate', 'touch', 'conversation']),
  perWeek: int(1, 14),
  setOn: day,
});

const ritual: Schema<RitualProgress> = v.pipe(
  record,
  v.object({
    day,
    step: int(0, 3),
    paused: flag,
    checkInId: maybe(text(60)),
    activityId: maybe(text(60)),
    ceiling: maybe(level),
  }),
  v.transform(defined),
);

/** A reminder as Twilight writes it: an alert token safe in a URL path, a day, an HH:MM time. */
const reminder: Schema<ReminderRecord> = v.object({
  alertToken: v.pipe(v.string(), v.regex(/^[\w.:-]{1,200}$/)),
  day,
  time: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/)),
});

/** Two partners with different ids, or none: a couple is never half named. */
const partners = v.fallback(
  v.pipe(
    kept(v.object({ id: partnerId, name: text(40), personId: maybe(text(300)) })),
    v.transform((ps) => ps.filter((p, i) => ps.findIndex((q) => q.id === p.id) === i).map(defined)),
    v.transform((ps) => (ps.length === 2 ? ps : [])),
  ),
  () => [],
);

/** Routines on the skill's own triggers: only known names, each with a recipient as Alexa sent it. */
const routineTriggers: Schema<TriggerRoutines> = v.pipe(
  record,
  v.transform((raw) => {
    const kept = Object.entries(raw).flatMap(([name, recipient]) => {
      const parsed = recipientOf(recipient);
      return isTriggerName(name) && parsed ? [[name, parsed] as const] : [];
    });
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  }),
  v.check((x) => x !== undefined),
) as Schema<TriggerRoutines>;

const STATE: Schema<CoupleState> = v.pipe(
  v.object({
    schemaVersion: v.fallback(v.literal(1), 1),
    partners,
    welcomed: flag,
    days: mapOf(isLocalDay, dayRecord),
    pacing,
    checkIns: lastOf(text(60), 10),
    recentRequests: lastOf(text(40), 12),
    timeZone: maybe(zone),
    generation: maybe(v.pipe(v.string(), v.regex(/^[\w-]{1,32}$/))),
    askedAboutDay: maybe(day),
    goal: maybe(goal),
    ritual: maybe(ritual),
    sensualChosen: maybe(v.literal(true)),
    routineOffer: maybe(v.picklist(['asked', 'accepted', 'declined'])),
    routineTriggers: maybe(routineTriggers),
    reminders: maybe(
      v.pipe(
        kept(reminder),
        v.transform((rs) => (rs.length > 0 ? rs.slice(-MAX_REMINDERS) : undefined)),
      ),
    ),
    notTonightDay: maybe(day),
    lightsOffDay: maybe(day),
    musicOffDay: maybe(day),
    safetyHold: maybe(day),
  }),
  v.transform(defined),
);

/** A whole couple state, well-formed whatever was stored or sent; missing fields get defaults. */
export function parseCoupleState(raw: unknown): CoupleState {
  const result = v.safeParse(STATE, typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {});
  return result.success ? result.output : newCouple();
}
