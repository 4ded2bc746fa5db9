import { CoupleSession } from '../../src/couple-session';
import { logEnergy, setPartners } from '../../src/domain/couple';
import { MemoryCoupleStore } from '../../src/store/memory-store';

const DAY = '2026-11-25';

/** A saved couple; this session holds Sam's energy while another Echo saves Alex's. */
async function heldWhileAnotherEchoWrote(store: MemoryCoupleStore): Promise<CoupleSession> {
  await new CoupleSession(store, 'c').update((draft) => setPartners(draft, 'Sam', 'Alex'));
  const here = new CoupleSession(store, 'c');
  await here.update((draft) => logEnergy(draft, 'a', 2, DAY), { hold: true });
  await new CoupleSession(store, 'c').update((draft) => logEnergy(draft, 'b', 4, DAY));
  return here;
}

describe('CoupleSession holding changes in the session', () => {
  it('holds a change without writing, and carries it in the snapshot', async () => {
    const store = new MemoryCoupleStore();
    const session = new CoupleSession(store, 'c');
    await session.update((draft) => setPartners(draft, 'Sam', 'Alex'), { hold: true });
    expect(store.writes).toBe(0);
    const snapshot = session.snapshot();
    expect(snapshot).toMatchObject({ version: 0, held: true });
    expect(snapshot?.state.partners.map((p) => p.name)).toEqual(['Sam', 'Alex']);
  });

  it('saves what was held with the next change that is saved, in one write', async () => {
    const store = new MemoryCoupleStore();
    const first = new CoupleSession(store, 'c');
    await first.update((draft) => setPartners(draft, 'Sam', 'Alex'), { hold: true });

    // The next turn starts from the session's copy, held flag and all.
    const next = new CoupleSession(store, 'c', first.snapshot());
    expect(next.holding).toBe(true);
    await next.update((draft) => logEnergy(draft, 'a', 2, DAY));
    expect(store.writes).toBe(1);
    expect(next.holding).toBe(false);
    expect(next.snapshot()?.held).toBeUndefined();
    const saved = JSON.parse(store.items.get('c')!.state);
    expect(saved.partners).toHaveLength(2);
    expect(saved.generation).toEqual(expect.any(String));
  });

  it('a turn that changes nothing keeps holding and writes nothing', async () => {
    const store = new MemoryCoupleStore();
    const first = new CoupleSession(store, 'c');
    await first.update((draft) => setPartners(draft, 'Sam', 'Alex'), { hold: true });
    const next = new CoupleSession(store, 'c', first.snapshot());
    await next.update((draft) => setPartners(draft, 'Sam', 'Alex'));
    expect(store.writes).toBe(0);
    expect(next.snapshot()?.held).toBe(true);
  });

  it('flush saves once, and a second flush has nothing to do', async () => {
    const store = new MemoryCoupleStore();
    const session = new CoupleSession(store, 'c');
    await session.update((draft) => setPartners(draft, 'Sam', 'Alex'), { hold: true });
    await expect(session.flush()).resolves.toBe('saved');
    await expect(session.flush()).resolves.toBe('none');
    expect(store.writes).toBe(1);
    expect(store.items.get('c')!.version).toBe(1);
  });

  it('flush drops the held change when the couple changed elsewhere, keeping that write', async () => {
    const store = new MemoryCoupleStore();
    const here = await heldWhileAnotherEchoWrote(store);

    await expect(here.flush()).resolves.toBe('dropped');
    const saved = JSON.parse(store.items.get('c')!.state);
    expect(saved.days[DAY].energy).toEqual({ b: 4 });
  });

  it('a conflict on the next saved change re-applies only that change on fresh state', async () => {
    const store = new MemoryCoupleStore();
    const here = await heldWhileAnotherEchoWrote(store);
    await here.update((draft) => {
      draft.welcomed = true;
    });
    const saved = JSON.parse(store.items.get('c')!.state);
    expect(saved.welcomed).toBe(true);
    expect(saved.days[DAY].energy).toEqual({ b: 4 });
  });
});
