/**
 * The words of spoken English the NLU stand-in knows before any model: what Alexa's built-in
 * intents understand, contractions, fillers, negations and number words.
 * The tables are kept one row of related words per line (prettier-ignore) so they stay readable.
 */

/** Phrases Alexa's built-in intents understand without samples (the common ones). */
// prettier-ignore
export const BUILT_IN: Record<string, string[]> = {
  'AMAZON.CancelIntent': ['cancel', 'never mind', 'forget it', 'cancel that'],
  'AMAZON.HelpIntent': ['help', 'help me', 'what can I say', 'what can you do', 'how does this work'],
  'AMAZON.StopIntent': ['stop', 'off', 'shut up', 'quit', 'exit', 'goodbye', 'bye', "that's all", "that's all thanks", "we're done", "we're done thanks", "that's it"],
  'AMAZON.NavigateHomeIntent': ['home', 'go home'],
  'AMAZON.YesIntent': ['yes', 'yes please', 'sure', 'yeah', 'yep', 'please do', 'go on then', 'okay yes', 'yeah go on', 'sounds good', 'why not', 'alright then'],
  'AMAZON.NoIntent': ['no', 'no thanks', 'no thank you', 'nope', 'not now', 'nah', 'no ta', "I don't think so"],
  'AMAZON.NextIntent': ['next', 'skip', 'skip forward', 'next one'],
  'AMAZON.PreviousIntent': ['go back', 'previous', 'skip back', 'back up'],
  'AMAZON.PauseIntent': ['pause', 'pause that', 'pause the music', 'pause music'],
  'AMAZON.ResumeIntent': ['resume', 'continue', 'keep going', 'carry on', 'resume the music'],
  'AMAZON.RepeatIntent': ['repeat', 'say that again', 'repeat that', 'pardon', 'sorry what was that', 'what was that', 'come again', 'can you say that again'],
  'AMAZON.StartOverIntent': ['start over', 'restart', 'start again'],
  'AMAZON.LoopOnIntent': ['loop', 'loop on'],
  'AMAZON.LoopOffIntent': ['loop off'],
  'AMAZON.ShuffleOnIntent': ['shuffle', 'shuffle on'],
  'AMAZON.ShuffleOffIntent': ['shuffle off', 'stop shuffling'],
  // Alexa's fallback is trained on what people ask Alexa for that no skill's samples cover.
  'AMAZON.FallbackIntent': [
    "what's the weather like", 'will it be sunny this weekend', 'is it cold outside', "what's the forecast for monday",
    'set an alarm for seven', 'set a timer for five minutes', 'wake me up at six', 'remind me to buy milk',
    'play the radio', 'play some jazz', 'play songs by {artist}', 'play {artist}', 'turn the volume up', 'next song',
    "what's the weather {day}", 'is it going to rain {day}', 'will it rain on {day}', 'how hot will it be {day}',
    'set a timer for {number} minutes', 'set an alarm for {number}', 'wake me up at {number} tomorrow', 'what is {number} times {other}',
    'what is {number} plus {other}', 'how many {unit} in a {other}', 'who won the football', 'who won the match', 'who won the cricket',
    'what was the score last night', 'when is the next match', "what's the time", 'what day is it', 'what year is it', "what's the news", 'read me the headlines',
    "who won the game", "what's the score", 'when do the football results come out', 'tell me a joke',
    'how far away is the moon', 'what is two plus two', 'how many cups in a litre', 'how do you spell necessary',
    'who is the prime minister', 'what is the capital of france', 'how old is the queen', 'how tall is {artist}',
    'order a taxi', 'add bread to my shopping list', "what's on my shopping list", 'order more coffee', 'where is my parcel',
    'call mum', 'call {artist}', 'send a message to {artist}', 'turn on the tv', 'switch off the kettle', 'lock the front door',
    'what can I cook for dinner', 'find a recipe for soup', 'what time does the pharmacy open', 'find a restaurant near me',
    'translate hello into spanish', 'what does serendipity mean', 'flip a coin', 'roll a dice', 'sing me a song',
  ],
};

// prettier-ignore
export const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', twenty: '20', hundred: '100',
};

