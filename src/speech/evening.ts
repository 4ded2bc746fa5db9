import {
  capital,
  close,
  energyWord,
  esc,
  lead,
  lower,
  nightly,
  numberWord,
  open,
  pause,
  timesWord,
  type Idea,
  type IdeaReason,
  type Line,
  type Names,
} from './words';

const IDEA_LEAD: Record<IdeaReason, string> = {
  energy: 'Something gentle for tonight:',
  restDay: "It's a rest day, so something quiet:",
  appointment: 'With the appointment today, something quiet:',
  afterAppointment: "After yesterday's appointment, something quiet:",
  restWeek: "It's a rest week, so something quiet:",
};

/** Energy, tonight's pace, ideas, how it sat, whose turn, check-ins and what to leave out. */
export const eveningLines = {
  askEnergy: (name?: string): Line => open('', name ? `${esc(name)}, how's your energy tonight, one to five?` : "How's your energy tonight, from one to five?"),
  whoGoesFirst: (): Line => open('', "Who'd like to tell me their energy first?"),
  energyLogged: (name: string, level: number, next: Line, day?: string): Line =>
    lead(`${nightly(['Thanks', 'Thank you', 'Got it', 'Noted'], day)}, ${esc(name)}. ${capital(numberWord(level))}, ${energyWord(level)}.`, next),
  pace: ({ a, b }: Names, levels: { a: number; b: number }, ceiling: number, next: Line): Line => {
    const both =
      levels.a === levels.b ? `You're both at a ${numberWord(ceiling)}` : `${esc(a)}'s at ${numberWord(levels.a)} and ${esc(b)}'s at ${numberWord(levels.b)}`;
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
  idea: (idea: Idea, reason: IdeaReason, turnName?: string): Line =>
    open(
      `${IDEA_LEAD[reason]} ${esc(idea.title)}.${pause()} ${esc(idea.guide)}${turnName ? ` It's ${esc(turnName)}'s turn to lead.` : ''}`,
      'Want another idea?',
    ),
  // Titles are imperatives and noun phrases alike: after a colon, both read.
  anotherIdea: (idea: Idea): Line => open(`How about this: ${esc(lower(idea.title))}.${pause()} ${esc(idea.guide)}`, 'Want another idea?'),
  noIdeas: (): Line => open('Tonight may be one for simply resting close. That counts too.', 'Would you like a check-in question instead?'),
  noMoreIdeas: (): Line => open("That's every gentle idea I have for tonight. Simply resting together counts too.", 'Would you like a check-in question?'),
  glad: (unlocked: boolean): Line =>
    unlocked
      ? open(
          "I'm so glad. You've had a run of comfortable evenings. Would you like some gently sensual ideas included? Only if you both say yes.",
          'Is that a yes from one of you?',
        )
      : close("I'm glad that felt right. I'll remember it. Sleep well."),
  sensualAskSecond: (): Line => open('Thank you.', 'And the other of you: is that a yes too?'),
  sensualOpened: (): Line => close("Lovely. I'll include some gently sensual ideas now and then. Either of you can say 'keep it to cuddles' any time."),
  sensualNotYet: (): Line =>
    open("Those open after a few comfortable evenings across a week, and I'll ask you both then.", 'Would you like an idea for tonight?'),
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
    open(
      `Of course. I'll set ${title ? `this one aside for a couple of weeks: ${esc(lower(title))}` : 'that one aside for a couple of weeks'}.`,
      'Want another idea?',
    ),
  nothingToRate: (): Line => open("Thank you. I don't have a recent idea to note that against.", 'Would you like an idea for tonight?'),
  feedbackNotHeard: (): Line => open('Was it lovely, or a bit much?', 'You can say, that was lovely, or that was a bit much.'),
  lastNight: (day?: string): Line =>
    open(
      nightly(['Before tonight:', 'First, a quick one:', 'Before we start:'], day),
      nightly(
        [
          'how did last night sit with you: too little, just right, or a bit much?',
          'looking back on last night, was it too little, just right, or a bit much?',
          'how are you both after last night: too little, just right, or a bit much?',
        ],
        day,
      ),
    ),
  whoseTurn: (name: string): Line => open(`It's ${esc(name)}'s turn to choose tonight, and passing is always fine.`, 'Would you like an idea?'),
  passed: (name: string): Line => open(`No problem, that doesn't count against anyone. ${esc(name)}, tonight's yours to choose.`, 'Would you like an idea?'),
  checkIn: (question: string): Line => close(`Here's one to share with each other.${pause(400)} ${esc(question)}${pause(600)} Take your time. I'll step back.`),
  sore: (name: string | undefined): Line =>
    open(`Thank you for telling me${name ? `, ${esc(name)}` : ''}. I'll leave out hands-on ideas today.`, 'Would you like a gentle idea?'),
  lack: (need: string): Line => open(`Got it: no ${esc(need)}. I'll leave those ideas out.`, 'Would you like an idea for tonight?'),
  needNotHeard: (): Line => open("I didn't catch what's missing.", "You can say, we don't have a bath."),
};
