import { resolveSpokenDate } from './spoken-date';
import { resolveSpokenTime } from './spoken-time';

/** Phrases Alexa's built-in intents understand without samples (the common ones). */
const BUILT_IN: Record<string, string[]> = {
  'AMAZON.CancelIntent': ['cancel', 'never mind', 'forget it'],
  'AMAZON.HelpIntent': ['help', 'help me', 'what can I say', 'what can you do'],
  'AMAZON.StopIntent': ['stop', 'off', 'shut up', 'quit', 'exit'],
  'AMAZON.NavigateHomeIntent': ['home', 'go home'],
  'AMAZON.YesIntent': ['yes', 'yes please', 'sure', 'yeah', 'yep', 'please do', 'go on then', 'okay yes'],
  'AMAZON.NoIntent': ['no', 'no thanks', 'no thank you', 'nope', 'not now'],
  'AMAZON.NextIntent': ['next', 'skip', 'skip forward'],
  'AMAZON.PreviousIntent': ['go back', 'previous', 'skip back', 'back up'],
  'AMAZON.PauseIntent': ['pause', 'pause that', 'pause the music'],
  'AMAZON.ResumeIntent': ['resume', 'continue', 'keep going', 'carry on'],
  'AMAZON.RepeatIntent': ['repeat', 'say that again', 'repeat that'],
  'AMAZON.StartOverIntent': ['start over', 'restart', 'start again'],
  'AMAZON.LoopOnIntent': ['loop', 'loop on'],
  'AMAZON.LoopOffIntent': ['loop off'],
  'AMAZON.ShuffleOnIntent': ['shuffle', 'shuffle on'],
  'AMAZON.ShuffleOffIntent': ['shuffle off', 'stop shuffling'],
};

const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', twenty: '20', hundred: '100',
};

interface ModelIntent {
  name: string;
  slots?: { name: string; type: string }[];
  samples?: string[];
}

interface ModelType {
  name: string;
  values: { id?: string; name: { value: string; synonyms?: string[] } }[];
}

export interface InteractionModel {
  interactionModel: { languageModel: { intents: ModelIntent[]; types?: ModelType[] } };
}

export interface Resolution {
  intent: string;
  /** Slot values as Alexa sends them: numbers as digits, dates as ISO days, times as HH:MM. */
  slots: Record<string, string>;
  /** How many literal words of the sample matched: more means a surer match. */
  literals: number;
}

type Token = { literal: string } | { slot: string; type: string };

interface Candidate {
  intent: string;
  slots: Record<string, string>;
  literals: number;
  typed: number;
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/[^a-z0-9:' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

/**
 * Resolves what a person says against an interaction model, the way Alexa's NLU would for a
 * well-formed phrase: literal words must match, slots take one or more words that fit their type
 * (custom types only their values and synonyms), and the sample with most literal words wins.
 */
export class UtteranceResolver {
  private readonly samples: { intent: string; tokens: Token[] }[] = [];
  private readonly types = new Map<string, Set<string>>();
  private cased = new Map<string, string>();

  constructor(
    model: InteractionModel,
    private readonly today: () => string,
  ) {
    const lm = model.interactionModel.languageModel;
    for (const type of lm.types ?? []) {
      const values = new Set<string>();
      for (const v of type.values) for (const w of [v.name.value, ...(v.name.synonyms ?? [])]) values.add(words(w).join(' '));
      this.types.set(type.name, values);
    }
    for (const intent of lm.intents) {
      const slotTypes = new Map((intent.slots ?? []).map((s) => [s.name, s.type]));
      const phrases = [...(intent.samples ?? []), ...(BUILT_IN[intent.name] ?? [])];
      for (const phrase of phrases) {
        const tokens: Token[] = phrase.split(/\s+/).flatMap((part): Token[] => {
          const slot = part.match(/^\{(\w+)\}$/);
          if (slot) return [{ slot: slot[1], type: slotTypes.get(slot[1]) ?? 'AMAZON.SearchQuery' }];
          return words(part).map((literal) => ({ literal }));
        });
        this.samples.push({ intent: intent.name, tokens });
      }
    }
  }

  resolve(phrase: string): Resolution | undefined {
    const said = words(phrase);
    // Alexa keeps a name's capitals; everything else is matched in lower case.
    const original = phrase.replace(/[’]/g, "'").replace(/[^A-Za-z0-9:' ]+/g, ' ').split(/\s+/).filter(Boolean);
    this.cased = new Map(said.map((w, i) => [w, original[i] ?? w]));
    let best: Candidate | undefined;
    for (const sample of this.samples) {
      for (const found of this.match(sample.tokens, said, 0, 0, {})) {
        const literals = sample.tokens.filter((t) => 'literal' in t).length;
        const typed = sample.tokens.filter((t) => 'slot' in t && t.type !== 'AMAZON.FirstName').length;
        const candidate = { intent: sample.intent, slots: found, literals, typed };
        if (!best || literals > best.literals || (literals === best.literals && typed > best.typed)) best = candidate;
      }
    }
    return best && { intent: best.intent, slots: best.slots, literals: best.literals };
  }

  private *match(tokens: Token[], said: string[], ti: number, wi: number, slots: Record<string, string>): Generator<Record<string, string>> {
    if (ti === tokens.length) {
      if (wi === said.length) yield { ...slots };
      return;
    }
    const token = tokens[ti];
    if ('literal' in token) {
      // Typed lines often drop apostrophes ("lets", "whats"): compare without them.
      if (said[wi] !== undefined && said[wi].replace(/'/g, '') === token.literal.replace(/'/g, '')) yield* this.match(tokens, said, ti + 1, wi + 1, slots);
      return;
    }
    for (let end = wi + 1; end <= Math.min(said.length, wi + 6); end++) {
      const value = this.slotValue(token.type, said.slice(wi, end).join(' '));
      if (value === undefined) continue;
      yield* this.match(tokens, said, ti + 1, end, { ...slots, [token.slot]: value });
    }
  }

  /** The value Alexa would send for `text` in a slot of `type`, or undefined if it does not fit. */
  private slotValue(type: string, text: string): string | undefined {
    switch (type) {
      case 'AMAZON.NUMBER':
        if (/^-?\d+$/.test(text)) return text;
        return NUMBER_WORDS[text];
      case 'AMAZON.DATE':
        return resolveSpokenDate(text, this.today());
      case 'AMAZON.TIME':
        return resolveSpokenTime(text);
      case 'AMAZON.FirstName':
        return /^[a-z']+( [a-z']+)?$/.test(text) ? text.split(' ').map((w) => this.cased.get(w) ?? w).join(' ') : undefined;
      default: {
        const values = this.types.get(type);
        if (values) return values.has(text) ? text : undefined;
        return text;
      }
    }
  }
}
