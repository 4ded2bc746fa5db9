import { isLocalDay, type LocalDay } from '../domain/dates';
import rulesJson from '../../models/locales.json';

/** The English locales Twilight is published in; en-US is the source of every other one. */
export const LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN'] as const;
export type SkillLocale = (typeof LOCALES)[number];
export const SOURCE_LOCALE: SkillLocale = 'en-US';

type WordMap = Record<string, string>;

/** One locale's rules in models/locales.json (see its $comment). */
interface LocaleRules {
  spelling: string[];
  words: WordMap;
  phrasing: WordMap;
  synonyms?: Record<string, Record<string, string[]>>;
  samples?: Record<string, string[]>;
  examplePhrases?: string[];
}

export interface VariantRules {
  source: string;
  spellingSets: Record<string, WordMap>;
  locales: Record<string, LocaleRules>;
}

/** The variant rules, shared by the model generator and the display-text adapter. */
export const VARIANT_RULES = rulesJson as unknown as VariantRules;

/** The locale to speak and show for a request's locale; anything we are not published in gets en-US. */
export function localeOf(requestLocale: string | undefined): SkillLocale {
  const tag = requestLocale?.trim().replace(/_/g, '-').toLowerCase();
  return LOCALES.find((l) => l.toLowerCase() === tag) ?? SOURCE_LOCALE;
}

/** A compiled find-and-replace over whole words, keeping the case of what it replaces. */
class WordRewriter {
  private readonly pattern: RegExp | undefined;
  private readonly map = new Map<string, string>();

  constructor(maps: WordMap[]) {
    for (const m of maps) for (const [from, to] of Object.entries(m)) this.map.set(normal(from), to);
    // Longest first, so "cell phone" wins over a rule for "cell".
    const keys = [...this.map.keys()].sort((a, b) => b.length - a.length);
    if (keys.length === 0) return;
    const alternation = keys.map((k) => k.split(' ').map(escapeRegExp).join('\\s+')).join('|');
    this.pattern = new RegExp(`(?<![\\w'-])(${alternation})(?![\\w-])`, 'gi');
  }

  get empty(): boolean {
    return this.pattern === undefined;
  }

  /** Rewrites prose, leaving SSML tags and {slot} references untouched. */
  apply(text: string): string {
    const pattern = this.pattern;
    if (!pattern) return text;
    return text
      .split(/(<[^>]*>|\{[^}]*\})/)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(pattern, (found) => matchCase(found, this.map.get(normal(found)) ?? found))))
      .join('');
  }
}

function normal(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matchCase(found: string, replacement: string): string {
  if (found.length > 1 && found === found.toUpperCase()) return replacement.toUpperCase();
  const initial = found.charAt(0);
  if (initial === initial.toUpperCase() && initial !== initial.toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/** The rewriters one locale needs: spelling, everyday words, and utterance-only phrasing. */
export interface LocaleRewriters {
  spelling: WordRewriter;
  words: WordRewriter;
  phrasing: WordRewriter;
}

const compiled = new Map<string, LocaleRewriters>();

/** Compiles a locale's rules (cached); en-US and unknown locales get rewriters that change nothing. */
export function rewritersFor(locale: string, rules: VariantRules = VARIANT_RULES): LocaleRewriters {
  const cached = rules === VARIANT_RULES ? compiled.get(locale) : undefined;
  if (cached) return cached;
  const own = rules.locales[locale];
  const spellingMaps = (own?.spelling ?? []).map((name) => {
    const set = rules.spellingSets[name];
    if (!set) throw new Error(`models/locales.json: ${locale} uses unknown spelling set "${name}"`);
    return set;
  });
  const result: LocaleRewriters = {
    spelling: new WordRewriter(spellingMaps),
    words: new WordRewriter([own?.words ?? {}]),
    phrasing: new WordRewriter([own?.phrasing ?? {}]),
  };
  if (rules === VARIANT_RULES) compiled.set(locale, result);
  return result;
}

/**
 * Display text (cards, APL screens) in the locale's spelling and everyday words: "favorite" becomes
 * "favourite", "mom" becomes "mum" in en-GB. Speech needs none of this (Alexa says both alike).
 */
export function localiseText(text: string, locale: SkillLocale, rules: VariantRules = VARIANT_RULES): string {
  const r = rewritersFor(locale, rules);
  return r.spelling.apply(r.words.apply(text));
}

const dateFormats = new Map<SkillLocale, Intl.DateTimeFormat>();

/**
 * A calendar day as the locale says it: "December 3" in en-US and en-CA, "3 December" in en-GB,
 * en-AU and en-IN. Plain words with no SSML, so one string serves speech, cards and APL alike.
 */
export function spokenDate(day: LocalDay, locale: SkillLocale): string {
  if (!isLocalDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' })));
  return format.format(new Date(`${day}T00:00:00Z`));
}
