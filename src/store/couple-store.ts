import type { CoupleState } from '../domain/couple';

/** A couple's state as stored (parsed by the store as it reads), with the version that guards the next write. */
export interface Versioned {
  state: CoupleState;
  /** 0 for a couple that has never been saved. */
  version: number;
}

/** The narrow persistence port every handler goes through: one read, one conditional write. */
export interface CoupleStore {
  /** `consistent` asks for a strongly consistent read (after a conflict, or to verify a write). */
  get(coupleId: string, options?: { consistent?: boolean }): Promise<Versioned | undefined>;
  /** Saves `state` as version expectedVersion + 1; throws VersionConflictError if someone wrote first. */
  put(coupleId: string, state: CoupleState, expectedVersion: number): Promise<number>;
  /** Removes every item of the couple ("delete our data", the skill disabled). */
  delete(coupleId: string): Promise<void>;
}

/** Another writer saved this couple since we read it: re-read and re-apply. */
export class VersionConflictError extends Error {
  override name = 'VersionConflictError';
}

/** The store could not be reached or answered with an error; the turn says so kindly. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(
    message: string,
    /** Whether the couple's notes could not be read, or a change could not be saved. */
    readonly operation: 'read' | 'write' = 'read',
  ) {
    super(message);
  }
}
