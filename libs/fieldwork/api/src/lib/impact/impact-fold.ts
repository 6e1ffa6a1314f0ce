import type { EntityManager } from 'typeorm';
import { transactionQuery } from '@tc/shared/api';
import { contributions, DELTA_COLUMNS, FACT_COLUMNS } from './impact-sql';

const KEY = 'grain, month, territory_id, sector, kind, women_led, trained';

/**
 * Applies the pending deltas to the rollups and deletes them: each delta goes to its month's, quarter's,
 * year's and the all-months rows, under each of the eight patterns of its sector, kind and women-led
 * flag or `*` (every value); gains are summed into the rows' histograms.
 */
async function applyDeltas(manager: EntityManager): Promise<number> {
  const [row] = await transactionQuery<{ n: number }>(
    manager,
    `WITH taken AS (DELETE FROM field_impact_deltas RETURNING *),
     -- A write re-contributes its whole organisation: most of it cancels out before it is spread.
     net AS (
       SELECT owner_id, territory_id, sector, kind, women_led, trained, month, gain, milestone,
              sum(organisations)::int AS organisations, sum(visits)::int AS visits,
              sum(milestones)::int AS milestones, sum(checked)::int AS checked
         FROM taken GROUP BY owner_id, territory_id, sector, kind, women_led, trained, month, gain, milestone
       HAVING (sum(organisations), sum(visits), sum(milestones), sum(checked)) <> (0, 0, 0, 0)),
     spread AS (
       SELECT p.grain, p.month, t.territory_id, s.sector, k.kind, w.women_led, t.trained, t.organisations,
              t.visits, t.milestones, t.checked, t.gain, t.milestone
         FROM net t
         CROSS JOIN LATERAL (VALUES ('m', t.month), ('q', date_trunc('quarter', t.month::timestamp)::date),
                                    ('y', date_trunc('year', t.month::timestamp)::date), ('a', '-infinity'::date)) p(grain, month)
         CROSS JOIN LATERAL (VALUES (t.sector), ('*')) s(sector)
         CROSS JOIN LATERAL (VALUES (t.kind), ('*')) k(kind)
         CROSS JOIN LATERAL (VALUES (t.women_led::text), ('*')) w(women_led)),
     gains AS (
       SELECT ${KEY}, jsonb_object_agg(gain::text, n) AS gains
         FROM (SELECT ${KEY}, gain, sum(checked)::int AS n FROM spread WHERE gain IS NOT NULL
                GROUP BY ${KEY}, gain HAVING sum(checked) <> 0) g
        GROUP BY ${KEY}),
     counts AS (
       INSERT INTO field_impact_counts AS o (${KEY}, organisations, visits, milestones, checked, gains)
       SELECT c.grain, c.month, c.territory_id, c.sector, c.kind, c.women_led, c.trained, c.organisations,
              c.visits, c.milestones, c.checked, COALESCE(g.gains, '{}'::jsonb)
         FROM (SELECT ${KEY}, sum(organisations)::int AS organisations, sum(visits)::int AS visits,
                      sum(milestones)::int AS milestones, sum(checked)::int AS checked
                 FROM spread GROUP BY ${KEY}) c
         LEFT JOIN gains g USING (${KEY})
        ORDER BY c.grain, c.month, c.territory_id, c.sector, c.kind, c.women_led, c.trained
       ON CONFLICT (${KEY}) DO UPDATE SET
         organisations = o.organisations + EXCLUDED.organisations,
         visits = o.visits + EXCLUDED.visits,
         milestones = o.milestones + EXCLUDED.milestones,
         checked = o.checked + EXCLUDED.checked,
         gains = CASE WHEN EXCLUDED.gains = '{}'::jsonb THEN o.gains ELSE field_impact_merge(o.gains, EXCLUDED.gains) END),
     milestones AS (
       INSERT INTO field_impact_milestones AS o (${KEY}, milestone, n)
       SELECT ${KEY}, milestone, sum(milestones) FROM spread WHERE milestone IS NOT NULL
        GROUP BY ${KEY}, milestone ORDER BY ${KEY}, milestone
       ON CONFLICT (${KEY}, milestone) DO UPDATE SET n = o.n + EXCLUDED.n),
     coaches AS (
       INSERT INTO field_impact_coaches AS o (coach_id, trained, organisations)
       SELECT owner_id, trained, sum(organisations) FROM net WHERE organisations <> 0
        GROUP BY 1, 2 ORDER BY 1, 2
       ON CONFLICT (coach_id, trained) DO UPDATE SET organisations = o.organisations + EXCLUDED.organisations)
     SELECT count(*)::int AS n FROM taken`,
    [],
  );
  return row?.n ?? 0;
}

