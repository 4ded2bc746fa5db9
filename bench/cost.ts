import type { ColdResult } from './cold';
import { COLD_STARTS_PER_EVENING, LAMBDA_MB, NIGHTS_PER_MONTH, PRICES } from './config';
import { must } from './must';
import type { EveningCount } from './round-trips';
import type { WarmResult } from './warm';

/** One couple-month of one skill: what is billed and what it costs. */
export interface Cost {
  nights: number;
  invocations: number;
  billedMsPerEvening: number;
  initMsPerEvening: number;
  lambdaRequests: number;
  lambdaCompute: number;
  rru: number;
  wru: number;
  reads: number;
  writes: number;
  itemBytes: number;
  storage: number;
  total: number;
}

/** The evenings priced as one couple-month: the last NIGHTS_PER_MONTH of the run (steady state). */
export const monthOf = (evenings: EveningCount[]) => evenings.slice(-NIGHTS_PER_MONTH);
/** One kind of call or unit summed over an evening's steps. */
export const units = (e: EveningCount, k: 'reads' | 'writes' | 'rcu' | 'wcu') => e.steps.reduce((s, x) => s + x[k], 0);

/**
 * One couple-month from measured units: the month's evenings as DynamoDB Local reported them; each
 * turn billed at its step's warm p50 rounded up to the next millisecond, plus one billed init
 * (the cold require median, rounded up) per evening.
 */
export function costOf(evenings: EveningCount[], warm: WarmResult, cold: ColdResult): Cost {
  const month = monthOf(evenings);
  const nights = month.length;
  const invocations = month.reduce((s, e) => s + e.steps.length, 0);
  const billedMsPerEvening = warm.perStep.reduce((sum, p) => sum + Math.max(1, Math.ceil(p.p50)), 0);
  const initMsPerEvening = COLD_STARTS_PER_EVENING * Math.ceil(cold.load.median);
  const rru = month.reduce((s, e) => s + units(e, 'rcu'), 0);
  const wru = month.reduce((s, e) => s + units(e, 'wcu'), 0);
  const itemBytes = must(evenings.at(-1), 'evening to price').itemBytes;
  const c = {
    nights,
    invocations,
    billedMsPerEvening,
    initMsPerEvening,
    lambdaRequests: (invocations * PRICES.lambdaPerMillionRequests) / 1e6,
    lambdaCompute: nights * ((billedMsPerEvening + initMsPerEvening) / 1000) * (LAMBDA_MB / 1024) * PRICES.lambdaGbSecond,
    rru,
    wru,
    reads: (rru * PRICES.perMillionRru) / 1e6,
    writes: (wru * PRICES.perMillionWru) / 1e6,
    itemBytes,
    // DynamoDB bills 100 bytes of overhead per item; GB = 2^30 bytes.
    storage: ((itemBytes + 100) / 2 ** 30) * PRICES.storageGbMonth,
  };
  return { ...c, total: c.lambdaRequests + c.lambdaCompute + c.reads + c.writes + c.storage };
}
