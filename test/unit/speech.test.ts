import { loadCatalogue } from '../../src/domain/pacing';
import { plainSpeech } from '../../src/local/conversation';
import { goalLine, numberWord, say, type Line } from '../../src/speech/en-US';

const names = { a: 'Sam', b: 'Alex' };
const next = say.afterPace();

/** Every line the table can produce, with sample arguments. */
const lines: [string, Line][] = [
  ['firstWelcome', say.firstWelcome()],
  ['askNames', say.askNames()],
  ['namesReprompt', say.namesReprompt()],
  ['needNamesFirst', say.needNamesFirst()],
  ['namesSet', say.namesSet(names)],
  ['namesSetThenWho', say.namesSetThenWho(names)],
  ['askPartnerName', say.askPartnerName('Sam')],
  ['askOwnName', say.askOwnName()],
  ['sameNames', say.sameNames('Sam')],
  ['welcomeBack', say.welcomeBack('Sam', say.askEnergy('Sam'))],
  ['voiceLinked', say.voiceLinked('Sam', say.whoGoesFirst())],
  ['whoIsSpeaking', say.whoIsSpeaking(names)],
  ['unknownPartner', say.unknownPartner(names)],
  ['energyLogged', say.energyLogged('Sam', 2, say.askEnergy('Alex'))],
  ['pace', say.pace(names, { a: 2, b: 3 }, 2, next)],
  ['energyOutOfRange', say.energyOutOfRange()],
  ['energyNotHeard', say.energyNotHeard()],
  ['help', say.help(true)],
  ['helpNew', say.help(false)],
  ['helpRitual', say.helpRitual()],
  ['fallback', say.fallback()],
  ['goodbye', say.goodbye()],
  ['storeDown', say.storeDown()],
  ['idea', say.idea({ title: 'Hold hands while talking', guide: 'Sit close and hold hands while you talk about one small thing from today.' }, 'energy', 'Sam')],
  ['anotherIdea', say.anotherIdea({ title: 'Tea together', guide: 'Make a pot of tea and drink it slowly, side by side.' })],
  ['tooMuch', say.tooMuch(true)],
  ['glad', say.glad(true)],
  ['lastNight', say.lastNight()],
  ['whoseTurn', say.whoseTurn('Alex')],
  ['passed', say.passed('Alex')],
  ['safety', say.safety()],
  ['ritualEnergyFirst', say.ritualEnergyFirst()],
  ['ritualSettle', say.ritualSettle(true)],
  ['ritualClose', say.ritualClose(true)],
  ['ritualRest', say.ritualRest(true)],
  ['ritualPaused', say.ritualPaused()],
  ['ritualNotTonight', say.ritualNotTonight()],
  ['musicPaused', say.musicPaused(true)],
  ['musicPausedOnHub', say.musicPaused(false)],
  ['nothingToPause', say.nothingToPause()],
  ['musicResumed', say.musicResumed()],
  ['nothingToRepeat', say.nothingToRepeat()],
  ['goalSet', say.goalSet(5, 'rituals', true)],
  ['progress', say.progress({ goal: 'one of two care dates', wins: 3, rest: 1, rituals: 2, trend: 'Your energy has been steadier than last week.' })],
  ['confirmDelete', say.confirmDelete()],
  ['deleted', say.deleted()],
  ['deletedWithReminders', say.deleted(true)],
  ['deletedReminderLeft', say.deleted(false, [{ when: 'Friday', time: '7 pm' }])],
  ['deletedRemindersLeft', say.deleted(true, [{ when: 'December 12', time: '7:30 pm' }, { when: 'December 19', time: '7:30 pm' }])],
  ['reminderAlreadySet', say.reminderAlreadySet('Friday', '7 pm')],
  ['notesCleared', say.notesCleared(false)],
  ['notesClearedStartedAgain', say.notesCleared(true)],
  ['reminderSet', say.reminderSet('Friday', '7 pm')],
  ['reminderNotAnswered', say.reminderNotAnswered()],
  ['storeUnreachable', say.storeUnreachable()],
  ['error', say.error()],
];

const words = (ssml: string) => ssml.replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length;

describe('speech table', () => {
  it.each(lines)('%s is short, warm and never pushy', (_name, line) => {
    expect(words(line.speech)).toBeLessThanOrEqual(35);
    expect(line.speech).not.toMatch(/\b(must|should|perform|have to|hurry)\b/i);
  });

  it.each(lines.filter(([, l]) => l.reprompt))('%s ends on the next step it reprompts with', (_name, line) => {
    expect(line.speech.trim().endsWith(line.reprompt!.trim())).toBe(true);
    expect(line.reprompt!.trim()).toMatch(/[?.]$/);
  });

  it('escapes names for SSML', () => {
    expect(say.namesSet({ a: 'A&B', b: '<x>' }).speech).not.toMatch(/[<][x]|&B/);
  });

  it('says the pace in words, at the lower level', () => {
    expect(say.pace(names, { a: 2, b: 3 }, 2, next).speech).toMatch(/Sam's at two and Alex's at three.*keep it at a two/);
    expect(say.pace(names, { a: 3, b: 3 }, 3, next).speech).toMatch(/both at a three/);
  });
});

describe('every idea sentence reads, whatever the title', () => {
  // Titles are imperatives ("Read a short poem aloud") and noun phrases ("Tea together") alike.
  const cases = loadCatalogue().flatMap((a) =>
    (
      [
        ['idea', say.idea(a, 'energy')],
        ['anotherIdea', say.anotherIdea(a)],
        ['setAside', say.setAside(a.title)],
        ['ritualExchange', say.ritualExchange(a)],
      ] as const
    ).map(([name, line]) => [name, a.title, plainSpeech(line.speech)] as const),
  );

  it.each(cases)('%s presents "%s" as a phrase of its own', (_name, title, text) => {
    const at = text.toLowerCase().indexOf(title.toLowerCase());
    expect(at).toBeGreaterThan(1);
    // After a colon and closing its sentence, a title reads as a label, verb or noun alike.
    expect(text.slice(at - 2, at)).toBe(': ');
    expect(text.charAt(at + title.length)).toBe('.');
    expect(text).not.toMatch(/how about (?!this\b)/i);
  });
});

describe('numbers and counts', () => {
  it('says every goal count in words, agreeing with its noun', () => {
    for (let n = 1; n <= 14; n += 1) {
      for (const nudge of [true, false]) {
        const text = say.goalSet(n, n === 1 ? 'care date' : 'care dates', nudge).speech;
        expect(text).not.toMatch(/\d/);
        expect(text).toContain(`${numberWord(n)} ${n === 1 ? 'care date ' : 'care dates'}`);
      }
      expect(goalLine('careDate', n, 0)).not.toMatch(/\d/);
      expect(goalLine('careDate', n + 1, n)).not.toMatch(/\d/);
    }
    expect(numberWord(6)).toBe('six');
    expect(numberWord(14)).toBe('fourteen');
  });

  it('never calls a third "bit much" in a week the second', () => {
    for (const line of [say.tooMuch(true, 3), say.thanksForLastNight('tooMuch', true, say.afterPace(), 3)]) {
      expect(line.speech).not.toMatch(/twice/i);
      expect(line.speech).toMatch(/three times|a few times/i);
    }
    expect(say.tooMuch(true, 2).speech).toMatch(/twice/i);
  });
});
