import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { newCouple, type CoupleState, type Partner } from '../../src/domain/couple';
import { addDays, isLocalDay } from '../../src/domain/dates';
import { loadCatalogue, loadCheckIns, NEEDS } from '../../src/domain/pacing';
import { MODEL_FILE } from './skill';

/** Generators and checks for fuzzing the skill with Alexa request envelopes, valid and broken. */

export const COUPLE_ID = 'amzn1.ask.account.fuzz-couple';
export const SKILL_ID = 'amzn1.ask.skill.fuzz';
/**
 * context.System.apiEndpoint in generated envelopes. The test swaps it for a local stand-in of
 * Alexa's service APIs; `.invalid` never resolves, so a missed swap cannot reach the internet.
 */
export const FUZZ_API = 'https://api.fuzz.invalid';
const REMINDERS_SCOPE = 'alexa::alerts:reminders:skill:readwrite';
/** TestClock's default evening in New York. */
export const TODAY = '2026-11-25';

// ---------------------------------------------------------------------------------------------
// The interaction model, read fresh so new intents and slot types are fuzzed as they are added.

interface ModelIntent {
  name: string;
  slots?: { name: string; type: string }[];
}
interface ModelType {
  name: string;
  values: { id?: string; name: { value: string; synonyms?: string[] } }[];
}
const language = JSON.parse(readFileSync(MODEL_FILE, 'utf8')).interactionModel.languageModel as {
  intents: ModelIntent[];
  types: ModelType[];
};
export const MODEL_INTENTS: readonly ModelIntent[] = language.intents;
const MODEL_TYPES = new Map(language.types.map((t) => [t.name, t] as const));

const ACTIVITY_IDS = loadCatalogue().map((a) => a.id);
const CHECK_IN_IDS = loadCheckIns().map((c) => c.id);

// ---------------------------------------------------------------------------------------------
// Nasty text: what speech recognition, a buggy client or an attacker could put in a string.

const big = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

export const HUGE_STRINGS = [
  big('a', 100_000),
  big('<speak>', 100_000),
  big('&amp;<', 50_000),
  big('😀', 100_000),
  big('chest pain ', 100_000),
  big('Rosalind ', 20_000),
] as const;

export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '?',
  '-1',
  '0',
  '6',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '2.5',
  '007',
  '3.0',
  '0x3',
  '<speak>',
  '</speak>',
  '<speak>hi</speak>',
  '<audio src="https://evil.example/x.mp3"/>',
  '<break time="10s"/>',
  '<b>bold</b>',
  '<script>alert(1)</script>',
  '&',
  '&amp;',
  '&lt;',
  'Tom & Jerry',
  '"quoted"',
  "'s",
  '’S',
  "O'Brien",
  '\u0000',
  'a\u0000b',
  '\u0007bell',
  '\u001b[31mred',
  'line\nbreak',
  'tab\there',
  '\u000B\u000C',
  '\uFFFE',
  '\uD800',
  'x\uDC00y',
  '😀',
  '👩‍❤️‍👨',
  '🏳️‍🌈',
  'Zoë',
  'Ångström',
  'straße',
  'İstanbul',
  'Đặng',
  '李小龍',
  'محمد',
  '\u202Egnp.exe',
  'zero\u200Bwidth',
  'a\u0301\u0301\u0301',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'undefined',
  'null',
  '{"a":1}',
  '${process.env}',
  'A'.repeat(41),
  `${'A'.repeat(39)}😀`,
  'chest pain',
  'I feel dizzy',
  'my heart is racing',
  'Rosalind',
];

/** Short random text: printable, full unicode, or raw code units including lone surrogates. */
const randomText = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** Any string a slot could carry, weighted towards the nasty ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: randomText },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
);

// ---------------------------------------------------------------------------------------------
// Slots.

const NUMBER_VALUES = ['1', '2', '3', '4', '5', 'one', 'two', 'five', 'zero', 'a hundred', '10', '1.5', ' 4 '];
const NAME_VALUES = ['Sam', 'Alex', 'Rosalind', 'Bartholomew', 'sam', 'ALEX', "Sam's", 'Mary Jane', 'Jean-Luc', 'wiped out', 'tired'];
const TIME_VALUES = ['19:00', '07:30', '23:59', '00:00', 'EV', 'NI', 'MO', 'AF', '24:00', '19:60', '7', 'T19:00', '19:00:00', '7 pm'];
const DATE_VALUES = [
  TODAY,
  addDays(TODAY, 1),
  addDays(TODAY, -1),
  addDays(TODAY, 30),
  addDays(TODAY, 400),
  '2026-W48-WE',
  '2026-W53-WE',
  '2026-W01-WE',
  '2026-W48',
  '2026-11',
  '2026',
  '202X',
  'XXXX-11-27',
  '2026-02-30',
  '2026-13-45',
  '0000-00-00',
  '9999-12-31',
  '275760-09-13',
  'PRESENT_REF',
  '2026-WI',
  '2026-11-26T10:00',
];

function modelWords(typeName: string): string[] {
  const type = MODEL_TYPES.get(typeName);
  return type ? type.values.flatMap((v) => [v.name.value, ...(v.name.synonyms ?? [])]) : [];
}

