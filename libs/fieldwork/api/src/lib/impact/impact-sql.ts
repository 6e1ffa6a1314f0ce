/**
 * SQL shared by the impact facts' refresh and the fold: the columns of a facts row and of a delta row,
 * and what a set of facts rows contributes to the counts.
 */

/** The columns of `field_impact_facts`, in table order. */
export const FACT_COLUMNS = [
  'organisation_id',
  'owner_id',
  'territory_id',
  'sector',
  'kind',
  'women_led',
  'trained',
  'registered_month',
  'visit_months',
  'milestone_months',
  'checks',
  'first_score',
  'latest_score',
  'checked_month',
] as const;

/** The columns of `field_impact_deltas`, in the order {@link contributions} yields them. */
export const DELTA_COLUMNS =
  'owner_id, territory_id, sector, kind, women_led, trained, month, organisations, visits, milestones, checked, gain, milestone';

/** The first day of a date's month, as a date (no time zone involved). */
export function monthOf(date: string): string {
  return `(${date} - (extract(day FROM ${date})::int - 1))`;
}

/**
 * What the facts rows of relation `rel` contribute, signed (`1` or `-1`), as delta rows: the
 * registration in its month (which also counts the organisation for its owner), each month's visits,
 * each milestone in the month it was reached, and, for an organisation checked twice or more, one
 * organisation checked in the month of its latest check with its gain (latest − first overall score).
 */
export function contributions(rel: string, sign: 1 | -1): string {
  const who = `f.owner_id, f.territory_id, f.sector, f.kind, f.women_led, f.trained`;
  return `SELECT ${who}, f.registered_month, ${sign}, 0, 0, 0, NULL::smallint, NULL::varchar FROM ${rel} f
    UNION ALL SELECT ${who}, v.key::date, 0, ${sign} * v.value::int, 0, 0, NULL::smallint, NULL::varchar
      FROM ${rel} f CROSS JOIN LATERAL jsonb_each_text(f.visit_months) v
    UNION ALL SELECT ${who}, m.value::date, 0, 0, ${sign}, 0, NULL::smallint, m.key::varchar
      FROM ${rel} f CROSS JOIN LATERAL jsonb_each_text(f.milestone_months) m
    UNION ALL SELECT ${who}, f.checked_month, 0, 0, 0, ${sign}, (f.latest_score - f.first_score)::smallint, NULL::varchar
      FROM ${rel} f WHERE f.checks >= 2`;
}
