import { IntentClassifier, type ClassifierIntent } from './intent-classifier';
import type { InteractionModel } from './interaction-model';
import { resolveSpokenDate } from './spoken-date';
import { resolveSpokenTime } from './spoken-time';
import { BUILT_IN, careOf, FALLBACK, FALLBACK_SLOTS, FILLER_PAIRS, FILLERS, NEGATIONS, normalWords, NUMBER_WORDS, PAIRED_FILLERS } from './spoken-words';

export { normalWords } from './spoken-words';

export interface Resolution {
  intent: string;
  /** Slot values as Alexa sends them: numbers as digits, dates as ISO days, times as HH:MM. */
  slots: Record<string, string>;
  /** How many literal words of the sample matched: more means a surer match. */
  literals: number;
  /** Words said that the match passed over (fillers not counted). */
  skipped: number;
  /** True when the line answered the slot being elicited, through that slot's samples. */
  elicited?: boolean;
}

/** A slot the skill asked for with Dialog.ElicitSlot (or that a Dialog.Delegate prompted). */
export interface Elicitation {
  intent: string;
  slot: string;
}

/** How a slot of a type counts among the classifier's words. */
const typeWord = (type: string): string => `<${type.toLowerCase()}>`;

/** Words a match may pass over at most: beyond that a line says too much else to be this sample. */
const MAX_SKIPPED = 8;

/** Words after which "one" stands for a thing or a person ("that one", "which one"), not a number. */
const ONE_AS_PRONOUN_AFTER = new Set(['that', 'this', 'the', 'which', 'each', 'every', 'any', 'another', 'other', 'last', 'next', 'new', 'no', 'have']);

/** How sure the whole-line classifier must be to overrule a sample matched with words passed over. */
const OUTWEIGH_CONFIDENCE = 0.75;

type Token = { literal: string } | { slot: string; type: string };

interface Sample {
  intent: string;
  tokens: Token[];
  literals: number;
  typed: number;
}

interface Found {
  slots: Record<string, string>;
  skipped: number;
  slotWords: number;
}

