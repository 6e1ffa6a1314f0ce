import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A certificate states the holder's name, the course (title in each language, version) and the
 * territory as they were when it was issued, on its own row: renaming an account, a course or a
 * territory afterwards changes no certificate. Certificates issued before this migration get what
 * the accounts, courses and territories say at the time it runs (what they showed until then).
 */
export class FreezeCertificateStatements1764800000000 implements MigrationInterface {
  name = 'FreezeCertificateStatements1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "certificates"
      ADD "holder_name" character varying(120),
      ADD "course_title" jsonb,
      ADD "course_version" integer,
      ADD "territory_name" jsonb,
      ADD "reissued_at" TIMESTAMP WITH TIME ZONE`);
    // A title missing in a language shows the course's default language (as the PDF did).
    await q.query(`UPDATE "certificates" c SET
        "holder_name" = COALESCE(u."display_name", ''),
        "course_version" = co."course_version",
        "course_title" = (
          SELECT jsonb_object_agg(l, COALESCE(NULLIF(v."content"->'title'->>l, ''),
                                              v."content"->'title'->>COALESCE(v."content"->>'defaultLocale', 'fr'), ''))
            FROM unnest(ARRAY['fr', 'ar', 'en']) AS l),
        "territory_name" = jsonb_build_object('fr', COALESCE(t."name_fr", ''), 'ar', COALESCE(t."name_ar", ''),
                                              'en', COALESCE(t."name_en", ''))
      FROM "enrolments" e
      JOIN "cohorts" co ON co."id" = e."cohort_id"
      LEFT JOIN "users" u ON u."id" = e."user_id"
      LEFT JOIN "course_versions" v ON v."course_id" = co."course_id" AND v."number" = co."course_version"
      LEFT JOIN "territories" t ON t."id" = co."territory_id"
      WHERE e."id" = c."enrolment_id"`);
    await q.query(`ALTER TABLE "certificates"
      ALTER COLUMN "holder_name" SET NOT NULL,
      ALTER COLUMN "course_title" SET NOT NULL,
      ALTER COLUMN "course_version" SET NOT NULL,
      ALTER COLUMN "territory_name" SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "certificates"
      DROP COLUMN "reissued_at",
      DROP COLUMN "territory_name",
      DROP COLUMN "course_version",
      DROP COLUMN "course_title",
      DROP COLUMN "holder_name"`);
  }
}
