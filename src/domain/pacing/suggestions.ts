import { addDays, daysBetween, type LocalDay } from '../dates';
import type { Activity, Tier } from './catalogue';
import { ceilingFor, maxTier, tierRank, type CeilingReason, type Energies } from './ladder';
import { FAVOURITE_EVERY_DAYS, NO_REPEAT_WITHIN, recordSession, recordSuggestion, SET_ASIDE_DAYS, type PacingState } from './state';
import { advanceTurn } from './turns';

export interface SuggestContext {
  today: LocalDay;
  energies: Energies;
  /** False when the music driver is off or failed: music-led activities are skipped. */
  musicOn?: boolean;
  /** False when the lights driver is off or failed: light-led activities are skipped. */
  lightsOn?: boolean;
  /** Both partners said yes to gently sensual ideas: only then may tier C be offered. */
  sensualChosen?: boolean;
}

export interface Suggestion {
  activity?: Activity;
  alternatives: Activity[];
  ceiling: number;
  tier: Tier;
  reason: CeilingReason;
}

interface Ranking {
  ranked: Activity[];
  ceiling: number;
  tier: Tier;
  reason: CeilingReason;
}

/** FNV-1a: a stable hash so the same evening gives the same order without Math.random. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function setAsideNow(p: PacingState, id: string, today: LocalDay): boolean {
  const since = Object.hasOwn(p.setAside, id) ? p.setAside[id] : undefined;
  return since !== undefined && daysBetween(since, today) >= 0 && daysBetween(since, today) < SET_ASIDE_DAYS;
}

function missingNeeds(p: PacingState, ctx: SuggestContext): Set<string> {
  const missing = new Set(p.lacks);
  if (ctx.musicOn === false) missing.add('music');
  if (ctx.lightsOn === false) missing.add('lights');
  return missing;
}

/** The hard rules: cost, tier, no recent repeat, set-aside, needs, soreness. */
function eligibility(p: PacingState, ctx: SuggestContext, ceiling: number, tier: Tier): (a: Activity) => boolean {
  const lastFew = new Set(p.recent.slice(-NO_REPEAT_WITHIN));
  const missing = missingNeeds(p, ctx);
  const sore = (p.sore[ctx.today] ?? []).length > 0;
  return (a) =>
    a.energy <= ceiling &&
    tierRank(a.tier) <= tierRank(tier) &&
    !lastFew.has(a.id) &&
    !setAsideNow(p, a.id, ctx.today) &&
    !a.needs.some((n) => missing.has(n)) &&
    !(sore && a.touch);
}

/** A favourite comes back once a week: only when no favourite was done in the last 7 days. */
function favouriteDue(p: PacingState, today: LocalDay): boolean {
  const since = addDays(today, -(FAVOURITE_EVERY_DAYS - 1));
  return p.favourites.length > 0 && !p.sessions.some((s) => s.day >= since && s.day <= today && p.favourites.includes(s.activityId));
}

/**
 * Orders eligible activities: the band at the ceiling or one below (or, when that is empty, the
 * highest cost left) with a due favourite first, then lower costs, highest first; rotated by hash.
 */
function rank(p: PacingState, ctx: SuggestContext, catalogue: readonly Activity[]): Ranking {
  const { ceiling, reason } = ceilingFor(p, ctx.energies, ctx.today);
  const ladder: Tier = reason === 'energy' ? maxTier(p, ctx.today) : 'A';
  // Tier C opens only when both partners chose it, whatever the ladder says.
  const tier: Tier = ladder === 'C' && !ctx.sensualChosen ? 'B' : ladder;
  const eligible = [...new Map(catalogue.map((a) => [a.id, a] as const)).values()].filter(eligibility(p, ctx, ceiling, tier));
  const top = Math.max(0, ...eligible.map((a) => a.energy));
  const floor = top >= ceiling - 1 ? ceiling - 1 : top;
  const promote = favouriteDue(p, ctx.today) ? new Set(p.favourites) : new Set<string>();
  const group = (a: Activity) => (a.energy >= floor ? (promote.has(a.id) ? 0 : 1) : 2 + floor - a.energy);
  const seed = `${ctx.today}|${p.recent.join(',')}|`;
  const key = (a: Activity): [number, number, number] => [group(a), p.recent.lastIndexOf(a.id) + 1, hash(seed + a.id)];
  const keyed = eligible.map((a) => ({ a, k: key(a) }));
  keyed.sort((x, y) => x.k[0] - y.k[0] || x.k[1] - y.k[1] || x.k[2] - y.k[2] || (x.a.id < y.a.id ? -1 : 1));
  return { ranked: keyed.map((x) => x.a), ceiling, tier, reason };
}

/** One gentle suggestion for tonight plus ordered alternatives for "something else" (pacing rules 1-6). */
export function suggest(p: PacingState, ctx: SuggestContext, catalogue: readonly Activity[]): Suggestion {
  const { ranked, ceiling, tier, reason } = rank(p, ctx, catalogue);
  return { activity: ranked[0], alternatives: ranked.slice(1), ceiling, tier, reason };
}

/** "Something else": the next eligible idea not already offered tonight; undefined when none is left. */
export function nextIdea(p: PacingState, ctx: SuggestContext, catalogue: readonly Activity[], alreadyOffered: readonly string[]): Activity | undefined {
  const offered = new Set(alreadyOffered);
  return rank(p, ctx, catalogue).ranked.find((a) => !offered.has(a.id));
}

/**
 * Tonight's exchange is the idea offered last: a new idea on the same evening replaces an unrated
 * one rather than counting as another session, and tonight's initiative is used (mutates).
 */
export function offerTonight(p: PacingState, today: LocalDay, activityId: string): void {
  recordSuggestion(p, activityId);
  const last = p.sessions.at(-1);
  if (last?.day === today && Object.keys(last.ratings).length === 0) last.activityId = activityId;
  else recordSession(p, today, activityId);
  advanceTurn(p, today);
}
