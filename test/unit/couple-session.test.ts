import { CoupleSession } from '../../src/couple-session';
import { logEnergy, newCouple, setPartners } from '../../src/domain/couple';
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
