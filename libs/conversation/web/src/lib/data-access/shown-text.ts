import type { Announcement, Locale } from '@tc/shared/contracts';

/**
 * The language an announcement is shown in: the reader's when it was written in it, else French, else
 * the first it was written in. Title and body come from the same language, so both read the same way.
 */
export function shownLocale(announcement: Pick<Announcement, 'title'>, lang: Locale): Locale {
  const written = (['fr', 'ar', 'en'] as const).filter((l) => announcement.title[l]?.trim());
  return written.includes(lang) ? lang : written.includes('fr') ? 'fr' : (written[0] ?? lang);
}

/** `2026-12-06T21:30` in the browser's time zone (what an `<input type="datetime-local">` holds). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The moment an `<input type="datetime-local">` names, in the browser's time zone; null when empty. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
