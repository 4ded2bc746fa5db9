import { join } from 'node:path';
import type { Clock, Log, SkillDeps } from '../../src/deps';
import { Conversation } from '../../src/local/conversation';
import { localDay } from '../../src/domain/dates';
import { buildSkill } from '../../src/skill';
import type { CoupleStore } from '../../src/store/couple-store';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { fixedTimeZone } from '../../src/time-zone';

export const MODEL_FILE = join(__dirname, '..', '..', 'models', 'en-US.json');
export const SAM_VOICE = 'amzn1.ask.person.test-sam';
export const ALEX_VOICE = 'amzn1.ask.person.test-alex';

/** A clock the test can move, evening by evening. */
export class TestClock implements Clock {
  constructor(public current: Date = new Date('2026-11-25T20:00:00-05:00')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  addDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

/** A log that keeps every line, so tests can check nothing private was written. */
export class CapturingLog implements Log {
  readonly lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  info(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: 'error', message, fields });
  }
}

export interface TestSkillOptions {
  store?: CoupleStore;
  clock?: TestClock;
  log?: CapturingLog;
  timeZone?: string;
  personId?: string;
  userId?: string;
  deps?: Partial<SkillDeps>;
  apiEndpoint?: string;
}

/** The real skill and the real interaction model, driven turn by turn through virtual-alexa. */
export function talk<S extends CoupleStore = MemoryCoupleStore>(opts: TestSkillOptions & { store?: S } = {}) {
  const store = (opts.store ?? new MemoryCoupleStore()) as S;
  const clock = opts.clock ?? new TestClock();
  const log = opts.log ?? new CapturingLog();
  const zone = opts.timeZone ?? 'America/New_York';
  const skill = buildSkill({ store, clock, log, timeZones: fixedTimeZone(zone), defaultTimeZone: zone, ...opts.deps });
  const conversation = new Conversation((event, context) => skill.invoke(event, context), {
    modelFile: MODEL_FILE,
    userId: opts.userId ?? 'amzn1.ask.account.test-couple',
    personId: opts.personId,
    today: () => localDay(clock.now(), zone),
    apiEndpoint: opts.apiEndpoint,
  });
  return { conversation, store, clock, log, skill };
}
