import type { SkillLocale } from './locale';
import { WIND, close, emergencyNumber, esc, lead, nightly, numberWord, onDay, open, pause, type Line, type Names } from './words';

/** Greeting, names and voices, help, and looking after their data: the skill itself. */
export const welcomeLines = {
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
  sameNames: (name: string): Line =>
    open(`You're both ${esc(name)}, how lovely.`, 'So I can tell you apart, what else could I call your partner, maybe a nickname?'),
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
  help: (setUp: boolean): Line =>
    setUp
      ? open(`You can tell me your energy, ask what you could do tonight, or say: let's ${WIND}. I'll keep things at the gentler pace.`, 'What would you like?')
      : open("I'm Twilight. I help you both pace your evenings to the one with less energy.", 'To begin, what are your first names?'),
  helpRitual: (): Line => open("We're in tonight's wind down. Say next to go on, repeat to hear a step again, or pause whenever you like.", 'Shall we go on?'),
  fallback: (): Line => open("Sorry, I didn't follow that.", "You could say 'my energy is three', 'what could we do tonight', or 'help'."),
  /**
   * Not understood, the first time this session: it may have been a red flag Alexa missed, so the
   * emergency number is named once, gently, before the usual way on (or the open question again).
   */
  fallbackCareful: (locale: SkillLocale, question?: string): Line =>
    open(
      `Sorry, I didn't follow that. If anyone feels unwell, call ${emergencyNumber(locale)}; I can't place calls.`,
      question ?? "Otherwise, you could say 'my energy is three', or 'help'.",
    ),
  /** Not understood while a question is open: the same question again, not a list of commands. */
  askAgain: (question: string): Line => open("Sorry, I didn't catch that.", question),
  whatNext: (): Line => open('Happy to.', 'You could ask for an idea for tonight, or tell me your energy.'),
  stepBack: (): Line => close("Alright. Enjoy your evening together; I'll step back."),
  goodbye: (): Line => close('Goodnight, you two. Rest well.'),
  confirmDelete: (): Line =>
    open('This deletes everything I know about you both: your names, energies, goals and history. It cannot be undone.', 'Shall I delete it all?'),
  deleted: (remindersRemoved = false, remaining: { when: string; time: string }[] = []): Line => {
    const [next] = remaining;
    if (!next) {
      return close(
        `Done. Everything about you is deleted${remindersRemoved ? ', and so are the care-date reminders I set' : ''}. If you come back, we'll simply start fresh. Take care of each other.`,
      );
    }
    const first = `${onDay(next.when)} at ${next.time}`;
    const which = remaining.length === 1 ? `your care-date reminder ${first}` : `${numberWord(remaining.length)} care-date reminders, the next ${first}`;
    return close(
      `Everything about you is deleted, but I couldn't remove ${which}. You can delete ${remaining.length === 1 ? 'it' : 'them'} in the Alexa app, under Reminders.`,
    );
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
