import type { CoupleState } from '../../src/domain/couple';
import { parseCoupleState } from '../../src/domain/state-schema';
import { StoreUnavailableError } from '../../src/store/couple-store';
import { MemoryCoupleStore } from '../../src/store/memory-store';
import { talk } from '../support/skill';

// Issue #13: the ritual's steps ride in the session and are saved once, with the evening's outcome.
const COUPLE = 'amzn1.ask.account.test-couple';
const TODAY = '2026-11-25';

/** A store that can be told to fail its next writes, as DynamoDB does when it is unreachable. */
class FlakyStore extends MemoryCoupleStore {
  failWrites = 0;
  override async put(id: string, state: CoupleState, expected: number): Promise<number> {
    if (this.failWrites > 0) {
      this.failWrites--;
      throw new StoreUnavailableError('unreachable', 'write');
    }
    return super.put(id, state, expected);
  }
}

function stored(store: MemoryCoupleStore): CoupleState {
  const item = store.items.get(COUPLE);
  if (!item) throw new Error('nothing stored');
  return parseCoupleState(JSON.parse(item.state));
}

async function readyCouple(store: MemoryCoupleStore = new MemoryCoupleStore()) {
  const t = talk({ store });
  await t.conversation.say('open twilight ritual');
  await t.conversation.say('our names are Sam and Alex');
  await t.conversation.say('Sam is at a 3');
  await t.conversation.say('Alex is at a 2');
  return t;
}

describe('the ritual saves once per outcome', () => {
  it('writes nothing while settling and stepping, and saves the whole evening at the close', async () => {
    const t = await readyCouple();
    const before = t.store.writes;

    await t.conversation.say("let's start our wind down");
    await t.conversation.say('next');
    const exchange = await t.conversation.say('next');
    expect(exchange.speech.length).toBeGreaterThan(0);
    expect(t.store.writes).toBe(before);

    const close = await t.conversation.say('next');
    expect(close.speech.toLowerCase()).toMatch(/goodnight|sleep well|rest well|good night/);
    expect(t.store.writes).toBe(before + 1);

    const state = stored(t.store);
    expect(state.ritual).toBeUndefined();
    expect(state.days[TODAY]?.ritual).toEqual({ reached: 4, ended: 'completed' });
    // What the held steps chose is in that one write: tonight's question and tonight's idea.
    expect(state.checkIns.length).toBeGreaterThan(0);
    expect(state.pacing.sessions.at(-1)).toMatchObject({ day: TODAY, activityId: expect.any(String) });
  });

  it('saves the steps once when the couple walk away mid-ritual, and picks up there next time', async () => {
    const t = await readyCouple();
    await t.conversation.say('start the ritual');
    await t.conversation.say('next');
    const before = t.store.writes;

    await t.conversation.walkAway();
    expect(t.store.writes).toBe(before + 1);
    expect(stored(t.store).ritual).toMatchObject({ day: TODAY, step: 1 });
    expect(stored(t.store).days[TODAY]?.ritual).toEqual({ reached: 2, ended: 'inProgress' });

    await t.conversation.say('open twilight ritual');
    const resumed = await t.conversation.say('next');
    expect(resumed.speech).toMatch(/exchange/i);
    expect(t.store.writes).toBe(before + 1);
    await t.conversation.say('next');
    expect(stored(t.store).days[TODAY]?.ritual).toEqual({ reached: 4, ended: 'completed' });
    expect(t.store.writes).toBe(before + 2);
  });

  it('a session that ends with nothing held writes nothing more', async () => {
    const t = await readyCouple();
    const before = t.store.writes;
    await t.conversation.walkAway();
    expect(t.store.writes).toBe(before);
  });

  it('words of discomfort save the held steps with the pause, in one write', async () => {
    const t = await readyCouple();
    await t.conversation.say('start the ritual');
    await t.conversation.say('next');
    const before = t.store.writes;

    await t.conversation.say("I'm not comfortable");
    expect(t.store.writes).toBe(before + 1);
    expect(stored(t.store).ritual).toMatchObject({ step: 1, paused: true });
    expect(stored(t.store).days[TODAY]?.ritual).toEqual({ reached: 2, ended: 'paused' });
  });

  it('a store that fails as the session ends drops only the held steps, quietly, with nothing private logged', async () => {
    const store = new FlakyStore();
    const t = await readyCouple(store);
    await t.conversation.say('start the ritual');
    await t.conversation.say('next');
    const confirmed = stored(store);

    store.failWrites = 10;
    await expect(t.conversation.walkAway()).resolves.toBeUndefined();
    expect(stored(store)).toEqual(confirmed);
    const warning = t.log.lines.find((l) => l.level === 'warn' && l.message.includes('held'));
    expect(warning).toBeDefined();
    expect(JSON.stringify(t.log.lines)).not.toMatch(/Sam|Alex/);

    store.failWrites = 0;
    const again = await t.conversation.say('open twilight ritual');
    expect(again.speech.length).toBeGreaterThan(0);
  });

  it("another Echo's confirmed write is never overwritten by the held steps", async () => {
    const a = await readyCouple();
    await a.conversation.say('start the ritual');
    await a.conversation.say('next');

    // Meanwhile Alex, on the kitchen Echo, marks Friday as a rest day.
    const b = talk({ store: a.store, clock: a.clock });
    await b.conversation.say('open twilight ritual');
    await b.conversation.say('make friday a rest day');
    const restDays = stored(a.store).pacing.restDays;
    expect(restDays.length).toBe(1);

    await a.conversation.walkAway();
    expect(stored(a.store).pacing.restDays).toEqual(restDays);
  });

  it('the close still lands after another Echo wrote mid-ritual, keeping both', async () => {
    const a = await readyCouple();
    await a.conversation.say('start the ritual');
    await a.conversation.say('next');
    await a.conversation.say('next');

    const b = talk({ store: a.store, clock: a.clock });
    await b.conversation.say('open twilight ritual');
    await b.conversation.say('make friday a rest day');

    await a.conversation.say('next');
    const state = stored(a.store);
    expect(state.pacing.restDays.length).toBe(1);
    expect(state.days[TODAY]?.ritual?.ended).toBe('completed');
  });
});

describe('pain mid-ritual', () => {
  it('"my back is hurting" pauses the ritual at once and keeps hands-on ideas out, in one write', async () => {
    const t = await readyCouple();
    await t.conversation.say('start the ritual');
    await t.conversation.say('next');
    const before = t.store.writes;

    const hurt = await t.conversation.say('my back is hurting');
    expect(hurt.intent).toBe('SoreTodayIntent');
    expect(hurt.speech).toMatch(/of course/i);
    expect(hurt.speech).not.toMatch(/exchange|idea for/i);
    expect(t.store.writes).toBe(before + 1);
    const state = stored(t.store);
    expect(state.ritual).toMatchObject({ paused: true });
    expect(state.days[TODAY]?.ritual?.ended).toBe('paused');
    expect(Object.keys(state.pacing.sore).length).toBeGreaterThan(0);
  });

  it('outside the ritual, soreness still offers a gentler idea', async () => {
    const t = await readyCouple();
    const sore = await t.conversation.say('my back is hurting');
    expect(sore.intent).toBe('SoreTodayIntent');
    expect(sore.speech).not.toMatch(/of course, let's stop/i);
  });
});
