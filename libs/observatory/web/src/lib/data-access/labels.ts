import {
  AGE_BANDS,
  type CompletionRow,
  GENDER_CATEGORIES,
  type Locale,
  type ObservatoryGroupBy,
} from '@tc/shared/contracts';
import { textIn } from '@tc/shared/ui';
import { formatMonth } from './format';

/** Translates a key with parameters (Transloco's `translate`, or a stub in specs). */
export type Translate = (key: string, params?: Record<string, string>) => string;

export const DIRECT_PREFIX = 'direct:';

/** Territory rows keyed `direct:<id>` gather the cohorts attached to the territory itself. */
export function isDirectRow(row: Pick<CompletionRow, 'key'>): boolean {
  return row.key.startsWith(DIRECT_PREFIX);
}

/**
 * What a row is called in the current language: a name for territories, cohorts, courses and
 * lessons, a month written out, a translated category for gender and age band.
 */
export function rowLabel(
  row: Pick<CompletionRow, 'key' | 'label'>,
  groupBy: ObservatoryGroupBy,
  lang: Locale,
  t: Translate,
  /** The territory of the report, for its directly attached cohorts. */
  territoryName: string,
): string {
  switch (groupBy) {
    case 'territory':
      if (isDirectRow(row)) return t('observatory.table.direct', { territory: territoryName });
      return textIn(row.label, lang) || row.key;
    case 'month':
      return formatMonth(row.key, lang);
    case 'gender':
      return (GENDER_CATEGORIES as readonly string[]).includes(row.key)
        ? t(`observatory.gender.${row.key}`)
        : row.key;
    case 'ageBand':
      return (AGE_BANDS as readonly string[]).includes(row.key)
        ? t(`observatory.ageBand.${row.key}`)
        : row.key;
    default:
      return textIn(row.label, lang) || row.key;
  }
}
