import type { WinCategory } from '../domain/wins';
import { capital, close, esc, listOf, nightly, numberWord, onDay, open, type Line } from './words';

/** Each win category as it fits "… counts as a win". */
const WIN_WORDS: Readonly<Record<WinCategory, string>> = {
  'held-hands': 'holding hands',
  cuddle: 'a cuddle',
  talk: 'a good talk',
  laughed: 'a laugh together',
  'kind-word': 'a kind word',
  touch: 'a gentle touch',
  together: 'time close together',
  meal: 'a meal together',
  walk: 'a little walk',
  rested: 'a proper rest',
  'wind-down': 'your wind-down together',
  other: 'a small win',
};

export const spokenWin = (category: WinCategory): string => WIN_WORDS[category];

const GOAL_NOUNS: Record<string, [string, string]> = {
  ritual: ['wind down', 'wind downs'],
  careDate: ['care date', 'care dates'],
  touch: ['tender touch session', 'tender touch sessions'],
  conversation: ['conversation', 'conversations'],
};

/** "care date" / "care dates" for a goal kind. */
export function goalNoun(kind: string, count: number): string {
  const [one, many] = GOAL_NOUNS[kind] ?? ['evening', 'evenings'];
  return count === 1 ? one : many;
}

const TRENDS: Record<string, string | undefined> = {
  steadier: 'Your energy has been steadier than last week.',
  brighter: 'Your energy has been a little brighter than last week.',
  lower: 'Energy has been lower this week, so gentle is just right.',
  similar: 'Your energy has been much like last week.',
};

/** The energy trend as a kind sentence, or undefined when there is not enough to say. */
export const trendLine = (trend: string): string | undefined => TRENDS[trend];

/** Goal progress in words: "one of two care dates", never a count of what was missed. */
export function goalLine(kind: string, perWeek: number, done: number): string {
  if (done >= perWeek) return `your goal of ${numberWord(perWeek)} ${goalNoun(kind, perWeek)}, met`;
  if (done === 0) return `aiming for ${numberWord(perWeek)} ${goalNoun(kind, perWeek)}`;
  return `${numberWord(done)} of ${numberWord(perWeek)} ${goalNoun(kind, perWeek)}`;
}