function modelIds(typeName: string): string[] {
  return MODEL_TYPES.get(typeName)?.values.map((v) => v.id ?? v.name.value) ?? [];
}

/** A plausible value for a slot of this type, or a nasty one. */
export function slotValue(type: string): fc.Arbitrary<string> {
  const typical =
    type === 'AMAZON.NUMBER'
      ? [...NUMBER_VALUES]
      : type === 'AMAZON.FirstName'
        ? [...NAME_VALUES]
        : type === 'AMAZON.DATE'
          ? [...DATE_VALUES]
          : type === 'AMAZON.TIME'
            ? [...TIME_VALUES]
            : modelWords(type);
  const arbs: fc.Arbitrary<string>[] = [nastyString];
  if (typical.length > 0) arbs.unshift(fc.constantFrom(...typical));
  if (type === 'AMAZON.NUMBER') arbs.push(fc.integer().map(String), fc.double().map(String));
  if (type === 'AMAZON.DATE')
    arbs.push(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
  return fc.oneof(...arbs);
}

/** Entity resolution as Alexa sends it: a match with an id from the model (or a made-up one), or no match. */
function resolutions(type: string, value: string): fc.Arbitrary<unknown> {
  const authority = `amzn1.er-authority.echo-sdk.${SKILL_ID}.${type}`;
  const ids = modelIds(type);
  const id = ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), nastyString) : nastyString;
  return fc.oneof(
    id.map((i) => ({
      resolutionsPerAuthority: [{ authority, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: value, id: i } }] }],
    })),
    fc.constant({ resolutionsPerAuthority: [{ authority, status: { code: 'ER_SUCCESS_NO_MATCH' } }] }),
  );
}

/** A well-formed slot of the given type: maybe a value, maybe resolutions for custom types. */
function slot(name: string, type: string): fc.Arbitrary<Record<string, unknown>> {
  const custom = !type.startsWith('AMAZON.');
  return fc.option(slotValue(type), { nil: undefined, freq: 4 }).chain((value) => {
    const base: Record<string, unknown> = { name, confirmationStatus: 'NONE' };
    if (value !== undefined) base.value = value;
    if (!custom || value === undefined) return fc.constant(base);
    return fc.option(resolutions(type, value), { nil: undefined }).map((r) => (r === undefined ? base : { ...base, resolutions: r }));
  });
}

function slots(intent: ModelIntent): fc.Arbitrary<Record<string, unknown> | undefined> {
  const defs = intent.slots ?? [];
  if (defs.length === 0) return fc.constantFrom(undefined, {});
  return fc.tuple(...defs.map((d) => slot(d.name, d.type))).map((list) => Object.fromEntries(defs.map((d, i) => [d.name, list[i]])));
}

// ---------------------------------------------------------------------------------------------
// Couple state: what the store (and the session cache) may legitimately hold.

const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland', 'America/Los_Angeles'];
const nearDay = fc.integer({ min: -20, max: 20 }).map((n) => addDays(TODAY, n));
const recentDay = fc.integer({ min: -14, max: 0 }).map((n) => addDays(TODAY, n));
const cleanNameArb = fc.constantFrom('Sam', 'Alex', 'Rosalind', 'Bartholomew', 'Zoë', 'Jean-luc', 'Mary jane', '李小龍', 'A'.repeat(40));
const level = fc.integer({ min: 1, max: 5 });
const partnerId = fc.constantFrom<'a' | 'b'>('a', 'b');

const partners: fc.Arbitrary<Partner[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Partner[]>([]) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(cleanNameArb, cleanNameArb, fc.option(fc.constantFrom('amzn1.ask.person.p1', 'amzn1.ask.person.p2'), { nil: undefined }))
      .map(([a, b, voice]): Partner[] => [voice ? { id: 'a', name: a, personId: voice } : { id: 'a', name: a }, { id: 'b', name: b }]),
  },
);

