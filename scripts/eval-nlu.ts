/**
 * Routing evaluation: every phrasing in test/nlu/*.json goes through the simulator's own matcher
 * (src/local/resolve-utterance.ts) against each locale's model, as the skill would receive it.
 *   npm run eval:nlu                      per-intent accuracy and the misses, every locale
 *   npm run eval:nlu -- --locale en-GB    one locale
 *   npm run eval:nlu -- --check           exit 1 below the targets (95 % overall, 100 % consent and safety)
 *   npm run eval:nlu -- --corpus FILE     another corpus in the same format (e.g. phrasings kept unseen)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hasRedFlag } from '../src/domain/safety';
import type { InteractionModel } from '../src/local/interaction-model';
import { type Elicitation, normalWords, UtteranceResolver } from '../src/local/resolve-utterance';
import { LOCALES, type SkillLocale } from '../src/speech/locale';

const ROOT = resolve(__dirname, '..');
export const CORPUS_DIR = join(ROOT, 'test', 'nlu');
/** A fixed day, so spoken dates resolve the same whatever the calendar says. */
const TODAY = '2026-11-25';

export const TARGET_OVERALL = 0.95;
/** Groups where every line must land: words of discomfort and red-flag symptoms. */
export const CRITICAL = ['ConsentIntent', 'SafetyIntent'] as const;

/** Where a context leaves Alexa: the slot the skill just elicited, if any. */
const CONTEXTS: Record<string, Elicitation | undefined> = {
  default: undefined,
  ritual: undefined,
  'asked-who': { intent: 'LogEnergyIntent', slot: 'name' },
  'asked-names': { intent: 'SetupPartnersIntent', slot: 'nameA' },
  'asked-energy': { intent: 'LogEnergyIntent', slot: 'level' },
  'asked-day': { intent: 'RestDayIntent', slot: 'date' },
};

/**
 * Intents that do what the expected one promises, so routing there is not a miss: any of the
 * consent family pauses at once, "yes" or "continue" moves the ritual on, and so on.
 */
const SAME_EFFECT: Record<string, string[]> = {
  ConsentIntent: ['RitualPauseIntent', 'NotTonightIntent', 'AMAZON.PauseIntent', 'AMAZON.StopIntent', 'AMAZON.CancelIntent'],
  NotTonightIntent: ['ConsentIntent'],
  // "Not for now" is feedback with its own intent: it sets the idea aside.
  ActivityFeedbackIntent: ['SetAsideIntent'],
  SetAsideIntent: ['ActivityFeedbackIntent'],
  RitualPauseIntent: ['ConsentIntent', 'AMAZON.PauseIntent'],
  RitualNextIntent: ['AMAZON.NextIntent', 'AMAZON.ResumeIntent', 'AMAZON.YesIntent'],
  'AMAZON.ResumeIntent': ['RitualNextIntent'],
  'AMAZON.NextIntent': ['RitualNextIntent'],
  'AMAZON.StopIntent': ['AMAZON.CancelIntent'],
  'AMAZON.CancelIntent': ['AMAZON.StopIntent'],
};

const SLOT_ALIASES: Record<string, string> = { count: 'times', times: 'count', level: 'energyWord', energyWord: 'level' };

/** Mid-ritual, "no", "that's hurting" and a line not understood all pause at once, exactly as words of discomfort do. */
const SAME_EFFECT_IN_RITUAL: Record<string, string[]> = {
  ConsentIntent: ['AMAZON.NoIntent', 'AMAZON.FallbackIntent', 'SoreTodayIntent'],
};

export interface CorpusGroup {
  intent: string;
  context?: string;
  locales?: string[];
  phrases: string[];
}

export interface Case {
  intent: string;
  context: string;
  line: string;
  slots: Record<string, string>;
}

export interface Outcome extends Case {
  locale: SkillLocale;
  routed: string;
  routedSlots: Record<string, string>;
  ok: boolean;
  why?: string;
}

/** Reads every corpus file in test/nlu (or one file), expanding "line | slot=value" expectations. */
export function readCorpus(file?: string): { locale: string[]; case: Case }[] {
  // test/nlu/*.json is the corpus; test/nlu/holdout/ is kept for checking, never for tuning (--corpus).
  const files = file
    ? [file]
    : readdirSync(CORPUS_DIR)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(CORPUS_DIR, f));
  const out: { locale: string[]; case: Case }[] = [];
  for (const path of files) {
    const groups = (JSON.parse(readFileSync(path, 'utf8')) as { groups: CorpusGroup[] }).groups;
    for (const group of groups) {
      const locales = !group.locales || group.locales.includes('all') ? [...LOCALES] : group.locales;
      for (const phrase of group.phrases) {
        const [line = '', expect = ''] = phrase.split('|').map((p) => p.trim());
        const slots = Object.fromEntries(
          expect
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)
            .map((p) => p.split('=').map((x) => x.trim()) as [string, string]),
        );
        out.push({ locale: locales, case: { intent: group.intent, context: group.context ?? 'default', line, slots } });
      }
    }
  }
  return out;
}

function modelFor(locale: SkillLocale): InteractionModel {
  return JSON.parse(readFileSync(join(ROOT, 'models', `${locale}.json`), 'utf8')) as InteractionModel;
}

/** Slot-type ids by spoken value, so "chemo" counts as the expected "appointment". */
function idsOf(model: InteractionModel): Map<string, Map<string, string>> {
  const ids = new Map<string, Map<string, string>>();
  for (const type of model.interactionModel.languageModel.types ?? []) {
    const byValue = new Map<string, string>();
    for (const v of type.values) for (const w of [v.name.value, ...(v.name.synonyms ?? [])]) byValue.set(normalWords(w).join(' '), v.id ?? v.name.value);
    ids.set(type.name, byValue);
  }
  return ids;
}