/**
 * Re-contributes the organisations of every owner whose completion state (`coach_course_completions`)
 * differs from the trained flag their organisations are counted under: their facts rows take the new
 * flag, and minus-old/plus-new rows are appended to the deltas. Answers how many organisations moved.
 */
async function flipTrained(manager: EntityManager): Promise<number> {
  // One index probe per owner; most folds find nobody and stop here.
  const flipped = await transactionQuery<{ coach_id: string; trained: boolean }>(
    manager,
    `SELECT c.coach_id, NOT c.trained AS trained FROM field_impact_coaches c
      WHERE c.organisations <> 0
        AND c.trained <> EXISTS (SELECT 1 FROM coach_course_completions v WHERE v.user_id = c.coach_id)`,
    [],
  );
  if (!flipped.length) return 0;
  const facts = FACT_COLUMNS.map((c) => (c === 'trained' ? 'NOT trained AS trained' : c)).join(', ');
  const [row] = await transactionQuery<{ n: number }>(
    manager,
    `WITH flipped AS (SELECT * FROM unnest($1::uuid[], $2::boolean[]) x(coach_id, trained)),
     moved AS (
       UPDATE field_impact_facts f SET trained = x.trained FROM flipped x
        WHERE f.owner_id = x.coach_id AND f.trained <> x.trained RETURNING f.*),
     was AS (SELECT ${facts} FROM moved),
     appended AS (
       INSERT INTO field_impact_deltas (${DELTA_COLUMNS}) ${contributions('was', -1)} UNION ALL ${contributions('moved', 1)})
     SELECT count(*)::int AS n FROM moved`,
    [flipped.map((f) => f.coach_id), flipped.map((f) => f.trained)],
  );
  return row?.n ?? 0;
}

/**
 * Applies the field log's pending impact deltas to the rollups, in the caller's transaction (the app's
 * folder: one at a time, at REPEATABLE READ), then re-contributes the organisations of coaches whose
 * completion state changed and applies that too. A facts row that a write transaction changed after the
 * fold's snapshot makes the re-contribution fail with a serialization error: it is undone alone (a
 * savepoint) and tried again at the next fold, so the other counts still fold. Answers how many delta
 * rows were applied.
 */
export async function foldImpactCounts(manager: EntityManager): Promise<number> {
  let applied = await applyDeltas(manager);
  await transactionQuery(manager, 'SAVEPOINT field_impact_flip', []);
  try {
    const moved = await flipTrained(manager);
    await transactionQuery(manager, 'RELEASE SAVEPOINT field_impact_flip', []);
    if (moved) applied += await applyDeltas(manager);
  } catch (error) {
    const e = error as { code?: string; driverError?: { code?: string } };
    const code = e.code ?? e.driverError?.code;
    if (code !== '40001' && code !== '40P01') throw error;
    await transactionQuery(manager, 'ROLLBACK TO SAVEPOINT field_impact_flip', []);
  }
  // The moment the counts last moved: a fold that applies nothing writes nothing.
  if (applied) await transactionQuery(manager, 'UPDATE field_impact_folded SET folded_at = now()', []);
  return applied;
}
