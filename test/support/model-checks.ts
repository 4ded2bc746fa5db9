import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { handledIntents } from '../../src/answers/support';
// Importing the composition root registers every handler's intents.
import '../../src/skill';

export interface ModelIntent {
  name: string;
  slots?: { name: string; type: string }[];
  samples: string[];
}

/** The language model of an interaction model file. */
export function languageModel(modelFile: string) {
  return JSON.parse(readFileSync(modelFile, 'utf8')).interactionModel.languageModel;
}

/**
 * The checks every locale's interaction model must pass: handlers and intents agree, the
 * invocation name, enough varied samples with known slots, declared types, no shared utterance.
 */
export function describeModelChecks(modelFile: string, locale = basename(modelFile, '.json')): void {
  const model = languageModel(modelFile);
  const intents: ModelIntent[] = model.intents;
  const customIntents = intents.filter((i) => !i.name.startsWith('AMAZON.'));
  const typeNames = new Set<string>(model.types.map((t: { name: string }) => t.name));

  describe(`interaction model and handlers agree (${locale})`, () => {
    it('has a handler for every intent in the model, and no handler for an intent the model lacks', () => {
      const modelNames = new Set(intents.map((i) => i.name));
      expect([...modelNames].filter((n) => !handledIntents.has(n))).toEqual([]);
      expect([...handledIntents].filter((n) => !modelNames.has(n))).toEqual([]);
    });

    it('uses the invocation name "twilight ritual"', () => {
      expect(model.invocationName).toBe('twilight ritual');
    });

    it.each(customIntents.map((i) => [i.name, i] as const))('%s has at least 12 varied samples whose slots exist', (_name, intent) => {
      expect(new Set(intent.samples.map((s) => s.toLowerCase())).size).toBeGreaterThanOrEqual(12);
      const slotNames = new Set((intent.slots ?? []).map((s) => s.name));
      for (const sample of intent.samples) {
        for (const [, slotName] of sample.matchAll(/\{(\w+)\}/g)) expect(slotNames).toContain(slotName);
        expect(sample).toMatch(/^[a-zA-Z.' {}]+$/); // what the Alexa console accepts
      }
    });

    it('declares every custom slot type it uses', () => {
      for (const intent of intents) {
        for (const slot of intent.slots ?? []) {
          if (!slot.type.startsWith('AMAZON.')) expect(typeNames).toContain(slot.type);
        }
      }
    });

    it('never lists the same utterance under two intents', () => {
      const seen = new Map<string, string>();
      const clashes: string[] = [];
      for (const intent of intents) {
        for (const sample of intent.samples) {
          const key = sample.toLowerCase().replace(/\s+/g, ' ').trim();
          const other = seen.get(key);
          if (other && other !== intent.name) clashes.push(`${key}: ${other} / ${intent.name}`);
          seen.set(key, intent.name);
        }
      }
      expect(clashes).toEqual([]);
    });
  });
}
