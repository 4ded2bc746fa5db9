import type { TurnSession } from './session-attributes';

/**
 * The couple's time zone for one turn: the one cached in their state, else the device's from the
 * Settings API (asked at most once a session), else the configured default.
 */
export class CoupleZone {
  private zone: string | undefined;
  /** A zone the Settings API gave this turn, for the turn's write to cache in the couple's state. */
  learned: string | undefined;

  constructor(
    private readonly cached: () => Promise<string | undefined>,
    private readonly session: TurnSession,
    private readonly lookup: () => Promise<string | undefined>,
    private readonly fallback: string,
  ) {}

  async get(): Promise<string> {
    if (!this.zone) {
      const cached = await this.cached();
      if (cached) {
        this.zone = cached;
      } else if (this.session.zoneUnknown) {
        this.zone = this.fallback;
      } else {
        this.learned = await this.lookup();
        this.zone = this.learned ?? this.fallback;
        // One slow or failing lookup a session is enough: later turns use the default at once.
        if (!this.learned) this.session.markZoneUnknown();
      }
    }
    return this.zone;
  }
}
