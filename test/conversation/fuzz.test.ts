import fc from 'fast-check';
import type { RequestEnvelope } from 'ask-sdk-model';
import { startAlexaApi, type AlexaApi } from '../../src/local/alexa-api';
import { LOG_FIELDS } from '../../src/log';
import { buildSkill } from '../../src/skill';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { fixedTimeZone } from '../../src/time-zone';
import {
  brokenCase,
  coupleState,
  COUPLE_ID,
  FUZZ_API,
  coupleStateProblem,
  deleteAt,
  HUGE_STRINGS,
  intentOf,
  isValidCoupleState,
  mustBeSilent,
  nested,
  notAnAlexaRequest,
  printable,
  requestOf,
  setUpCouple,
  SKILL_ID,
  ssmlProblem,
  validCase,
  type Case,
  type Envelope,
  type Seed,
} from '../support/envelopes';
import { CapturingLog, TestClock } from '../support/skill';

/*
 * The rule for every envelope, valid or not:
 *  - invoke resolves with a well-formed response; or it rejects with an Error only when the
 *    envelope is no JSON object at all or, with a skill id configured, carries another skill's id
 *    (or none). Nothing else may reject: not a missing context, not session attributes nested
 *    thousands deep.
 *  - speech is SSML inside <speak>…</speak>, balanced, with user text escaped, only characters
 *    XML allows, within 8,000 chars; player events, skill events, System.ExceptionEncountered and
 *    SessionEndedRequest get no speech at all.
 *  - every couple in the store still parses and passes coupleStateProblem (partners ≤ 2 with names
 *    ≤ 40 chars, ISO day keys, energies 1..5, a positive integer version).
 *  - every log line carries only whitelisted keys (src/log.ts LOG_FIELDS).
 *  - an envelope Alexa could really send (kind 'valid') never reaches the error handler, logs
 *    scalars only and gets a response under Alexa's 24 kB.
 * Problems explained by a reported, unfixed issue are counted, not failed: see KNOWN_ISSUES.
 */

const ZONE = 'America/New_York';
const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
// Fixed by default so CI is repeatable; FUZZ_SEED=<n> replays or explores. fast-check prints seed and path on failure.
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);

const store = new MemoryCoupleStore();
const log = new CapturingLog();
const clock = new TestClock();
const deps = { store, clock, log, timeZones: fixedTimeZone(ZONE), defaultTimeZone: ZONE };
const skill = buildSkill(deps);
const guardedSkill = buildSkill({ ...deps, skillId: SKILL_ID });
let alexaApi: AlexaApi;

beforeAll(async () => {
  // Reminders are refused now and then, so both answers are fuzzed.
  let calls = 0;
  alexaApi = await startAlexaApi({ reminderStatus: () => (++calls % 3 === 0 ? 401 : 201) });
});
afterAll(() => alexaApi.close());

interface Outcome {
  response?: unknown;
  error?: unknown;
}

function reset(seed: Seed): void {
  store.items.clear();
  log.lines.length = 0;
  clock.set('2026-11-25T20:00:00-05:00');
  if (seed.state) store.items.set(COUPLE_ID, { state: JSON.stringify(seed.state), version: seed.version });
}

/** What Lambda hands the skill: parsed JSON, with Alexa's service APIs at the local stand-in. */
function asLambdaEvent(envelope: unknown): unknown {
  if (envelope === undefined) return undefined;
  const event = JSON.parse(JSON.stringify(envelope)) as { context?: { System?: { apiEndpoint?: unknown } } } | null;
  const sys = event?.context?.System;
  if (sys && typeof sys === 'object' && sys.apiEndpoint === FUZZ_API) sys.apiEndpoint = alexaApi.endpoint;
  return event;
}

async function play(c: Case, target = skill): Promise<Outcome> {
  reset(c.seed);
  alexaApi.calls.length = 0;
  try {
    return { response: await target.invoke(asLambdaEvent(c.envelope) as RequestEnvelope) };
  } catch (error) {
    return { error };
  }
}

const requestType = (envelope: unknown): unknown => (envelope as { request?: { type?: unknown } } | null)?.request?.type;

