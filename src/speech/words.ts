import { spokenDate, type SkillLocale } from './locale';

/** What Twilight says in one answer; a reprompt keeps the session open (see en-US.ts). */
export interface Line {
  speech: string;
  reprompt?: string;
}

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ENERGY_WORDS = ['', 'running on empty', 'low', 'okay', 'good', 'bright'];

/** Escapes text for SSML (names come from speech recognition). */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A count as a word, up to ninety-nine (larger ones as digits, which Alexa still reads aloud). */
export function numberWord(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 20) return NUMBER_WORDS[n] ?? String(n);
  const tens = TENS[Math.floor(n / 10)] ?? String(n);
  return n % 10 === 0 ? tens : `${tens}-${NUMBER_WORDS[n % 10] ?? String(n % 10)}`;
}

/** "twice", "three times", then "a few times": how often, said the way people say it. */
export const timesWord = (n: number): string => (n <= 2 ? 'twice' : n === 3 ? 'three times' : 'a few times');
export const energyWord = (n: number): string => ENERGY_WORDS[n] ?? '';

/**
 * One of a line's wordings for the evening `day` (an ISO day): consecutive evenings never hear the
 * same one, and no state is kept to choose it.
 */
export function nightly<T>(wordings: readonly [T, ...T[]], day: string | undefined): T {
  const n = day ? Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000) : 0;
  return wordings[(((Number.isFinite(n) ? n : 0) % wordings.length) + wordings.length) % wordings.length] ?? wordings[0];
}

/** "wind down" said as the verb (as in "time to wind down"), not the noun a reader might guess. */
/** Emergency numbers by locale, written as Alexa should say them. */
const EMERGENCY: Record<SkillLocale, string> = {
  'en-US': 'nine one one',
  'en-CA': 'nine one one',
  'en-GB': 'nine nine nine',
  'en-AU': 'triple zero',
  'en-IN': 'one one two',
};

export const emergencyNumber = (locale: SkillLocale): string => EMERGENCY[locale];

export const WIND = '<w role="amazon:VB">wind</w> down';

export const pause = (ms = 300) => `<break time="${ms}ms"/>`;
export const open = (speech: string, reprompt: string): Line => ({ speech: `${speech} ${reprompt}`.trim(), reprompt });
export const close = (speech: string): Line => ({ speech });
/** Puts a short acknowledgement in front of the next step, keeping that step's reprompt. */
export const lead = (prefix: string, next: Line): Line => ({ speech: `${prefix} ${next.speech}`.trim(), reprompt: next.reprompt });

export interface Names {
  a: string;
  b: string;
}

// Made on first use, like every Intl formatter here: a cold start need not pay for it.
let weekdays: Intl.DateTimeFormat | undefined;

/** A day as people say it: "today", "tomorrow", "Thursday" within the week, else "December 3" (or "3 December"). */
export function spokenDay(day: string, today: string, locale: SkillLocale = 'en-US'): string {
  const gap = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const date = new Date(`${day}T00:00:00Z`);
  if (gap === 0) return 'today';
  if (gap === 1) return 'tomorrow';
  if (gap === -1) return 'yesterday';
  if (gap > 1 && gap < 7) return (weekdays ??= new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' })).format(date);
  return spokenDate(day, locale);
}

export interface Idea {
  title: string;
  guide: string;
}

export type IdeaReason = 'energy' | 'restDay' | 'appointment' | 'afterAppointment' | 'restWeek';

/** "a, b and c". */
export function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "today", "tomorrow", "on Friday", "on December 3". */
export function onDay(when: string): string {
  return ['today', 'tomorrow', 'yesterday'].includes(when) ? when : `on ${when}`;
}

/** 19:30 → "7:30 pm" as people say it. */
export function spokenTime(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const half = h >= 12 ? 'pm' : 'am';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${hour} ${half}` : `${hour}:${String(m).padStart(2, '0')} ${half}`;
}

export function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