/** A valid CoupleState, from new to well used. */
export const coupleState: fc.Arbitrary<CoupleState> = fc
  .record({
    partners,
    welcomed: fc.boolean(),
    timeZone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
    days: fc.dictionary(recentDay, fc.record({ energy: fc.record({ a: level, b: level }, { requiredKeys: [] }) }), { maxKeys: 5 }),
    recent: fc.subarray(ACTIVITY_IDS, { maxLength: 10 }),
    sessions: fc.array(
      fc.record({
        day: recentDay,
        activityId: fc.constantFrom(...ACTIVITY_IDS),
        ratings: fc.record(
          { a: fc.constantFrom('comfortable', 'tooMuch'), b: fc.constantFrom('comfortable', 'tooMuch'), both: fc.constantFrom('comfortable', 'tooMuch') },
          { requiredKeys: [] },
        ),
      }),
      { maxLength: 6 },
    ),
    restDays: fc.uniqueArray(nearDay, { maxLength: 3 }),
    appointments: fc.uniqueArray(nearDay, { maxLength: 3 }),
    lacks: fc.subarray([...NEEDS], { maxLength: 3 }),
    favourites: fc.subarray(ACTIVITY_IDS, { maxLength: 3 }),
    stepDown: fc.integer({ min: 0, max: 3 }),
    turn: partnerId,
    turnDay: fc.option(recentDay, { nil: undefined }),
    sore: fc.dictionary(recentDay, fc.subarray<'a' | 'b'>(['a', 'b'], { minLength: 1 }), { maxKeys: 2 }),
    checkIns: fc.subarray(CHECK_IN_IDS, { maxLength: 6 }),
    askedAboutDay: fc.option(recentDay, { nil: undefined }),
  })
  .map((g) => {
    const state = newCouple();
    state.partners = g.partners;
    state.welcomed = g.welcomed || g.partners.length > 0;
    if (g.timeZone) state.timeZone = g.timeZone;
    state.days = g.days;
    state.checkIns = g.checkIns;
    if (g.askedAboutDay) state.askedAboutDay = g.askedAboutDay;
    const p = state.pacing;
    p.recent = g.recent;
    p.sessions = [...g.sessions].sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0));
    p.restDays = [...g.restDays].sort();
    p.appointments = [...g.appointments].sort();
    p.lacks = g.lacks;
    p.favourites = g.favourites;
    p.stepDown = g.stepDown;
    p.turn = g.turn;
    if (g.turnDay) p.turnDay = g.turnDay;
    p.sore = g.sore;
    return state;
  });

/** The store's starting point for one case: empty, or a valid couple at some version. */
export interface Seed {
  state?: CoupleState;
  version: number;
}
export const seed: fc.Arbitrary<Seed> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Seed>({ version: 0 }) },
  { weight: 4, arbitrary: fc.record({ state: coupleState, version: fc.integer({ min: 1, max: 50 }) }) },
);

/** Everything the skill itself may put in session attributes (turn.ts's Pending). */
const pending = fc.oneof(
  fc.constant({ kind: 'names' }),
  cleanNameArb.map((name) => ({ kind: 'partnerName', name })),
  cleanNameArb.map((partnerName) => ({ kind: 'ownName', partnerName })),
  level.map((l) => ({ kind: 'whoIsSpeaking', level: l })),
  partnerId.map((partner) => ({ kind: 'energyFor', partner })),
  fc.constant({ kind: 'lastNight' }),
  fc.constantFrom('rest', 'appointment').map((dayKind) => ({ kind: 'dayFor', dayKind })),
  nearDay.map((day) => ({ kind: 'kindFor', day })),
  fc.constantFrom('idea', 'another', 'checkIn').map((yes) => ({ kind: 'offer', yes })),
  fc.constantFrom('ritualEnergy', 'reminderWhen', 'confirmDelete').map((kind) => ({ kind })),
  fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }).map((count) => (count === undefined ? { kind: 'goalKind' } : { kind: 'goalKind', count })),
  fc.constantFrom('ritual', 'careDate', 'touch', 'conversation').map((goalKind) => ({ kind: 'goalCount', goalKind })),
);

// ---------------------------------------------------------------------------------------------
// Envelopes.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Envelope = Record<string, unknown>;

/** Request types that arrive outside a session and must be answered without speech. */
export const SILENT_TYPES = [
  'AudioPlayer.PlaybackStarted',
  'AudioPlayer.PlaybackFinished',
  'AudioPlayer.PlaybackStopped',
  'AudioPlayer.PlaybackNearlyFinished',
  'AudioPlayer.PlaybackFailed',
  'PlaybackController.PlayCommandIssued',
  'PlaybackController.PauseCommandIssued',
  'PlaybackController.NextCommandIssued',
  'PlaybackController.PreviousCommandIssued',
  'System.ExceptionEncountered',
];
export const OTHER_TYPES = [
  'Connections.Response',
  'CanFulfillIntentRequest',
  'Alexa.Presentation.APL.UserEvent',
  'AlexaSkillEvent.SkillEnabled',
  'AlexaSkillEvent.SkillDisabled',
  'AlexaSkillEvent.SkillPermissionAccepted',
  'Messaging.MessageReceived',
  'foo.bar',
];
export const UNKNOWN_INTENTS = ['AMAZON.PauseIntent', 'AMAZON.ResumeIntent', 'AMAZON.ScrollUpIntent', 'UnknownIntent', '', ' ', 'AMAZON.', big('X', 10_000)];

/** True for requests that must be answered without speech: player and skill events, session ends. */
export const mustBeSilent = (type: unknown): boolean =>
  typeof type === 'string' &&
  (type.startsWith('AudioPlayer.') ||
    type.startsWith('PlaybackController.') ||
    type.startsWith('AlexaSkillEvent.') ||
    type === 'System.ExceptionEncountered' ||
    type === 'SessionEndedRequest');