/** The calendar, goals and small wins, reminders and the wind-down routine. */
export const plansLines = {
  daySaved: (kind: 'rest' | 'appointment', when: string): Line =>
    open(
      kind === 'rest'
        ? `Noted: ${when === 'today' || when === 'tomorrow' ? when : when} is a rest day. I'll keep that evening very gentle.`
        : `Noted: an appointment ${when === 'today' || when === 'tomorrow' ? when : `on ${when}`}. I'll keep that day and the next one gentle.`,
      'Anything else?',
    ),
  whichDay: (): Line => open('Which day is that?', 'You can say tomorrow, or a day like Thursday.'),
  whatKindOfDay: (when: string): Line => open('', `Is ${when} a rest day, or an appointment?`),
  pastDay: (): Line => open('That day has already passed.', 'Which day did you mean?'),
  goalSet: (count: number, noun: string, nudge: boolean): Line =>
    close(
      nudge
        ? `I've set ${numberWord(count)} ${esc(noun)} this week. If it starts to feel like a lot, starting smaller is always fine.`
        : `Lovely: ${numberWord(count)} ${esc(noun)} this week. Small and steady is the way.`,
    ),
  goalAskKind: (): Line => open('', 'What kind of goal: rituals, care dates, tender touch sessions, or conversations?'),
  goalAskCount: (noun: string): Line => open('', `How many ${esc(noun)} a week would feel gentle? One or two is a lovely start.`),
  goalTooMany: (): Line => open('Goals here are small, from one to a few a week.', 'How many would feel gentle?'),
  winLogged: (spoken: string | undefined, day?: string): Line =>
    close(
      spoken
        ? `${nightly(["That's lovely.", 'How wonderful.', 'I love that.'], day)} I've noted a small win: ${esc(spoken)}.`
        : `${nightly(["That's lovely.", 'How wonderful.', 'I love that.'], day)} I've noted it as a small win.`,
    ),
  winDayFull: (): Line => close("What a day. I've noted plenty of wins already today, and this one counts too."),
  progress: (parts: { goal?: string; wins: number; rest: number; rituals: number; trend?: string }): Line => {
    const bits: string[] = [];
    if (parts.goal) bits.push(parts.goal);
    if (parts.rituals > 0) bits.push(`${numberWord(parts.rituals)} ${parts.rituals === 1 ? 'wind down' : 'wind downs'}`);
    if (parts.wins > 0) bits.push(`${numberWord(parts.wins)} small ${parts.wins === 1 ? 'win' : 'wins'}`);
    if (parts.rest > 0) bits.push(`${numberWord(parts.rest)} rest ${parts.rest === 1 ? 'day' : 'days'} honoured`);
    const week = bits.length > 0 ? `This week so far: ${listOf(bits)}.` : 'This week is just beginning, and every small thing counts.';
    return close(`${week}${parts.trend ? ` ${parts.trend}` : ''} Be gentle with yourselves.`);
  },
  calendar: (items: { kind: 'rest' | 'appointment'; when: string }[]): Line =>
    items.length === 0
      ? open('Nothing is planned yet.', 'You can say, Saturday is a rest day.')
      : close(`Coming up: ${listOf(items.map((i) => (i.kind === 'rest' ? `a rest day ${onDay(i.when)}` : `an appointment ${onDay(i.when)}`)))}.`),
  dayRemoved: (kind: 'rest' | 'appointment' | undefined, when: string): Line =>
    close(`Done. ${capital(when)} is clear${kind === 'appointment' ? ' of the appointment' : kind === 'rest' ? ' of the rest day' : ''} now.`),
  nothingThatDay: (when: string): Line => open(`I don't have anything ${onDay(when)}.`, "You can ask what's on our calendar."),
  reminderWhen: (): Line => open('', 'Which day and time? For example: Friday at seven p m.'),
  reminderSet: (when: string, time: string): Line => close(`Done. I'll remind you both about your care date ${onDay(when)} at ${time}.`),
  reminderAlreadySet: (when: string, time: string): Line =>
    close(`You already have a reminder for your care date ${onDay(when)} at ${time}, so I've left it just as it is.`),
  reminderDeclined: (): Line => close("No problem; I won't set reminders. Your care date is still yours to plan."),
  reminderNotAnswered: (): Line => close('No worries. We can set up that reminder another time, whenever you like.'),
  reminderFailed: (): Line => close("I couldn't set that reminder just now. Could you try again a little later?"),
  reminderPast: (): Line => open('That time has already passed.', 'Which day and time did you mean?'),
  routineOfferOnce: (): Line =>
    open(
      `You've shared three wind-downs now. If you like, Alexa can start it for you each evening as a routine.`,
      'Would you like that? Either answer is fine.',
    ),
  routineOfferedAgainLater: (): Line => open('Of course. If you ever want one, just ask me to make the wind-down a routine.', 'What would you like tonight?'),
  routineSet: (): Line =>
    close(
      "Lovely, it's set. In the Alexa app, open Routines, then your wind-down, and add dimming the bedroom lights and calm music. The steps are on a card.",
    ),
  routineAlready: (): Line => close('You already have that routine. In the Alexa app you can add the bedroom lights and music to it. The steps are on a card.'),
  routineDeclined: (): Line => close("That's fine. Your wind-down is always here when you ask for it. Goodnight for now."),
  routineFailed: (): Line => close("I couldn't set up the routine just now. Nothing changed, and you can ask again another evening."),
  routineNoSkillConnection: (): Line => close("I can't offer a routine on this device, but you can start the wind-down any evening by asking me."),
  /** The three steps, for the card in the Alexa app. */
  routineCard: {
    title: 'Add lights and music to your wind-down',
    content:
      '1. In the Alexa app, tap More, then Routines.\n2. Open your Twilight wind-down routine and tap Add action.\n3. Add Smart Home to dim the bedroom lights, then Music for something calm. Save.',
  },
};
