import rawActivities from '../../src/content/activities.json';
import rawCheckIns from '../../src/content/check-ins.json';
import { COMPENDIUM, MAX_METS, NEEDS, SPOKEN, loadCatalogue, loadCheckIns, validateCatalogue, validateCheckIns, type Activity } from '../../src/domain/pacing';

const catalogue = loadCatalogue();
const checkIns = loadCheckIns();

/** Sexual vocabulary and anatomy beyond hands, feet, shoulders, back, hair, face and neck. */
const EXPLICIT = [
  'sex',
  'sexy',
  'sexual',
  'sexually',
  'sensuality',
  'erotic',
  'erotica',
  'foreplay',
  'intercourse',
  'orgasm',
  'climax',
  'arouse',
  'aroused',
  'arousal',
  'arousing',
  'horny',
  'lust',
  'lustful',
  'kinky',
  'seduce',
  'seductive',
  'lingerie',
  'naked',
  'nude',
  'nudity',
  'bare',
  'undress',
  'undressed',
  'undressing',
  'strip',
  'make love',
  'making love',
  'lovemaking',
  'genital',
  'genitals',
  'penis',
  'vagina',
  'vulva',
  'clitoris',
  'groin',
  'crotch',
  'breast',
  'breasts',
  'nipple',
  'nipples',
  'chest',
  'belly',
  'stomach',
  'tummy',
  'waist',
  'hip',
  'hips',
  'thigh',
  'thighs',
  'leg',
  'legs',
  'knee',
  'knees',
  'buttock',
  'buttocks',
  'bum',
  'butt',
  'bottom',
  'lap',
  'lips',
  'mouth',
  'tongue',
  'skin',
  'arm',
  'arms',
  'body',
  'bodies',
];
/** Words that pressure; the skill never pushes (principles 2 and 3). */
const PRESSURE = ['must', 'should', 'perform', 'performance', 'have to', 'has to', 'need to', 'needs to', 'hurry', 'push through', 'ought', 'got to'];

const wordPattern = (phrase: string) => new RegExp(`\\b${phrase.replace(/ /g, '\\s+')}\\b`, 'i');
const hits = (text: string, list: string[]) => list.filter((w) => wordPattern(w).test(text));

const spokenStrings: [string, string][] = [
  ...catalogue.flatMap((a): [string, string][] => [
    [`${a.id} title`, a.title],
    [`${a.id} guide`, a.guide],
  ]),
  ...checkIns.map((q): [string, string] => [`${q.id} question`, q.question]),
];

/** The lowest cost shared/domain.md's energy bands allow for an activity's METs, length and posture. */
function bandFloor(a: Activity): number {
  const byMets = a.mets > 2.5 ? 4 : a.mets > 2.0 ? 3 : a.mets > 1.5 ? 2 : 1;
  const byMinutes = a.minutes > 20 ? 3 : a.minutes > 10 ? 2 : 1;
  const byPosture = a.needs.includes('standing') ? 3 : 1;
  return Math.max(byMets, byMinutes, byPosture);
}

