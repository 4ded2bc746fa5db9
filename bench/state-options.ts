import { brotliCompressSync, deflateRawSync } from 'node:zlib';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { CoupleState } from '../src/domain/couple';
import { daysBetween } from '../src/domain/dates';
import { encodeState } from '../src/store/state-codec';
import { valueSize } from './round-trips';

/**
 * Bytes the state takes as one DynamoDB attribute under each encoding considered for issue #13.
 * "packed" is a measuring prototype only (short keys, days and sessions as compact strings); the
 * skill stores "deflateRaw + dictionary" (src/store/state-codec.ts).
 */
export function stateEncodings(state: CoupleState): [name: string, bytes: number][] {
  const json = JSON.stringify(state);
  const pack = packed(state);
  const attr = (value: unknown) => valueSize(toAttribute(value));
  return [
    ['map (as stored before)', attr(state)],
    ['JSON string', Buffer.byteLength(json)],
    ['packed: short keys, days and sessions as strings', attr(pack)],
    ['packed, deflateRaw', deflateRawSync(JSON.stringify(pack), { level: 9 }).byteLength],
    ['JSON, deflateRaw', deflateRawSync(json, { level: 9 }).byteLength],
    ['JSON, brotli', brotliCompressSync(json).byteLength],
    ['JSON, deflateRaw + preset dictionary (stored now)', encodeState(state).byteLength],
  ];
}

function packed(s: CoupleState): Record<string, unknown> {
  const p = s.pacing;
  const all = [...Object.keys(s.days), ...p.sessions.map((x) => x.day)].sort();
  const anchor = all[all.length - 1] ?? '2026-01-01';
  const off = (day: string) => daysBetween(day, anchor);
  const days = Object.entries(s.days).map(([day, r]) =>
    [
      off(day),
      r.energy?.a ?? '',
      r.energy?.b ?? '',
      r.ritual?.reached ?? '',
      r.ritual?.ended.slice(0, 2) ?? '',
      (r.wins ?? []).map((w) => `${w.category}/${w.source[0]}`).join('+'),
    ].join('.'),
  );
  const rate = (r?: string) => (r ? r[0] : '-');
  const sessions = p.sessions.map((x) => `${off(x.day)}.${x.activityId}.${rate(x.ratings.a)}${rate(x.ratings.b)}${rate(x.ratings.both)}`);
  return {
    v: s.schemaVersion,
    p: s.partners.map((x) => [x.name, x.personId]),
    w: s.welcomed ? 1 : 0,
    z: s.timeZone,
    t: anchor,
    d: days.join(','),
    s: sessions.join(','),
    r: p.recent.join(','),
    f: p.favourites.join(','),
    o: { a: p.setAside, l: p.lacks, rd: p.restDays, ap: p.appointments, so: p.sore, sd: p.stepDown, tu: p.turn, td: p.turnDay },
    c: s.checkIns.join(','),
    q: s.recentRequests.join(''),
    g: s.goal,
    ri: s.ritual,
    x: [s.askedAboutDay, s.notTonightDay, s.lightsOffDay, s.musicOffDay, s.safetyHold, s.sensualChosen],
  };
}

/** Plain JSON as a DynamoDB attribute value (undefined members dropped), for sizing only. */
function toAttribute(value: unknown): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null || value === undefined) return { NULL: true };
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  return {
    M: Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toAttribute(v)]),
    ),
  };
}
