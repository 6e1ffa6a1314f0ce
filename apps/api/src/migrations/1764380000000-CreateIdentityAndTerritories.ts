import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityAndTerritories1764380000000 implements MigrationInterface {
  name = 'CreateIdentityAndTerritories1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "territories" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "parent_id" uuid,
      "level" character varying(16) NOT NULL,
      "code" character varying(12),
      "name_fr" character varying(200) NOT NULL,
      "name_ar" character varying(200) NOT NULL,
      "name_en" character varying(200) NOT NULL,
      "path" text NOT NULL,
      "depth" integer NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_territories_code" UNIQUE ("code"),
      CONSTRAINT "PK_territories" PRIMARY KEY ("id"),
      CONSTRAINT "FK_territories_parent" FOREIGN KEY ("parent_id") REFERENCES "territories"("id") ON DELETE RESTRICT,
      CONSTRAINT "CHK_territories_level" CHECK ("level" IN ('root','country','region','province','commune'))
    )`);
    await q.query(`CREATE INDEX "IDX_territories_parent_id" ON "territories" ("parent_id")`);
    // Subtree queries are `path LIKE '<prefix>%'`: text_pattern_ops makes them index range scans.
    await q.query(`CREATE UNIQUE INDEX "IDX_territories_path" ON "territories" ("path" text_pattern_ops)`);

    await q.query(`CREATE TABLE "users" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "email" character varying(254) NOT NULL,
      "password_hash" character varying(255),
      "display_name" character varying(120) NOT NULL,
      "preferred_language" character varying(2) NOT NULL DEFAULT 'fr',
      "territory_id" uuid,
      "organisation_type" character varying(32),
      "organisation_name" character varying(200),
      "gender" character varying(8),
      "birth_year" integer,
      "demographics_withheld" boolean NOT NULL DEFAULT false,
      "disabled_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_users_email" UNIQUE ("email"),
      CONSTRAINT "PK_users" PRIMARY KEY ("id"),
      CONSTRAINT "FK_users_territory" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE SET NULL,
      CONSTRAINT "CHK_users_email_lower" CHECK ("email" = lower("email")),
      CONSTRAINT "CHK_users_language" CHECK ("preferred_language" IN ('fr','ar','en')),
      CONSTRAINT "CHK_users_gender" CHECK ("gender" IS NULL OR "gender" IN ('female','male','other')),
      CONSTRAINT "CHK_users_withheld" CHECK (NOT "demographics_withheld" OR ("gender" IS NULL AND "birth_year" IS NULL))
    )`);
    await q.query(`CREATE INDEX "IDX_users_territory_id" ON "users" ("territory_id")`);

    await q.query(`CREATE TABLE "role_assignments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "role" character varying(16) NOT NULL,
      "territory_id" uuid NOT NULL,
      "created_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "uq_role_assignment" UNIQUE ("user_id", "role", "territory_id"),
      CONSTRAINT "PK_role_assignments" PRIMARY KEY ("id"),
      CONSTRAINT "FK_role_assignments_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_role_assignments_territory" FOREIGN KEY ("territory_id") REFERENCES "territories"("id") ON DELETE RESTRICT,
      CONSTRAINT "CHK_role_assignments_role" CHECK ("role" IN ('admin','trainer','coach','observer'))
    )`);
    await q.query(`CREATE INDEX "IDX_role_assignments_territory_id" ON "role_assignments" ("territory_id")`);

    await q.query(`CREATE TABLE "refresh_tokens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "family_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "token_hash" character varying(64) NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_refresh_tokens_token_hash" UNIQUE ("token_hash"),
      CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("id"),
      CONSTRAINT "FK_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "IDX_refresh_tokens_family_id" ON "refresh_tokens" ("family_id")`);
    await q.query(`CREATE INDEX "IDX_refresh_tokens_user_id" ON "refresh_tokens" ("user_id")`);

    await q.query(`CREATE TABLE "action_tokens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "purpose" character varying(16) NOT NULL,
      "token_hash" character varying(64) NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      "created_by" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_action_tokens_token_hash" UNIQUE ("token_hash"),
      CONSTRAINT "PK_action_tokens" PRIMARY KEY ("id"),
      CONSTRAINT "FK_action_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "CHK_action_tokens_purpose" CHECK ("purpose" IN ('invitation','password_reset'))
    )`);
    await q.query(`CREATE INDEX "IDX_action_tokens_user_id" ON "action_tokens" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "action_tokens"`);
    await q.query(`DROP TABLE "refresh_tokens"`);
    await q.query(`DROP TABLE "role_assignments"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "territories"`);
  }
}
