import type { DataSource } from 'typeorm';
import { COHORT_ROWS, subtreeWhere } from './statistics-sql';
import {
  COHORT_COLUMNS,
  type CohortColumn,
  type CohortCounts,
  type CohortTablePage,
  type Slice,
} from './statistics.types';

const SUMMARY_COLUMNS = [
  'cohorts',
  ...COHORT_COLUMNS.map((c) => `small_${c}` as const),
  'rate_hidden',
  'median_hidden',
] as const;

type RawCohortTableRow = Record<'k' | (typeof SUMMARY_COLUMNS)[number] | CohortColumn, number> &
  Partial<Record<`second_${CohortColumn}`, CohortCounts | null>> &
  Record<`page_${CohortColumn}`, number | null> & { key: string | null; name: string | null };

/**
 * One statement (one snapshot) for a page of the all-time cohort table of a subtree: the column summary
 * (`obs_cohort_column_summary`), the columns' totals (`obs_funnel_all`), for each of the `searched`
 * columns the cohort with the smallest count of at least k (first by name then id among equal counts),
 * and the page's rows (cohorts in the order of their names).
 */
export async function cohortColumnsAndPage(
  dataSource: DataSource,
  slice: Slice,
  page: { offset: number; limit: number },
  k: number,
  searched: readonly CohortColumn[],
): Promise<CohortTablePage> {
  const all = { ...slice, from: null, to: null };
  const [inRollup, params] = subtreeWhere(all, 'f.course_id');
  const [inCohorts] = subtreeWhere(all, 'c.course_id');
  const [atOffset, atLimit] = [params.push(page.offset), params.push(page.limit)];
  const atK = searched.length ? params.push(k) : 0;
  const sum = (column: string) => `COALESCE(sum(f.${column}), 0)::int AS ${column}`;
  const counts = COHORT_COLUMNS.map((c) => `f.${c}`).join(', ');
  const rows = await dataSource.query<RawCohortTableRow[]>(
    `SELECT (SELECT k FROM obs_settings) AS k, s.*, n.*, p.key, p.name,
            ${COHORT_COLUMNS.map((c) => `p.${c} AS page_${c}`).join(', ')}
            ${searched
              .map(
                (
                  c,
                ) => `, (SELECT json_build_object('key', c.id, 'name', c.name, ${COHORT_COLUMNS.map((d) => `'${d}', f.${d}`).join(', ')})
                             FROM ${COHORT_ROWS} WHERE ${inCohorts} AND f.${c} >= $${atK}
                            ORDER BY f.${c}, c.name, c.id LIMIT 1) AS second_${c}`,
              )
              .join('')}
       FROM (SELECT ${SUMMARY_COLUMNS.map(sum).join(', ')}
               FROM obs_cohort_column_summary f JOIN territory_tree t ON t.id = f.territory_id WHERE ${inRollup}) s
      CROSS JOIN (SELECT ${COHORT_COLUMNS.map(sum).join(', ')}
                    FROM obs_funnel_all f JOIN territory_tree t ON t.id = f.territory_id WHERE ${inRollup}) n
       LEFT JOIN LATERAL (
         SELECT c.id AS key, c.name, ${counts} FROM ${COHORT_ROWS} WHERE ${inCohorts}
          ORDER BY c.name, c.id OFFSET $${atOffset} LIMIT $${atLimit}) p ON true
      ORDER BY p.name, p.key`,
    params,
  );
  const r = rows[0] as RawCohortTableRow;
  const byColumn = (of: (c: CohortColumn) => number) =>
    Object.fromEntries(COHORT_COLUMNS.map((c) => [c, of(c)])) as Record<CohortColumn, number>;
  return {
    k: r.k,
    cohorts: r.cohorts,
    small: byColumn((c) => r[`small_${c}`]),
    rateHidden: r.rate_hidden,
    medianHidden: r.median_hidden,
    totals: byColumn((c) => r[c]),
    second: new Map(
      searched.flatMap((c) => {
        const second = r[`second_${c}`];
        return second ? [[c, second] as const] : [];
      }),
    ),
    page: rows
      .filter((p) => p.key !== null)
      .map((p) => ({
        key: p.key as string,
        name: p.name as string,
        ...byColumn((c) => p[`page_${c}`] as number),
      })),
  };
}
