import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { jsonLog, LOG_FIELDS, scrub } from '../../src/log';
import type { CoupleState } from '../../src/domain/couple';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { CapturingLog, MODEL_FILE, talk } from '../support/skill';

/*
 * "Nothing a user says is written to logs": one full evening through the real skill and the real
 * interaction model, then every log line is checked, first as the skill hands it to its Log, then
 * as the production logger (Powertools, src/log.ts) writes it to stdout and stderr.
 */

const SRC = join(__dirname, '..', '..', 'src');
const NAMES = ['Rosalind', 'Bartholomew'];

/** Each line a couple says, and the intent the model must resolve it to (so every line is real). */
const EVENING: [line: string, intent: string | undefined][] = [
  ['open twilight ritual', undefined],
  ['our names are Rosalind and Bartholomew', 'SetupPartnersIntent'],
  ['Rosalind is at a 4', 'LogEnergyIntent'],
  ['my energy is 3', 'LogEnergyIntent'],
  ['this is Bartholomew speaking', 'SetupPartnersIntent'],
  ['Bartholomew is feeling wiped out', 'LogEnergyIntent'],
  ['Rosalind is at a 2', 'LogEnergyIntent'], // the store fails on this one: the error path is logged too
  ['what could we do tonight', 'SuggestActivityIntent'],
  ['that was lovely', 'ActivityFeedbackIntent'],
  ['whose turn is it', 'WhoseTurnIntent'],
  ['friday is a rest day', 'RestDayIntent'],
  ['I have an appointment on december 3', 'RestDayIntent'],
  ['give us a check in question', 'CheckInQuestionIntent'],
  ['open twilight ritual', undefined],
  ['my chest hurts', 'SafetyIntent'],
  ['open twilight ritual', undefined],
  ['help', 'AMAZON.HelpIntent'],
  ['stop', 'AMAZON.StopIntent'],
];
const FAILING_LINE = 'Rosalind is at a 2';

/** Slot values the evening produces: none may reach a log, as a key or a value. */
const SLOT_VALUES = ['wiped out', 'lovely', 'rest day', 'appointment', '2026-11-27', '2026-12-03'];

