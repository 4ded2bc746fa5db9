/**
 * The statistical half of the simulator's NLU stand-in. Alexa does not need a line to match a
 * sample word for word: it learns which words point to which intent. This weighs each word by how
 * few intents use it (tf-idf over every intent's samples and custom slot values) and picks the
 * intent whose words the line shares most, when the match is clear enough; otherwise nothing,
 * which is Alexa's fallback.
 */

/** Words that say little about intent; "not", "no" and "stop" are kept on purpose. */
const STOPWORDS = new Set(
  ('a an the to of in on at for and or but so is am are was were be been being i me my mine we us our you your he him his she her they ' +
    'them their it its this that these those there here do does did have has had will would can could shall should may might ' +
    "with about as by from up out just really very quite pretty bit please um uh er erm well oh okay like honestly actually 's " +
    'then now again too also some any all one get got go going gonna want wanna need let lets tonight today')
    .split(' ')
    .filter(Boolean),
);

export interface ClassifierIntent {
  name: string;
  /** Every phrasing of the intent, slot references expanded into the words their values use. */
  phrases: string[][];
}

export interface Classified {
  intent: string;
  /** Cosine similarity of the line's words to the intent's, from 0 to 1. */
  confidence: number;
  /** Share of the line's content words the intent has ever used. */
  coverage: number;
}

/** How sure the classifier must be before it names an intent rather than falling back. */
export const MIN_CONFIDENCE = 0.3;
export const MIN_COVERAGE = 0.6;

export const contentWords = (words: string[]): string[] => words.filter((w) => !STOPWORDS.has(w) && !/^\d+$/.test(w));

export class IntentClassifier {
  /** For each word, each intent's share of it: how often that intent uses it, against the most any intent does. */
  private readonly ownership = new Map<string, Map<string, number>>();
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;

  constructor(intents: ClassifierIntent[]) {
    const rate = new Map<string, Map<string, number>>();
    for (const intent of intents) {
      const total = Math.max(intent.phrases.length, 1);
      for (const phrase of intent.phrases) {
        for (const w of new Set(contentWords(phrase))) {
          const byIntent = rate.get(w) ?? new Map<string, number>();
          byIntent.set(intent.name, (byIntent.get(intent.name) ?? 0) + 1 / total);
          rate.set(w, byIntent);
        }
      }
    }
    const n = intents.length;
    this.unknownIdf = Math.log(n + 1);
    for (const [w, byIntent] of rate) {
      this.idf.set(w, Math.log((n + 1) / byIntent.size));
      const top = Math.max(...byIntent.values());
      this.ownership.set(w, new Map([...byIntent].map(([name, r]) => [name, r / top])));
    }
  }

  /** The intent the line's words point to, or undefined when none is clear. */
  classify(words: string[]): Classified | undefined {
    const content = [...new Set(contentWords(words))];
    if (content.length === 0) return undefined;
    const mass = content.reduce((sum, w) => sum + (this.idf.get(w) ?? this.unknownIdf), 0);
    const scores = new Map<string, { weight: number; shared: number }>();
    for (const w of content) {
      for (const [name, share] of this.ownership.get(w) ?? []) {
        const score = scores.get(name) ?? { weight: 0, shared: 0 };
        score.weight += (this.idf.get(w) ?? 0) * share;
        score.shared++;
        scores.set(name, score);
      }
    }
    let best: Classified | undefined;
    for (const [intent, { weight, shared }] of scores) {
      const confidence = weight / mass;
      if (!best || confidence > best.confidence) best = { intent, confidence, coverage: shared / content.length };
    }
    return best && best.confidence >= MIN_CONFIDENCE && best.coverage >= MIN_COVERAGE ? best : undefined;
  }
}