/** Routes every case for one locale and says which landed. */
export function evaluate(locale: SkillLocale, cases: Case[]): Outcome[] {
  const model = modelFor(locale);
  const resolver = new UtteranceResolver(model, () => TODAY);
  const ids = idsOf(model);
  const slotTypes = new Map<string, string>();
  for (const intent of model.interactionModel.languageModel.intents) for (const s of intent.slots ?? []) slotTypes.set(`${intent.name}.${s.name}`, s.type);

  return cases.map((c) => {
    const found = resolver.resolve(c.line, CONTEXTS[c.context]);
    let routed = found?.intent ?? 'AMAZON.FallbackIntent';
    const routedSlots = found?.slots ?? {};
    // The skill's first handler stops everything on a red-flag word in any slot of any intent.
    if (Object.values(routedSlots).some((v) => hasRedFlag(v))) routed = 'SafetyIntent';
    const ritual = c.context === 'ritual' ? (SAME_EFFECT_IN_RITUAL[c.intent] ?? []) : [];
    // "That's a bit much for me" or "that's not for me", heard as feedback, pause the ritual at once as
    // consent does; outside it they step the pace down or set the idea aside, pushing nothing.
    const feedbackId = ids.get('FeedbackWord')?.get(normalWords(routedSlots.feedback ?? '').join(' '));
    const tooMuch = (routed === 'ActivityFeedbackIntent' && feedbackId !== undefined && feedbackId !== 'comfortable') || routed === 'SetAsideIntent';
    const sameEffect = routed === c.intent || [...(SAME_EFFECT[c.intent] ?? []), ...ritual].includes(routed) || (c.intent === 'ConsentIntent' && tooMuch);
    if (!sameEffect) return { ...c, locale, routed, routedSlots, ok: false, why: 'intent' };
    for (const [name, expected] of Object.entries(c.slots)) {
      // "Twice" fills the goal's word slot (times) where a number fills count, and "wiped out" the
      // energy word where a number fills level: the handlers read either, to the same number.
      const alias = SLOT_ALIASES[name];
      const slotName = routedSlots[name] === undefined && alias ? alias : name;
      const value = routedSlots[slotName];
      if (value === undefined) return { ...c, locale, routed, routedSlots, ok: false, why: `slot ${name} missing` };
      if (expected === '*') continue;
      const type = slotTypes.get(`${routed}.${slotName}`);
      const id = type ? ids.get(type)?.get(normalWords(value).join(' ')) : undefined;
      const same = [value, id].some((v) => v?.toLowerCase() === expected.toLowerCase());
      if (!same) return { ...c, locale, routed, routedSlots, ok: false, why: `slot ${name}=${value}` };
    }
    return { ...c, locale, routed, routedSlots, ok: true };
  });
}

export interface Summary {
  total: number;
  ok: number;
  byIntent: Map<string, { total: number; ok: number }>;
  misses: Outcome[];
}

export function summarise(outcomes: Outcome[]): Summary {
  const byIntent = new Map<string, { total: number; ok: number }>();
  for (const o of outcomes) {
    const row = byIntent.get(o.intent) ?? { total: 0, ok: 0 };
    row.total++;
    if (o.ok) row.ok++;
    byIntent.set(o.intent, row);
  }
  return { total: outcomes.length, ok: outcomes.filter((o) => o.ok).length, byIntent, misses: outcomes.filter((o) => !o.ok) };
}

/** True when a summary meets the targets: 95 % overall, every consent and safety line. */
export function meetsTargets(summary: Summary): boolean {
  if (summary.total === 0) return false;
  const critical = CRITICAL.every((name) => {
    const row = summary.byIntent.get(name);
    return !row || row.ok === row.total;
  });
  return summary.ok / summary.total >= TARGET_OVERALL && critical;
}

const pct = (ok: number, total: number) => `${((100 * ok) / Math.max(total, 1)).toFixed(1)} %`;

function main(): void {
  const { values } = parseArgs({ options: { locale: { type: 'string' }, check: { type: 'boolean' }, corpus: { type: 'string' }, quiet: { type: 'boolean' } } });
  const corpus = readCorpus(values.corpus);
  const locales = values.locale ? [values.locale as SkillLocale] : [...LOCALES];
  let pass = true;
  for (const locale of locales) {
    const cases = corpus.filter((c) => c.locale.includes(locale)).map((c) => c.case);
    const summary = summarise(evaluate(locale, cases));
    const good = meetsTargets(summary);
    pass &&= good;
    console.log(`\n${locale}: ${pct(summary.ok, summary.total)} of ${summary.total} phrasings routed right ${good ? '(meets targets)' : '(BELOW TARGET)'}`);
    const rows = [...summary.byIntent.entries()].sort(([a], [b]) => a.localeCompare(b));
    for (const [intent, row] of rows)
      console.log(`  ${intent.padEnd(28)} ${String(row.ok).padStart(3)}/${String(row.total).padEnd(3)} ${pct(row.ok, row.total)}`);
    if (!values.quiet && summary.misses.length > 0) {
      console.log('  misses:');
      for (const m of summary.misses)
        console.log(`    [${m.context}] "${m.line}" → ${m.routed} ${JSON.stringify(m.routedSlots)} (wanted ${m.intent}; ${m.why})`);
    }
  }
  if (values.check && !pass) process.exitCode = 1;
}

if (require.main === module) main();
