import { getIntentName, getRequestType, type HandlerInput } from 'ask-sdk-core';
import slotValues from '../content/slot-values.json';
import { cleanName } from '../domain/couple';
import { addDays, isLocalDay, type LocalDay } from '../domain/dates';
import { readLevel, type LevelReading } from '../domain/energy';
import { MAX_GOAL, MIN_GOAL } from '../domain/goals';
import { slotId, slotText } from './support';

/** Custom slot values from the model, extracted by `npm run models` (generated, never hand-edited). */
const TYPES = slotValues as Record<string, { id: string; words: string[] }[]>;

/** Looks a spoken word up in a custom slot type of the model, returning the value's id. */
export function lookupSlotValue(typeName: string, text: string | undefined): string | undefined {
  if (!text) return undefined;
  const wanted = text.trim().toLowerCase();
  for (const value of TYPES[typeName] ?? []) {
    if (value.words.some((w) => w.toLowerCase() === wanted)) return value.id;
  }
  return undefined;
}

/**
 * Reads an AMAZON.DATE value as one local day: an ISO day as is, a weekend ("2026-W48-WE") as its
 * Saturday; weeks, months and seasons are too vague for a rest day and read as undefined.
 */
export function dayFromSlot(value: string | undefined): LocalDay | undefined {
  if (!value) return undefined;
  if (isLocalDay(value)) return value;
  const weekend = /^(\d{4})-W(\d{2})-WE$/.exec(value);
  if (weekend) {
    const [, year, week] = weekend;
    const jan4 = new Date(Date.UTC(Number(year), 0, 4));
    const monday = addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7) + (Number(week) - 1) * 7);
    return addDays(monday, 5);
  }
  return undefined;
}

/** AMAZON.TIME's parts of the day, as clock times for a reminder. */
const PARTS_OF_DAY: Record<string, string> = { MO: '09:00', AF: '15:00', EV: '19:00', NI: '21:00' };

/** An AMAZON.TIME value as a clock time for a reminder (parts of the day included), or undefined. */
export function timeFromSlot(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (Object.hasOwn(PARTS_OF_DAY, value)) return PARTS_OF_DAY[value];
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? value : undefined;
}

/** A goal's count as Alexa sends it (digits); outside 1-14 it is out of range. */
export function goalCount(text: string | undefined): number | 'outOfRange' | undefined {
  if (!text) return undefined;
  const n = Number(text);
  return /^\d+$/.test(text) && n >= MIN_GOAL && n <= MAX_GOAL ? n : 'outOfRange';
}

/** A spoken name that still has letters once cleaned ("'s" alone has none). */
export function spokenName(input: HandlerInput, slotName: string): string | undefined {
  const text = slotText(input, slotName);
  return text && /\p{L}/u.test(cleanName(text)) ? text : undefined;
}

/** Reads an energy word ("wiped out") through entity resolution, falling back to the model's synonyms. */
function levelFromWord(input: HandlerInput, slotName: string): LevelReading {
  const text = slotText(input, slotName);
  const id = slotId(input, slotName) ?? lookupSlotValue('EnergyWord', text);
  return id ? readLevel(id) : { kind: 'none' };
}

/**
 * The energy this request carries: LogEnergyIntent's number or word, or an energy word Alexa heard
 * as a name ("I'm wiped out" as "I'm {nameA}"); undefined when it carries no energy at all.
 */
export function energyHeard(input: HandlerInput): LevelReading | undefined {
  if (getRequestType(input.requestEnvelope) !== 'IntentRequest') return undefined;
  const intent = getIntentName(input.requestEnvelope);
  if (intent === 'LogEnergyIntent') {
    const byNumber = readLevel(slotText(input, 'level'));
    return byNumber.kind === 'none' ? levelFromWord(input, 'energyWord') : byNumber;
  }
  if (intent !== 'SetupPartnersIntent' || spokenName(input, 'nameB')) return undefined;
  const energyId = lookupSlotValue('EnergyWord', spokenName(input, 'nameA'));
  return energyId ? readLevel(energyId) : undefined;
}

/** The energy level this request carries, when it is one on the scale. */
export function levelHeard(input: HandlerInput): number | undefined {
  const reading = energyHeard(input);
  return reading?.kind === 'level' ? reading.level : undefined;
}
