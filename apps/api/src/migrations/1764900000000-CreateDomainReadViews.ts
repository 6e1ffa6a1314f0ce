import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a domain's SQL may read of another domain's tables: one view per owner, its columns the owner's
 * public contract (the owner may change its table as long as the view still answers the same). Every
 * other table is read by its own domain only (tools/workspace-checks/src/sql-ownership.spec.ts).
 *
 * - `territory_tree` (territories): the tree, for subtree filters (`path LIKE '<prefix>%'`, the
 *   materialized path `/<root>/…/<self>/`) and names. Read by identity (role scopes, role names), cohorts
 *   (cohorts within a scope) and the observatory (rollups summed over a subtree).
 * - `user_directory` (identity): who a person is to other domains: e-mail, display name and account
 *   status (`disabled`, else `active` once a password is set, else `invited`). Read by the cohort roster.
 * - `published_versions` (catalog): the published course versions, without their content. Read by the
 *   observatory (the latest version of each course it counts).
 * - `cohort_directory` (cohorts): a cohort's name, course version and territory. Read by the observatory
 *   (the cohorts of a subtree, by name).
 *
 * Plain views: PostgreSQL inlines them into the query that reads them, so a read through a view plans
 * exactly as the join on the table did (indexes on `path`, on a cohort's name and so on still apply).
 */
export class CreateDomainReadViews1764900000000 implements MigrationInterface {
  name = 'CreateDomainReadViews1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE VIEW "territory_tree" AS
      SELECT "id", "parent_id", "level", "code", "name_fr", "name_ar", "name_en", "path", "depth" FROM "territories"`);
    await q.query(
      `COMMENT ON VIEW "territory_tree" IS 'The territories domain''s read surface for other domains: the tree, paths and names.'`,
    );
    await q.query(`CREATE VIEW "user_directory" AS
      SELECT "id", "email", "display_name",
             CASE WHEN "disabled_at" IS NOT NULL THEN 'disabled'
                  WHEN "password_hash" IS NOT NULL THEN 'active'
                  ELSE 'invited' END AS "status"
        FROM "users"`);
    await q.query(
      `COMMENT ON VIEW "user_directory" IS 'The identity domain''s read surface for other domains: e-mail, display name, account status.'`,
    );
    await q.query(`CREATE VIEW "published_versions" AS
      SELECT "course_id", "number", "published_at" FROM "course_versions"`);
    await q.query(
      `COMMENT ON VIEW "published_versions" IS 'The catalog''s read surface for other domains: published course versions, without content.'`,
    );
    await q.query(`CREATE VIEW "cohort_directory" AS
      SELECT "id", "name", "course_id", "course_version", "territory_id" FROM "cohorts"`);
    await q.query(
      `COMMENT ON VIEW "cohort_directory" IS 'The cohorts domain''s read surface for other domains: name, course version, territory.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW "cohort_directory"`);
    await q.query(`DROP VIEW "published_versions"`);
    await q.query(`DROP VIEW "user_directory"`);
    await q.query(`DROP VIEW "territory_tree"`);
  }
}
