/** The simulator's --clock and :clock values: a step ("+1d", "-2h"), a wall time in the couple's zone, or any date. */

/** How far `zone`'s wall clock is ahead of UTC at the instant `at` (epoch ms). */
function zoneOffsetMs(at: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
}

const WALL_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?$/;

/**
 * "+1d", "+3h", "-30m" move the clock from `from`; an ISO time sets it, read in `zone` when it has
 * no offset (as the Echo's owner would mean it). Returns epoch ms.
 */
export function parseClock(arg: string, from: Date, zone: string): number {
  const step = /^([+-]\d+)([dhm])$/.exec(arg);
  if (step) return from.getTime() + Number(step[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[step[2] as 'd' | 'h' | 'm'];
  const wall = WALL_TIME.test(arg) ? Date.parse(`${arg.includes('T') ? arg : `${arg}T00:00`}Z`) : NaN;
  // Twice, so a wall time near a daylight-saving change lands on that side's offset.
  const at = Number.isNaN(wall) ? Date.parse(arg) : wall - zoneOffsetMs(wall - zoneOffsetMs(wall, zone), zone);
  if (Number.isNaN(at)) throw new Error(`"${arg}" is not a time: use +1d, +2h, -30m or an ISO time like 2026-11-28T20:00`);
  return at;
}
