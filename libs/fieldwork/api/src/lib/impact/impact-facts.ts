import type { EntityManager } from 'typeorm';
import { transactionQuery } from '@tc/shared/api';
import { contributions, DELTA_COLUMNS, FACT_COLUMNS, monthOf } from './impact-sql';

/**
 * Brings the impact facts of these organisations up to date with their field log, in the caller's
 * transaction: every write to an organisation's log (registration, edit, deletion, check, visit,
 * milestone, share) calls it before committing.
 *
 * The organisations' rows are locked first (FOR NO KEY UPDATE, in id order: visits and checks inserted
 * by other transactions still go through, two refreshes of one organisation wait for each other); then
 * the facts rows are deleted with their contributions appended negated, and recomputed from the field
 * tables with their contributions appended — to `field_impact_deltas`, which no other coach's
 * transaction waits on. A deleted organisation only loses its facts. The fold applies the deltas.
 *
 * The trained flag is the owner's completion state as this transaction sees it; when it changes later
 * (or changed concurrently), the fold re-contributes the owner's organisations.
 */
export async function refreshImpactFacts(
  manager: EntityManager,
  organisationIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(organisationIds)].sort();
  if (!ids.length) return;
  await transactionQuery(
    manager,
    `SELECT id FROM field_organisations WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [ids],
  );
  await transactionQuery(
    manager,
    `WITH old AS (DELETE FROM field_impact_facts WHERE organisation_id = ANY($1::uuid[]) RETURNING *)
     INSERT INTO field_impact_deltas (${DELTA_COLUMNS}) ${contributions('old', -1)}`,
    [ids],
  );
  await transactionQuery(
    manager,
    `WITH fresh AS (
       INSERT INTO field_impact_facts (${FACT_COLUMNS.join(', ')})
       SELECT o.id, o.owner_id, o.territory_id, o.sector, o.kind, o.women_led,
              EXISTS (SELECT 1 FROM coach_course_completions c WHERE c.user_id = o.owner_id),
              ${monthOf(`(o.created_at AT TIME ZONE 'UTC')::date`)},
              COALESCE((SELECT jsonb_object_agg(v.month, v.n) FROM (
                 SELECT ${monthOf('fv.visited_on')}::text AS month, count(*)::int AS n
                   FROM field_visits fv WHERE fv.organisation_id = o.id GROUP BY 1) v), '{}'::jsonb),
              COALESCE((SELECT jsonb_object_agg(fm.kind, ${monthOf('fm.reached_on')}::text)
                 FROM field_milestones fm WHERE fm.organisation_id = o.id), '{}'::jsonb),
              ck.checks, ck.first_score, ck.latest_score,
              CASE WHEN ck.checks > 0 THEN ${monthOf('ck.latest_on')} END
         FROM field_organisations o
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS checks,
                  (array_agg(fc.overall ORDER BY fc.taken_on, fc.created_at, fc.id))[1] AS first_score,
                  (array_agg(fc.overall ORDER BY fc.taken_on DESC, fc.created_at DESC, fc.id DESC))[1] AS latest_score,
                  max(fc.taken_on) AS latest_on
             FROM field_checks fc WHERE fc.organisation_id = o.id) ck
        WHERE o.id = ANY($1::uuid[])
       RETURNING *)
     INSERT INTO field_impact_deltas (${DELTA_COLUMNS}) ${contributions('fresh', 1)}`,
    [ids],
  );
}
