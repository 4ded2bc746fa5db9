/**
 * The statistical half of the simulator's NLU stand-in. Alexa does not need a line to match a
 * sample word for word: it learns from the samples which words, and which pairs of words, point to
 * which intent. This learns the same way, with a small logistic-regression model over word stems,
 * neighbouring pairs and slot types, trained on the interaction model's own samples. It names an
 * intent only when it is clear enough; otherwise nothing, which is Alexa's fallback.
 */
import { createHash } from 'node:crypto';

/** Words that say little about intent; "not", "no" and "stop" are kept on purpose. */
const STOPWORDS = new Set(
  (
    'a an the to of in on at for and or but so is am are was were be been being i me my mine we us our you your he him his she her they ' +
    'them their it its this that these those there here do does did have has had will would can could shall should may might ' +
    "with about as by from up out just really very quite pretty bit please um uh er erm well oh okay like honestly actually 's " +
    'then now again too also some any all one get got go going gonna want wanna need let lets tonight today'
  )
    .split(' ')
    .filter(Boolean),
);

export interface ClassifierIntent {
  name: string;
  /** Every phrasing of the intent, slot references standing as their type's word (see typeWord). */
  phrases: string[][];
}

export interface Classified {
  intent: string;
  /** The model's probability for the intent, from 0 to 1. */
  confidence: number;
  /** Share of the line's content words the model has ever seen. */
  coverage: number;
}

/** How sure the classifier must be before it names an intent rather than falling back. */
const MIN_CONFIDENCE = 0.4;
/** A line mostly of words no sample uses is about something else ("what's the cricket score"). */
const MIN_COVERAGE = 0.5;

/** Training: passes over the samples, first step size and how fast it shrinks, weight decay. */
const EPOCHS = 20;
const FIRST_STEP = 0.3;
const STEP_DECAY = 0.85;
const DECAY = 1e-4;

/**
 * A word's stem, so "suggestions", "suggesting" and "suggest" count as one word: Alexa's models
 * generalise across a word's forms, and samples cannot list every one. Deliberately light.
 */
function stem(word: string): string {
  if (word.length <= 4) return word;
  const plural: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/(ss|us)$/, '$1'],
    [/(ch|sh|x|ss)es$/, '$1'],
    [/s$/, ''],
  ];
  let w = word;
  const rule = plural.find(([from]) => from.test(w));
  if (rule) w = w.replace(rule[0], rule[1]);
  if (w.length > 5) return w.replace(/(?:ing|ed)$/, '').replace(/([^aeiou])\1$/, '$1');
  return w.length > 4 ? w.replace(/ly$/, '') : w;
}

const contentWords = (words: string[]): string[] =>
  words
    .filter((w) => !STOPWORDS.has(w) && !/^\d+$/.test(w))
    .map(stem)
    .filter((w) => !STOPWORDS.has(w));

/** What the model weighs in a line: its content stems and each neighbouring pair of them. */
function features(words: string[]): string[] {
  const content = contentWords(words);
  const out = new Set(content);
  for (let i = 0; i + 1 < content.length; i++) out.add(`${content[i]}|${content[i + 1]}`);
  return [...out];
}

interface Trained {
  intents: string[];
  weights: Map<string, Float64Array>;
  bias: Float64Array;
}

/** One model per set of samples: every conversation in a run shares it rather than retraining. */
const trainedBySamples = new Map<string, Trained>();

/** A fixed-seed generator, so training (and so every routing) is the same on every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

// The bias, every weight row and every score or gradient vector have one slot per intent, so an
// index valid for one is valid for all: `?? 0` below only settles the type of such a read.

function softmax(scores: Float64Array): Float64Array {
  const top = Math.max(...scores);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] ?? 0) - top);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] ?? 0) / sum;
  return scores;
}

function probabilities(model: Trained, feats: string[]): Float64Array {
  const scores = Float64Array.from(model.bias);
  for (const f of feats) {
    const w = model.weights.get(f);
    if (w) for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] ?? 0) + (w[k] ?? 0);
  }
  return softmax(scores);
}

function train(intents: ClassifierIntent[]): Trained {
  const withSamples = intents.filter((i) => i.phrases.length > 0);
  const model: Trained = { intents: withSamples.map((i) => i.name), weights: new Map(), bias: new Float64Array(withSamples.length) };
  // Intents with few samples count for more, so a built-in with ten phrasings is not drowned out.
  const mean = withSamples.reduce((n, i) => n + i.phrases.length, 0) / withSamples.length;
  const data = withSamples.flatMap((intent, k) => {
    const weight = Math.min(3, Math.sqrt(mean / intent.phrases.length));
    return intent.phrases.map((phrase) => ({ k, weight, feats: features(phrase) }));
  });
  for (const { feats } of data) for (const f of feats) if (!model.weights.has(f)) model.weights.set(f, new Float64Array(withSamples.length));
  const random = seeded(20261203);
  let step = FIRST_STEP;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = data.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const [a, b] = [data[i], data[j]];
      if (a && b) [data[i], data[j]] = [b, a];
    }
    for (const { k: truth, weight, feats } of data) {
      const rows = feats.map((f) => model.weights.get(f));
      probabilities(model, feats).forEach((p, k) => {
        const gradient = (p - (k === truth ? 1 : 0)) * weight * step;
        model.bias[k] = (model.bias[k] ?? 0) - gradient * 0.1;
        for (const w of rows) if (w) w[k] = (w[k] ?? 0) - (gradient + DECAY * (w[k] ?? 0));
      });
    }
    step *= STEP_DECAY;
  }
  return model;
}

export class IntentClassifier {
  private model: Trained | undefined;
  private readonly key: string;
  private readonly vocabulary = new Set<string>();

  constructor(private readonly intents: ClassifierIntent[]) {
    this.key = createHash('sha256').update(JSON.stringify(intents)).digest('hex');
    for (const intent of intents) for (const phrase of intent.phrases) for (const w of contentWords(phrase)) this.vocabulary.add(w);
  }

  /** The intent the line's words point to, or undefined when none is clear. */
  classify(words: string[]): Classified | undefined {
    const content = [...new Set(contentWords(words))];
    if (content.length === 0) return undefined;
    const coverage = content.filter((w) => this.vocabulary.has(w)).length / content.length;
    if (coverage < MIN_COVERAGE) return undefined;
    const model = this.trained();
    const p = probabilities(model, features(words));
    const confidence = Math.max(...p);
    const intent = model.intents[p.indexOf(confidence)];
    return intent !== undefined && confidence >= MIN_CONFIDENCE ? { intent, confidence, coverage } : undefined;
  }

  /** Trained on first use (most lines match a sample and never need it), once per set of samples. */
  private trained(): Trained {
    if (!this.model) {
      this.model = trainedBySamples.get(this.key) ?? train(this.intents);
      trainedBySamples.set(this.key, this.model);
    }
    return this.model;
  }
}