/** Contractions said or typed either way ("I'm", "im"), spelt out the same on both sides of a match. */
// prettier-ignore
const CONTRACTIONS: Record<string, string> = {
  "i'm": 'i am', im: 'i am', "i've": 'i have', ive: 'i have', "i'll": 'i will', "i'd": 'i would',
  "we're": 'we are', "we've": 'we have', "we'll": 'we will', "we'd": 'we would',
  "you're": 'you are', "you've": 'you have', "you'll": 'you will', "they're": 'they are', "they've": 'they have',
  "he's": 'he is', "she's": 'she is', "it's": 'it is', "that's": 'that is', thats: 'that is', "what's": 'what is', whats: 'what is',
  "who's": 'who is', whos: 'who is', "there's": 'there is', theres: 'there is', "here's": 'here is', "how's": 'how is', hows: 'how is',
  "let's": 'let us', lets: 'let us', "can't": 'can not', cant: 'can not', cannot: 'can not', "don't": 'do not', dont: 'do not',
  "doesn't": 'does not', doesnt: 'does not', "didn't": 'did not', didnt: 'did not', "won't": 'will not', wont: 'will not',
  "isn't": 'is not', isnt: 'is not', "aren't": 'are not', arent: 'are not', "wasn't": 'was not', wasnt: 'was not',
  "haven't": 'have not', havent: 'have not', "hasn't": 'has not', hasnt: 'has not', "couldn't": 'could not', couldnt: 'could not',
  "wouldn't": 'would not', wouldnt: 'would not', "shouldn't": 'should not', "ain't": 'is not', "y'all": 'you all',
  gonna: 'going to', wanna: 'want to', gotta: 'got to', "'cause": 'because', cos: 'because', "o'clock": 'oclock',
  ok: 'okay', okey: 'okay', "g'night": 'goodnight', "ma'am": 'madam',
  "how've": 'how have', "what've": 'what have', "who've": 'who have', "could've": 'could have', "should've": 'should have',
  "would've": 'would have', "might've": 'might have', "must've": 'must have', "where's": 'where is', "when's": 'when is',
  "why's": 'why is', "she'd": 'she would', "he'd": 'he would', "they'd": 'they would', "you'd": 'you would', "it'll": 'it will',
  "that'll": 'that will', "there'll": 'there will', "he'll": 'he will', "she'll": 'she will', "they'll": 'they will',
  hes: 'he is', shes: 'she is', tonights: 'tonight is', todays: 'today is', "how'd": 'how did', "where'd": 'where did', youre: 'you are', theyre: 'they are', youve: 'you have', theyve: 'they have', weve: 'we have',
  wheres: 'where is', whens: 'when is', shouldnt: 'should not', werent: 'were not',
  "weren't": 'were not', "mustn't": 'must not', "needn't": 'need not', "shan't": 'shall not', "we'd've": 'we would have',
  kinda: 'kind of', sorta: 'sort of', dunno: 'do not know', lemme: 'let me', gimme: 'give me', outta: 'out of', lotta: 'lot of',
  "y'know": 'you know', "c'mon": 'come on', "'em": 'them', ya: 'you', yer: 'your', coz: 'because', cuz: 'because',
};

/** Words people put anywhere without changing what they mean; a match may pass over them freely. */
// prettier-ignore
export const FILLERS = new Set([
  'um', 'umm', 'uh', 'uhh', 'er', 'erm', 'uhm', 'hmm', 'mm', 'ah', 'oh', 'well', 'so', 'okay', 'please', 'honestly',
  'actually', 'basically', 'like', 'just', 'really', 'alexa', 'hey', 'right', 'kindly', 'love', 'darling', 'dear',
  'now', 'then', 'anyway', 'look', 'listen', 'sorry', 'thanks', 'thank', 'you', 'ta', 'mate', 'very', 'quite', 'pretty',
  'bit', 'a', 'only', 'totally', 'completely', 'super', 'literally', 'i', 'think', 'guess', 'reckon', 'feel',
  'kind', 'sort', 'of', 'know', 'mean',
]);

/** Fillers that only count as such in pairs ("thank you", "I think"), so they are not skipped alone. */
// prettier-ignore
export const PAIRED_FILLERS = new Set(['thank', 'you', 'i', 'think', 'guess', 'reckon', 'feel', 'a', 'bit', 'very', 'quite', 'pretty', 'kind', 'sort', 'of', 'know', 'mean']);

/** The pairs those make: "thank you", "I think", "a bit", "kind of", "you know", "I mean". */
// prettier-ignore
export const FILLER_PAIRS: [string, string][] = [
  ['thank', 'you'], ['i', 'think'], ['i', 'guess'], ['i', 'reckon'], ['i', 'feel'], ['a', 'bit'],
  ['kind', 'of'], ['sort', 'of'], ['you', 'know'], ['i', 'mean'],
];

/**
 * How careful an intent is: a red flag, then words of discomfort, then what stops, pauses or
 * protects. A match on one is never overruled by a less careful reading of the line.
 */
// prettier-ignore
const CARE: [number, string[]][] = [
  [3, ['SafetyIntent']],
  [2, ['ConsentIntent']],
  [1, ['NotTonightIntent', 'RitualPauseIntent', 'SoreTodayIntent', 'AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.PauseIntent', 'AMAZON.NoIntent']],
];

export const careOf = (intent: string): number => CARE.find(([, intents]) => intents.includes(intent))?.[0] ?? 0;

export const FALLBACK = 'AMAZON.FallbackIntent';
/** Slots of the fallback phrasings above: a singer, a day or a sum said to Alexa is not the skill's. */
// prettier-ignore
export const FALLBACK_SLOTS: Record<string, string> = { artist: 'AMAZON.FirstName', day: 'AMAZON.DATE', number: 'AMAZON.NUMBER', other: 'AMAZON.NUMBER', unit: 'AMAZON.FirstName' };

/** Words that turn a line around: a match may never pass over them. */
export const NEGATIONS = new Set(['not', 'no', 'never', 'nothing', 'without', 'nor']);

/** Lower-case words with contractions spelt out, so "I'm", "im" and "I am" all match alike. */
export function normalWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9:' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => {
      const spelt = CONTRACTIONS[word];
      if (spelt) return spelt.split(' ');
      // "Alex's" is Alex plus "'s" (is, or a possessive): samples say it the same way.
      const owner = /^([a-z]+)'s$/.exec(word)?.[1];
      if (owner !== undefined) return [owner, "'s"];
      const bare = word.replace(/^'+|'+$/g, '');
      return bare ? [bare] : [];
    });
}
