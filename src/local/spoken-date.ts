import { addDays, weekday, type LocalDay } from '../domain/dates';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  'twenty first': 21,
  'twenty second': 22,
  'twenty third': 23,
  'twenty fourth': 24,
  'twenty fifth': 25,
  'twenty sixth': 26,
  'twenty seventh': 27,
  'twenty eighth': 28,
  'twenty ninth': 29,
  thirtieth: 30,
  'thirty first': 31,
};

/**
 * What Alexa's AMAZON.DATE does with a spoken date, for the simulator and tests: "tomorrow",
 * "thursday", "next friday", "december 3rd" become ISO days; "this weekend" a week-end value.
 */
export function resolveSpokenDate(spoken: string, today: LocalDay): string | undefined {
  const text = spoken
    .toLowerCase()
    .replace(/^(on|this coming|the)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    // "thursday morning", "wednesday arvo": the day is the date; the part of the day is not.
    .replace(/^(.+?) (morning|afternoon|evening|night|arvo)$/, (whole, day: string) => (day === 'tomorrow' && whole.endsWith('night') ? whole : day));
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  if (text === 'today' || text === 'tonight') return today;
  if (text === 'tomorrow' || text === 'tomorrow night') return addDays(today, 1);
  if (text === 'day after tomorrow') return addDays(today, 2);
  if (text === 'yesterday') return addDays(today, -1);
  if (text === 'this weekend' || text === 'weekend') return weekendOf(addDays(today, (5 - weekday(today) + 7) % 7));
  if (text === 'next weekend') return weekendOf(addDays(today, ((5 - weekday(today) + 7) % 7) + 7));

  const [, which, dayName] = /^(next |this )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.exec(text) ?? [];
  if (dayName !== undefined) {
    const ahead = (WEEKDAYS.indexOf(dayName) - weekday(today) + 7) % 7;
    return addDays(today, ahead === 0 && which === 'next ' ? 7 : ahead);
  }

  // "the 14th", "the third": the next day of the month with that number.
  const [, dayWord, suffix] = /^(?:the )?(\d{1,2}|[a-z ]+?)(st|nd|rd|th)?$/.exec(text) ?? [];
  const aloneDay =
    dayWord !== undefined && (suffix || !/^\d+$/.test(dayWord)) ? (/^\d+$/.test(dayWord) ? Number(dayWord) : ORDINALS[dayWord.trim()]) : undefined;
  if (aloneDay && aloneDay <= 31) {
    let [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    if (aloneDay < Number(today.slice(8, 10))) [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    return `${year}-${String(month).padStart(2, '0')}-${String(aloneDay).padStart(2, '0')}`;
  }

  const [, leadingMonth, trailingDay] = /^([a-z]+) (?:the )?(\d{1,2}|[a-z ]+?)(?:st|nd|rd|th)?$/.exec(text) ?? [];
  const [, leadingDay, trailingMonth] = /^(\d{1,2}|[a-z ]+?)(?:st|nd|rd|th)? of ([a-z]+)$/.exec(text) ?? [];
  const [monthName, dayText] = leadingMonth !== undefined && MONTHS.includes(leadingMonth) ? [leadingMonth, trailingDay] : [trailingMonth, leadingDay];
  if (monthName && dayText && MONTHS.includes(monthName)) {
    const dom = /^\d+$/.test(dayText) ? Number(dayText) : ORDINALS[dayText.trim()];
    if (!dom) return undefined;
    const month = MONTHS.indexOf(monthName) + 1;
    let year = Number(today.slice(0, 4));
    const candidate = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`;
    if (candidate(year) < today) year += 1;
    return candidate(year);
  }
  return undefined;
}

function weekendOf(friday: LocalDay): string {
  const d = new Date(`${friday}T00:00:00Z`);
  const thursday = new Date(d.getTime() - 86_400_000);
  const yearStart = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((thursday.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}-WE`;
}
