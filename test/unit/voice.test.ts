import { addDays } from '../../src/domain/dates';
import { nightly, say, type Line } from '../../src/speech/en-US';
import { LOCALES } from '../../src/speech/locale';

const words = (ssml: string) =>
  ssml
    .replace(/<[^>]+>/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;
const plain = (ssml: string) =>
  ssml
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const DAYS = Array.from({ length: 14 }, (_, i) => addDays('2026-11-20', i));
const next = say.afterPace();

/** Lines said every night, each with its wordings for a given evening. */
const NIGHTLY: [string, (day: string) => Line][] = [
  ['welcome back', (day) => say.welcomeBack('Sam', next, day)],
  ['settle', (day) => say.ritualSettle(true, day)],
  ['close', (day) => say.ritualClose(true, day)],
  ['last-night question', (day) => say.lastNight(day)],
  ['thanks', (day) => say.energyLogged('Sam', 3, next, day)],
];

describe('a voice worth hearing every night', () => {
  it.each(NIGHTLY)('%s has three to five wordings and never repeats the last evening’s', (_name, line) => {
    const said = DAYS.map((day) => plain(line(day).speech));
    const distinct = new Set(said).size;
    expect(distinct).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < said.length; i++) expect(said[i]).not.toBe(said[i - 1]);
  });

  it('chooses without state: the same evening always hears the same wording', () => {
    expect(nightly(['a', 'b', 'c'], '2026-12-03')).toBe(nightly(['a', 'b', 'c'], '2026-12-03'));
    expect(nightly(['a', 'b', 'c'], undefined)).toBe('a');
  });

  it.each(DAYS)('on %s every turn stays within 30 words, ritual steps within 40', (day) => {
    const turns = [
      say.welcomeBack('Sam', say.askEnergy('Sam'), day),
      say.energyLogged('Sam', 2, say.askEnergy('Alex'), day),
      say.lastNight(day),
      say.ritualRest(true, day),
    ];
    for (const line of turns) expect(words(line.speech)).toBeLessThanOrEqual(30);
    for (const line of [say.ritualSettle(true, day), say.ritualClose(true, day)]) expect(words(line.speech)).toBeLessThanOrEqual(40);
  });

  it.each([...LOCALES])('%s: the red-flag answer stays within 40 words and gives no advice', (locale) => {
    const line = say.safety(locale, true);
    expect(words(line.speech)).toBeLessThanOrEqual(40);
    expect(line.speech).not.toMatch(/\b(take|aspirin|lie down|sit down|medicine|tablet)\b/i);
    expect(line.reprompt).toBeUndefined();
  });

  it('never says "a small win: a small win"', () => {
    expect(plain(say.winLogged(undefined).speech)).not.toMatch(/small win.*small win/i);
    expect(plain(say.winLogged('a cuddle').speech)).toMatch(/a cuddle/);
  });

  it('on a rest day says it stays gentle, not "keep it at a three" and "a good choice"', () => {
    const line = plain(say.paceRestDay('restDay', next).speech);
    expect(line).toMatch(/rest day/i);
    expect(line).not.toMatch(/keep it at a|good choice/i);
    expect(plain(say.ritualRest(true, '2026-12-03').speech)).not.toMatch(/good choice/i);
  });

  it('says "wind down" as the verb in SSML', () => {
    expect(say.ritualNone().speech).toMatch(/<w role="amazon:VB">wind<\/w> down/);
    expect(say.help(true).speech).toMatch(/<w role="amazon:VB">wind<\/w> down/);
  });
});
