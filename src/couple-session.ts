import { isDeepStrictEqual } from 'node:util';
import { newCouple, upgradeState, type CoupleState } from './domain/couple';
import { VersionConflictError, type CoupleStore, type Versioned } from './store/couple-store';

const MAX_ATTEMPTS = 6;

/** How many recent request tags the state remembers for idempotency. */
const RECENT_REQUESTS = 12;

/**
 * One couple's state for the length of a turn: read at most once (or taken from the session),
 * written at most once, and only when a change was made. Conflicts re-read and re-apply.
 */
export class CoupleSession {
  private current: Versioned | undefined;
  private loaded = false;
  private wrote = false;
  private deleted = false;

  constructor(
    private readonly store: CoupleStore,
    readonly coupleId: string,
    cached?: Versioned,
    /** A short id of this request: a change is recorded once even if Alexa delivers the request twice. */
    private readonly requestTag?: string,
  ) {
    if (cached) {
      this.current = { state: upgradeState(cached.state), version: cached.version };
      this.loaded = true;
    }
  }

  /** The couple's state; a new couple reads as an empty, unsaved state. */
  async read(): Promise<CoupleState> {
    return (await this.load()).state;
  }

  /**
   * Applies `mutate` to a copy of the state and saves it when anything changed. `mutate` must be a
   * pure function of the state it is given: on a conflict it runs again on freshly read state.
   */
  async update<R>(mutate: (draft: CoupleState) => R): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const base = await this.load();
      const draft = structuredClone(base.state);
      const result = mutate(draft);
      if (sameState(draft, base.state)) return result;
      const tag = this.requestTag;
      // Already applied by an earlier delivery of this same request: answer alike, change nothing.
      if (tag && !this.wrote && base.state.recentRequests.includes(tag)) return result;
      if (tag && !draft.recentRequests.includes(tag)) draft.recentRequests = [...draft.recentRequests, tag].slice(-RECENT_REQUESTS);
      try {
        const version = await this.store.put(this.coupleId, draft, base.version);
        this.current = { state: draft, version };
        this.wrote = true;
        return result;
      } catch (err) {
        if (!(err instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw err;
        this.loaded = false;
        // A short random pause lets two partners' simultaneous writes fall into line.
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  /** What to carry in session attributes so the next turn needs no read. */
  snapshot(): Versioned | undefined {
    return this.loaded && !this.deleted ? this.current : undefined;
  }

  /** Forgets the couple entirely: every item in the store, and the copy in this session. */
  async delete(): Promise<void> {
    await this.store.delete(this.coupleId);
    this.current = undefined;
    this.loaded = true;
    this.deleted = true;
  }

  private async load(): Promise<Versioned> {
    if (!this.loaded) {
      const stored = await this.store.get(this.coupleId);
      this.current = stored && { state: upgradeState(stored.state), version: stored.version };
      this.loaded = true;
    }
    return this.current ?? { state: newCouple(), version: 0 };
  }
}

/** Equal as stored: key order does not matter (DynamoDB returns maps in its own order), undefined drops out. */
function sameState(a: CoupleState, b: CoupleState): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}
