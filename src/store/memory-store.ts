import type { CoupleState } from '../domain/couple';
import { parseCoupleState } from '../domain/state-schema';
import { VersionConflictError, type CoupleStore, type Versioned } from './couple-store';

/** Runs `work` now, as an async function would: its value resolves the promise, a throw rejects it. */
const settled = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

/** CoupleStore in memory with the same version semantics as DynamoDB; for tests and benchmarks. */
export class MemoryCoupleStore implements CoupleStore {
  readonly items = new Map<string, { state: string; version: number }>();
  reads = 0;
  writes = 0;

  get(coupleId: string): Promise<Versioned | undefined> {
    return settled(() => {
      this.reads++;
      const item = this.items.get(coupleId);
      return item && { state: parseCoupleState(JSON.parse(item.state)), version: item.version };
    });
  }

  delete(coupleId: string): Promise<void> {
    return settled(() => {
      this.writes++;
      this.items.delete(coupleId);
    });
  }

  put(coupleId: string, state: CoupleState, expectedVersion: number): Promise<number> {
    return settled(() => {
      this.writes++;
      const item = this.items.get(coupleId);
      const stored = item && parseCoupleState(JSON.parse(item.state));
      // Like the DynamoDB condition: the version, and the generation once the couple has one.
      if ((item?.version ?? 0) !== expectedVersion || (expectedVersion > 0 && state.generation !== undefined && stored?.generation !== state.generation)) {
        throw new VersionConflictError('couple state changed since it was read');
      }
      this.items.set(coupleId, { state: JSON.stringify(state), version: expectedVersion + 1 });
      return expectedVersion + 1;
    });
  }
}
