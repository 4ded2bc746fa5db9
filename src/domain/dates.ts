/** ISO calendar day (YYYY-MM-DD) in the couple's own time zone. */
export type LocalDay = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local calendar day at `now` in `timeZone` ("today" for the couple). */
export function localDay(now: Date, timeZone: string): LocalDay {
  return formatter(timeZone).format(now);
}

/** Calendar arithmetic on ISO days, independent of any zone. */
export function addDays(day: LocalDay, days: number): LocalDay {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDay, b: LocalDay): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Monday-based weekday, 0 = Monday … 6 = Sunday. */
export function weekday(day: LocalDay): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** True for a real ISO calendar day (YYYY-MM-DD). */
export function isLocalDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** True when Intl knows the IANA zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
