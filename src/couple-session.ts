import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { newCouple, type CoupleState } from './domain/couple';
import { withTimeout } from './timeout';
import { StoreUnavailableError, VersionConflictError, type CoupleStore, type Versioned } from './store/couple-store';

const MAX_ATTEMPTS = 6;

/** How long a failed write may spend checking whether it landed after all, inside Alexa's 8 s. */
const VERIFY_MS = 1000;

/** How many recent request tags the state remembers for idempotency. */
const RECENT_REQUESTS = 12;

/** The couple as a session carries it: `held` marks changes made this session and not yet saved. */
export interface Cached extends Versioned {
  held?: true;
}

/** How a change is saved: `hold` keeps it in the session, to be saved with the next change or when the session ends. */
export interface UpdateOptions {
  hold?: boolean;
}

/**
 * The couple this turn started from was deleted (on another device, or the skill was disabled) and
 * the change was not applied: a stale copy must never bring it back. The session now holds the
 * store's current state, read while finding this out.
 */
export class CoupleErasedError extends Error {
  override name = 'CoupleErasedError';
}

/**
 * One couple's state for the length of a turn: read at most once (or taken from the session),
 * written at most once, and only when a change was made. Conflicts re-read and re-apply.
 */
export class CoupleSession {
  private current: Versioned | undefined;
  private loaded = false;
  private wrote = false;
  private conflicted = false;
  private deleted = false;
  /** The current state has changes not yet in the store (they ride in the session). */
  private held = false;

  constructor(
    private readonly store: CoupleStore,
    readonly coupleId: string,
    cached?: Cached,
    /** A short id of this request: a change is recorded once even if Alexa delivers the request twice. */
    private readonly requestTag?: string,
  ) {
    if (cached) {
      this.current = { state: cached.state, version: cached.version };
      this.loaded = true;
      this.held = cached.held === true;
    }
  }

  /** The couple's state; a new couple reads as an empty, unsaved state. */
  async read(): Promise<CoupleState> {
    return (await this.load()).state;
  }

  /**
   * Applies `mutate` to a copy of the state and saves it when anything changed. `mutate` must be a
   * pure function of the state it is given: on a conflict it runs again on freshly read state.
   * With `hold`, the change is kept in the session instead and saved with the next change that is
   * saved, or by `flush` when the session ends; a conflict on that later write drops what was held.
   */
  async update<R>(mutate: (draft: CoupleState) => R, options: UpdateOptions = {}): Promise<R> {
    let previous: Versioned | undefined;
    for (let attempt = 1; ; attempt++) {
      const base = await this.load();
      // Gone, or replaced by a couple started afresh: the change was meant for the one deleted.
      if (previous && previous.version > 0 && (base.version === 0 || base.state.generation !== previous.state.generation)) {
        throw new CoupleErasedError('the couple was deleted since this turn read it');
      }
      const draft = structuredClone(base.state);
      const result = mutate(draft);
      if (sameState(draft, base.state)) return result;
      if (options.hold) {
        this.current = { state: draft, version: base.version };
        this.held = true;
        return result;
      }
      const tag = this.requestTag;
      // Already applied by an earlier delivery of this same request: answer alike, change nothing.
      if (tag && !this.wrote && base.state.recentRequests.includes(tag)) return result;
      if (tag && !draft.recentRequests.includes(tag)) draft.recentRequests = [...draft.recentRequests, tag].slice(-RECENT_REQUESTS);
      try {
        await this.save(draft, base.version);
        return result;
      } catch (err) {
        if (!(err instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw err;
        this.loaded = false;
        this.conflicted = true;
        previous = base;
        // A short random pause lets two partners' simultaneous writes fall into line.
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  /** What to carry in session attributes so the next turn needs no read. */
  snapshot(): Cached | undefined {
    if (!this.loaded || this.deleted) return undefined;
    // A couple not yet saved rides along as version 0, so the next turn needs no read either.
    const current = this.current ?? { state: newCouple(), version: 0 };
    return this.held ? { ...current, held: true } : current;
  }

  /** Whether changes held in the session are waiting to be saved. */
  get holding(): boolean {
    return this.held;
  }

  /**
   * Saves what the session held, once, as it ends. Nothing held: nothing written. A conflict (the
   * couple changed on another device meanwhile) or a store that fails drops the held changes and
   * says so: they were never confirmed to anyone, and the stored couple stays as the other write left it.
   */
  async flush(): Promise<'none' | 'saved' | 'dropped'> {
    if (!this.held || !this.current) return 'none';
    const { state, version } = this.current;
    try {
      await this.save(state, version);
      return 'saved';
    } catch {
      this.held = false;
      this.loaded = false;
      this.current = undefined;
      return 'dropped';
    }
  }

  /**
   * Writes `draft` over the stored `baseVersion`, giving a couple's first save its generation tag. A
   * write that timed out or failed after reaching DynamoDB may have landed: it is looked for before
   * the failure is passed on. Whatever was held in the session is in this write.
   */
  private async save(draft: CoupleState, baseVersion: number): Promise<void> {
    if (baseVersion === 0) draft.generation ??= randomBytes(9).toString('base64url');
    try {
      this.current = { state: draft, version: await this.store.put(this.coupleId, draft, baseVersion) };
      this.wrote = true;
    } catch (err) {
      if (!(err instanceof StoreUnavailableError && (await this.landed(draft, baseVersion)))) throw err;
    }
    this.held = false;
  }

  /** Forgets the couple entirely: every item in the store, and the copy in this session. */
  async delete(): Promise<void> {
    await this.store.delete(this.coupleId);
    this.current = undefined;
    this.loaded = true;
    this.deleted = true;
  }

  /**
   * After a failed put: true (and the state adopted) when the store holds this write, seen as our
   * exact draft or, before this session wrote anything, as our request tag. A read that fails or
   * takes longer than VERIFY_MS counts as not landed, and the turn reports the original failure.
   */
  private async landed(draft: CoupleState, baseVersion: number): Promise<boolean> {
    const tag = this.requestTag;
    const stored = await withTimeout(
      this.store.get(this.coupleId, { consistent: true }).catch(() => undefined),
      VERIFY_MS,
    );
    if (!stored || stored.version <= baseVersion) return false;
    const state = stored.state;
    const ours = sameState(state, draft) || (tag !== undefined && !this.wrote && state.recentRequests.includes(tag));
    if (!ours) return false;
    this.current = { state, version: stored.version };
    this.loaded = true;
    this.wrote = true;
    return true;
  }

  private async load(): Promise<Versioned> {
    if (!this.loaded) {
      // The first read may be eventually consistent (half the cost); the version condition on the
      // write catches a stale copy, and every re-read after a conflict is strongly consistent.
      const stored = await this.store.get(this.coupleId, { consistent: this.conflicted });
      this.current = stored;
      this.loaded = true;
      // Changes held in the session were made on the state now replaced: they are gone with it.
      this.held = false;
    }
    return this.current ?? { state: newCouple(), version: 0 };
  }
}

/** Equal as stored: key order does not matter (DynamoDB returns maps in its own order), undefined drops out. */
function sameState(a: CoupleState, b: CoupleState): boolean {
  const left = JSON.stringify(a);
  const right = JSON.stringify(b);
  // The usual case: a draft cloned from the base keeps its key order, so equal text means equal.
  if (left === right) return true;
  return isDeepStrictEqual(JSON.parse(left), JSON.parse(right));
}
