import type { GoalKind } from '../domain/couple';
import type { EnergyTrend, WeekSummary } from '../domain/week-summary';

/** The chart's fixed words, for the card in the Alexa app and the Echo Show screen alike. */
export const CHART_WORDS = { title: 'This week', span: '(Mon–Sun)', goal: 'goal', wins: 'wins' } as const;

const GOAL_WORDS: Readonly<Record<GoalKind, [one: string, many: string]>> = {
  ritual: ['wind-down', 'wind-downs'],
  careDate: ['care date', 'care dates'],
  touch: ['evening of touch', 'evenings of touch'],
  conversation: ['talk', 'talks'],
};

/** "1 of 2 care dates"; before the first one only the aim, so nothing reads as a zero score. */
export function goalText(summary: WeekSummary): string | undefined {
  const { goal, done, met } = summary.goal;
  if (!goal) return undefined;
  const [one, many] = GOAL_WORDS[goal.kind];
  const noun = goal.perWeek === 1 ? one : many;
  if (done === 0) return `aiming for ${goal.perWeek} ${noun}`;
  return `${done} of ${goal.perWeek} ${noun}${met ? ', goal met' : ''}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What went well, counted; zeros are left out rather than shown. */
export function winsText(summary: WeekSummary): string {
  const parts = [
    summary.wins.count > 0 ? plural(summary.wins.count, 'small win', 'small wins') : '',
    summary.restDaysHonoured > 0 ? plural(summary.restDaysHonoured, 'rest day honoured', 'rest days honoured') : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'every small thing counts';
}

const TREND_TEXT: Readonly<Record<EnergyTrend, string>> = {
  steadier: 'Steadier than last week',
  brighter: 'A little brighter than last week',
  lower: 'A lower week than last. Gentle is right.',
  similar: 'Much like last week',
  notEnough: '',
};

/** The week's energy against last week's, as a short caption (empty when there is too little to say). */
export const trendText = (trend: EnergyTrend): string => TREND_TEXT[trend];

/** What a screen reader says for one partner's row of bars. */
export const energyRowLabel = (name: string, daysLogged: number): string => `${name}: energy logged on ${plural(daysLogged, 'day', 'days')} this week`;

// Made on first use: a cold start need not pay for it.
let initials: Intl.DateTimeFormat | undefined;

/** A day's weekday as one letter ("M" for a Monday). */
export function weekdayInitial(day: string): string {
  initials ??= new Intl.DateTimeFormat('en-US', { weekday: 'narrow', timeZone: 'UTC' });
  return initials.format(new Date(`${day}T00:00:00Z`));
}

/** First letter up, for a caption standing alone. */
export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
