/**
 * Derives every English locale from models/en-US.json with the rules in models/locales.json, and the
 * non-US locales of models/skill.json from its en-US entries.
 *   npm run models              rewrite the generated files
 *   npm run models -- --check   exit 1 if a committed file differs from what this would write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  LOCALES,
  localiseText,
  rewritersFor,
  SOURCE_LOCALE,
  VARIANT_RULES,
  type LocaleRewriters,
  type SkillLocale,
  type VariantRules,
} from '../src/speech/locale';

export const ROOT = resolve(__dirname, '..');
export const TARGET_LOCALES = LOCALES.filter((l) => l !== SOURCE_LOCALE);

/** What the Alexa console accepts in a sample utterance. */
const SAMPLE_CHARS = /^[a-zA-Z.' {}]+$/;

interface Intent {
  name: string;
  slots?: { name: string; type: string; samples?: string[] }[];
  samples?: string[];
}
interface TypeValue {
  id?: string;
  name: { value: string; synonyms?: string[] };
}
interface SlotType {
  name: string;
  values: TypeValue[];
}
interface Model {
  interactionModel: {
    languageModel: { invocationName: string; intents: Intent[]; types?: SlotType[] };
    dialog?: unknown;
    prompts?: { id: string; variations: { type: string; value: string }[] }[];
  };
}

/** One locale's entry in the manifest's listing or privacy section, its fields as the file has them. */
type LocaleEntry = Record<string, unknown>;

/**
 * models/skill.json as the build and deploy rewrite it: the per-locale sections, and what the skill
 * package reads (permissions, the custom API's endpoint and tasks, the routines API); every other
 * field passes through untouched.
 */
export interface SkillManifest {
  manifest: Record<string, unknown> & {
    publishingInformation: Record<string, unknown> & { locales: Record<string, LocaleEntry> };
    privacyAndCompliance: Record<string, unknown> & { locales: Record<string, LocaleEntry> };
    permissions?: { name: string }[];
    apis: Record<string, unknown> & {
      custom: Record<string, unknown> & { endpoint: { uri: string }; tasks?: { name: string; version: string }[] };
      routines?: { endpoint: { uri: string }; regions: Record<string, { endpoint: { uri: string } }> };
    };
  };
}

/** A generated file: where it goes and what it must contain. */
export interface Output {
  file: string;
  content: string;
}

export interface BuildResult {
  outputs: Output[];
  /** Rule variants left out because en-US already says them elsewhere (worth a look, not an error). */
  notes: string[];
}

const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The utterance forms of `text` in a locale: respelt, plus a variant with its everyday words and phrasing. */
function utteranceForms(text: string, r: LocaleRewriters): string[] {
  const respelt = r.spelling.apply(text);
  const varied = r.spelling.apply(r.phrasing.apply(r.words.apply(text)));
  return respelt === varied ? [respelt] : [respelt, varied];
}

/** Derives one locale's interaction model from the en-US model. */
export function deriveModel(source: Model, locale: SkillLocale, rules: VariantRules = VARIANT_RULES): { model: Model; notes: string[] } {
  const own = rules.locales[locale];
  if (!own) throw new Error(`models/locales.json has no rules for ${locale}`);
  const r = rewritersFor(locale, rules);
  const model: Model = structuredClone(source);
  const lm = model.interactionModel.languageModel;
  const notes: string[] = [];

  // Which intent owns each sample in the source, so a variant never lands under a second intent.
  const owner = new Map<string, string>();
  for (const intent of source.interactionModel.languageModel.intents) {
    for (const s of intent.samples ?? []) owner.set(key(s), intent.name);
  }

  for (const intent of lm.intents) {
    if (!intent.samples) continue;
    const out: string[] = [];
    const seen = new Set<string>();
    const push = (s: string) => {
      if (!seen.has(key(s))) {
        seen.add(key(s));
        out.push(s);
      }
    };
    for (const sample of intent.samples) {
      for (const [i, form] of utteranceForms(sample, r).entries()) {
        const taken = owner.get(key(form));
        if (i > 0 && taken && taken !== intent.name) {
          notes.push(`${locale}: "${form}" (from "${sample}") left out of ${intent.name}: en-US has it under ${taken}`);
          continue;
        }
        if (!SAMPLE_CHARS.test(form)) throw new Error(`models/locales.json: ${locale} turns "${sample}" into "${form}", which is not a valid sample utterance`);
        push(form);
        owner.set(key(form), intent.name);
      }
    }
    intent.samples = out;
    for (const slot of intent.slots ?? []) {
      if (slot.samples) slot.samples = [...new Set(slot.samples.flatMap((s) => utteranceForms(s, r)))];
    }
  }

  for (const [intentName, extra] of Object.entries(own.samples ?? {})) {
    const intent = lm.intents.find((i) => i.name === intentName);
    if (!intent) throw new Error(`models/locales.json: ${locale} adds samples to ${intentName}, which models/en-US.json no longer has`);
    const slotNames = new Set((intent.slots ?? []).map((s) => s.name));
    intent.samples ??= [];
    const mine = new Set(intent.samples.map(key));
    for (const sample of extra) {
      if (!SAMPLE_CHARS.test(sample)) throw new Error(`models/locales.json: ${locale} sample "${sample}" has characters Alexa does not accept`);
      for (const [, slot = ''] of sample.matchAll(/\{(\w+)\}/g)) {
        if (!slotNames.has(slot)) throw new Error(`models/locales.json: ${locale} sample "${sample}" uses {${slot}}, which ${intentName} lacks`);
      }
      const taken = owner.get(key(sample));
      if (taken && taken !== intentName) throw new Error(`models/locales.json: ${locale} sample "${sample}" for ${intentName} is already a sample of ${taken}`);
      if (!mine.has(key(sample))) {
        intent.samples.push(sample);
        mine.add(key(sample));
        owner.set(key(sample), intentName);
      }
    }
  }

  for (const type of lm.types ?? []) {
    // Which value each spoken form belongs to, so no synonym is ever ambiguous.
    const valueOf = new Map<string, TypeValue>();
    for (const v of type.values) for (const w of [v.name.value, ...(v.name.synonyms ?? [])]) valueOf.set(key(w), v);
    const add = (v: TypeValue, synonym: string, explicit: boolean) => {
      const taken = valueOf.get(key(synonym));
      if (taken === v) return;
      if (taken) {
        const where = `${type.name} "${synonym}" (${v.id ?? v.name.value}) is already a form of ${taken.id ?? taken.name.value}`;
        if (explicit) throw new Error(`models/locales.json: ${locale} ${where}`);
        notes.push(`${locale}: ${where}; left out`);
        return;
      }
      (v.name.synonyms ??= []).push(synonym);
      valueOf.set(key(synonym), v);
    };
    for (const v of type.values) {
      for (const form of [v.name.value, ...(v.name.synonyms ?? [])]) {
        for (const variant of utteranceForms(form, r)) add(v, variant, false);
      }
    }
    for (const [id, extra] of Object.entries(own.synonyms?.[type.name] ?? {})) {
      const v = type.values.find((x) => (x.id ?? x.name.value) === id);
      if (!v) throw new Error(`models/locales.json: ${locale} adds synonyms to ${type.name} value "${id}", which models/en-US.json no longer has`);
      for (const synonym of extra) add(v, synonym, true);
    }
  }
  for (const typeName of Object.keys(own.synonyms ?? {})) {
    if (!(lm.types ?? []).some((t) => t.name === typeName))
      throw new Error(`models/locales.json: ${locale} adds synonyms to ${typeName}, which models/en-US.json no longer has`);
  }

  for (const prompt of model.interactionModel.prompts ?? []) {
    for (const variation of prompt.variations) variation.value = r.spelling.apply(variation.value);
  }
  return { model, notes };
}

/** The manifest with every non-US locale rewritten from its en-US entries (other fields untouched). */
export function deriveManifest(manifest: SkillManifest, rules: VariantRules = VARIANT_RULES): SkillManifest {
  const out = structuredClone(manifest);
  const publishing = out.manifest?.publishingInformation;
  const us = publishing?.locales?.[SOURCE_LOCALE];
  if (!us) throw new Error(`models/skill.json has no manifest.publishingInformation.locales["${SOURCE_LOCALE}"] to derive the other locales from`);
  const privacy = out.manifest.privacyAndCompliance;
  const usPrivacy = privacy?.locales?.[SOURCE_LOCALE];

  const locales: Record<string, LocaleEntry> = {};
  const privacyLocales: Record<string, LocaleEntry> = {};
  for (const locale of LOCALES) {
    if (locale === SOURCE_LOCALE) {
      locales[locale] = us;
      if (usPrivacy) privacyLocales[locale] = usPrivacy;
      continue;
    }
    const text = (s: string) => localiseText(s, locale, rules);
    const entry: LocaleEntry = {};
    for (const [field, value] of Object.entries(us)) {
      if (field === 'examplePhrases') entry[field] = rules.locales[locale]?.examplePhrases ?? (value as string[]).map(text);
      else if (field === 'keywords') entry[field] = [...new Set((value as string[]).map(text))];
      else if (field === 'summary' || field === 'description' || field === 'updatesDescription') entry[field] = text(value as string);
      else entry[field] = value;
    }
    locales[locale] = entry;
    if (usPrivacy) privacyLocales[locale] = structuredClone(usPrivacy);
  }
  publishing.locales = locales;
  if (usPrivacy) privacy.locales = privacyLocales;
  return out;
}

/** Everything `npm run models` writes, computed from the files on disk under `root`. */
export function buildAll(root = ROOT): BuildResult {
  const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
  const source = read(`models/${SOURCE_LOCALE}.json`) as Model;
  const outputs: Output[] = [];
  const notes: string[] = [];
  for (const locale of TARGET_LOCALES) {
    const derived = deriveModel(source, locale);
    outputs.push({ file: join(root, 'models', `${locale}.json`), content: json(derived.model) });
    notes.push(...derived.notes);
  }
  outputs.push({ file: join(root, 'models', 'skill.json'), content: json(deriveManifest(read('models/skill.json'))) });
  // The handlers need only the custom slot values (for words Alexa sent without an id), not the
  // whole model: a small extract keeps ~15 KB of samples out of the Lambda bundle.
  const slotValues = Object.fromEntries(
    (source.interactionModel.languageModel.types ?? []).map((t) => [
      t.name,
      t.values.map((v) => ({ id: v.id ?? v.name.value, words: [v.name.value, ...(v.name.synonyms ?? [])] })),
    ]),
  );
  outputs.push({ file: join(root, 'src', 'content', 'slot-values.json'), content: json(slotValues) });
  return { outputs, notes };
}

/** The generated files whose committed content differs from what the generator produces. */
export function staleFiles(root = ROOT): string[] {
  return buildAll(root)
    .outputs.filter((o) => {
      try {
        return readFileSync(o.file, 'utf8') !== o.content;
      } catch {
        return true;
      }
    })
    .map((o) => relative(root, o.file));
}

/** The command line: rewrite the generated files, or with --check only compare them. Returns the exit code. */
export function main(args: string[], root = ROOT): number {
  if (args.includes('--check')) {
    const stale = staleFiles(root);
    if (stale.length === 0) {
      console.log('models: generated files are up to date');
      return 0;
    }
    console.error(`models: out of date: ${stale.join(', ')}\nRun \`npm run models\` and commit the result (never edit these files by hand).`);
    return 1;
  }
  const { outputs, notes } = buildAll(root);
  for (const o of outputs) writeFileSync(o.file, o.content);
  for (const note of notes) console.warn(`note: ${note}`);
  console.log(`models: wrote ${outputs.map((o) => relative(root, o.file)).join(', ')}`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`models: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
