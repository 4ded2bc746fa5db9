import { spokenDate, type SkillLocale } from './locale';

/**
 * Every word Twilight says, in one reviewable table. A Line with a reprompt keeps the session
 * open and always ends on an easy next step; a Line without one closes the session.
 */
export interface Line {
  speech: string;
  reprompt?: string;
}

/** Emergency numbers by locale, written as Alexa should say them. */
const EMERGENCY: Record<SkillLocale, string> = {
  'en-US': 'nine one one',
  'en-CA': 'nine one one',
  'en-GB': 'nine nine nine',
  'en-AU': 'triple zero',
  'en-IN': 'one one two',
};

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ENERGY_WORDS = ['', 'running on empty', 'low', 'okay', 'good', 'bright'];

/** Escapes text for SSML (names come from speech recognition). */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A count as a word, up to ninety-nine (larger ones as digits, which Alexa still reads aloud). */
export function numberWord(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 20) return NUMBER_WORDS[n];
  return n % 10 === 0 ? TENS[n / 10] : `${TENS[Math.floor(n / 10)]}-${NUMBER_WORDS[n % 10]}`;
}

/** "twice", "three times", then "a few times": how often, said the way people say it. */
const timesWord = (n: number): string => (n <= 2 ? 'twice' : n === 3 ? 'three times' : 'a few times');
export const energyWord = (n: number): string => ENERGY_WORDS[n] ?? '';

/**
 * One of a line's wordings for the evening `day` (an ISO day): consecutive evenings never hear the
 * same one, and no state is kept to choose it.
 */
export function nightly<T>(wordings: readonly T[], day: string | undefined): T {
  const n = day ? Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000) : 0;
  return wordings[((Number.isFinite(n) ? n : 0) % wordings.length + wordings.length) % wordings.length];
}

/** "wind down" said as the verb (as in "time to wind down"), not the noun a reader might guess. */
const WIND = '<w role="amazon:VB">wind</w> down';

const pause = (ms = 300) => `<break time="${ms}ms"/>`;
const open = (speech: string, reprompt: string): Line => ({ speech: `${speech} ${reprompt}`.trim(), reprompt });
const close = (speech: string): Line => ({ speech });
/** Puts a short acknowledgement in front of the next step, keeping that step's reprompt. */
const lead = (prefix: string, next: Line): Line => ({ speech: `${prefix} ${next.speech}`.trim(), reprompt: next.reprompt });

