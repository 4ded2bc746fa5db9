import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { canfulfill } from 'ask-sdk-model';
import { isType } from '../answers/support';
import { dayFromSlot, goalCount, lookupSlotValue, timeFromSlot } from '../answers/vocabulary';
import { cleanName } from '../domain/couple';
import { readLevel } from '../domain/energy';
import { hasRedFlag } from '../domain/safety';

type Verdict = canfulfill.CanFulfillIntentValues;
type SlotAnswer = canfulfill.CanFulfillSlot;

/** How one slot is judged: the model type it must have, and the answer for a value Alexa heard. */
interface SlotRule {
  type: string;
  judge: (value: string, resolvedId: string | undefined) => SlotAnswer;
}

/** What the skill can do with one intent, before looking at any slot. */
export interface Ability {
  /** YES: always, for any couple; MAYBE: only in some state (an idea offered, a ritual underway…); NO: not asked of it by name. */
  can: Verdict;
  slots?: Record<string, SlotRule>;
  /** Slots it must hear (a list: any one of them), or it has to ask, so the answer is at most MAYBE. */
  needs?: (string | readonly string[])[];
}

const YES: SlotAnswer = { canUnderstand: 'YES', canFulfill: 'YES' };
const NOT_OURS: SlotAnswer = { canUnderstand: 'NO', canFulfill: 'NO' };

/** A value of a custom slot type: understood when entity resolution or the model's words know it. */
const known = (type: string, opts: { anyValueWorks?: boolean; notOurs?: string[] } = {}): SlotRule => ({
  type,
  judge(value, resolvedId) {
    if (opts.notOurs?.includes(value.toLowerCase())) return { canUnderstand: 'YES', canFulfill: 'NO' };
    const id = resolvedId ?? lookupSlotValue(type, value);
    if (id) return YES;
    return { canUnderstand: 'MAYBE', canFulfill: opts.anyValueWorks ? 'YES' : 'NO' };
  },
});

/** An AMAZON.NUMBER read the way its handler reads it: a number outside the range is heard but cannot be done. */
const number = (read: (text: string) => 'ok' | 'outOfRange' | 'none'): SlotRule => ({
  type: 'AMAZON.NUMBER',
  judge(value) {
    const reading = read(value);
    if (reading === 'ok') return YES;
    return reading === 'outOfRange' ? { canUnderstand: 'MAYBE', canFulfill: 'NO' } : NOT_OURS;
  },
});

const energyLevel = number((text) => {
  const kind = readLevel(text).kind;
  return kind === 'level' ? 'ok' : kind;
});
const goalPerWeek = number((text) => (typeof goalCount(text) === 'number' ? 'ok' : /\d/.test(text) ? 'outOfRange' : 'none'));

/** Any first name will do: an unknown one is asked about, never refused. */
const firstName: SlotRule = {
  type: 'AMAZON.FirstName',
  judge: (value) => (/\p{L}/u.test(cleanName(value)) ? YES : NOT_OURS),
};

/** One concrete day; a week or a month is heard but too vague for a rest day or a reminder. */
const day: SlotRule = {
  type: 'AMAZON.DATE',
  judge: (value) => (dayFromSlot(value) ? YES : { canUnderstand: 'MAYBE', canFulfill: 'NO' }),
};

const clockTime: SlotRule = {
  type: 'AMAZON.TIME',
  judge: (value) => (timeFromSlot(value) ? YES : { canUnderstand: 'MAYBE', canFulfill: 'NO' }),
};

// The built-ins only mean something inside a Twilight session or while its music plays, where
// Alexa routes them without asking; name-free, they belong to Alexa or to whatever is playing.
const SESSION_ONLY: Ability = { can: 'NO' };

/**
 * Every intent of models/en-US.json and what Twilight can honestly promise for it, name-free.
 * A new intent answers NO until it is listed here (test/unit/can-fulfill.test.ts names it).
 */
