import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoupleState, DayRecord } from '../../src/domain/couple';
import type { PacingState } from '../../src/domain/pacing';
import { UtteranceResolver } from '../../src/local/resolve-utterance';
import type { InteractionModel } from '../../src/local/interaction-model';
import { MODEL_FILE } from '../support/skill';

const ROOT = join(__dirname, '..', '..');
const privacy = readFileSync(join(ROOT, 'docs', 'privacy-policy.md'), 'utf8').replace(/\s+/g, ' ');
const terms = readFileSync(join(ROOT, 'docs', 'terms-of-use.md'), 'utf8').replace(/\s+/g, ' ');
const resolver = new UtteranceResolver(JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as InteractionModel, () => '2026-11-25');

/*
 * Where the privacy policy tells of each field Twilight stores. The Record types make a new field
 * in CoupleState, PacingState or DayRecord a compile error here until the policy covers it
 * (null: a flag or counter that says nothing about the couple).
 */
const COUPLE: Record<keyof CoupleState, RegExp | null> = {
  schemaVersion: null,
  generation: null,
  partners: /first names.*voice profile/,
  timeZone: /time zone/,
  welcomed: null,
  days: /energy.*1 to 5/i,
  pacing: null,
  checkIns: /check-in questions/,
  askedAboutDay: /how .* sat/,
  goal: /weekly goal/,
  recentRequests: /recent requests/,
  ritual: /wind-down/,
  notTonightDay: /not tonight/,
  lightsOffDay: /lights or music are off/,
  musicOffDay: /lights or music are off/,
  safetyHold: /worrying symptoms/,
  sensualChosen: /sensual ideas/,
  routineOffer: /evening routine/,
  routineTriggers: /Routines on Twilight's triggers/,
  reminders: /reminder.*day and time/,
};
const PACING: Record<keyof PacingState, RegExp | null> = {
  sessions: /how they sat/,
  recent: /ideas.*offered/,
  setAside: /not for now/,
  lacks: /do not have/,
  restDays: /rest days/,
  appointments: /appointments.*never what/,
  sore: /sore.*never where/,
  stepDown: /too much/,
  turn: /whose turn/,
  turnDay: /whose turn/,
  favourites: /favourites/,
};
const DAY: Record<keyof DayRecord, RegExp> = {
  energy: /energy/i,
  wins: /wins.*fixed list/,
  ritual: /wind-down/,
};

describe('privacy policy (docs/privacy-policy.md)', () => {
  it.each(
    [
      ...Object.entries(COUPLE),
      ...Object.entries(PACING).map(([k, v]) => [`pacing.${k}`, v] as const),
      ...Object.entries(DAY).map(([k, v]) => [`days.*.${k}`, v] as const),
    ].filter((entry): entry is [string, RegExp] => entry[1] !== null),
  )('tells what is kept for %s', (_field, words) => {
    expect(privacy).toMatch(words);
  });

  it('says how long, with the retention filled in at deploy, and how backups and TTL really behave', () => {
    expect(privacy).toMatch(/\$\{retentionDays\} days after you last used/);
    expect(privacy).toMatch(/15 days/);
    expect(privacy).toMatch(/35 days/);
  });

  it('tells how to delete by voice with a phrase the model understands, and by disabling the skill', () => {
    const phrase = /"Alexa, tell twilight ritual to ([^"]+)"/.exec(privacy)?.[1];
    expect(phrase).toBeDefined();
    expect(resolver.resolve(phrase!)?.intent).toBe('DeleteDataIntent');
    expect(privacy).toMatch(/disable the skill/i);
  });

  it('says nothing said is logged, no recordings, no selling, and where to ask', () => {
    expect(privacy).toMatch(/Nothing you say is written to logs/);
    expect(privacy).toMatch(/No recordings/);
    expect(privacy).toMatch(/does not sell/);
    expect(privacy).toMatch(/\$\{contact\}/);
  });
});

describe.each([
  ['privacy policy', privacy],
  ['terms of use', terms],
])('%s', (_name, text) => {
  it('is not medical advice and points emergencies to the local number for every locale', () => {
    expect(text).toMatch(/not medical advice/);
    expect(text).toMatch(/no substitute for your care team/);
    for (const number of ['911', '999', '000', '112']) expect(text).toContain(number);
    expect(text).toMatch(/Alexa cannot call for help/);
  });

  it('leaves only the contact and retention for deploy to fill', () => {
    const names = new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    expect([...names].filter((n) => n !== 'contact' && n !== 'retentionDays')).toEqual([]);
    expect(names.has('contact')).toBe(true);
  });
});