export interface Names {
  a: string;
  b: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A day as people say it: "today", "tomorrow", "Thursday" within the week, else "December 3" (or "3 December"). */
export function spokenDay(day: string, today: string, locale: SkillLocale = 'en-US'): string {
  const gap = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const date = new Date(`${day}T00:00:00Z`);
  if (gap === 0) return 'today';
  if (gap === 1) return 'tomorrow';
  if (gap === -1) return 'yesterday';
  if (gap > 1 && gap < 7) return WEEKDAYS[date.getUTCDay()];
  return spokenDate(day, locale);
}

export interface Idea {
  title: string;
  guide: string;
}

export type IdeaReason = 'energy' | 'restDay' | 'appointment' | 'afterAppointment' | 'restWeek';

const IDEA_LEAD: Record<IdeaReason, string> = {
  energy: 'Something gentle for tonight:',
  restDay: "It's a rest day, so something quiet:",
  appointment: "With the appointment today, something quiet:",
  afterAppointment: 'After yesterday\'s appointment, something quiet:',
  restWeek: "It's a rest week, so something quiet:",
};

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
  lower: "Energy has been lower this week, so gentle is just right.",
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

export const say = {
  firstWelcome: (): Line =>
    open(
      `Welcome to Twilight, a gentle evening space for the two of you.${pause()} One note: I'm no substitute for your care team; they know best.`,
      'What are your first names?',
    ),
  askNames: (): Line => open('Welcome back to Twilight.', 'What are your first names?'),
  namesReprompt: (): Line => open("Let's start with names.", "You can say: we're Sam and Alex."),
  needNamesFirst: (): Line => open("I'd love to note that. First, though:", 'what are your first names?'),
  namesSet: ({ a, b }: Names): Line =>
    open(`Lovely to meet you, ${esc(a)} and ${esc(b)}. Each of you can tell me your energy, from one to five.`, "Who'd like to go first?"),
  namesSetThenWho: ({ a, b }: Names): Line => open(`Lovely to meet you, ${esc(a)} and ${esc(b)}.`, `Was that energy ${esc(a)}'s or ${esc(b)}'s?`),
  askPartnerName: (name: string): Line => open(`Nice to meet you, ${esc(name)}.`, "And your partner's first name?"),
  askOwnName: (): Line => open('Thank you.', 'And what is your first name?'),
  sameNames: (name: string): Line => open(`You're both ${esc(name)}, how lovely.`, 'So I can tell you apart, what else could I call your partner, maybe a nickname?'),
  welcomeBack: (name: string | undefined, next: Line, day?: string): Line =>
    lead(
      nightly(
        name
          ? [`Welcome back, ${esc(name)}.`, `Hello again, ${esc(name)}.`, `Good evening, ${esc(name)}.`, `Lovely to hear you, ${esc(name)}.`]
          : ['Welcome back.', 'Hello again, you two.', 'Good evening, you two.', 'Lovely to hear you both.'],
        day,
      ),
      next,
    ),
  hello: (name: string, next: Line): Line => lead(`Hi ${esc(name)}.`, next),
  voiceLinked: (name: string, next: Line): Line => lead(`Hi ${esc(name)}, I'll know your voice from now on.`, next),
  whoIsSpeaking: ({ a, b }: Names): Line => open('', `Is this ${esc(a)} or ${esc(b)}?`),
  unknownPartner: ({ a, b }: Names): Line => open(`I only know ${esc(a)} and ${esc(b)}.`, 'Which of you is it?'),
  askEnergy: (name?: string): Line =>
    open('', name ? `${esc(name)}, how's your energy tonight, one to five?` : "How's your energy tonight, from one to five?"),
  whoGoesFirst: (): Line => open('', "Who'd like to tell me their energy first?"),
  energyLogged: (name: string, level: number, next: Line, day?: string): Line =>
    lead(
      `${nightly(['Thanks', 'Thank you', 'Got it', 'Noted'], day)}, ${esc(name)}. ${capital(numberWord(level))}, ${energyWord(level)}.`,
      next,
    ),
  pace: ({ a, b }: Names, levels: { a: number; b: number }, ceiling: number, next: Line): Line => {
    const both =
      levels.a === levels.b
        ? `You're both at a ${numberWord(ceiling)}`
        : `${esc(a)}'s at ${numberWord(levels.a)} and ${esc(b)}'s at ${numberWord(levels.b)}`;
    return lead(`${both}, so tonight we'll keep it at a ${numberWord(ceiling)}.`, next);
  },
  paceRestDay: (reason: IdeaReason, next: Line): Line =>
    lead(
      {
        energy: '',
        restDay: "It's a rest day, so tonight stays very gentle.",
        appointment: 'With the appointment today, tonight stays very gentle.',
        afterAppointment: "After yesterday's appointment, tonight stays very gentle.",
        restWeek: "It's a rest week, so tonight stays very gentle.",
      }[reason],
      next,
    ),
  paceSoFar: (ceiling: number, next: Line): Line => lead(`Tonight's pace is a ${numberWord(ceiling)} so far.`, next),
  afterPace: (): Line => open('', 'Would you like an idea for tonight?'),
  energyOutOfRange: (): Line => open('I count energy from one, running on empty, to five, bright.', "What's your number?"),
  energyNotHeard: (): Line => open("I didn't quite catch that.", 'From one to five, how is your energy tonight?'),
  help: (setUp: boolean): Line =>
    setUp
      ? open(
          `You can tell me your energy, ask what you could do tonight, or say: let's ${WIND}. I'll keep things at the gentler pace.`,
          'What would you like?',
        )
      : open("I'm Twilight. I help you both pace your evenings to the one with less energy.", 'To begin, what are your first names?'),
  helpRitual: (): Line => open("We're in tonight's wind down. Say next to go on, repeat to hear a step again, or pause whenever you like.", 'Shall we go on?'),
  fallback: (): Line => open("Sorry, I didn't follow that.", "You could say 'my energy is three', 'what could we do tonight', or 'help'."),
  /** Not understood while a question is open: the same question again, not a list of commands. */
  askAgain: (question: string): Line => open("Sorry, I didn't catch that.", question),
  whatNext: (): Line => open('Happy to.', 'You could ask for an idea for tonight, or tell me your energy.'),
  stepBack: (): Line => close("Alright. Enjoy your evening together; I'll step back."),
  goodbye: (): Line => close('Goodnight, you two. Rest well.'),
  idea: (idea: Idea, reason: IdeaReason, turnName?: string): Line =>
    open(
      `${IDEA_LEAD[reason]} ${esc(idea.title)}.${pause()} ${esc(idea.guide)}${turnName ? ` It's ${esc(turnName)}'s turn to lead.` : ''}`,
      'Want another idea?',
    ),
  // Titles are imperatives and noun phrases alike: after a colon, both read.
  anotherIdea: (idea: Idea): Line => open(`How about this: ${esc(lower(idea.title))}.${pause()} ${esc(idea.guide)}`, 'Want another idea?'),
  noIdeas: (): Line =>
    open("Tonight may be one for simply resting close. That counts too.", 'Would you like a check-in question instead?'),
  noMoreIdeas: (): Line =>
    open("That's every gentle idea I have for tonight. Simply resting together counts too.", 'Would you like a check-in question?'),
  glad: (unlocked: boolean): Line =>
    unlocked
      ? open(
          "I'm so glad. You've had a run of comfortable evenings. Would you like some gently sensual ideas included? Only if you both say yes.",
          'Is that a yes from one of you?',
        )
      : close("I'm glad that felt right. I'll remember it. Sleep well."),
  sensualAskSecond: (): Line => open('Thank you.', 'And the other of you: is that a yes too?'),
  sensualOpened: (): Line => close("Lovely. I'll include some gently sensual ideas now and then. Either of you can say 'keep it to cuddles' any time."),
  sensualNotYet: (): Line => open("Those open after a few comfortable evenings across a week, and I'll ask you both then.", 'Would you like an idea for tonight?'),
  sensualClosed: (): Line => close("Of course. I'll keep ideas to companionship and gentle touch. Either of you can ask again any time."),
  sensualKept: (): Line => close("That's completely fine. I'll keep things as they are. Sleep well."),
  tooMuch: (restWeek: boolean, timesThisWeek = 2): Line =>
    close(
      restWeek
        ? `Thank you for telling me. That's ${timesWord(timesThisWeek)} this week, so let's make it a rest week, and a word with your care team may help. Rest well.`
        : "Thank you for telling me; that matters. We'll go gentler for the next few evenings. Rest well.",
    ),
  thanksForLastNight: (feedback: 'comfortable' | 'tooMuch', restWeek: boolean, next: Line, timesThisWeek = 2): Line =>
    lead(
      feedback === 'comfortable'
        ? 'Thank you, that helps.'
        : restWeek
          ? `Thank you for telling me. That's ${timesWord(timesThisWeek)} this week, so let's keep this a rest week, and a word with your care team may help.`
          : "Thank you for telling me. We'll go gentler for the next few evenings.",
      next,
    ),
  setAside: (title: string | undefined): Line =>
    open(`Of course. I'll set ${title ? `this one aside for a couple of weeks: ${esc(lower(title))}` : 'that one aside for a couple of weeks'}.`, 'Want another idea?'),
  nothingToRate: (): Line => open("Thank you. I don't have a recent idea to note that against.", 'Would you like an idea for tonight?'),
  feedbackNotHeard: (): Line => open('Was it lovely, or a bit much?', 'You can say, that was lovely, or that was a bit much.'),
  lastNight: (day?: string): Line =>
    open(
      nightly(['Before tonight:', 'First, a quick one:', 'Before we start:'], day),
      nightly(
        ['how did last night sit with you: too little, just right, or a bit much?', 'looking back on last night, was it too little, just right, or a bit much?', 'how are you both after last night: too little, just right, or a bit much?'],
        day,
      ),
    ),
  daySaved: (kind: 'rest' | 'appointment', when: string): Line =>
    open(
      kind === 'rest'
        ? `Noted: ${when === 'today' || when === 'tomorrow' ? when : `${when}`} is a rest day. I'll keep that evening very gentle.`
        : `Noted: an appointment ${when === 'today' || when === 'tomorrow' ? when : `on ${when}`}. I'll keep that day and the next one gentle.`,
      'Anything else?',
    ),
  whichDay: (): Line => open('Which day is that?', "You can say tomorrow, or a day like Thursday."),
  whatKindOfDay: (when: string): Line => open('', `Is ${when} a rest day, or an appointment?`),
  pastDay: (): Line => open('That day has already passed.', 'Which day did you mean?'),
  whoseTurn: (name: string): Line => open(`It's ${esc(name)}'s turn to choose tonight, and passing is always fine.`, 'Would you like an idea?'),
  passed: (name: string): Line =>
    open(`No problem, that doesn't count against anyone. ${esc(name)}, tonight's yours to choose.`, 'Would you like an idea?'),
  checkIn: (question: string): Line =>
    close(`Here's one to share with each other.${pause(400)} ${esc(question)}${pause(600)} Take your time. I'll step back.`),
  sore: (name: string | undefined): Line =>
    open(`Thank you for telling me${name ? `, ${esc(name)}` : ''}. I'll leave out hands-on ideas today.`, 'Would you like a gentle idea?'),
  lack: (need: string): Line => open(`Got it: no ${esc(need)}. I'll leave those ideas out.`, 'Would you like an idea for tonight?'),
  needNotHeard: (): Line => open("I didn't catch what's missing.", "You can say, we don't have a bath."),
  /** Red flags: the locale's emergency number in words Alexa reads right, plainly, and no advice. */
  safety: (locale: SkillLocale = 'en-US', lightsUp = false): Line =>
    close(
      `I'm stopping everything${lightsUp ? ' and the lights are up' : ''}. If this could be serious, call ${EMERGENCY[locale]} now; I can't place the call myself. Otherwise, please ring your care team.`,
    ),
  safetyHold: (): Line =>
    close("Earlier you mentioned worrying symptoms, so the wind down is resting. When you're both okay, say: Alexa, tell twilight ritual we're okay."),
  safetyCleared: (): Line => open("I'm so glad. Go gently tonight.", 'Would you like to start the wind down, or simply rest?'),
  safetyNotHeld: (): Line => open("I'm glad you're okay.", 'What would you like to do?'),
  /** A pause the skill chose because it was unsure what was meant: nothing counts, nothing new. */
  ritualUnsure: (): Line => open("I've paused, just in case. Take all the time you need.", 'Would you like to go on, or rest for tonight?'),
  consentHeard: (): Line => close("Of course. We'll stop here, and that's perfectly okay. Only rest tonight; nothing is lost. Goodnight, you two."),
  ritualEnergyFirst: (): Line =>
    open('Before we begin:', "how's your energy tonight, one to five? If you differ, the lower number is perfect."),
  ritualSettle: (lightsDimmed: boolean, day?: string): Line =>
    open(
      `${nightly(["Let's settle in.", "Let's slow right down.", 'Time to settle, together.', "Let's ease into the evening."], day)}${lightsDimmed ? " I've dimmed the lights low and warm." : ''}${pause(800)} ${nightly(['Let your shoulders drop, and take one slow breath together.', 'Soften your jaw and shoulders, and breathe out slowly together.', 'Get comfortable, and share one long, easy breath.', 'Let the day fall away, and take one slow breath together.'], day)}${pause(3000)}`,
      "When you're ready, say next.",
    ),
  ritualCheckIn: (question: string): Line =>
    open(
      `Here's tonight's check-in.${pause(500)} ${esc(question)}${pause(3000)} Take a moment each to answer.${pause(1500)} Then one more slow breath together.${pause(2500)}`,
      'Say next when you are ready.',
    ),
  ritualExchange: (idea: Idea | undefined): Line =>
    idea
      ? open(
          `Tonight's gentle exchange: ${esc(idea.title)}.${pause(600)} ${esc(idea.guide)}${pause(1000)} Take all the time you like.`,
          "Say next when you're ready to close.",
        )
      : open(`Tonight, simply rest close together, with nothing to do.${pause(1000)} Take all the time you like.`, "Say next when you're ready to close."),
  ritualClose: (music: boolean, day?: string): Line =>
    close(
      `${nightly(['To close, a gentle embrace, in whatever way is comfortable.', 'To finish, a soft embrace, however feels right.', 'To close, rest in a gentle embrace, in whatever way is easy.', 'To end, a quiet embrace, just as you like it.'], day)}${pause(4000)} ${nightly(['Thank you both for this evening.', 'Thank you for sharing this time.', 'That was a lovely evening together.'], day)}${music ? " I'll leave the music playing." : ''} Goodnight.`,
    ),
  ritualRest: (music: boolean, day?: string): Line =>
    close(
      `${nightly(['Tonight is simply for rest.', 'Rest is the plan tonight.', "Tonight's a quiet one, just for resting."], day)}${music ? " I'll leave some soft music on." : ''} ${nightly(['Goodnight, you two.', 'Goodnight, both of you.', 'Rest well together. Goodnight.'], day)}`,
    ),
  ritualPaused: (): Line =>
    close("Of course. Take all the time you need; nothing is lost. To go on later, say: Alexa, tell twilight ritual to continue. Or simply rest."),
  musicPaused: (resumable: boolean): Line =>
    close(
      resumable
        ? "Of course, the music's paused. To hear it again, say: Alexa, tell twilight ritual to continue. Or simply rest."
        : "Of course, the music's paused. Take all the time you need. Goodnight, you two.",
    ),
  nothingToPause: (): Line =>
    close("Of course. Nothing's under way, so take all the time you need. Whenever you like, say: Alexa, open twilight ritual."),
  musicResumed: (): Line => close("Here's your music again. Goodnight, you two."),
  nothingToRepeat: (): Line => open("There's nothing for me to repeat just yet.", 'You could ask for an idea for tonight, or tell me your energy.'),
  ritualNotTonight: (): Line => close("Of course. Tonight's for rest, and that's perfectly fine. Goodnight, you two."),
  ritualResume: (next: Line): Line => lead('Welcome back.', next),
  restTonight: (): Line => close("Tonight's for rest, as you said. Simply being near each other is enough. Goodnight."),
  ritualNone: (): Line => open("There's no ritual underway tonight.", `You can say: let's ${WIND}.`),
  noMusicControl: (): Line => close("This is one calm stream, so there's nothing to skip. Say pause whenever you'd like quiet."),
  lightsSet: (part: 'lights' | 'music', on: boolean): Line =>
    open(on ? `Okay, ${part === 'music' ? 'music is' : 'lights are'} back on for the ritual.` : `Okay, no ${part} tonight.`, 'Anything else?'),
  lightsUp: (ok: boolean): Line =>
    close(ok ? "I've brought the lights up gently." : "I couldn't reach the lights just now, so they're as they were."),
  noLightsHub: (): Line => close("There aren't any lights connected to me, so nothing changed."),
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
    open(`You've shared three wind-downs now. If you like, Alexa can start it for you each evening as a routine.`, 'Would you like that? Either answer is fine.'),
  routineOfferedAgainLater: (): Line => open('Of course. If you ever want one, just ask me to make the wind-down a routine.', 'What would you like tonight?'),
  routineSet: (): Line =>
    close("Lovely, it's set. In the Alexa app, open Routines, then your wind-down, and add dimming the bedroom lights and calm music. The steps are on a card."),
  routineAlready: (): Line => close('You already have that routine. In the Alexa app you can add the bedroom lights and music to it. The steps are on a card.'),
  routineDeclined: (): Line => close("That's fine. Your wind-down is always here when you ask for it. Goodnight for now."),
  routineFailed: (): Line => close("I couldn't set up the routine just now. Nothing changed, and you can ask again another evening."),
  routineNoSkillConnection: (): Line => close("I can't offer a routine on this device, but you can start the wind-down any evening by asking me."),
  /** The three steps, for the card in the Alexa app. */
  routineCard: { title: 'Add lights and music to your wind-down', content: '1. In the Alexa app, tap More, then Routines.\n2. Open your Twilight wind-down routine and tap Add action.\n3. Add Smart Home to dim the bedroom lights, then Music for something calm. Save.' },
  confirmDelete: (): Line =>
    open(
      'This deletes everything I know about you both: your names, energies, goals and history. It cannot be undone.',
      'Shall I delete it all?',
    ),
  deleted: (remindersRemoved = false, remaining: { when: string; time: string }[] = []): Line => {
    if (remaining.length === 0) {
      return close(
        `Done. Everything about you is deleted${remindersRemoved ? ', and so are the care-date reminders I set' : ''}. If you come back, we'll simply start fresh. Take care of each other.`,
      );
    }
    const first = `${onDay(remaining[0].when)} at ${remaining[0].time}`;
    const which = remaining.length === 1 ? `your care-date reminder ${first}` : `${numberWord(remaining.length)} care-date reminders, the next ${first}`;
    return close(`Everything about you is deleted, but I couldn't remove ${which}. You can delete ${remaining.length === 1 ? 'it' : 'them'} in the Alexa app, under Reminders.`);
  },
  notDeleted: (): Line => close('Okay, nothing was deleted.'),
  notesCleared: (startedAgain: boolean): Line =>
    startedAgain
      ? open('Your notes were cleared and started afresh on another device, so I left that unchanged.', 'What would you like to do?')
      : open('Your notes were cleared, so we can start fresh whenever you like.', 'What are your first names?'),
  storeUnreachable: (): Line => open("I can't reach your notes just now, so nothing changed.", 'Could you try again in a moment?'),
  storeDown: (): Line => open("I couldn't save that just now.", 'Could you try again in a moment?'),
  error: (): Line => open('Sorry, something went wrong on my side, and nothing was changed.', 'Could you say that again?'),
};

/** "a, b and c". */
function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "today", "tomorrow", "on Friday", "on December 3". */
function onDay(when: string): string {
  return ['today', 'tomorrow', 'yesterday'].includes(when) ? when : `on ${when}`;
}

/** 19:30 → "7:30 pm" as people say it. */
export function spokenTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  const half = h >= 12 ? 'pm' : 'am';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${hour} ${half}` : `${hour}:${String(m).padStart(2, '0')} ${half}`;
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
