import { inQuietHours, isTimeZone, nextLocalHour, quietHoursEnd, zonedInstant } from './zoned-time';

const CASABLANCA = 'Africa/Casablanca';
const QUIET = { start: 22 * 60, end: 7 * 60 };

describe('quiet hours and local times', () => {
  it('quiet hours spanning midnight hold late evening and early morning, not the day', () => {
    expect(inQuietHours(23 * 60, QUIET.start, QUIET.end)).toBe(true);
    expect(inQuietHours(3 * 60, QUIET.start, QUIET.end)).toBe(true);
    expect(inQuietHours(7 * 60, QUIET.start, QUIET.end)).toBe(false);
    expect(inQuietHours(12 * 60, QUIET.start, QUIET.end)).toBe(false);
    expect(inQuietHours(22 * 60, QUIET.start, QUIET.end)).toBe(true);
    // Within one day, and none when both ends are the same.
    expect(inQuietHours(13 * 60, 12 * 60, 14 * 60)).toBe(true);
    expect(inQuietHours(15 * 60, 12 * 60, 14 * 60)).toBe(false);
    expect(inQuietHours(15 * 60, 9 * 60, 9 * 60)).toBe(false);
  });

  it('a delivery at 23:30 in Casablanca waits until 07:00 the next morning there', () => {
    // Casablanca is UTC+1 (outside Ramadan, 2026-12).
    const now = new Date('2026-12-07T22:30:00Z');
    expect(quietHoursEnd(now, QUIET, CASABLANCA).toISOString()).toBe('2026-12-08T06:00:00.000Z');
  });

  it('a delivery at 05:00 waits until 07:00 the same morning; at noon it goes now', () => {
    const early = new Date('2026-12-07T04:00:00Z');
    expect(quietHoursEnd(early, QUIET, CASABLANCA).toISOString()).toBe('2026-12-07T06:00:00.000Z');
    const noon = new Date('2026-12-07T11:00:00Z');
    expect(quietHoursEnd(noon, QUIET, CASABLANCA)).toBe(noon);
    expect(quietHoursEnd(early, null, CASABLANCA)).toBe(early);
  });

  it('the digest is due at the next 18:00 in the person’s zone, today or tomorrow', () => {
    expect(nextLocalHour(new Date('2026-12-07T10:00:00Z'), 18, CASABLANCA)).toEqual({
      day: '2026-12-07',
      at: new Date('2026-12-07T17:00:00Z'),
    });
    expect(nextLocalHour(new Date('2026-12-07T19:00:00Z'), 18, CASABLANCA)).toEqual({
      day: '2026-12-08',
      at: new Date('2026-12-08T17:00:00Z'),
    });
  });

  it('follows a zone’s daylight saving time (Paris, summer and winter)', () => {
    expect(zonedInstant('2026-07-01', 18 * 60, 'Europe/Paris').toISOString()).toBe(
      '2026-07-01T16:00:00.000Z',
    );
    expect(zonedInstant('2026-12-01', 18 * 60, 'Europe/Paris').toISOString()).toBe(
      '2026-12-01T17:00:00.000Z',
    );
  });

  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Africa/Casablanca')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('not a zone')).toBe(false);
  });
});
