import activitiesJson from '../../content/activities.json';
import { MAX_ENERGY, MIN_ENERGY } from '../energy';

/** A companionship, B affectionate touch, C sensual but non-explicit (shared/domain.md, principle 5). */
export type Tier = 'A' | 'B' | 'C';
export const TIERS: readonly Tier[] = ['A', 'B', 'C'];

/** The fixed vocabulary of things an activity may need, so "we don't have a bath" can be honoured. */
export const NEEDS = ['music', 'lights', 'bath', 'lotion', 'blanket', 'tea', 'book', 'cards', 'kitchen', 'outdoors', 'standing'] as const;
export type Need = (typeof NEEDS)[number];

/** Narrows a slot value to the vocabulary before markLack. */
export const isNeed = (value: string): value is Need => (NEEDS as readonly string[]).includes(value);

/** Compendium of Physical Activities anchors from shared/domain.md; a catalogue entry may cite only these. */
export const COMPENDIUM: Readonly<Record<string, { activity: string; mets: number }>> = {
  '07011': { activity: 'lying quietly, listening to music', mets: 1.3 },
  '07025': { activity: 'sitting, listening to music', mets: 1.5 },
  '07070': { activity: 'reclining, reading', mets: 1.3 },
  '07075': { activity: 'meditating', mets: 1.0 },
  '09055': { activity: 'sitting, talking in person', mets: 1.5 },
  '09025': { activity: 'laughing, sitting', mets: 1.0 },
  '09010': { activity: 'card playing, sitting', mets: 1.5 },
  '13030': { activity: 'eating, sitting', mets: 1.5 },
  '13010': { activity: 'bathing, sitting', mets: 1.5 },
  '13050': { activity: 'showering, toweling off', mets: 2.0 },
  '13045': { activity: 'hairstyling', mets: 2.5 },
  '13046': { activity: 'having hair done, seated', mets: 1.3 },
  '14030': { activity: 'passive, light effort: kissing, hugging', mets: 1.3 },
  '03040': { activity: 'ballroom, slow', mets: 3.0 },
  '05050': { activity: 'cooking, light effort', mets: 2.0 },
  '17151': { activity: 'walking < 2 mph, strolling', mets: 2.0 },
  '02101': { activity: 'stretching, mild', mets: 2.3 },
};

/** The whole catalogue stays below the 3-5 MET band of sexual activity (AHA 2012). */
export const MAX_METS = 3.0;

export interface Activity {
  id: string;
  title: string;
  guide: string;
  tier: Tier;
  energy: number;
  minutes: number;
  needs: string[];
  touch: boolean;
  mets: number;
  compendium?: string;
}

/** Finds a catalogue activity by id; undefined for an id the catalogue no longer has. */
export type ActivityLookup = (id: string) => Activity | undefined;

/** A lookup over a loaded catalogue, built once. */
export function activityLookup(catalogue: readonly Activity[]): ActivityLookup {
  const byId = new Map(catalogue.map((a) => [a.id, a]));
  return (id) => byId.get(id);
}

/** Content ids: lower-case words joined by hyphens. */
export const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Plain spoken text: nothing that could break SSML (& < > ") or that Alexa would read oddly. */
export const SPOKEN = /^[A-Za-z0-9 ,.'?!;:-]+$/;

/** One entry of a content file, before it is checked. */
export type Entry = Record<string, unknown>;
export const isEntry = (v: unknown): v is Entry => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isSpokenText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && SPOKEN.test(v);
const inRange = (v: unknown, lo: number, hi: number): boolean => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;
const isTier = (v: unknown): v is Tier => TIERS.some((t) => t === v);

function activityProblem(e: Entry): string | undefined {
  if (typeof e.id !== 'string' || !KEBAB.test(e.id)) return 'id is missing or not kebab-case';
  if (!isSpokenText(e.title)) return 'title is missing or has characters Alexa cannot say (use plain words, no & < > or quotes)';
  if (!isSpokenText(e.guide)) return 'guide is missing or has characters Alexa cannot say (use plain words, no & < > or quotes)';
  if (!isTier(e.tier)) return 'tier is not "A", "B" or "C"';
  if (!Number.isInteger(e.energy) || !inRange(e.energy, MIN_ENERGY, MAX_ENERGY)) return 'energy is not a whole number from 1 to 5';
  if (!Number.isInteger(e.minutes) || !inRange(e.minutes, 1, 120)) return 'minutes is not a whole number from 1 to 120';
  if (!Array.isArray(e.needs) || !e.needs.every((n) => (NEEDS as readonly unknown[]).includes(n))) return `needs may only hold: ${NEEDS.join(', ')}`;
  if (typeof e.touch !== 'boolean') return 'touch is not true or false';
  if (!inRange(e.mets, 0.9, MAX_METS)) return `mets is not a number up to ${MAX_METS}`;
  if (e.compendium !== undefined && !(typeof e.compendium === 'string' && e.compendium in COMPENDIUM))
    return `compendium code is not one of ${Object.keys(COMPENDIUM).join(', ')}`;
  return undefined;
}

/** An entry activityProblem finds nothing wrong with: it checks every field of an Activity. */
const isActivity = (e: unknown): e is Activity => isEntry(e) && activityProblem(e) === undefined;

/** How an error message names entry `i`: by its id when it has one. */
export function entryLabel(e: unknown, i: number): string {
  return isEntry(e) && typeof e.id === 'string' ? `entry ${i + 1} ("${e.id}")` : `entry ${i + 1}`;
}

/** Checks catalogue data a non-programmer edited; throws naming the first bad entry. */
export function validateCatalogue(raw: unknown): Activity[] {
  if (!Array.isArray(raw)) throw new Error('activities.json: expected a list of activities.');
  const seen = new Set<string>();
  return raw.map((e, i) => {
    if (!isActivity(e)) throw new Error(`activities.json ${entryLabel(e, i)}: ${isEntry(e) ? activityProblem(e) : 'is not an object'}.`);
    if (seen.has(e.id)) throw new Error(`activities.json ${entryLabel(e, i)}: id is used twice.`);
    seen.add(e.id);
    return { ...e, needs: [...e.needs] };
  });
}

/** The activity catalogue from src/content, validated so a bad edit fails loudly, not mid-evening. */
export function loadCatalogue(): Activity[] {
  return validateCatalogue(activitiesJson);
}

let catalogueIds: ReadonlySet<string> | undefined;

/** True for the id of an activity in the bundled catalogue. */
export function isActivityId(id: string): boolean {
  catalogueIds ??= new Set(loadCatalogue().map((a) => a.id));
  return catalogueIds.has(id);
}