export const ABILITIES: Readonly<Record<string, Ability>> = {
  'AMAZON.HelpIntent': SESSION_ONLY,
  'AMAZON.StopIntent': SESSION_ONLY,
  'AMAZON.CancelIntent': SESSION_ONLY,
  'AMAZON.FallbackIntent': SESSION_ONLY,
  'AMAZON.NavigateHomeIntent': SESSION_ONLY,
  'AMAZON.NoIntent': SESSION_ONLY,
  'AMAZON.YesIntent': SESSION_ONLY,
  'AMAZON.PauseIntent': SESSION_ONLY,
  'AMAZON.ResumeIntent': SESSION_ONLY,
  'AMAZON.NextIntent': SESSION_ONLY,
  'AMAZON.PreviousIntent': SESSION_ONLY,
  'AMAZON.RepeatIntent': SESSION_ONLY,
  'AMAZON.LoopOnIntent': SESSION_ONLY,
  'AMAZON.LoopOffIntent': SESSION_ONLY,
  'AMAZON.ShuffleOnIntent': SESSION_ONLY,
  'AMAZON.ShuffleOffIntent': SESSION_ONLY,
  'AMAZON.StartOverIntent': SESSION_ONLY,
  // A red flag said without naming Twilight is Alexa's to answer, not a wellness skill's.
  SafetyIntent: { can: 'NO', slots: { symptom: known('Symptom'), name: firstName, dialled: number(() => 'ok') } },
  LogEnergyIntent: { can: 'YES', slots: { level: energyLevel, energyWord: known('EnergyWord'), name: firstName }, needs: [['level', 'energyWord']] },
  SetupPartnersIntent: { can: 'YES', slots: { nameA: firstName, nameB: firstName }, needs: ['nameA', 'nameB'] },
  SuggestActivityIntent: { can: 'YES' },
  AnotherIdeaIntent: { can: 'MAYBE' },
  ActivityFeedbackIntent: { can: 'MAYBE', slots: { feedback: known('FeedbackWord') }, needs: ['feedback'] },
  RestDayIntent: { can: 'YES', slots: { date: day, dayKind: known('DayKind'), name: firstName }, needs: ['date', 'dayKind'] },
  // Only the fact of soreness is kept, so any body part works; a sore chest may be a red flag.
  SoreTodayIntent: { can: 'YES', slots: { name: firstName, bodyPart: known('BodyPart', { anyValueWorks: true, notOurs: ['chest'] }) } },
  MissingNeedIntent: { can: 'YES', slots: { need: known('Need') }, needs: ['need'] },
  WhoseTurnIntent: { can: 'YES', slots: { name: firstName } },
  PassTurnIntent: { can: 'YES', slots: { name: firstName } },
  CheckInQuestionIntent: { can: 'YES' },
  StartRitualIntent: { can: 'YES' },
  RitualNextIntent: { can: 'MAYBE' },
  RitualPauseIntent: { can: 'MAYBE' },
  NotTonightIntent: { can: 'YES' },
  AmbienceOffIntent: { can: 'YES', slots: { part: known('AmbiencePart') }, needs: ['part'] },
  AmbienceOnIntent: { can: 'YES', slots: { part: known('AmbiencePart') }, needs: ['part'] },
  LightsUpIntent: { can: 'MAYBE' },
  SetGoalIntent: { can: 'YES', slots: { count: goalPerWeek, goalKind: known('GoalKind'), times: known('GoalTimes') }, needs: ['goalKind'] },
  LogWinIntent: { can: 'YES', slots: { winCategory: known('WinCategory'), name: firstName } },
  ProgressIntent: { can: 'YES' },
  CalendarListIntent: { can: 'YES', slots: { name: firstName } },
  CalendarRemoveIntent: { can: 'MAYBE', slots: { date: day, dayKind: known('DayKind'), name: firstName } },
  ScheduleCareDateIntent: { can: 'MAYBE', slots: { date: day, time: clockTime } },
  // Alexa runs the offer and the couple may still say no, so the routine itself is only a maybe.
  OfferRoutineIntent: { can: 'MAYBE', slots: { time: clockTime, days: known('RoutineDays') } },
  DeleteDataIntent: { can: 'YES' },
  // Words of discomfort and "we're okay" are too general to claim without the couple naming Twilight.
  ConsentIntent: { can: 'NO', slots: { name: firstName } },
  SafetyClearIntent: { can: 'NO', slots: { name: firstName } },
  SetAsideIntent: { can: 'MAYBE' },
  SensualIdeasOnIntent: { can: 'MAYBE' },
  SensualIdeasOffIntent: { can: 'YES', slots: { name: firstName } },
};

