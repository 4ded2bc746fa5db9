import type { PartnerId } from '../partners';
import { addDays, type LocalDay } from '../dates';
import type { Need } from './catalogue';
import { CALENDAR_DAYS_KEPT, type PacingState } from './state';

/** Forgets calendar entries older than CALENDAR_DAYS_KEPT before `today` (mutates). */
export function pruneCalendar(p: PacingState, today: LocalDay): void {
  const oldest = addDays(today, -CALENDAR_DAYS_KEPT);
  p.restDays = p.restDays.filter((d) => d >= oldest);
  p.appointments = p.appointments.filter((d) => d >= oldest);
  p.sore = Object.fromEntries(Object.entries(p.sore).filter(([day]) => day >= oldest));
  p.setAside = Object.fromEntries(Object.entries(p.setAside).filter(([, day]) => day >= oldest));
}

const addDay = (days: LocalDay[], day: LocalDay): LocalDay[] => (days.includes(day) ? days : [...days, day].sort());

/** "Tomorrow is a rest day": that day gets companionship only, at cost 1 (mutates). */
export function addRestDay(p: PacingState, day: LocalDay, today: LocalDay = day): void {
  p.restDays = addDay(p.restDays, day);
  pruneCalendar(p, today);
}

/** "I have an appointment on Thursday": that day and the next are kept gentle (mutates). */
export function addAppointment(p: PacingState, day: LocalDay, today: LocalDay = day): void {
  p.appointments = addDay(p.appointments, day);
  pruneCalendar(p, today);
}

/** "My shoulders are sore": no hands-on touch that day (mutates). */
export function markSore(p: PacingState, who: PartnerId, day: LocalDay, today: LocalDay = day): void {
  const list = (p.sore[day] ??= []);
  if (!list.includes(who)) list.push(who);
  pruneCalendar(p, today);
}

/** "We don't have a bath": activities needing it are skipped from now on (mutates). */
export function markLack(p: PacingState, need: Need): void {
  if (!p.lacks.includes(need)) p.lacks.push(need);
}

/** Takes a rest day or appointment off the calendar (either when `kind` is not given); true if one went (mutates). */
export function removeCalendarDay(p: PacingState, day: LocalDay, kind?: 'rest' | 'appointment'): boolean {
  const before = p.restDays.length + p.appointments.length;
  if (kind !== 'appointment') p.restDays = p.restDays.filter((d) => d !== day);
  if (kind !== 'rest') p.appointments = p.appointments.filter((d) => d !== day);
  return p.restDays.length + p.appointments.length < before;
}

/** What is planned from today on, soonest first. */
export function upcomingDays(p: PacingState, today: LocalDay): { day: LocalDay; kind: 'rest' | 'appointment' }[] {
  return [
    ...p.restDays.filter((d) => d >= today).map((day) => ({ day, kind: 'rest' as const })),
    ...p.appointments.filter((d) => d >= today).map((day) => ({ day, kind: 'appointment' as const })),
  ].sort((x, y) => x.day.localeCompare(y.day));
}
