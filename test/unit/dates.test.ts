import { addDays, daysBetween, localDay, weekday } from '../../src/domain/dates';

describe('local days', () => {
  it("uses the couple's zone, not UTC: 02:30 UTC is still the previous evening in New York", () => {
    const now = new Date('2026-11-26T02:30:00Z');
    expect(localDay(now, 'America/New_York')).toBe('2026-11-25');
    expect(localDay(now, 'UTC')).toBe('2026-11-26');
    expect(localDay(now, 'Asia/Tokyo')).toBe('2026-11-26');
  });

  it('does calendar arithmetic across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-25', '2026-12-02')).toBe(7);
    expect(weekday('2026-11-23')).toBe(0); // a Monday
  });
});