function tokenise(phrase: string, slotTypes: Map<string, string>): Token[] {
  return phrase.split(/\s+/).flatMap((part): Token[] => {
    const [, slot, possessive] = /^\{(\w+)\}('s)?$/.exec(part) ?? [];
    if (slot !== undefined) {
      const token: Token = { slot, type: slotTypes.get(slot) ?? 'AMAZON.SearchQuery' };
      return possessive ? [token, { literal: "'s" }] : [token];
    }
    return normalWords(part).map((literal) => ({ literal }));
  });
}

function sampleOf(intent: string, tokens: Token[]): Sample {
  return {
    intent,
    tokens,
    literals: tokens.filter((t) => 'literal' in t).length,
    typed: tokens.filter((t) => 'slot' in t && t.type !== 'AMAZON.FirstName').length,
  };
}

/** Score of a match: literal words count most, slot words less, every word passed over costs. */
const score = (sample: Sample, found: Found): number => sample.literals * 10 + found.slotWords * 4 - found.skipped * 6 + sample.typed;

/**
 * Resolves what a person says against an interaction model, standing in for Alexa's NLU: literal
 * words must match (contractions and fillers such as "um" or "please" aside), a long sample may
 * pass over a word or two said around it, slots take words that fit their type (custom types only
 * their values and synonyms), and the best-scoring sample wins. While a slot is being elicited,
 * that slot's own samples are tried too.
 */
export class UtteranceResolver {
  private readonly samples: Sample[] = [];
  private readonly slotSamples = new Map<string, Sample[]>();
  private readonly types = new Map<string, Map<string, string>>();
  private readonly slotTypesOf = new Map<string, Map<string, string>>();
  /** Every word the model uses: a word of the model is never taken for someone's name. */
  private readonly vocabulary = new Set<string>();
  private readonly classifier: IntentClassifier;
  private cased = new Map<string, string>();

  constructor(
    model: InteractionModel,
    private readonly today: () => string,
  ) {
    const lm = model.interactionModel.languageModel;
    for (const type of lm.types ?? []) {
      const values = new Map<string, string>();
      for (const v of type.values) for (const w of [v.name.value, ...(v.name.synonyms ?? [])]) values.set(normalWords(w).join(' '), w.toLowerCase());
      this.types.set(type.name, values);
    }
    const learnt: ClassifierIntent[] = [];
    for (const intent of lm.intents) {
      const slotTypes = new Map((intent.slots ?? []).map((s) => [s.name, s.type]));
      this.slotTypesOf.set(intent.name, slotTypes);
      // Out of the skill's reach, a singer or a place is heard like a name.
      if (intent.name === FALLBACK) for (const [slot, type] of Object.entries(FALLBACK_SLOTS)) slotTypes.set(slot, type);
      const phrases: string[][] = [];
      for (const phrase of [...(intent.samples ?? []), ...(BUILT_IN[intent.name] ?? [])]) {
        const tokens = tokenise(phrase, slotTypes);
        this.samples.push(sampleOf(intent.name, tokens));
        // A built-in slot stands as its type; a custom one by its values, learnt from the list below.
        phrases.push(tokens.flatMap((t) => ('literal' in t ? [t.literal] : t.type.startsWith('AMAZON.') ? [typeWord(t.type)] : [])));
      }
      for (const slot of intent.slots ?? []) {
        const own = (slot.samples ?? []).map((phrase) => sampleOf(intent.name, tokenise(phrase, slotTypes)));
        if (own.length > 0) this.slotSamples.set(`${intent.name}.${slot.name}`, own);
        for (const value of this.types.get(slot.type)?.keys() ?? []) phrases.push(value.split(' '));
      }
      for (const phrase of phrases) for (const w of phrase) this.vocabulary.add(w);
      learnt.push({ name: intent.name, phrases });
    }
    this.classifier = new IntentClassifier(learnt);
  }

  /** The intent and slots for a line, or undefined when nothing in the model fits (Alexa's fallback). */
  resolve(phrase: string, eliciting?: Elicitation): Resolution | undefined {
    const said = normalWords(phrase);
    const original = phrase
      .replace(/[’]/g, "'")
      .replace(/[^A-Za-z0-9:' ]+/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
    // Alexa keeps a name's capitals; everything else is matched in lower case.
    this.cased = new Map(original.map((w) => [w.toLowerCase().replace(/'s$/, ''), w.replace(/'s$/, '')]));
    const general = this.best(this.samples, said);
    const own = eliciting ? this.slotSamples.get(`${eliciting.intent}.${eliciting.slot}`) : undefined;
    const answer = own ? this.best(own, said) : undefined;
    // An answer to the question asked wins unless the line says something else more surely.
    if (answer && (!general || answer.score >= general.score)) return { ...answer.resolution, elicited: true };
    const heard = general && this.outweighed(general.resolution, said) ? this.classified(said) : (general?.resolution ?? this.classified(said));
    return heard?.intent === FALLBACK ? undefined : heard;
  }

  /**
   * A sample that matched only by passing over words said around it is weak evidence, and Alexa
   * weighs every word of a line: when the whole line points clearly elsewhere, that wins. Words of
   * discomfort, a red flag or a stop are never traded for a less careful intent this way.
   */
  private outweighed(matched: Resolution, said: string[]): boolean {
    if (matched.skipped === 0) return false;
    const whole = this.classifier.classify(this.typedWords(said));
    if (!whole || whole.intent === matched.intent || whole.confidence < OUTWEIGH_CONFIDENCE) return false;
    return careOf(whole.intent) >= careOf(matched.intent);
  }

  /** No sample fits: the intent the words point to, with whatever slot values the line holds. */
  private classified(said: string[]): Resolution | undefined {
    const found = this.classifier.classify(this.typedWords(said));
    if (!found) return undefined;
    const slots: Record<string, string> = {};
    const taken = new Set<number>();
    for (const [slot, type] of this.slotTypesOf.get(found.intent) ?? []) {
      for (let size = Math.min(6, said.length); size >= 1 && slots[slot] === undefined; size--) {
        for (let at = 0; at + size <= said.length; at++) {
          if ([...Array(size).keys()].some((k) => taken.has(at + k))) continue;
          const value = this.slotValue(type, said.slice(at, at + size), true);
          if (value === undefined) continue;
          slots[slot] = value;
          for (let k = 0; k < size; k++) taken.add(at + k);
          break;
        }
      }
    }
    return { intent: found.intent, slots, literals: 0, skipped: said.length };
  }

  /**
   * The line as the classifier weighs it: a name, a number, a date or a time stands as its type
   * ("Friday" and "the 14th" are both a date), as Alexa's models learn from slot types rather than
   * from each value.
   */
  private typedWords(said: string[]): string[] {
    const out: string[] = [];
    let at = 0;
    while (at < said.length) {
      // "That one", "this one" and "one of us" use "one" as a pronoun, not a number.
      const pronoun = said[at] === 'one' && (ONE_AS_PRONOUN_AFTER.has(said[at - 1] ?? '') || said[at + 1] === 'of');
      const size = pronoun ? undefined : [4, 3, 2, 1].find((n) => at + n <= said.length && this.builtInType(said.slice(at, at + n)) !== undefined);
      const stretch = said.slice(at, at + (size ?? 1));
      const type = size === undefined ? undefined : this.builtInType(stretch);
      if (type === undefined) out.push(...stretch);
      else out.push(typeWord(type));
      at += stretch.length;
    }
    return out;
  }

  /** The built-in slot type a stretch of words fits, if any. */
  private builtInType(words: string[]): string | undefined {
    const text = words.join(' ');
    if (words.length === 1 && this.slotValue('AMAZON.NUMBER', words) !== undefined) return 'AMAZON.NUMBER';
    // "Tonight" and "today" say when, not which intent: nearly every evening line has them.
    if (/^(tonight|today|now|\d+)$/.test(text)) return undefined;
    if (this.slotValue('AMAZON.DATE', words) !== undefined) return 'AMAZON.DATE';
    if (/^\d/.test(this.slotValue('AMAZON.TIME', words) ?? '')) return 'AMAZON.TIME';
    if (words.length === 1 && this.slotValue('AMAZON.FirstName', words, true) !== undefined) return 'AMAZON.FirstName';
    return undefined;
  }

  private best(samples: Sample[], said: string[]): { resolution: Resolution; score: number } | undefined {
    const present = new Set(said);
    let best: { resolution: Resolution; score: number; typed: number } | undefined;
    for (const sample of samples) {
      // Every literal word of the sample must have been said somewhere, or it cannot match.
      if (!sample.tokens.every((t) => !('literal' in t) || present.has(t.literal))) continue;
      for (const found of this.match(sample.tokens, said, 0, 0, {}, 0, 0)) {
        // Most of what was said must be the sample: words passed over never outnumber words matched.
        if (found.skipped > sample.literals + found.slotWords) continue;
        const value = score(sample, found);
        if (!best || value > best.score || (value === best.score && sample.typed > best.typed)) {
          best = {
            resolution: { intent: sample.intent, slots: found.slots, literals: sample.literals, skipped: found.skipped },
            score: value,
            typed: sample.typed,
          };
        }
      }
    }
    return best;
  }

  private *match(tokens: Token[], said: string[], ti: number, wi: number, slots: Record<string, string>, skipped: number, slotWords: number): Generator<Found> {
    const token = tokens[ti];
    if (token === undefined) {
      let rest = skipped;
      for (let i = wi; i < said.length; i++) if (!this.isFiller(said, i)) rest++;
      yield { slots: { ...slots }, skipped: rest, slotWords };
      return;
    }
    if ('literal' in token) {
      if (said[wi] === token.literal) yield* this.match(tokens, said, ti + 1, wi + 1, slots, skipped, slotWords);
    } else {
      for (let end = wi + 1; end <= Math.min(said.length, wi + 6); end++) {
        const value = this.slotValue(token.type, said.slice(wi, end));
        if (value !== undefined) yield* this.match(tokens, said, ti + 1, end, { ...slots, [token.slot]: value }, skipped, slotWords + end - wi);
      }
    }
    // Pass over a word said here: free for a filler, a cost otherwise.
    // "Not" and its kin are never passed over: "I'm not feeling great" is not "I'm feeling great".
    const next = said[wi];
    if (next !== undefined && skipped < MAX_SKIPPED && !NEGATIONS.has(next)) {
      const filler = this.isFiller(said, wi);
      yield* this.match(tokens, said, ti, wi + 1, slots, filler ? skipped : skipped + 1, slotWords);
    }
  }

  /** A filler word, or one of a filler pair ("thank you", "I think", "a bit"). */
  private isFiller(said: string[], i: number): boolean {
    const word = said[i];
    if (word === undefined || !FILLERS.has(word)) return false;
    if (!PAIRED_FILLERS.has(word)) return true;
    if (word === 'very' || word === 'quite' || word === 'pretty') return true;
    return FILLER_PAIRS.some(([a, b]) => (word === a && said[i + 1] === b) || (word === b && said[i - 1] === a));
  }

  /** The value Alexa would send for `words` in a slot of `type`, or undefined if they do not fit. */
  private slotValue(type: string, words: string[], scanning = false): string | undefined {
    const text = words.join(' ');
    switch (type) {
      case 'AMAZON.NUMBER':
        if (words.length !== 1) return undefined;
        if (/^-?\d+$/.test(text)) return text;
        return NUMBER_WORDS[text];
      case 'AMAZON.DATE':
        return resolveSpokenDate(text, this.today());
      case 'AMAZON.TIME':
        return resolveSpokenTime(text);
      case 'AMAZON.FirstName':
        if (words.length > 2 || words.some((w) => !/^[a-z]+$/.test(w) || FILLERS.has(w) || this.vocabulary.has(w))) return undefined;
        // Picked out of a longer line, a name is a word said with a capital.
        if (scanning && words.some((w) => !/^[A-Z]/.test(this.cased.get(w) ?? ''))) return undefined;
        return words.map((w) => this.cased.get(w) ?? w).join(' ');
      default: {
        const values = this.types.get(type);
        if (values) return values.get(text);
        return scanning ? undefined : text;
      }
    }
  }
}