function system(personId: string | undefined, withScreen: boolean, reminders = false): Envelope {
  const supportedInterfaces: Record<string, unknown> = { AudioPlayer: {} };
  if (withScreen) supportedInterfaces['Alexa.Presentation.APL'] = { runtime: { maxVersion: '2023.3' } };
  const user: Envelope = { userId: COUPLE_ID };
  if (reminders) user.permissions = { consentToken: 'fuzz-consent', scopes: { [REMINDERS_SCOPE]: { status: 'GRANTED' } } };
  const sys: Envelope = {
    application: { applicationId: SKILL_ID },
    user,
    device: { deviceId: 'amzn1.ask.device.fuzz', supportedInterfaces },
    apiEndpoint: FUZZ_API,
    apiAccessToken: 'fuzz-token',
  };
  if (personId) sys.person = { personId };
  return sys;
}

function envelopeOf(request: Envelope, session: Envelope | undefined, personId: string | undefined, withScreen: boolean, reminders = false): Envelope {
  const env: Envelope = { version: '1.0', context: { System: system(personId, withScreen, reminders) }, request };
  if (session) env.session = session;
  return env;
}

const requestBase = (type: string, locale: string) => ({
  type,
  requestId: 'amzn1.echo-api.request.fuzz',
  timestamp: '2026-11-26T01:00:00Z',
  locale,
});

const intentRequest = fc.constantFrom(...MODEL_INTENTS).chain((intent) =>
  fc.tuple(slots(intent), fc.constantFrom(undefined, 'STARTED', 'IN_PROGRESS', 'COMPLETED')).map(([s, dialogState]) => {
    const request: Envelope = {
      ...requestBase('IntentRequest', 'en-US'),
      intent: { name: intent.name, confirmationStatus: 'NONE', ...(s ? { slots: s } : {}) },
    };
    if (dialogState) request.dialogState = dialogState;
    return request;
  }),
);

/** Alexa's answer to the reminders permission request; the token is the care date the skill sent. */
const permissionAnswer = fc
  .tuple(
    fc.constantFrom('ACCEPTED', 'DENIED', 'NOT_ANSWERED'),
    fc.oneof(
      fc.tuple(nearDay, fc.constantFrom(...TIME_VALUES)).map(([day, time]) => JSON.stringify({ day, time })),
      nastyString,
    ),
  )
  .map(([status, token]): Envelope => ({
    ...requestBase('Connections.Response', 'en-US'),
    name: 'AskFor',
    status: { code: '200', message: 'OK' },
    payload: { status },
    token,
  }));

const otherRequest = fc.oneof(
  fc.constant<Envelope>(requestBase('LaunchRequest', 'en-US')),
  permissionAnswer,
  fc.constantFrom('USER_INITIATED', 'ERROR', 'EXCEEDED_MAX_REPROMPTS').map((reason) => {
    const r: Envelope = { ...requestBase('SessionEndedRequest', 'en-US'), reason };
    if (reason === 'ERROR') r.error = { type: 'INVALID_RESPONSE', message: 'SSML is invalid' };
    return r;
  }),
);

/** What the session carries: nothing yet, or what an earlier turn of the skill left there. */
const sessionAttributes = (s: Seed) =>
  fc
    .record(
      {
        couple: s.state ? fc.constant({ state: s.state, version: s.version }) : fc.constant(undefined),
        pending,
        offered: fc.subarray(ACTIVITY_IDS, { maxLength: 8 }),
      },
      { requiredKeys: [] },
    )
    .map((a) => JSON.parse(JSON.stringify(a)) as Envelope);

const session = (s: Seed, isNew: boolean) =>
  sessionAttributes(s).map((attributes) => ({
    new: isNew,
    sessionId: 'amzn1.echo-api.session.fuzz',
    application: { applicationId: SKILL_ID },
    user: { userId: COUPLE_ID },
    attributes: isNew ? {} : attributes,
  }));

/** One case: the store's starting point and an envelope the skill may receive. */
export interface Case {
  seed: Seed;
  envelope: unknown;
  /** 'valid' envelopes are ones Alexa could send; 'broken' ones are not. */
  kind: 'valid' | 'broken';
  /** The mutations that broke it, for a readable counterexample. */
  mutations?: string[];
}

/** A request Alexa could send: every intent in the model with random slots, launch, session end, player events. */
export const validCase: fc.Arbitrary<Case> = seed.chain((s) =>
  fc
    .record({
      request: fc.oneof(
        { weight: 6, arbitrary: intentRequest },
        { weight: 2, arbitrary: otherRequest },
        { weight: 1, arbitrary: fc.constantFrom(...SILENT_TYPES).map((t) => requestBase(t, 'en-US') as Envelope) },
      ),
      isNew: fc.boolean(),
      personId: fc.option(fc.constantFrom('amzn1.ask.person.p1', 'amzn1.ask.person.p2', 'amzn1.ask.person.stranger'), { nil: undefined }),
      screen: fc.boolean(),
      reminders: fc.boolean(),
      session: fc.boolean().chain((isNew) => session(s, isNew)),
      sessionless: fc.boolean(),
    })
    .map(({ request, personId, screen, reminders, session: sess, sessionless }): Case => {
      const silent = mustBeSilent(request.type) && request.type !== 'SessionEndedRequest';
      const withSession = !silent && !(sessionless && request.type === 'IntentRequest');
      if (silent) Object.assign(request, { token: 'fuzz-token', offsetInMilliseconds: 0 });
      return { seed: s, envelope: envelopeOf(request, withSession ? sess : undefined, personId, screen, reminders), kind: 'valid' };
    }),
);