function responseProblems(c: Case, response: unknown): string[] {
  const problems: string[] = [];
  const envelope = response as { version?: unknown; response?: Record<string, unknown>; sessionAttributes?: unknown } | null;
  if (!envelope || typeof envelope !== 'object') return ['resolved with no response envelope'];
  if (envelope.version !== '1.0') problems.push(`version ${String(envelope.version)}`);
  const body = envelope.response;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [...problems, 'response is not an object'];
  const speeches = [
    ['outputSpeech', body.outputSpeech],
    ['reprompt', (body.reprompt as { outputSpeech?: unknown } | undefined)?.outputSpeech],
  ] as const;
  for (const [where, speech] of speeches) {
    if (speech === undefined) continue;
    const s = speech as { type?: unknown; ssml?: unknown };
    if (s.type !== 'SSML') problems.push(`${where} is not SSML`);
    const problem = ssmlProblem(s.ssml);
    if (problem) problems.push(`${where}: ${problem}`);
  }
  if (mustBeSilent(requestType(c.envelope)) && (body.outputSpeech !== undefined || body.reprompt !== undefined)) {
    problems.push(`speech in reply to ${String(requestType(c.envelope))}`);
  }
  if (body.shouldEndSession !== undefined && typeof body.shouldEndSession !== 'boolean') problems.push('shouldEndSession not a boolean');
  if (body.reprompt !== undefined && body.shouldEndSession === true) problems.push('reprompt on a closing response');
  try {
    const size = JSON.stringify(response).length;
    // Alexa refuses responses over 24 kB; only the skill's own output is held to it.
    if (c.kind === 'valid' && size > 24 * 1024) problems.push(`response is ${size} bytes`);
  } catch {
    problems.push('response is not JSON-serialisable');
  }
  return problems;
}

