import { NUMBER_WORDS } from './spoken-words';

/** Hours said as words, from the matcher's own number words ("seven" → 7). */
const HOURS: Record<string, number> = Object.fromEntries(
  Object.entries(NUMBER_WORDS)
    .map(([word, digits]) => [word, Number(digits)] as const)
    .filter(([, hour]) => hour >= 1 && hour <= 12),
);
const MINUTES: Record<string, number> = { oclock: 0, "o'clock": 0, fifteen: 15, thirty: 30, 'forty five': 45, half: 30 };

/**
 * What Alexa's AMAZON.TIME does with a spoken time, for the simulator and tests: "7 pm",
 * "seven thirty pm", "19:00" become "HH:MM"; "evening" and "night" become "EV" and "NI".
 */
export function resolveSpokenTime(spoken: string): string | undefined {
  const text = spoken.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ').trim();
  if (text === 'evening' || text === 'this evening') return 'EV';
  if (text === 'night' || text === 'tonight') return 'NI';
  if (text === 'noon' || text === 'midday') return '12:00';
  const [, digitHour, digitMinute, digitHalf] = /^(\d{1,2})(?::(\d{2}))?(?: ?(am|pm))?$/.exec(text) ?? [];
  const [, hourWord, minuteWord, halfWords] = /^([a-z]+)(?: (o'?clock|fifteen|thirty|forty five))?(?: (am|pm|in the evening|at night))?$/.exec(text) ?? [];
  const wordHour = hourWord === undefined ? undefined : HOURS[hourWord];
  let hour: number | undefined;
  let minute = 0;
  let half: string | undefined;
  if (digitHour !== undefined) {
    hour = Number(digitHour);
    minute = digitMinute ? Number(digitMinute) : 0;
    half = digitHalf;
  } else if (wordHour !== undefined) {
    hour = wordHour;
    minute = minuteWord ? (MINUTES[minuteWord.replace(' ', ' ')] ?? 0) : 0;
    half = halfWords === 'am' ? 'am' : halfWords ? 'pm' : undefined;
  }
  if (hour === undefined || hour > 23 || minute > 59) return undefined;
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