// ---------------------------------------------------------------------------------------------
// Breaking envelopes: delete a field, put a wrong type in, or plant garbage in the session.

const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant<Json>(null),
  fc.constantFrom<Json>(0, -1, 1, 1.5, 1e308, -0),
  fc.boolean(),
  nastyString,
  fc.constantFrom<Json>([], {}),
  fc.array(fc.oneof(fc.integer(), nastyString, fc.constant(null)), { maxLength: 3 }) as fc.Arbitrary<Json>,
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

const STRUCTURE_PATHS = [
  'version',
  'context',
  'context.System',
  'context.System.user',
  'context.System.user.userId',
  'context.System.application',
  'context.System.device',
  'context.System.device.supportedInterfaces',
  'context.System.person',
  'context.System.person.personId',
  'context.System.apiEndpoint',
  'context.System.apiAccessToken',
  'session',
  'session.user',
  'session.user.userId',
  'session.new',
  'session.attributes',
  'request',
  'request.type',
  'request.requestId',
  'request.locale',
  'request.timestamp',
  'request.intent',
  'request.intent.name',
  'request.intent.slots',
  'request.dialogState',
];

const COUPLE_PATHS = [
  'session.attributes.couple',
  'session.attributes.couple.version',
  'session.attributes.couple.state',
  'session.attributes.couple.state.schemaVersion',
  'session.attributes.couple.state.partners',
  'session.attributes.couple.state.partners.0',
  'session.attributes.couple.state.partners.0.name',
  'session.attributes.couple.state.partners.0.id',
  'session.attributes.couple.state.partners.1.personId',
  'session.attributes.couple.state.welcomed',
  'session.attributes.couple.state.timeZone',
  'session.attributes.couple.state.days',
  `session.attributes.couple.state.days.${TODAY}`,
  `session.attributes.couple.state.days.${TODAY}.energy`,
  `session.attributes.couple.state.days.${TODAY}.energy.a`,
  'session.attributes.couple.state.pacing',
  'session.attributes.couple.state.pacing.sessions',
  'session.attributes.couple.state.pacing.recent',
  'session.attributes.couple.state.pacing.restDays',
  'session.attributes.couple.state.pacing.sore',
  'session.attributes.couple.state.pacing.setAside',
  'session.attributes.couple.state.pacing.turn',
  'session.attributes.couple.state.pacing.lacks',
  'session.attributes.couple.state.checkIns',
  'session.attributes.pending',
  'session.attributes.pending.kind',
  'session.attributes.pending.name',
  'session.attributes.pending.partnerName',
  'session.attributes.pending.level',
  'session.attributes.pending.partner',
  'session.attributes.pending.day',
  'session.attributes.pending.dayKind',
  'session.attributes.pending.yes',
  'session.attributes.offered',
  'session.attributes.offered.0',
];

const SLOT_PATHS = [
  'value',
  'resolutions',
  'resolutions.resolutionsPerAuthority',
  'resolutions.resolutionsPerAuthority.0',
  'resolutions.resolutionsPerAuthority.0.status',
  'resolutions.resolutionsPerAuthority.0.status.code',
  'resolutions.resolutionsPerAuthority.0.values',
  'resolutions.resolutionsPerAuthority.0.values.0',
  'resolutions.resolutionsPerAuthority.0.values.0.value',
  'resolutions.resolutionsPerAuthority.0.values.0.value.id',
  'slotValue',
];
const SLOT_NAMES = [...new Set(MODEL_INTENTS.flatMap((i) => (i.slots ?? []).map((s) => s.name)))];

/** Garbage the skill's own session attributes could hold after a bug or a deploy mid-session. */
const GARBAGE_PENDING: Json[] = [
  { kind: 'unknownKind' },
  { kind: 'whoIsSpeaking', level: 'five' },
  { kind: 'whoIsSpeaking', level: 99 },
  { kind: 'whoIsSpeaking' },
  { kind: 'partnerName', name: 5 },
  { kind: 'partnerName', name: null },
  { kind: 'partnerName', name: big('<speak>', 1000) },
  { kind: 'ownName', partnerName: ['x'] },
  { kind: 'energyFor', partner: 'c' },
  { kind: 'dayFor', dayKind: 'party' },
  { kind: 'kindFor', day: 'not-a-day' },
  { kind: 'kindFor', day: 20261126 },
  { kind: 'kindFor', day: '1999-01-01' },
  { kind: 'offer', yes: 'sandwich' },
  { kind: 'offer' },
  'names',
  [],
  7,
];
const GARBAGE_COUPLES: Json[] = [
  'couple',
  [],
  { state: null, version: 0 },
  { state: 'x', version: 0 },
  { state: [], version: 0 },
  { state: {}, version: 0 },
  { state: { partners: 'ab' }, version: 0 },
  { state: { partners: [{ id: 'a', name: 5 }, { id: 'b' }] }, version: 0 },
  {
    state: {
      partners: [
        { id: 'a', name: 'Sam' },
        { id: 'b', name: 'Alex' },
        { id: 'c', name: 'Eve' },
      ],
    },
    version: 0,
  },
  { state: { days: 'x', partners: [] }, version: 0 },
  { state: { days: { 'not-a-day': { energy: { a: 9 } } } }, version: 0 },
  { state: { days: { [TODAY]: { energy: { a: 'high', b: 9 } } } }, version: 0 },
  { state: { pacing: 'x' }, version: 0 },
  { state: { pacing: { restDays: 'x', appointments: null, sore: [], sessions: {} } }, version: 0 },
  { state: { timeZone: 'Mars/Olympus_Mons' }, version: 0 },
  { state: { checkIns: 'x' }, version: 0 },
  { state: { welcomed: 'yes' }, version: 0 },
  { state: newCouple() as unknown as Json, version: -1 },
  { state: newCouple() as unknown as Json, version: 'one' },
  { state: newCouple() as unknown as Json, version: 1.5 },
  { state: newCouple() as unknown as Json, version: 1e300 },
  { state: newCouple() as unknown as Json },
];
const GARBAGE_OFFERED: Json[] = ['one-good-thing', {}, 5, [1, 2], [null], Array.from({ length: 500 }, (_, i) => `id-${i}`), [{ id: 'x' }]];