const RANK: Record<Verdict, number> = { NO: 0, MAYBE: 1, YES: 2 };
const lowest = (...verdicts: Verdict[]): Verdict => verdicts.reduce((a, b) => (RANK[b] < RANK[a] ? b : a), 'YES');

type RawSlot = { value?: unknown; resolutions?: { resolutionsPerAuthority?: unknown } } | null | undefined;
type RawAuthority = { status?: { code?: unknown } | null; values?: unknown } | null | undefined;
type RawValue = { value?: { id?: unknown } | null } | null | undefined;

function resolvedIdOf(slot: RawSlot): string | undefined {
  const authorities = slot?.resolutions?.resolutionsPerAuthority;
  if (!Array.isArray(authorities)) return undefined;
  for (const authority of authorities as RawAuthority[]) {
    if (authority?.status?.code !== 'ER_SUCCESS_MATCH' || !Array.isArray(authority.values)) continue;
    const [first] = authority.values as RawValue[];
    const id = first?.value?.id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

/** The heard slots: those with a non-empty text value. Alexa lists unfilled slots too. */
function heardSlots(intent: { slots?: unknown }): [string, string, string | undefined][] {
  const slots = intent.slots;
  if (!slots || typeof slots !== 'object' || Array.isArray(slots)) return [];
  const heard: [string, string, string | undefined][] = [];
  for (const [name, slot] of Object.entries(slots as Record<string, RawSlot>)) {
    const value = slot && typeof slot === 'object' ? slot.value : undefined;
    if (typeof value === 'string' && value.trim() !== '' && value.trim() !== '?') heard.push([name, value.trim().slice(0, 200), resolvedIdOf(slot)]);
  }
  return heard;
}

/**
 * Whether Twilight can understand and do what Alexa heard, per intent and per slot, from ABILITIES
 * alone: no store, no speech, nothing changed, so Alexa can ask as often as it likes.
 */
export function canFulfill(intent: unknown, abilities: Readonly<Record<string, Ability>> = ABILITIES): canfulfill.CanFulfillIntent {
  const named = intent && typeof intent === 'object' ? (intent as { name?: unknown; slots?: unknown }) : {};
  const ability = typeof named.name === 'string' && Object.hasOwn(abilities, named.name) ? abilities[named.name] : undefined;
  const heard = heardSlots(named);
  const slots: Record<string, SlotAnswer> = {};
  if (!ability || ability.can === 'NO') {
    for (const [name] of heard) slots[name] = NOT_OURS;
    return { canFulfill: 'NO', slots };
  }
  if (heard.some(([, value]) => hasRedFlag(value))) {
    for (const [name] of heard) slots[name] = NOT_OURS;
    return { canFulfill: 'NO', slots };
  }

  let verdict: Verdict = ability.can;
  for (const [name, value, id] of heard) {
    const rule = ability.slots && Object.hasOwn(ability.slots, name) ? ability.slots[name] : undefined;
    const answer = rule ? rule.judge(value, id) : NOT_OURS;
    slots[name] = answer;
    // YES needs every slot understood and doable; one that cannot be done makes the whole a NO.
    verdict = lowest(verdict, answer.canFulfill === 'NO' ? 'NO' : answer.canUnderstand);
  }
  const names = new Set(heard.map(([name]) => name));
  const missing = (ability.needs ?? []).some((need) => (typeof need === 'string' ? !names.has(need) : !need.some((n) => names.has(n))));
  if (missing) verdict = lowest(verdict, 'MAYBE');
  return { canFulfill: verdict, slots };
}

/** Alexa+ and name-free routing ask "could you do this?" before sending the intent; answered silently. */
export const canFulfillHandler: RequestHandler = {
  canHandle: isType('CanFulfillIntentRequest'),
  handle(input: HandlerInput) {
    const request = input.requestEnvelope.request as { intent?: unknown };
    return input.responseBuilder.withCanFulfillIntent(canFulfill(request.intent)).getResponse();
  },
};
