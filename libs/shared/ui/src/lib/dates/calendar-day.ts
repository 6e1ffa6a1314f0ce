import type { Locale } from '@tc/shared/contracts';

const FR_MONTHS = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RLM = '\u200f';
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A calendar date `YYYY-MM-DD` in the interface language, medium style: "29 nov. 2026",
 * "Nov 29, 2026", "29/11/2026" (with Arabic's right-to-left marks, Latin digits as ar-MA writes
 * them) — exactly what `Intl.DateTimeFormat(…, { dateStyle: 'medium' })` writes, which a spec checks
 * for every month in the three languages. Not Intl itself: a page's first Intl date formatter loads
 * ICU's locale data, ~25 ms of a fast machine's CPU and four times that on a mid-range phone, in the
 * middle of the first render of the learner's home (its enrolments' dates). Not Angular's
 * `formatDate` either: its code would join the start-up bundle (+4 kB gzip) for every page.
 * Anything that is not such a date is returned as it is.
 */
export function formatCalendarDay(day: string | null | undefined, lang: Locale): string {
  if (!day) return '';
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(day);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!y || m < 1 || m > 12 || d < 1 || d > 31) return day;
  switch (lang) {
    case 'fr':
      return `${d} ${FR_MONTHS[m - 1]} ${y}`;
    case 'en':
      return `${EN_MONTHS[m - 1]} ${d}, ${y}`;
    case 'ar':
      return `${pad(d)}${RLM}/${pad(m)}${RLM}/${y}`;
  }
}
