import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { isIntent, respond, slotId, slotText } from '../answers/support';
import { dayFromSlot, lookupSlotValue } from '../answers/vocabulary';
import type { LocalDay } from '../domain/dates';
import { addAppointment, addRestDay, removeCalendarDay, upcomingDays } from '../domain/pacing';
import { say, spokenDay } from '../speech/en-US';
import { turnOf, type Turn } from '../turn';

type DayKind = 'rest' | 'appointment';

function kindOf(input: HandlerInput): DayKind | undefined {
  const id = slotId(input, 'dayKind') ?? lookupSlotValue('DayKind', slotText(input, 'dayKind'));
  return id === 'rest' || id === 'appointment' ? id : undefined;
}

/** Saves a rest day or an appointment; the pacing engine keeps that day (and the next) gentle. */
async function saveDay(turn: Turn, kind: DayKind, day: LocalDay): Promise<Response> {
  const today = await turn.today();
  if (day < today) return respond(turn.input, say.pastDay());
  await turn.update((draft) => (kind === 'rest' ? addRestDay(draft.pacing, day, today) : addAppointment(draft.pacing, day, today)));
  turn.pending = undefined;
  return respond(turn.input, say.daySaved(kind, spokenDay(day, today, turn.locale)));
}

async function handle(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const pending = turn.pending;
  const kind = kindOf(input) ?? (pending?.kind === 'dayFor' ? pending.dayKind : undefined);
  const day = dayFromSlot(slotText(input, 'date')) ?? (pending?.kind === 'kindFor' ? pending.day : undefined);
  if (!kind) {
    if (!day) return respond(input, say.fallback());
    turn.pending = { kind: 'kindFor', day };
    return respond(input, say.whatKindOfDay(spokenDay(day, await turn.today(), turn.locale)));
  }
  if (!day) {
    turn.pending = { kind: 'dayFor', dayKind: kind };
    return respond(input, say.whichDay());
  }
  return saveDay(turn, kind, day);
}

/** "Tomorrow is a rest day", "I have an appointment on Thursday". */
export const restDayHandler: RequestHandler = { canHandle: isIntent('RestDayIntent'), handle };

async function list(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const today = await turn.today();
  const items = upcomingDays((await turn.read()).pacing, today).slice(0, 6);
  return respond(input, say.calendar(items.map((i) => ({ kind: i.kind, when: spokenDay(i.day, today, turn.locale) }))));
}

async function remove(input: HandlerInput): Promise<Response> {
  const turn = turnOf(input);
  const day = dayFromSlot(slotText(input, 'date'));
  if (!day) return respond(input, say.whichDay());
  const kind = kindOf(input);
  const today = await turn.today();
  const removed = await turn.update((draft) => removeCalendarDay(draft.pacing, day, kind));
  return respond(input, removed ? say.dayRemoved(kind, spokenDay(day, today, turn.locale)) : say.nothingThatDay(spokenDay(day, today, turn.locale)));
}

/** "What's on our calendar?": rest days and appointments from today on. */
export const calendarListHandler: RequestHandler = { canHandle: isIntent('CalendarListIntent'), handle: list };

/** "Cancel the rest day on Thursday": the engine stops treating that day gently. */
export const calendarRemoveHandler: RequestHandler = { canHandle: isIntent('CalendarRemoveIntent'), handle: remove };
