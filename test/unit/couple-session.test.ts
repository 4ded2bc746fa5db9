import { CoupleSession } from '../../src/couple-session';
import { logEnergy, newCouple, setPartners, type CoupleState } from '../../src/domain/couple';
import { StoreUnavailableError } from '../../src/store/couple-store';
import { MemoryCoupleStore } from '../../src/store/memory-store';

describe('CoupleSession', () => {
  it('writes nothing when a change leaves the state as stored, whatever the key order', async () => {
    const store = new MemoryCoupleStore();
    const state = newCouple();
    setPartners(state, 'Sam', 'Alex');
    // Stored with keys in another order, as DynamoDB may return a map.
    const reordered = JSON.parse(JSON.stringify(state));
    reordered.partners = reordered.partners.map((p: Record<string, unknown>) => ({ name: p.name, id: p.id }));
    store.items.set('c', { state: JSON.stringify(reordered), version: 3 });

    const session = new CoupleSession(store, 'c');
    await session.update((draft) => setPartners(draft, 'Sam', 'Alex'));
    expect(store.writes).toBe(0);

    await session.update((draft) => logEnergy(draft, 'a', 2, '2026-11-25'));
    expect(store.writes).toBe(1);
    expect(store.items.get('c')!.version).toBe(4);
  });

  it('re-applies the change on fresh state after a conflict', async () => {
    const store = new MemoryCoupleStore();
    const first = new CoupleSession(store, 'c');
    const second = new CoupleSession(store, 'c');
    await first.read();
    await second.read();
    await first.update((draft) => setPartners(draft, 'Sam', 'Alex'));
    await second.update((draft) => {
      draft.welcomed = true;
    });
    const saved = JSON.parse(store.items.get('c')!.state);
    expect(saved.partners).toHaveLength(2);
    expect(saved.welcomed).toBe(true);
  });
});

describe('CoupleSession after a write that failed to answer', () => {
  /** A store whose next put is applied but then reported as failed, like a reply lost in transit. */
  class LostReplyStore extends MemoryCoupleStore {
    applyThenFail = 0;
    failOnly = 0;
    override async put(id: string, state: CoupleState, expected: number): Promise<number> {
      if (this.failOnly > 0) {
        this.failOnly--;
        throw new StoreUnavailableError('no answer', 'write');
      }
      const version = await super.put(id, state, expected);
      if (this.applyThenFail > 0) {
        this.applyThenFail--;
        throw new StoreUnavailableError('no answer', 'write');
      }
      return version;
    }
  }

  it('confirms a write that landed although its answer was lost', async () => {
    const store = new LostReplyStore();
    await new CoupleSession(store, 'c').update((d) => setPartners(d, 'Sam', 'Alex'));
    store.applyThenFail = 1;
    await expect(new CoupleSession(store, 'c', undefined, 'tag-1').update((d) => logEnergy(d, 'a', 2, '2026-11-25'))).resolves.toBeUndefined();
    expect(JSON.parse(store.items.get('c')!.state).days['2026-11-25'].energy).toEqual({ a: 2 });
  });

  it('reports a write that never reached the store', async () => {
    const store = new LostReplyStore();
    await new CoupleSession(store, 'c').update((d) => setPartners(d, 'Sam', 'Alex'));
    store.failOnly = 1;
    await expect(new CoupleSession(store, 'c', undefined, 'tag-2').update((d) => logEnergy(d, 'a', 2, '2026-11-25'))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(JSON.parse(store.items.get('c')!.state).days).toEqual({});
  });

  it('still counts a landed write when another writer saved on top of it (seen by its request tag)', async () => {
    const store = new LostReplyStore();
    await new CoupleSession(store, 'c').update((d) => setPartners(d, 'Sam', 'Alex'));
    const ours = new CoupleSession(store, 'c', undefined, 'tag-3');
    await ours.read();
    store.applyThenFail = 1;
    const original = store.put.bind(store);
    // Alex's write lands right after ours, before we look.
    store.put = async (id, state, expected) => {
      const v = await original(id, state, expected).catch(async (err: unknown) => {
        store.put = original;
        const after = await store.get('c');
        await original('c', { ...after!.state, welcomed: true }, after!.version);
        throw err;
      });
      return v;
    };
    await expect(ours.update((d) => logEnergy(d, 'a', 4, '2026-11-25'))).resolves.toBeUndefined();
    const saved = JSON.parse(store.items.get('c')!.state);
    expect(saved.days['2026-11-25'].energy).toEqual({ a: 4 });
    expect(saved.welcomed).toBe(true);
  });
});