interface Mutation {
  label: string;
  apply(env: Envelope): void;
}

function walk(env: Envelope, path: string, create: boolean): { parent: Record<string, unknown>; key: string } | undefined {
  const parts = path.split('.');
  const key = parts.pop();
  if (key === undefined) return undefined;
  let node: unknown = env;
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return undefined;
    const obj = node as Record<string, unknown>;
    if ((obj[part] === undefined || obj[part] === null) && create) obj[part] = {};
    node = obj[part];
  }
  if (node === null || typeof node !== 'object') return undefined;
  return { parent: node as Record<string, unknown>, key };
}

const setAt = (path: string, value: unknown): Mutation => ({
  label: `set ${path} = ${preview(value)}`,
  apply(env) {
    const at = walk(env, path, true);
    // A copy: constants are shared between cases, and a later mutation may write inside this one.
    if (at) at.parent[at.key] = structuredClone(value);
  },
});

/** Removes the field at a dotted path, when the path leads anywhere. */
export const deleteAt = (path: string): Mutation => ({
  label: `delete ${path}`,
  apply(env) {
    const at = walk(env, path, false);
    // Deleting a field named at run time is the mutation itself; envelopes are JSON objects, not maps.
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
    if (at) delete at.parent[at.key];
  },
});

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}… (${text.length} chars)` : text;
}

// Garbage is never written into apiEndpoint: the skill would send HTTP requests wherever it points.
const SETTABLE_PATHS = [...STRUCTURE_PATHS, ...COUPLE_PATHS].filter((p) => p !== 'context.System.apiEndpoint');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...STRUCTURE_PATHS, ...COUPLE_PATHS).map(deleteAt),
  fc.tuple(fc.constantFrom(...SETTABLE_PATHS), wrongValue).map(([p, v]) => setAt(p, v)),
  fc.constantFrom(...SILENT_TYPES, ...OTHER_TYPES, 'IntentRequest', 'LaunchRequest', 'SessionEndedRequest').map((t) => setAt('request.type', t)),
  fc.constantFrom(...UNKNOWN_INTENTS, ...MODEL_INTENTS.map((i) => i.name)).map((n) => setAt('request.intent.name', n)),
  fc.constantFrom('xx-XX', 'de-DE', 'en-GB', 'ja-JP', 'en_US', '', 'EN-us').map((l) => setAt('request.locale', l)),
  fc.constantFrom(...GARBAGE_PENDING).map((p) => setAt('session.attributes.pending', p)),
  fc.constantFrom(...GARBAGE_COUPLES).map((c) => setAt('session.attributes.couple', c)),
  fc.constantFrom(...GARBAGE_OFFERED).map((o) => setAt('session.attributes.offered', o)),
  fc.tuple(fc.constantFrom(...SLOT_NAMES), fc.constantFrom(...SLOT_PATHS), wrongValue).map(([s, p, v]) => setAt(`request.intent.slots.${s}.${p}`, v)),
  fc
    .tuple(fc.constantFrom(...SLOT_NAMES), nastyString)
    .map(([s, v]) => setAt(`request.intent.slots.${s}`, { name: s, value: v, resolutions: { resolutionsPerAuthority: v } })),
  fc.constantFrom<Json>('x', [], [{ name: 'level', value: '3' }], 7, null).map((v) => setAt('request.intent.slots', v)),
);

/** Shortens huge strings so a failing case prints readably. */
export function shorten(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 120 ? `${value.slice(0, 60)}…(${value.length} chars)` : value;
  if (Array.isArray(value)) return value.length > 20 ? [...value.slice(0, 20).map(shorten), `…(${value.length} items)`] : value.map(shorten);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v)]));
  return value;
}

/** Gives a case a short printout, so fast-check's counterexample is readable with 100 kB slots. */
export function printable(c: Case): Case {
  Object.defineProperty(c, fc.toStringMethod, {
    enumerable: false,
    value: () =>
      JSON.stringify(shorten({ kind: c.kind, mutations: c.mutations, seed: c.seed.state ? `couple v${c.seed.version}` : 'empty', envelope: c.envelope })),
  });
  return c;
}

/** A valid envelope with one to three things wrong with it, or outright garbage. */
export const brokenCase: fc.Arbitrary<Case> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.tuple(validCase, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([c, ms]): Case => {
      const env = structuredClone(c.envelope) as Envelope;
      ms.forEach((m) => m.apply(env));
      // What Lambda would hand over: parsed JSON (an array's named keys, say, do not survive).
      return { seed: c.seed, envelope: JSON.parse(JSON.stringify(env)), kind: 'broken', mutations: ms.map((m) => m.label) };
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(seed, fc.oneof(fc.constantFrom<unknown>(null, undefined, 0, 'envelope', [], {}, true), fc.jsonValue({ maxDepth: 3 })))
      .map(([s, envelope]): Case => ({ seed: s, envelope, kind: 'broken', mutations: ['garbage'] })),
  },
);

// ---------------------------------------------------------------------------------------------
// Checks.

/**
 * Why the envelope is structurally not an Alexa request, or undefined: only what is no JSON object
 * at all. An object missing its context or context.System is still answered.
 */
export function notAnAlexaRequest(envelope: unknown): string | undefined {
  if (envelope === null || envelope === undefined) return 'no envelope';
  if (typeof envelope !== 'object' || Array.isArray(envelope)) return 'not an object';
  return undefined;
}

/** A value nested `depth` levels deep, built without recursion (as JSON.parse in Lambda would build it). */
export function nested(depth: number, kind: 'object' | 'array' = 'object'): Json {
  let value: Json = kind === 'object' ? {} : [];
  for (let i = 0; i < depth; i++) value = kind === 'object' ? { a: value } : [value];
  return value;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isDayList = (v: unknown) => Array.isArray(v) && v.every((d) => typeof d === 'string' && isLocalDay(d));
const isStringList = (v: unknown) => Array.isArray(v) && v.every((d) => typeof d === 'string');
const isPartnerId = (v: unknown) => v === 'a' || v === 'b';

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a stored couple (raw JSON and version), or undefined when it is sound. */
export function coupleStateProblem(raw: string, version: unknown): string | undefined {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return `version ${String(version)}`;
  let state: unknown;
  try {
    state = JSON.parse(raw);
  } catch {
    return 'not JSON';
  }
  if (!isObject(state)) return 'not an object';
  if (state.schemaVersion !== 1) return 'schemaVersion';
  const partners = state.partners;
  if (!Array.isArray(partners) || partners.length > 2) return 'partners not an array of at most two';
  const ids = new Set<unknown>();
  for (const p of partners) {
    if (!isObject(p)) return 'partner not an object';
    if (!isPartnerId(p.id) || ids.has(p.id)) return `partner id ${String(p.id)}`;
    ids.add(p.id);
    if (typeof p.name !== 'string' || p.name.length > 40) return 'partner name not a string of at most 40';
    if (p.personId !== undefined && typeof p.personId !== 'string') return 'personId';
  }
  if (typeof state.welcomed !== 'boolean') return 'welcomed';
  if (state.timeZone !== undefined && (typeof state.timeZone !== 'string' || !isZone(state.timeZone))) return 'timeZone';
  if (!isObject(state.days)) return 'days not an object';
  for (const [day, record] of Object.entries(state.days)) {
    if (!isLocalDay(day)) return `day key ${day}`;
    if (!isObject(record)) return `day ${day} not an object`;
    if (record.energy !== undefined) {
      if (!isObject(record.energy)) return `energy on ${day}`;
      for (const [who, lvl] of Object.entries(record.energy)) {
        if (!isPartnerId(who) || typeof lvl !== 'number' || !Number.isInteger(lvl) || lvl < 1 || lvl > 5) return `energy ${who}=${String(lvl)} on ${day}`;
      }
    }
  }
  const p = state.pacing;
  if (!isObject(p)) return 'pacing not an object';
  if (
    !Array.isArray(p.sessions) ||
    !p.sessions.every((s) => isObject(s) && typeof s.day === 'string' && isLocalDay(s.day) && typeof s.activityId === 'string' && isObject(s.ratings))
  )
    return 'pacing.sessions';
  if (!isStringList(p.recent) || !isStringList(p.lacks) || !isStringList(p.favourites)) return 'pacing lists';
  if (!isDayList(p.restDays) || !isDayList(p.appointments)) return 'pacing calendar';
  if (!isObject(p.setAside) || !Object.values(p.setAside).every((d) => typeof d === 'string' && isLocalDay(d))) return 'pacing.setAside';
  if (!isObject(p.sore) || !Object.entries(p.sore).every(([d, who]) => isLocalDay(d) && Array.isArray(who) && who.every(isPartnerId))) return 'pacing.sore';
  if (typeof p.stepDown !== 'number' || !Number.isInteger(p.stepDown) || p.stepDown < 0) return 'pacing.stepDown';
  if (!isPartnerId(p.turn)) return 'pacing.turn';
  if (p.turnDay !== undefined && (typeof p.turnDay !== 'string' || !isLocalDay(p.turnDay))) return 'pacing.turnDay';
  if (!isStringList(state.checkIns)) return 'checkIns';
  if (state.askedAboutDay !== undefined && (typeof state.askedAboutDay !== 'string' || !isLocalDay(state.askedAboutDay))) return 'askedAboutDay';
  return undefined;
}

/** The structural check on a stored couple, as a predicate. */
export const isValidCoupleState = (raw: string, version: unknown): boolean => coupleStateProblem(raw, version) === undefined;

/**
 * KNOWN ISSUE, reported rather than fixed here (the fix belongs in the domain or CoupleSession):
 * turn.ts ignores a session couple of the wrong overall shape, but one that is sound on top and
 * garbage inside (a day key that is no date, an energy of 9, pacing lists of the wrong type) is
 * trusted, and saved with the next change when its version matches the store's. True for such envelopes.
 */
export function hasGarbledSessionCouple(envelope: unknown): boolean {
  const couple = (envelope as { session?: { attributes?: { couple?: unknown } } } | null)?.session?.attributes?.couple;
  if (couple === null || typeof couple !== 'object' || Array.isArray(couple)) return false;
  return coupleStateProblem(JSON.stringify((couple as { state?: unknown }).state ?? null), 1) !== undefined;
}

// Finding the control characters XML forbids is this pattern's whole job.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TAG = /^<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*")*)\s*(\/?)>$/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});$/;

/** Alexa's documented limit on outputSpeech. */
export const MAX_SSML_CHARS = 8000;

/** What is wrong with an SSML string (unbalanced tags, a raw `<` or `&` from user text...), or undefined. */
export function ssmlProblem(ssml: unknown): string | undefined {
  if (typeof ssml !== 'string') return 'ssml is not a string';
  if (!ssml.startsWith('<speak>') || !ssml.endsWith('</speak>')) return 'not wrapped in <speak>…</speak>';
  if (ssml.length > MAX_SSML_CHARS) return `longer than ${MAX_SSML_CHARS} characters (${ssml.length})`;
  const bad = XML_FORBIDDEN.exec(ssml);
  if (bad) return `character not allowed in XML: U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}`;
  const stack: string[] = [];
  for (const [token] of ssml.matchAll(/<[^>]*>?|&[^;\s<&]*;?|[^<&]+/g)) {
    if (token.startsWith('<')) {
      const tag = TAG.exec(token);
      if (!tag) return `raw "<" or malformed tag: ${token.slice(0, 40)}`;
      const [, closing, name = '', , selfClosing] = tag;
      if (name === 'speak' && (closing ? stack.length !== 1 : stack.length !== 0)) return '<speak> not at the root';
      if (closing) {
        if (stack.pop() !== name) return `unbalanced </${name}>`;
      } else if (!selfClosing) {
        stack.push(name);
      }
    } else if (token.startsWith('&')) {
      if (!ENTITY.test(token)) return `raw "&": ${token.slice(0, 20)}`;
    } else if (stack.length === 0) {
      return 'text outside <speak>';
    }
  }
  return stack.length === 0 ? undefined : `unclosed <${stack[stack.length - 1]}>`;
}

// ---------------------------------------------------------------------------------------------
// Hand-built envelopes for regression fixtures.

/** Short slot notation: a string is the spoken value; an object is the slot as sent. */
export type SlotSpec = Record<string, string | Json>;

export interface FixtureOptions {
  attributes?: Record<string, unknown>;
  session?: boolean;
  personId?: string;
}

/** A well-formed envelope of any request type, which a fixture then breaks by hand. */
export function requestOf(request: Envelope, opts: FixtureOptions = {}): Envelope {
  const sess = {
    new: opts.attributes === undefined,
    sessionId: 'amzn1.echo-api.session.fixture',
    application: { applicationId: SKILL_ID },
    user: { userId: COUPLE_ID },
    attributes: opts.attributes ?? {},
  };
  return envelopeOf({ ...requestBase(String(request.type), 'en-US'), ...request }, opts.session === false ? undefined : sess, opts.personId, false);
}

/** An IntentRequest with slots in short notation. */
export function intentOf(name: string, slotSpec: SlotSpec = {}, opts: FixtureOptions = {}): Envelope {
  const slotsOut = Object.fromEntries(
    Object.entries(slotSpec).map(([slotName, v]) => [slotName, typeof v === 'string' ? { name: slotName, value: v, confirmationStatus: 'NONE' } : v]),
  );
  return requestOf({ type: 'IntentRequest', intent: { name, confirmationStatus: 'NONE', slots: slotsOut } }, opts);
}

/** A couple that has finished onboarding, for fixtures that need one. */
export function setUpCouple(): CoupleState {
  const state = newCouple();
  state.partners = [
    { id: 'a', name: 'Sam' },
    { id: 'b', name: 'Alex' },
  ];
  state.welcomed = true;
  return state;
}
