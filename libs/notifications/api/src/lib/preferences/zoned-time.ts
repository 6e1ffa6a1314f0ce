/**
 * Wall-clock arithmetic in a person's time zone with `Intl` only (no time-zone library): quiet hours
 * and the digest's hour are local times, the jobs wait until an instant.
 */

/** Whether `Intl` knows the IANA name (`Africa/Casablanca`); rejects offsets and abbreviations it may accept loosely. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

export function localParts(at: Date, timeZone: string): LocalParts {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    year: p['year'] ?? 0,
    month: p['month'] ?? 0,
    day: p['day'] ?? 0,
    hour: (p['hour'] ?? 0) % 24,
    minute: p['minute'] ?? 0,
    second: p['second'] ?? 0,
  };
}

/** Minutes after local midnight. */
export function minuteOfDay(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return p.hour * 60 + p.minute;
}

/** The local calendar day, `YYYY-MM-DD`. */
export function localDay(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The offset of the zone from UTC at `at`, ms (local = UTC + offset). */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant when it is `minute` (after midnight) on local day `day` (`YYYY-MM-DD`). A local time a
 * daylight-saving jump skips comes out as the same wall time in the offset before the jump (later in
 * local terms), which is good enough for quiet hours and a digest.
 */
export function zonedInstant(day: string, minute: number, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, Math.floor(minute / 60), minute % 60);
  let guess = wall - offsetMs(new Date(wall), timeZone);
  guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** `day` plus `n` days, `YYYY-MM-DD`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whether `minute` lies in [start, end), which may span midnight; start = end: no quiet hours. */
export function inQuietHours(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** `now` if it is outside the quiet hours in `timeZone`, else the instant they end. */
export function quietHoursEnd(
  now: Date,
  quiet: { start: number; end: number } | null,
  timeZone: string,
): Date {
  if (!quiet) return now;
  const minute = minuteOfDay(now, timeZone);
  if (!inQuietHours(minute, quiet.start, quiet.end)) return now;
  const today = localDay(now, timeZone);
  const end = zonedInstant(today, quiet.end, timeZone);
  return end.getTime() > now.getTime() ? end : zonedInstant(addDays(today, 1), quiet.end, timeZone);
}

/** The next instant (after `now`) it is `hour`:00 in `timeZone`, and that local day. */
export function nextLocalHour(now: Date, hour: number, timeZone: string): { day: string; at: Date } {
  const today = localDay(now, timeZone);
  const at = zonedInstant(today, hour * 60, timeZone);
  if (at.getTime() > now.getTime()) return { day: today, at };
  const tomorrow = addDays(today, 1);
  return { day: tomorrow, at: zonedInstant(tomorrow, hour * 60, timeZone) };
}

/** `HH:MM` ↔ minutes after midnight. */
export function parseClock(text: string): number {
  const [h, m] = text.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function formatClock(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
