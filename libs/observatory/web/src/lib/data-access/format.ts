import type { Locale } from '@tc/shared/contracts';
import { intlLocale } from '@tc/shared/ui';

/** A whole number in the interface language. */
export function formatNumber(n: number, lang: Locale): string {
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 0 }).format(n);
}

/** A number written short for a chart axis: "1,2 k", "25 k" ("1,2 ألف" in Arabic); small ones whole. */
export function formatCompact(n: number, lang: Locale): string {
  return new Intl.NumberFormat(intlLocale(lang), { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/**
 * A count of coaches: the number, or `< k` where the server suppressed it (`null`), or `null` where
 * the field does not apply (`undefined`, shown as a dash by the caller).
 */
export function formatCount(value: number | null | undefined, k: number, lang: Locale): string | null {
  if (value === undefined) return null;
  if (value === null) return `< ${formatNumber(k, lang)}`;
  return formatNumber(value, lang);
}

/** A proportion 0..1 as a percentage in the interface language (`null` when there is none). */
export function formatRate(value: number | null | undefined, lang: Locale): string | null {
  if (value === null || value === undefined) return null;
  return new Intl.NumberFormat(intlLocale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(
    value,
  );
}

/** A mean self-assessed level (1–8), one decimal. */
export function formatLevel(value: number | null | undefined, lang: Locale): string | null {
  if (value === null || value === undefined) return null;
  return new Intl.NumberFormat(intlLocale(lang), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
}

/** A gain in level, signed (+0.8, −0.2), one decimal. */
export function formatGain(value: number | null | undefined, lang: Locale): string | null {
  if (value === null || value === undefined) return null;
  return new Intl.NumberFormat(intlLocale(lang), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value);
}

/** A gain in points out of 100, signed (+12, +7.5, −3), at most one decimal (a median of two middle gains). */
export function formatPoints(value: number | null | undefined, lang: Locale): string | null {
  if (value === null || value === undefined) return null;
  return new Intl.NumberFormat(intlLocale(lang), {
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value);
}

/** A number of days with its unit, written out ("12 jours", "12 days"). */
export function formatDays(value: number | null | undefined, lang: Locale): string | null {
  if (value === null || value === undefined) return null;
  return new Intl.NumberFormat(intlLocale(lang), {
    style: 'unit',
    unit: 'day',
    unitDisplay: 'long',
    maximumFractionDigits: 0,
  }).format(value);
}

/** A month `YYYY-MM` in the interface language ("mars 2026"); `short` for chart axes ("mars 26"). */
export function formatMonth(month: string, lang: Locale, style: 'long' | 'short' = 'long'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  return new Intl.DateTimeFormat(intlLocale(lang), {
    month: style === 'long' ? 'long' : 'short',
    year: style === 'long' ? 'numeric' : '2-digit',
    timeZone: 'UTC',
  }).format(date);
}
