import type { CoupleState } from '../domain/couple';
import { parseCoupleState } from '../domain/state-schema';
import { VersionConflictError, type CoupleStore, type Versioned } from './couple-store';

/** CoupleStore in memory with the same version semantics as DynamoDB; for tests and benchmarks. */
export class MemoryCoupleStore implements CoupleStore {
  readonly items = new Map<string, { state: string; version: number }>();
  reads = 0;
  writes = 0;

  async get(coupleId: string): Promise<Versioned | undefined> {
    this.reads++;
    const item = this.items.get(coupleId);
    return item && { state: parseCoupleState(JSON.parse(item.state)), version: item.version };
  }

  async delete(coupleId: string): Promise<void> {
    this.writes++;
    this.items.delete(coupleId);
  }

  async put(coupleId: string, state: CoupleState, expectedVersion: number): Promise<number> {
    this.writes++;
    const item = this.items.get(coupleId);
    const stored = item && parseCoupleState(JSON.parse(item.state));
    // Like the DynamoDB condition: the version, and the generation once the couple has one.
    if ((item?.version ?? 0) !== expectedVersion || (expectedVersion > 0 && state.generation !== undefined && stored?.generation !== state.generation)) {
      throw new VersionConflictError('couple state changed since it was read');
    }
    this.items.set(coupleId, { state: JSON.stringify(state), version: expectedVersion + 1 });
    return expectedVersion + 1;
  }
}