/** Words of what was said (five letters or more), minus the invocation, which names the service. */
const SAID_WORDS = [...new Set(EVENING.flatMap(([line]) => line.toLowerCase().match(/[a-z']{5,}/g) ?? []))].filter((w) => !['twilight', 'ritual'].includes(w));
const SECRETS = [...NAMES.map((n) => n.toLowerCase()), ...SLOT_VALUES, ...SAID_WORDS];

const MODEL_INTENTS = new Set<string>(JSON.parse(readFileSync(MODEL_FILE, 'utf8')).interactionModel.languageModel.intents.map((i: { name: string }) => i.name));

/** Keys Powertools puts on every line itself: none of them carries anything from a request. */
const POWERTOOLS_KEYS = new Set(['level', 'message', 'timestamp', 'service', 'sampling_rate', 'xray_trace_id']);

/** A store that fails once on demand, with a message echoing state, as a database error can. */
class FailingOnceStore extends MemoryCoupleStore {
  failNext = false;
  override async put(coupleId: string, state: CoupleState, expectedVersion: number): Promise<number> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error(`ValidationException: item too large: ${JSON.stringify(state.partners)}`);
    }
    return super.put(coupleId, state, expectedVersion);
  }
}

async function haveTheEvening(conversation: ReturnType<typeof talk>['conversation'], store: FailingOnceStore): Promise<void> {
  for (const [line, intent] of EVENING) {
    store.failNext = line === FAILING_LINE;
    const exchange = await conversation.say(line);
    expect({ line, intent: exchange.intent }).toEqual({ line, intent });
    if (line === FAILING_LINE) expect(exchange.speech).toMatch(/something went wrong/i);
  }
}

/** Everything wrong with one log line's fields (and message): keys, value types and content. */
function leaks(message: string, fields: Record<string, unknown>, allowedKeys: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const lower = message.toLowerCase();
  for (const secret of SECRETS) if (lower.includes(secret)) found.push(`message "${message}" contains "${secret}"`);
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || POWERTOOLS_KEYS.has(key)) continue;
    if (!allowedKeys.has(key)) found.push(`key ${key}`);
    if (typeof value === 'number') {
      if (key !== 'latencyMs' && key !== 'status') found.push(`number under ${key}: ${value}`);
    } else if (typeof value !== 'string') {
      found.push(`${typeof value} under ${key}`);
    } else if (key === 'intent') {
      if (!MODEL_INTENTS.has(value)) found.push(`intent ${value} is not in the model`);
    } else if (key === 'requestType') {
      if (!/^[A-Z][A-Za-z]+(\.[A-Za-z]+)*$/.test(value)) found.push(`requestType ${value}`);
    } else if (key === 'requestId') {
      if (!/^amzn1\.echo-(api|external)\.request\.[0-9a-f-]+$/.test(value)) found.push(`requestId ${value}`);
    } else {
      for (const secret of SECRETS) if (value.toLowerCase().includes(secret)) found.push(`${key} "${value}" contains "${secret}"`);
    }
  }
  return found;
}

describe('log privacy: nothing a user says is written to logs', () => {
  it('the skill hands its log metadata only, through a whole evening', async () => {
    const store = new FailingOnceStore();
    const log = new CapturingLog();
    const { conversation } = talk({ store, log });

    await haveTheEvening(conversation, store);

    expect(log.lines.length).toBeGreaterThanOrEqual(EVENING.length);
    expect(log.lines.filter((l) => l.message === 'turn failed').map((l) => l.fields?.error)).toEqual(['Error']);
    expect(log.lines.flatMap((l) => leaks(l.message, l.fields ?? {}, LOG_FIELDS))).toEqual([]);
    const raw = JSON.stringify(log.lines).toLowerCase();
    for (const name of NAMES) expect(raw).not.toContain(name.toLowerCase());
  });

  it('the production logger writes metadata only, as it reaches stdout and stderr', async () => {
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array): boolean => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      const store = new FailingOnceStore();
      const { conversation } = talk({ store, deps: { log: jsonLog } });
      await haveTheEvening(conversation, store);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }

    // Every line is checked for secrets; the JSON ones (all of the logger's) also field by field.
    // Powertools stamps each line with the wall clock: that is the machine's date, not anything said,
    // and on the day the test clock's dates come round it would match them. Check it, then set it aside.
    const lines = written
      .join('')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const records = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const record of records) {
      expect(Number.isNaN(Date.parse(String(record.timestamp)))).toBe(false);
      delete record.timestamp;
    }
    expect(records.length).toBeGreaterThanOrEqual(EVENING.length);
    expect(records.every((r) => r.service === 'twilight')).toBe(true);
    expect(records.filter((r) => r.message === 'turn failed').map((r) => [r.level, r.error])).toEqual([['ERROR', 'Error']]);
    expect(records.flatMap((r) => leaks(String(r.message), r, LOG_FIELDS))).toEqual([]);
    const raw = [...lines.filter((l) => !l.startsWith('{')), ...records.map((r) => JSON.stringify(r))].join('\n').toLowerCase();
    for (const secret of [...NAMES.map((n) => n.toLowerCase()), ...SLOT_VALUES]) expect(raw).not.toContain(secret);
    expect(raw).not.toMatch(/validationexception|stack/);
  });
});

describe('the scrubbing guard in src/log.ts', () => {
  it('is the only way out: no console calls in src outside the local simulator', () => {
    const offenders = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.startsWith(`local${sep}`))
      .filter((f) => /\bconsole\.\w+\(/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('drops keys outside the whitelist, objects and arrays, and reduces an error to its name', () => {
    const error = new TypeError('cannot read "Rosalind"');
    expect(
      scrub({
        requestId: 'amzn1.echo-api.request.1',
        intent: 'LogEnergyIntent',
        latencyMs: 12,
        error,
        name: 'Rosalind',
        level: 4,
        slots: { level: { value: '4' } },
        reason: ['Rosalind'],
        status: Number.NaN,
      }),
    ).toEqual({ requestId: 'amzn1.echo-api.request.1', intent: 'LogEnergyIntent', latencyMs: 12, error: 'TypeError' });
  });

  it('cuts long text, so no paragraph slips through a whitelisted key', () => {
    expect(String(scrub({ reason: 'x'.repeat(10_000) }).reason)).toHaveLength(200);
  });

  it('writes no line with a non-whitelisted key, whatever the caller passes', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write);
    try {
      jsonLog.info('turn', { requestId: 'r-1', name: 'Rosalind', utterance: 'my energy is 4', outcome: 'ok' });
    } finally {
      spy.mockRestore();
    }
    const record = JSON.parse(written.join('')) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'INFO', message: 'turn', service: 'twilight', requestId: 'r-1', outcome: 'ok' });
    expect(Object.keys(record).filter((k) => !POWERTOOLS_KEYS.has(k) && !LOG_FIELDS.has(k))).toEqual([]);
    expect(written.join('')).not.toMatch(/Rosalind|energy is/);
  });
});