describe('activity catalogue', () => {
  it('passes the runtime validation the skill runs at load', () => {
    expect(() => validateCatalogue(rawActivities)).not.toThrow();
  });

  it('has every field of the right type and within the allowed values', () => {
    for (const a of catalogue) {
      expect(a.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['A', 'B', 'C']).toContain(a.tier);
      expect(Number.isInteger(a.energy) && a.energy >= 1 && a.energy <= 5).toBe(true);
      expect(Number.isInteger(a.minutes) && a.minutes > 0).toBe(true);
      expect(typeof a.touch).toBe('boolean');
      expect(a.mets).toBeLessThanOrEqual(MAX_METS);
      for (const need of a.needs) expect(NEEDS).toContain(need);
      expect(new Set(a.needs).size).toBe(a.needs.length);
    }
  });

  it('cites only Compendium codes from shared/domain.md, with their MET values', () => {
    for (const a of catalogue) {
      if (a.compendium === undefined) continue;
      expect(Object.keys(COMPENDIUM)).toContain(a.compendium);
      expect({ id: a.id, mets: a.mets }).toEqual({ id: a.id, mets: COMPENDIUM[a.compendium]?.mets });
    }
  });

  it('costs each activity at least what its METs, minutes and posture imply (shared/domain.md energy bands)', () => {
    const tooCheap = catalogue.filter((a) => a.energy < bandFloor(a)).map((a) => a.id);
    expect(tooCheap).toEqual([]);
  });

  it('has 36-44 activities, at least 10 per tier, 12 of cost 1 and a few of cost 4', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(36);
    expect(catalogue.length).toBeLessThanOrEqual(44);
    for (const tier of ['A', 'B', 'C']) expect(catalogue.filter((a) => a.tier === tier).length).toBeGreaterThanOrEqual(10);
    expect(catalogue.filter((a) => a.energy === 1).length).toBeGreaterThanOrEqual(12);
    expect(catalogue.filter((a) => a.energy === 4).length).toBeGreaterThanOrEqual(3);
  });

  it('has at least 5 rest-day-safe entries: tier A, cost 1, no touch, nothing needed', () => {
    const restSafe = catalogue.filter((a) => a.tier === 'A' && a.energy === 1 && !a.touch && a.needs.length === 0);
    expect(restSafe.length).toBeGreaterThanOrEqual(5);
  });

  it('leaves a sore evening something in every tier (no-touch entries)', () => {
    for (const tier of ['A', 'B', 'C']) expect(catalogue.some((a) => a.tier === tier && !a.touch)).toBe(true);
  });

  it('has unique ids', () => {
    expect(new Set(catalogue.map((a) => a.id)).size).toBe(catalogue.length);
  });

  it('keeps titles short and guides to one or two sentences', () => {
    for (const a of catalogue) {
      expect(a.title.split(' ').length).toBeLessThanOrEqual(7);
      expect((a.guide.match(/[.!?](\s|$)/g) ?? []).length).toBeLessThanOrEqual(2);
    }
  });
});

describe('check-in bank', () => {
  it('passes the runtime validation and holds at least 15 questions with unique ids', () => {
    expect(() => validateCheckIns(rawCheckIns)).not.toThrow();
    expect(checkIns.length).toBeGreaterThanOrEqual(15);
    expect(new Set(checkIns.map((q) => q.id)).size).toBe(checkIns.length);
    for (const q of checkIns) expect(q.question.endsWith('?')).toBe(true);
  });
});

describe('every spoken string', () => {
  it.each(spokenStrings)('%s is plain text Alexa can say', (_, text) => {
    expect(text).toMatch(SPOKEN);
  });

  it.each(spokenStrings)('%s holds no explicit words or anatomy', (_, text) => {
    expect(hits(text, EXPLICIT)).toEqual([]);
  });

  it.each(spokenStrings)('%s never pressures', (_, text) => {
    expect(hits(text, PRESSURE)).toEqual([]);
  });

  it('matches on word boundaries, so "sextet" or "shoulder" are not caught but "Must" is', () => {
    expect(hits('a sextet played; shoulders relaxed', EXPLICIT)).toEqual([]);
    expect(hits('You Must rest', PRESSURE)).toEqual(['must']);
    expect(hits('no need  to rush', PRESSURE)).toEqual(['need to']);
  });
});

describe('content validation errors', () => {
  const good = catalogue[0];

  it('names the bad activity and the problem', () => {
    const bad = [good, { ...good, id: 'too-hard', mets: 4.5 }];
    expect(() => validateCatalogue(bad)).toThrow(/entry 2 \("too-hard"\).*mets/);
    expect(() => validateCatalogue([{ ...good, tier: 'D' }])).toThrow(/entry 1 .*tier/);
    expect(() => validateCatalogue([{ ...good, needs: ['candles'] }])).toThrow(/needs/);
    expect(() => validateCatalogue([{ ...good, compendium: '99999' }])).toThrow(/compendium/);
    expect(() => validateCatalogue([{ ...good, title: 'Tea & toast' }])).toThrow(/title/);
    expect(() => validateCatalogue([good, good])).toThrow(/used twice/);
  });

  it('names the bad check-in', () => {
    expect(() =>
      validateCheckIns([
        { id: 'ok', question: 'Fine?' },
        { id: 'Bad Id', question: 'Hm?' },
      ]),
    ).toThrow(/entry 2/);
    expect(() => validateCheckIns([])).toThrow(/non-empty/);
  });
});
