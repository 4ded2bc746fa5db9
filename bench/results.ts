import type { Built, Bundle } from './bundles';
import type { ColdResult } from './cold';
import type { Skill } from './config';
import type { Cost } from './cost';
import type { ResolvedStep } from './envelopes';
import type { RoundTrips } from './round-trips';
import type { WarmResult } from './warm';

/** Everything one run measured, as the report reads it. */
export interface Results {
  date: string;
  load: { before: number[]; after: number[] };
  bundles: Record<Skill, Bundle>;
  cold: Record<Skill, ColdResult>;
  variants: (Built & { cold: ColdResult })[];
  warm: Record<Skill, WarmResult>;
  trips: RoundTrips;
  steps: ResolvedStep[];
  cost: Record<Skill, Cost>;
  elapsedS: number;
}
