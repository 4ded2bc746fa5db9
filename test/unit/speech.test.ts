import { loadCatalogue } from '../../src/domain/pacing';
import { plainSpeech } from '../../src/local/conversation';
import { goalLine, numberWord, say, type Idea, type IdeaReason, type Line } from '../../src/speech/en-US';
import type { SkillLocale } from '../../src/speech/locale';

const names = { a: 'Sam', b: 'Alex' };
const next = say.afterPace();
const tea = { title: 'Tea together', guide: 'Make a pot of tea and drink it slowly, side by side.' };
const hands = { title: 'Hold hands while talking', guide: 'Sit close and hold hands while you talk about one small thing from today.' };
const question = 'What was one good moment in your day?';
/** Consecutive evenings, so every nightly wording of a line is heard. */
const EVENINGS = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', undefined];
const REASONS = ['energy', 'restDay', 'appointment', 'afterAppointment', 'restWeek'] as const;
const LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN'] as const;
const each = <T, A extends unknown[]>(values: readonly T[], args: (value: T) => A): A[] => values.map(args);

type Say = typeof say;
/** Every phrase of the table: the entries that make a Line. */
type Phrase = { [K in keyof Say]: Say[K] extends (...args: never[]) => Line ? K : never }[keyof Say];

/**
 * Sample arguments for every phrase, covering each branch and nightly wording. The type makes a
 * phrase added to the table without samples fail to compile.
 */
const SAMPLES: { [K in Phrase]: Parameters<Say[K]>[] } = {
  firstWelcome: [[]],
  askNames: [[]],
  namesReprompt: [[]],
  needNamesFirst: [[]],
  namesSet: [[names]],
  namesSetThenWho: [[names]],
  askPartnerName: [['Sam']],
  askOwnName: [[]],
  sameNames: [['Sam']],
  welcomeBack: [
    ...each(EVENINGS, (d): [string, Line, string?] => ['Sam', next, d]),
    ...each(EVENINGS, (d): [undefined, Line, string?] => [undefined, next, d]),
  ],
  hello: [['Sam', next]],
  voiceLinked: [['Sam', say.whoGoesFirst()]],
  whoIsSpeaking: [[names]],
  unknownPartner: [[names]],
  help: [[true], [false]],
  helpRitual: [[]],
  fallback: [[]],
  askAgain: [["Alex, how's your energy tonight, one to five?"]],
  fallbackCareful: [['en-US'], ['en-GB', "Alex, how's your energy tonight, one to five?"], ['en-AU'], ['en-IN'], ['en-CA']],
  whatNext: [[]],
  stepBack: [[]],
  goodbye: [[]],
  confirmDelete: [[]],
  deleted: [
    [],
    [true],
    [false, [{ when: 'Friday', time: '7 pm' }]],
    [
      true,
      [
        { when: 'December 12', time: '7:30 pm' },
        { when: 'December 19', time: '7:30 pm' },
      ],
    ],
  ],
  notDeleted: [[]],
  notesCleared: [[false], [true]],
  storeUnreachable: [[]],
  storeDown: [[]],
  error: [[]],
  askEnergy: [[], ['Sam']],
  whoGoesFirst: [[]],
  energyLogged: [1, 2, 3, 4, 5].flatMap((level) => each(EVENINGS, (d): [string, number, Line, string?] => ['Sam', level, say.askEnergy('Alex'), d])),
  pace: [
    [names, { a: 2, b: 3 }, 2, next],
    [names, { a: 3, b: 3 }, 3, next],
  ],
  paceRestDay: each(REASONS, (r): [IdeaReason, Line] => [r, next]),
  paceSoFar: [[2, next]],
  afterPace: [[]],
  energyOutOfRange: [[]],
  energyNotHeard: [[]],
  idea: [...each(REASONS, (r): [Idea, IdeaReason, string?] => [hands, r]), [hands, 'energy', 'Sam']],
  anotherIdea: [[tea]],
  noIdeas: [[]],
  noMoreIdeas: [[]],
  glad: [[true], [false]],
  sensualAskSecond: [[]],
  sensualOpened: [[]],
  sensualNotYet: [[]],
  sensualClosed: [[]],
  sensualKept: [[]],
  tooMuch: [[false], [true], [true, 3], [true, 5]],
  thanksForLastNight: [
    ['comfortable', false, next],
    ['tooMuch', false, next],
    ['tooMuch', true, next],
    ['tooMuch', true, next, 3],
  ],
  setAside: [[tea.title], [undefined]],
  nothingToRate: [[]],
  feedbackNotHeard: [[]],
  lastNight: each(EVENINGS, (d): [string?] => [d]),
  whoseTurn: [['Alex']],
  passed: [['Alex']],
  checkIn: [[question]],
  sore: [['Sam'], [undefined]],
  lack: [['bath']],
  needNotHeard: [[]],
  safety: [...each(LOCALES, (l): [SkillLocale, boolean?] => [l]), ['en-US', true]],
  safetyHold: [[]],
  safetyCleared: [[]],
  safetyNotHeld: [[]],
  ritualUnsure: [[], ['en-GB'], ['en-AU']],
  ritualPausedSore: [[]],
  consentHeard: [[]],
  ritualEnergyFirst: [[]],
  ritualSettle: [true, false].flatMap((dimmed) => each(EVENINGS, (d): [boolean, string?] => [dimmed, d])),
  ritualCheckIn: [[question]],
  ritualExchange: [[hands], [undefined]],
  ritualClose: [true, false].flatMap((music) => each(EVENINGS, (d): [boolean, string?] => [music, d])),
  ritualRest: [true, false].flatMap((music) => each(EVENINGS, (d): [boolean, string?] => [music, d])),
  ritualPaused: [[]],
  musicPaused: [[true], [false]],
  nothingToPause: [[]],
  musicResumed: [[]],
  nothingToRepeat: [[]],
  ritualNotTonight: [[]],
  ritualResume: [[say.ritualCheckIn(question)]],
  restTonight: [[]],
  ritualNone: [[]],
  noMusicControl: [[]],
  lightsSet: [
    ['lights', true],
    ['lights', false],
    ['music', true],
    ['music', false],
  ],
  lightsUp: [[true], [false]],
  noLightsHub: [[]],
  daySaved: [
    ['rest', 'tomorrow'],
    ['rest', 'Thursday'],
    ['appointment', 'today'],
    ['appointment', 'December 3'],
  ],
  whichDay: [[]],
  whatKindOfDay: [['Thursday']],
  pastDay: [[]],
  goalSet: [
    [1, 'care date', false],
    [5, 'wind downs', true],
  ],
  goalAskKind: [[]],
  goalAskCount: [['care dates']],
  goalTooMany: [[]],
  winLogged: [...each(EVENINGS, (d): [string | undefined, string?] => ['a cuddle', d]), [undefined]],
  winDayFull: [[]],
  progress: [
    [{ goal: 'one of two care dates', wins: 3, rest: 1, rituals: 2, trend: 'Your energy has been steadier than last week.' }],
    [{ wins: 1, rest: 0, rituals: 1 }],
    [{ wins: 0, rest: 0, rituals: 0 }],
  ],
  calendar: [
    [[]],
    [
      [
        { kind: 'rest', when: 'tomorrow' },
        { kind: 'appointment', when: 'Thursday' },
        { kind: 'rest', when: 'December 3' },
      ],
    ],
  ],
  dayRemoved: [
    ['rest', 'tomorrow'],
    ['appointment', 'Thursday'],
    [undefined, 'today'],
  ],
  nothingThatDay: [['Thursday']],
  reminderWhen: [[]],
  reminderSet: [['Friday', '7 pm']],
  reminderAlreadySet: [['Friday', '7 pm']],
  reminderDeclined: [[]],
  reminderNotAnswered: [[]],
  reminderFailed: [[]],
  reminderPast: [[]],
  routineOfferOnce: [[]],
  routineOfferedAgainLater: [[]],
  routineSet: [[]],
  routineAlready: [[]],
  routineDeclined: [[]],
  routineFailed: [[]],
  routineNoSkillConnection: [[]],
};

