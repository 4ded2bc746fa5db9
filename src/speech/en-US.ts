/**
 * Every word Twilight says, in one reviewable table. A Line with a reprompt keeps the session
 * open and always ends on an easy next step; a Line without one closes the session.
 */
export interface Line {
  speech: string;
  reprompt?: string;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five'];
const ENERGY_WORDS = ['', 'running on empty', 'low', 'okay', 'good', 'bright'];

/** Escapes text for SSML (names come from speech recognition). */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const numberWord = (n: number): string => NUMBER_WORDS[n] ?? String(n);
export const energyWord = (n: number): string => ENERGY_WORDS[n] ?? '';

const pause = (ms = 300) => `<break time="${ms}ms"/>`;
const open = (speech: string, reprompt: string): Line => ({ speech: `${speech} ${reprompt}`.trim(), reprompt });
const close = (speech: string): Line => ({ speech });
/** Puts a short acknowledgement in front of the next step, keeping that step's reprompt. */
const lead = (prefix: string, next: Line): Line => ({ speech: `${prefix} ${next.speech}`.trim(), reprompt: next.reprompt });

export interface Names {
  a: string;
  b: string;
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
  welcomeBack: (name: string | undefined, next: Line): Line =>
    lead(name ? `Welcome back, ${esc(name)}.` : 'Welcome back.', next),
  hello: (name: string, next: Line): Line => lead(`Hi ${esc(name)}.`, next),
  voiceLinked: (name: string, next: Line): Line => lead(`Hi ${esc(name)}, I'll know your voice from now on.`, next),
  whoIsSpeaking: ({ a, b }: Names): Line => open('', `Is this ${esc(a)} or ${esc(b)}?`),
  unknownPartner: ({ a, b }: Names): Line => open(`I only know ${esc(a)} and ${esc(b)}.`, 'Which of you is it?'),
  askEnergy: (name?: string): Line =>
    open('', name ? `${esc(name)}, how's your energy tonight, one to five?` : "How's your energy tonight, from one to five?"),
  whoGoesFirst: (): Line => open('', "Who'd like to tell me their energy first?"),
  energyLogged: (name: string, level: number, next: Line): Line =>
    lead(`Thanks, ${esc(name)}. ${capital(numberWord(level))}, ${energyWord(level)}.`, next),
  pace: ({ a, b }: Names, levels: { a: number; b: number }, ceiling: number, next: Line): Line => {
    const both =
      levels.a === levels.b
        ? `You're both at a ${numberWord(ceiling)}`
        : `${esc(a)}'s at ${numberWord(levels.a)} and ${esc(b)}'s at ${numberWord(levels.b)}`;
    return lead(`${both}, so tonight we'll keep it at a ${numberWord(ceiling)}.`, next);
  },
  paceSoFar: (ceiling: number, next: Line): Line => lead(`Tonight's pace is a ${numberWord(ceiling)} so far.`, next),
  afterPace: (): Line => open('', 'You can say goodnight, or ask me for help.'),
  energyOutOfRange: (): Line => open('I count energy from one, running on empty, to five, bright.', "What's your number?"),
  energyNotHeard: (): Line => open("I didn't quite catch that.", 'From one to five, how is your energy tonight?'),
  help: (setUp: boolean): Line =>
    setUp
      ? open(
          "Each of you can tell me your energy, like 'my energy is two' or 'I'm tired'. I'll keep the evening at the gentler pace.",
          'What would you like?',
        )
      : open("I'm Twilight. I help you both pace your evenings to the one with less energy.", 'To begin, what are your first names?'),
  fallback: (): Line => open("Sorry, I didn't follow that.", "You could say 'my energy is three', or 'help'."),
  goodbye: (): Line => close('Goodnight, you two. Rest well.'),
  storeDown: (): Line => open("I couldn't save that just now, so nothing changed.", 'Could you try again in a moment?'),
  error: (): Line => open('Sorry, something went wrong on my side, and nothing was changed.', 'Could you say that again?'),
};

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