function checkCase(c: Case, outcome: Outcome, target = skill): string[] {
  const problems: string[] = [];
  const structural = notAnAlexaRequest(c.envelope) ?? (target === guardedSkill ? otherSkill(c.envelope) : undefined);
  if ('error' in outcome) {
    const e = outcome.error;
    if (!structural) problems.push(`rejected: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    else if (!(e instanceof Error)) problems.push(`rejected with a non-Error: ${String(e)}`);
  } else {
    problems.push(...responseProblems(c, outcome.response));
  }
  for (const [id, item] of store.items) {
    const problem = coupleStateProblem(item.state, item.version);
    if (problem) problems.push(`stored couple ${id.slice(0, 40)} corrupted: ${problem}`);
  }
  for (const line of log.lines) {
    for (const [key, value] of Object.entries(line.fields ?? {})) {
      if (!LOG_FIELDS.has(key)) problems.push(`log key ${key}`);
      // skill.ts logs requestId and intent as the envelope has them; jsonLog's scrub drops non-scalars.
      if (c.kind === 'valid' && value !== undefined && typeof value === 'object') problems.push(`log ${key} is not a scalar`);
    }
  }
  if (c.kind === 'valid') {
    const failed = log.lines.filter((l) => l.message === 'turn failed');
    if (failed.length > 0) problems.push(`error handler reached: ${failed.map((l) => String(l.fields?.error)).join(', ')}`);
  }
  return problems;
}

function otherSkill(envelope: unknown): string | undefined {
  type WithApp = { application?: { applicationId?: unknown } } | null;
  const env = envelope as { context?: { System?: WithApp } | null; session?: WithApp };
  // Without context.System, the session's application id is the only one there is.
  const id = env.context?.System ? env.context.System.application?.applicationId : env.session?.application?.applicationId;
  return id === SKILL_ID ? undefined : 'another skill';
}

/**
 * KNOWN ISSUES, reported rather than fixed: each lies outside the files this change may touch. A
 * problem one of them explains is counted, not failed; each has an it.failing fixture below, which
 * fails once the issue is fixed: then delete the entry here and turn the fixture into an `it`.
 */
const KNOWN_ISSUES: Record<string, (c: Case, problem: string) => boolean> = {};

let played = 0;
let apiCalls = 0;
const known: Record<string, number> = Object.fromEntries(Object.keys(KNOWN_ISSUES).map((k) => [k, 0]));
const startedAt = Date.now();

async function property(c: Case): Promise<void> {
  played++;
  const problems = checkCase(c, await play(c)).filter((problem) => {
    const issue = Object.entries(KNOWN_ISSUES).find(([, explains]) => explains(c, problem))?.[0];
    if (issue) known[issue] = (known[issue] ?? 0) + 1;
    return !issue;
  });
  apiCalls += alexaApi.calls.length;
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

describe('fuzz: every envelope gets a well-formed answer and leaves state sound', () => {
  afterAll(() => {
    const seconds = (Date.now() - startedAt) / 1000;
    process.stdout.write(
      `fuzz: ${played} envelopes in ${seconds.toFixed(1)} s (${Math.round(played / seconds)}/s), seed ${SEED}; ` +
        `${store.writes} writes, ${apiCalls} Alexa API calls; known issues hit: ${JSON.stringify(known)}\n`,
    );
  });

  it(`answers ${RUNS} envelopes Alexa could send without reaching the error handler`, async () => {
    await fc.assert(fc.asyncProperty(validCase.map(printable), property), { numRuns: RUNS, seed: SEED });
  });

  it(`answers ${RUNS} broken envelopes or rejects only non-Alexa ones`, async () => {
    await fc.assert(fc.asyncProperty(brokenCase.map(printable), property), { numRuns: RUNS, seed: SEED + 1 });
  });
});

// ---------------------------------------------------------------------------------------------
// Regression fixtures: hand-picked nasty envelopes, each with the outcome it must have.

const empty: Seed = { version: 0 };
const couple: Seed = { state: setUpCouple(), version: 3 };
const BIG = HUGE_STRINGS[1]; // 100 kB of "<speak>"

function without(envelope: Envelope, ...path: string[]): Envelope {
  deleteAt(path.join('.')).apply(envelope);
  return envelope;
}

const launch = () => requestOf({ type: 'LaunchRequest' });

type Expect = 'resolves' | 'rejects';
const FIXTURES: [string, Seed, unknown, Expect][] = [
  ['null envelope', empty, null, 'rejects'],
  ['an array', empty, [launch()], 'rejects'],
  ['empty object', empty, {}, 'resolves'],
  ['no context', empty, without(launch(), 'context'), 'resolves'],
  ['context without System', empty, without(launch(), 'context', 'System'), 'resolves'],
  ['context is a string', couple, { ...intentOf('LogEnergyIntent', { level: '3', name: 'Sam' }), context: 'x' }, 'resolves'],
  ['no context and no session', couple, without(requestOf({ type: 'LaunchRequest' }, { session: false }), 'context'), 'resolves'],
  [
    'no context, a player event',
    couple,
    without(requestOf({ type: 'AudioPlayer.PlaybackStopped', token: 't', offsetInMilliseconds: 0 }, { session: false }), 'context'),
    'resolves',
  ],
  ['no request', empty, without(launch(), 'request'), 'resolves'],
  ['no session and no user id anywhere', empty, without(requestOf({ type: 'LaunchRequest' }, { session: false }), 'context', 'System', 'user'), 'resolves'],
  ['user id is a number', empty, { ...launch(), context: { System: { user: { userId: 12345 } } } }, 'resolves'],
  ['IntentRequest with no intent', couple, requestOf({ type: 'IntentRequest' }), 'resolves'],
  ['intent name of 10 kB', couple, intentOf('X'.repeat(10_000)), 'resolves'],
  [
    'AudioPlayer.PlaybackStarted outside a session',
    couple,
    requestOf({ type: 'AudioPlayer.PlaybackStarted', token: 't', offsetInMilliseconds: 0 }, { session: false }),
    'resolves',
  ],
  ['PlaybackController.NextCommandIssued', couple, requestOf({ type: 'PlaybackController.NextCommandIssued' }, { session: false }), 'resolves'],
  [
    'SessionEndedRequest after an SSML error',
    couple,
    requestOf({ type: 'SessionEndedRequest', reason: 'ERROR', error: { type: 'INVALID_RESPONSE', message: 'bad' } }),
    'resolves',
  ],
  ['Connections.Response', couple, requestOf({ type: 'Connections.Response', name: 'AskFor', status: { code: '200' }, payload: {} }), 'resolves'],
  [
    'CanFulfillIntentRequest',
    couple,
    requestOf({ type: 'CanFulfillIntentRequest', intent: { name: 'LogEnergyIntent', slots: {} } }, { session: false }),
    'resolves',
  ],
  ['APL UserEvent', couple, requestOf({ type: 'Alexa.Presentation.APL.UserEvent', arguments: ['<speak>'] }), 'resolves'],
  ['foo.bar', couple, requestOf({ type: 'foo.bar' }), 'resolves'],
  ['energy 1e309', couple, intentOf('LogEnergyIntent', { level: '1e309' }), 'resolves'],
  ['energy NaN', couple, intentOf('LogEnergyIntent', { level: 'NaN' }), 'resolves'],
  ['energy -1 for a name that is markup', couple, intentOf('LogEnergyIntent', { level: '-1', name: '<speak>Sam</speak>' }), 'resolves'],
  ['names: 100 kB of <speak> and an ampersand', empty, intentOf('SetupPartnersIntent', { nameA: BIG, nameB: '&' }), 'resolves'],
  ['names with control characters', empty, intentOf('SetupPartnersIntent', { nameA: 'Sa\u0000m', nameB: '\u001b[31mAlex' }), 'resolves'],
  ['names: emoji sequence and a lone surrogate', empty, intentOf('SetupPartnersIntent', { nameA: '👩‍❤️‍👨', nameB: 'x\uD800' }), 'resolves'],
  ['rest day at the end of time', couple, intentOf('RestDayIntent', { date: '275760-09-13', dayKind: 'rest day' }), 'resolves'],
  ['rest day on 0000-00-00', couple, intentOf('RestDayIntent', { date: '0000-00-00', dayKind: 'rest day' }), 'resolves'],
  ['rest day on a week-53 weekend', couple, intentOf('RestDayIntent', { date: '2026-W53-WE', dayKind: 'appointment' }), 'resolves'],
  [
    'need with SSML and resolutions as a string',
    couple,
    intentOf('MissingNeedIntent', { need: { name: 'need', value: '<audio src="x"/>', resolutions: { resolutionsPerAuthority: 'x' } } }),
    'resolves',
  ],
  [
    'resolutionsPerAuthority is a number',
    couple,
    intentOf('ActivityFeedbackIntent', { feedback: { name: 'feedback', value: 'lovely', resolutions: { resolutionsPerAuthority: 5 } } }),
    'resolves',
  ],
  [
    'resolution values null',
    couple,
    intentOf('ActivityFeedbackIntent', {
      feedback: { name: 'feedback', value: 'x', resolutions: { resolutionsPerAuthority: [{ status: { code: 'ER_SUCCESS_MATCH' }, values: null }] } },
    }),
    'resolves',
  ],
  [
    'slots is an array',
    couple,
    {
      ...intentOf('LogEnergyIntent'),
      request: { type: 'IntentRequest', requestId: 'r', locale: 'en-US', intent: { name: 'LogEnergyIntent', slots: [{ name: 'level', value: '3' }] } },
    },
    'resolves',
  ],
  [
    'session couple of the wrong shape',
    empty,
    requestOf({ type: 'LaunchRequest' }, { attributes: { couple: { state: { partners: 'ab' }, version: 0 } } }),
    'resolves',
  ],
  [
    'session couple in an unknown time zone',
    empty,
    intentOf('SuggestActivityIntent', {}, { attributes: { couple: { state: { ...setUpCouple(), timeZone: 'Mars/Olympus_Mons' }, version: 0 } } }),
    'resolves',
  ],
  [
    'pending partner name is a number',
    empty,
    intentOf('SetupPartnersIntent', { nameA: 'Sam' }, { attributes: { pending: { kind: 'partnerName', name: 5 } } }),
    'resolves',
  ],
  [
    'pending level out of range',
    couple,
    intentOf('SetupPartnersIntent', { nameA: 'Sam' }, { attributes: { pending: { kind: 'whoIsSpeaking', level: 99 } } }),
    'resolves',
  ],
  ['pending of an unknown kind', couple, intentOf('AMAZON.YesIntent', {}, { attributes: { pending: { kind: 'launchMissiles' } } }), 'resolves'],
  ['offered is a string', couple, intentOf('AnotherIdeaIntent', {}, { attributes: { offered: 'one-good-thing' } }), 'resolves'],
  ['unknown locale', couple, { ...launch(), request: { type: 'LaunchRequest', requestId: 'r', locale: 'xx-XX' } }, 'resolves'],
  ['care date at a time that is markup', couple, intentOf('ScheduleCareDateIntent', { date: '2026-11-27', time: '<speak>19:00</speak>' }), 'resolves'],
  [
    'care date permission answer with a garbage token',
    couple,
    requestOf({ type: 'Connections.Response', name: 'AskFor', status: { code: '200' }, payload: { status: 'ACCEPTED' }, token: '{"day":"<x>","time":"&"}' }),
    'resolves',
  ],
  [
    'skill disabled outside a session',
    couple,
    requestOf({ type: 'AlexaSkillEvent.SkillDisabled', body: { userId: COUPLE_ID } }, { session: false }),
    'resolves',
  ],
  ['red flag hidden in a 100 kB name', couple, intentOf('LogEnergyIntent', { level: '3', name: HUGE_STRINGS[4] }), 'resolves'],
];

describe('fuzz regression fixtures', () => {
  it.each(FIXTURES)('%s', async (_name, seed, envelope, expected) => {
    const c = printable({ seed, envelope, kind: 'broken' });
    const outcome = await play(c);
    expect(checkCase(c, outcome)).toEqual([]);
    expect('error' in outcome ? 'rejects' : 'resolves').toBe(expected);
  });

  it('answers a launch or an intent without context kindly, and an event without context silently', async () => {
    const spoken = (outcome: Outcome) => (outcome.response as { response: { outputSpeech?: { ssml: string } } }).response.outputSpeech?.ssml ?? '';
    const cases: [unknown, 'speech' | 'silence'][] = [
      [without(launch(), 'context'), 'speech'],
      [without(intentOf('LogEnergyIntent', { level: '3', name: 'Sam' }), 'context'), 'speech'],
      [without(requestOf({ type: 'LaunchRequest' }, { session: false }), 'context'), 'speech'],
      [without(requestOf({ type: 'AudioPlayer.PlaybackStopped', token: 't', offsetInMilliseconds: 0 }, { session: false }), 'context'), 'silence'],
      [without(requestOf({ type: 'Connections.Response', name: 'AskFor', payload: { status: 'ACCEPTED' } }, { session: false }), 'context'), 'silence'],
    ];
    for (const [envelope, expected] of cases) {
      const outcome = await play(printable({ seed: couple, envelope, kind: 'broken' }));
      expect(outcome.error).toBeUndefined();
      if (expected === 'speech') expect(spoken(outcome)).toMatch(/\w/);
      else expect(spoken(outcome)).toBe('');
    }
    // With a session, the couple is still known: the turn goes on as usual.
    const logged = await play(
      printable({ seed: couple, envelope: without(intentOf('LogEnergyIntent', { level: '3', name: 'Sam' }), 'context'), kind: 'broken' }),
    );
    expect(spoken(logged)).toMatch(/Sam/);
  });

  it('rejects an envelope without context for another skill, or for no skill, when a skill id is configured', async () => {
    const other = without(launch(), 'context');
    (other.session as { application: { applicationId: string } }).application.applicationId = 'amzn1.ask.skill.someone-else';
    expect((await play(printable({ seed: empty, envelope: other, kind: 'broken' }), guardedSkill)).error).toBeInstanceOf(Error);
    const nobody = without(requestOf({ type: 'LaunchRequest' }, { session: false }), 'context');
    expect((await play(printable({ seed: empty, envelope: nobody, kind: 'broken' }), guardedSkill)).error).toBeInstanceOf(Error);
    const own = printable({ seed: empty, envelope: without(launch(), 'context'), kind: 'broken' });
    const answered = await play(own, guardedSkill);
    expect(answered.error).toBeUndefined();
    expect(checkCase(own, answered, guardedSkill)).toEqual([]);
  });

  it('rejects an envelope for another skill when a skill id is configured, and answers its own', async () => {
    const other = requestOf({ type: 'LaunchRequest' });
    (other.context as { System: { application: { applicationId: string } } }).System.application.applicationId = 'amzn1.ask.skill.someone-else';
    const rejected = await play(printable({ seed: empty, envelope: other, kind: 'broken' }), guardedSkill);
    expect(rejected.error).toBeInstanceOf(Error);

    const own = printable({ seed: empty, envelope: launch(), kind: 'valid' });
    const answered = await play(own, guardedSkill);
    expect(checkCase(own, answered, guardedSkill)).toEqual([]);
    expect(answered.error).toBeUndefined();
  });

  // Once known issues, now fixed: kept as regression tests.
  it('answers a care date at "__proto__" o\'clock without reaching the error handler', async () => {
    const envelope = intentOf('ScheduleCareDateIntent', { date: '2026-11-27', time: '__proto__' });
    const user = (envelope.context as { System: { user: Record<string, unknown> } }).System.user;
    user.permissions = { consentToken: 'granted', scopes: { 'alexa::alerts:reminders:skill:readwrite': { status: 'GRANTED' } } };
    await play(printable({ seed: couple, envelope, kind: 'valid' }));
    expect(log.lines.filter((l) => l.message === 'turn failed')).toEqual([]);
  });

  it('does not save a session couple that is sound on top and garbage inside', async () => {
    const garbled = { ...setUpCouple(), days: { 'not-a-day': { energy: { a: 9 } } } };
    const c = printable({
      seed: empty,
      envelope: intentOf('LogEnergyIntent', { level: '3', name: 'Sam' }, { attributes: { couple: { state: garbled, version: 0 } } }),
      kind: 'broken',
    });
    await play(c);
    const item = store.items.get(COUPLE_ID);
    expect(item && coupleStateProblem(item.state, item.version)).toBeUndefined();
  });

  it('says a 40-unit name that ends in an emoji as valid SSML', async () => {
    const c = printable({ seed: empty, envelope: intentOf('SetupPartnersIntent', { nameA: `${'A'.repeat(39)}😀`, nameB: 'Alex' }), kind: 'broken' });
    const outcome = await play(c);
    expect(ssmlProblem((outcome.response as { response: { outputSpeech: { ssml: string } } }).response.outputSpeech.ssml)).toBeUndefined();
  });

  it('never stores an empty partner name', async () => {
    const c = printable({ seed: empty, envelope: intentOf('SetupPartnersIntent', { nameA: "'s", nameB: 'Alex' }), kind: 'broken' });
    await play(c);
    const names = JSON.parse(store.items.get(COUPLE_ID)?.state ?? '{"partners":[]}').partners.map((p: { name: string }) => p.name);
    expect(names).not.toContain('');
  });

  it('says nothing to player events and session ends', async () => {
    for (const type of ['AudioPlayer.PlaybackFailed', 'PlaybackController.PauseCommandIssued', 'System.ExceptionEncountered', 'SessionEndedRequest']) {
      const outcome = await play(printable({ seed: couple, envelope: requestOf({ type }, { session: type === 'SessionEndedRequest' }), kind: 'valid' }));
      expect((outcome.response as { response: Record<string, unknown> }).response.outputSpeech).toBeUndefined();
    }
  });

  it('keeps names short and escaped in what it stores and says', async () => {
    const c = printable({ seed: empty, envelope: intentOf('SetupPartnersIntent', { nameA: BIG, nameB: 'Tom & Jerry' }), kind: 'valid' });
    const outcome = await play(c);
    expect(checkCase(c, outcome)).toEqual([]);
    const ssml = (outcome.response as { response: { outputSpeech: { ssml: string } } }).response.outputSpeech.ssml;
    expect(ssml).toContain('&amp;');
    const names = JSON.parse(store.items.get(COUPLE_ID)!.state).partners.map((p: { name: string }) => p.name);
    expect(names.every((n: string) => n.length <= 40)).toBe(true);
  });
});

describe('session attributes nested thousands deep', () => {
  const DEPTH = 20_000;
  const attributes: [string, Record<string, unknown> | unknown[]][] = [
    ['an unknown key', { junk: nested(DEPTH) }],
    ['the couple', { couple: nested(DEPTH) }],
    ['the couple state', { couple: { state: nested(DEPTH), version: 3 } }],
    ['days in the couple state', { couple: { state: { ...setUpCouple(), days: nested(DEPTH) }, version: 3 } }],
    ['pending', { pending: nested(DEPTH) }],
    ['offered', { offered: nested(DEPTH, 'array') }],
    ['the attributes themselves', nested(DEPTH, 'array') as unknown[]],
  ];
  const requests: [string, (attrs: Record<string, unknown>) => Envelope, 'speech' | 'silence'][] = [
    ['a launch', (attrs) => requestOf({ type: 'LaunchRequest' }, { attributes: attrs }), 'speech'],
    ['an energy log', (attrs) => intentOf('LogEnergyIntent', { level: '3', name: 'Sam' }, { attributes: attrs }), 'speech'],
    ['a session end', (attrs) => requestOf({ type: 'SessionEndedRequest', reason: 'USER_INITIATED' }, { attributes: attrs }), 'silence'],
    ['an APL event', (attrs) => requestOf({ type: 'Alexa.Presentation.APL.UserEvent', arguments: [] }, { attributes: attrs }), 'silence'],
  ];
  const cases = attributes.flatMap(([where, attrs]) => requests.map(([what, make, expected]) => [`${what}, with ${where}`, make, attrs, expected] as const));

  it.each(cases)('answers %s', async (_name, make, attrs, expected) => {
    reset(couple);
    // Straight in, as Lambda hands over its parsed event: the harness's own JSON copy would overflow here.
    const envelope = make({});
    (envelope.session as { attributes: unknown }).attributes = attrs;
    const response = await skill.invoke(envelope as unknown as RequestEnvelope);
    // Lambda serialises the answer: it has to survive JSON.stringify.
    const text = JSON.stringify(response);
    expect(text.length).toBeLessThan(24 * 1024);
    const speech = response.response.outputSpeech as { ssml?: string } | undefined;
    if (expected === 'speech') expect(ssmlProblem(speech?.ssml)).toBeUndefined();
    else expect(speech).toBeUndefined();
    expect(log.lines.filter((l) => l.message === 'turn failed')).toEqual([]);
  });
});

describe('the fuzz checks themselves', () => {
  it("ssmlProblem accepts the skill's SSML and catches what Alexa would refuse", () => {
    expect(ssmlProblem('<speak>Hi Tom &amp; Jerry.<break time="300ms"/> Rest well.</speak>')).toBeUndefined();
    for (const bad of [
      'Hi',
      '<speak>a < b</speak>',
      '<speak>Tom & Jerry</speak>',
      '<speak><speak>x</speak></speak>',
      '<speak><p>x</speak>',
      '<speak>a\u0000b</speak>',
      '<speak>\uD83D</speak>',
      `<speak>${'a'.repeat(8000)}</speak>`,
    ]) {
      expect(ssmlProblem(bad)).toBeDefined();
    }
  });

  it('coupleStateProblem passes every generated couple and catches corruption', () => {
    fc.assert(fc.property(coupleState, (state) => isValidCoupleState(JSON.stringify(state), 1)));
    const good = setUpCouple();
    expect(coupleStateProblem(JSON.stringify(good), 1)).toBeUndefined();
    expect(coupleStateProblem(JSON.stringify(good), 0)).toBeDefined();
    expect(coupleStateProblem('{', 1)).toBeDefined();
    expect(coupleStateProblem(JSON.stringify({ ...good, partners: [...good.partners, { id: 'a', name: 'Eve' }] }), 1)).toBeDefined();
    expect(coupleStateProblem(JSON.stringify({ ...good, partners: [{ id: 'a', name: 'A'.repeat(41) }] }), 1)).toBeDefined();
    expect(coupleStateProblem(JSON.stringify({ ...good, days: { tomorrow: {} } }), 1)).toBeDefined();
    expect(coupleStateProblem(JSON.stringify({ ...good, days: { '2026-11-25': { energy: { a: 9 } } } }), 1)).toBeDefined();
  });

  it('notAnAlexaRequest names only what is no JSON object', () => {
    expect(notAnAlexaRequest(requestOf({ type: 'LaunchRequest' }))).toBeUndefined();
    expect(notAnAlexaRequest(without(requestOf({ type: 'LaunchRequest' }), 'request'))).toBeUndefined();
    for (const fine of [{}, { context: {} }, { context: { System: null } }]) expect(notAnAlexaRequest(fine)).toBeUndefined();
    for (const bad of [null, undefined, 7, 'envelope', []]) expect(notAnAlexaRequest(bad)).toBeDefined();
  });
});