/** Every line the table can produce, with sample arguments. */
const lines: [string, Line][] = Object.entries(SAMPLES).flatMap(([name, samples]) =>
  (samples as unknown[][]).map((args, i): [string, Line] => [`${name} #${i + 1}`, (say[name as Phrase] as (...a: unknown[]) => Line)(...args)]),
);

const words = (ssml: string) =>
  ssml
    .replace(/<[^>]+>/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;

describe('the whole table', () => {
  it('has samples for every phrase it holds', () => {
    const phrases = Object.keys(say).filter((k) => typeof say[k as keyof Say] === 'function');
    expect(Object.keys(SAMPLES).sort()).toEqual(phrases.sort());
  });

  // Length, tone and reprompts are checked for every line below, under 'speech table'.
  it.each(lines)('%s renders, fully filled in', (_name, line) => {
    expect(line.speech.trim().length).toBeGreaterThan(0);
    for (const text of [line.speech, line.reprompt ?? '']) {
      expect(text).not.toMatch(/\$\{|\{\w*\}|\bundefined\b|\bNaN\b|\bnull\b|\[object /);
      expect(text).not.toMatch(/\b(must|should|perform)\b/i);
    }
  });

  it('gives the routine card plain steps', () => {
    expect(say.routineCard.title.length).toBeGreaterThan(0);
    expect(say.routineCard.content).toMatch(/^1\. .+\n2\. .+\n3\. .+$/);
    expect(say.routineCard.content).not.toMatch(/\b(must|should|perform)\b/i);
  });
});

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
