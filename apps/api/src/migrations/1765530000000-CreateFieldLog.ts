import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The field log (the fieldwork domain), read and written with SQL only. Every record's id is made by the
 * client (a UUID), so that a phone's outbox can send it again after a lost answer and find the same row.
 *
 * - `field_organisations`: the cooperatives, associations and young entrepreneurs' businesses a coach
 *   accompanies; `owner_id` registered it. `name_key` is the name folded for comparison (lower case,
 *   accents and punctuation removed, spaces collapsed): two organisations of one commune with the same
 *   key are likely the same (`IDX_field_organisations_duplicates`). No person's name or contact is kept;
 *   a young entrepreneur's business, a record about one person, needs their consent noted.
 * - `field_organisation_coaches`: the other coaches an organisation is shared with;
 *   `field_share_requests`: coaches who asked its owner to share it.
 * - `field_checks`: digital-maturity checks: every item's 0–3 answer (`answers`), the overall score and
 *   the per-dimension scores worked out when recorded.
 * - `field_visits`, `field_milestones` (a kind reached once per organisation), `field_comments` (on an
 *   organisation, or one of its visits).
 * Deleting an organisation deletes its log.
 */
export class CreateFieldLog1765530000000 implements MigrationInterface {
  name = 'CreateFieldLog1765530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "field_organisations" (
      "id" uuid NOT NULL,
      "owner_id" uuid NOT NULL,
      "name" character varying(200) NOT NULL,
      "name_key" character varying(200) NOT NULL,
      "kind" character varying(24) NOT NULL,
      "sector" character varying(24) NOT NULL,
      "territory_id" uuid NOT NULL,
      "founded_year" smallint,
      "members" integer,
      "women_members" integer,
      "women_led" boolean NOT NULL,
      "youth_led" boolean NOT NULL,
      "consent_noted_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_field_organisations" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_field_organisations_kind" CHECK ("kind" IN ('cooperative', 'association', 'young-enterprise')),
      CONSTRAINT "CHK_field_organisations_sector" CHECK ("sector" IN
        ('agri-food', 'argan', 'crafts', 'textiles', 'tourism', 'services', 'digital', 'other')),
      CONSTRAINT "CHK_field_organisations_founded" CHECK ("founded_year" BETWEEN 1900 AND 2100),
      CONSTRAINT "CHK_field_organisations_members" CHECK ("members" >= 0 AND "women_members" >= 0
        AND ("members" IS NULL OR "women_members" IS NULL OR "women_members" <= "members")),
      CONSTRAINT "CHK_field_organisations_consent" CHECK ("kind" <> 'young-enterprise' OR "consent_noted_at" IS NOT NULL),
      CONSTRAINT "FK_field_organisations_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_field_organisations_territory" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT
    )`);
    await q.query(
      `CREATE INDEX "IDX_field_organisations_owner" ON "field_organisations" ("owner_id", "created_at")`,
    );
    await q.query(
      `CREATE INDEX "IDX_field_organisations_duplicates" ON "field_organisations" ("territory_id", "name_key")`,
    );

    await q.query(`CREATE TABLE "field_organisation_coaches" (
      "organisation_id" uuid NOT NULL,
      "coach_id" uuid NOT NULL,
      "granted_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_field_organisation_coaches" PRIMARY KEY ("organisation_id", "coach_id"),
      CONSTRAINT "FK_field_organisation_coaches_organisation" FOREIGN KEY ("organisation_id")
        REFERENCES "field_organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_field_organisation_coaches_coach" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);
    await q.query(
      `CREATE INDEX "IDX_field_organisation_coaches_coach" ON "field_organisation_coaches" ("coach_id")`,
    );

    await q.query(`CREATE TABLE "field_share_requests" (
      "organisation_id" uuid NOT NULL,
      "coach_id" uuid NOT NULL,
      "requested_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_field_share_requests" PRIMARY KEY ("organisation_id", "coach_id"),
      CONSTRAINT "FK_field_share_requests_organisation" FOREIGN KEY ("organisation_id")
        REFERENCES "field_organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_field_share_requests_coach" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);

    await q.query(`CREATE TABLE "field_checks" (
      "id" uuid NOT NULL,
      "organisation_id" uuid NOT NULL,
      "coach_id" uuid NOT NULL,
      "taken_on" date NOT NULL,
      "answers" jsonb NOT NULL,
      "overall" smallint NOT NULL,
      "dimensions" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_field_checks" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_field_checks_overall" CHECK ("overall" BETWEEN 0 AND 100),
      CONSTRAINT "FK_field_checks_organisation" FOREIGN KEY ("organisation_id")
        REFERENCES "field_organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_field_checks_coach" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);
    await q.query(
      `CREATE INDEX "IDX_field_checks_organisation" ON "field_checks" ("organisation_id", "taken_on", "created_at")`,
    );

    await q.query(`CREATE TABLE "field_visits" (
      "id" uuid NOT NULL,
      "organisation_id" uuid NOT NULL,
      "coach_id" uuid NOT NULL,
      "visited_on" date NOT NULL,
      "minutes" integer NOT NULL,
      "mode" character varying(16) NOT NULL,
      "competences" jsonb NOT NULL DEFAULT '[]',
      "lessons" jsonb NOT NULL DEFAULT '[]',
      "notes" text NOT NULL DEFAULT '',
      "next_steps" text NOT NULL DEFAULT '',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_field_visits" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_field_visits_minutes" CHECK ("minutes" BETWEEN 1 AND 1440),
      CONSTRAINT "CHK_field_visits_mode" CHECK ("mode" IN ('on-site', 'remote')),
      CONSTRAINT "FK_field_visits_organisation" FOREIGN KEY ("organisation_id")
        REFERENCES "field_organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_field_visits_coach" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);
    await q.query(
      `CREATE INDEX "IDX_field_visits_organisation" ON "field_visits" ("organisation_id", "visited_on" DESC, "id")`,
    );

    await q.query(`CREATE TABLE "field_milestones" (
      "id" uuid NOT NULL,
      "organisation_id" uuid NOT NULL,
      "coach_id" uuid NOT NULL,
      "kind" character varying(40) NOT NULL,
      "reached_on" date NOT NULL,
      "evidence_url" character varying(500),
      "evidence_note" character varying(500),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_field_milestones" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_field_milestones_kind" UNIQUE ("organisation_id", "kind"),
      CONSTRAINT "CHK_field_milestones_kind" CHECK ("kind" IN ('social-media-page', 'whatsapp-business-catalogue',
        'marketplace-listing', 'first-online-order', 'digital-payment-accepted', 'website-live',
        'digital-bookkeeping', 'digital-members-register')),
      CONSTRAINT "FK_field_milestones_organisation" FOREIGN KEY ("organisation_id")
        REFERENCES "field_organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_field_milestones_coach" FOREIGN KEY ("coach_id") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);

    await q.query(`CREATE TABLE "field_comments" (
      "id" uuid NOT NULL,
      "organisation_id" uuid NOT NULL,
      "visit_id" uuid,
      "author_id" uuid NOT NULL,
      "author_role" character varying(16) NOT NULL,
      "body" character varying(2000) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_field_comments" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_field_comments_role" CHECK ("author_role" IN ('coach', 'trainer', 'admin')),
      CONSTRAINT "FK_field_comments_organisation" FOREIGN KEY ("organisation_id")
        REFERENCES "field_organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_field_comments_visit" FOREIGN KEY ("visit_id") REFERENCES "field_visits"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_field_comments_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);
    await q.query(
      `CREATE INDEX "IDX_field_comments_organisation" ON "field_comments" ("organisation_id", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "field_comments"`);
    await q.query(`DROP TABLE "field_milestones"`);
    await q.query(`DROP TABLE "field_visits"`);
    await q.query(`DROP TABLE "field_checks"`);
    await q.query(`DROP TABLE "field_share_requests"`);
    await q.query(`DROP TABLE "field_organisation_coaches"`);
    await q.query(`DROP TABLE "field_organisations"`);
  }
}
