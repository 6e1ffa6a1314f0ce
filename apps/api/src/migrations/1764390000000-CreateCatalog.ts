import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DIGCOMP_AREAS } from '@tc/catalog/api';

export class CreateCatalog1764390000000 implements MigrationInterface {
  name = 'CreateCatalog1764390000000';

  async up(q: QueryRunner): Promise<void> {
    // DigComp 2.2 reference data (read by the catalog and, later, the observatory).
    await q.query(
      `CREATE TABLE "digcomp_areas" ("code" character varying(2) NOT NULL, "title" jsonb NOT NULL, CONSTRAINT "PK_digcomp_areas" PRIMARY KEY ("code"))`,
    );
    await q.query(`CREATE TABLE "digcomp_competences" (
      "code" character varying(4) NOT NULL, "area_code" character varying(2) NOT NULL, "title" jsonb NOT NULL,
      CONSTRAINT "PK_digcomp_competences" PRIMARY KEY ("code"),
      CONSTRAINT "FK_digcomp_competences_area" FOREIGN KEY ("area_code") REFERENCES "digcomp_areas"("code"))`);
    for (const area of DIGCOMP_AREAS) {
      await q.query(`INSERT INTO "digcomp_areas" ("code","title") VALUES ($1,$2)`, [
        area.code,
        JSON.stringify(area.title),
      ]);
      for (const c of area.competences) {
        await q.query(`INSERT INTO "digcomp_competences" ("code","area_code","title") VALUES ($1,$2,$3)`, [
          c.code,
          area.code,
          JSON.stringify(c.title),
        ]);
      }
    }

    await q.query(`CREATE TABLE "courses" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "slug" character varying(80) NOT NULL,
      "owner_id" uuid NOT NULL,
      "default_locale" character varying(2) NOT NULL,
      "locales" jsonb NOT NULL,
      "title" jsonb NOT NULL,
      "summary" jsonb NOT NULL,
      "estimated_minutes" integer,
      "cover_image_hash" character varying(64),
      "competences" jsonb NOT NULL,
      "archived_at" TIMESTAMP WITH TIME ZONE,
      "latest_version" integer,
      "draft_hash" character varying(64) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "UQ_courses_slug" UNIQUE ("slug"),
      CONSTRAINT "PK_courses" PRIMARY KEY ("id"),
      CONSTRAINT "FK_courses_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT,
      CONSTRAINT "CHK_courses_default_locale" CHECK ("default_locale" IN ('fr','ar','en'))
    )`);
    await q.query(`CREATE INDEX "IDX_courses_owner_id" ON "courses" ("owner_id")`);

    await q.query(`CREATE TABLE "course_co_authors" (
      "course_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      CONSTRAINT "PK_course_co_authors" PRIMARY KEY ("course_id", "user_id"),
      CONSTRAINT "FK_course_co_authors_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_course_co_authors_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "IDX_course_co_authors_user_id" ON "course_co_authors" ("user_id")`);

    await q.query(`CREATE TABLE "course_modules" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL,
      "key" character varying(64) NOT NULL,
      "position" integer NOT NULL,
      "title" jsonb NOT NULL,
      CONSTRAINT "UQ_course_modules_key" UNIQUE ("course_id", "key"),
      CONSTRAINT "PK_course_modules" PRIMARY KEY ("id"),
      CONSTRAINT "FK_course_modules_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE
    )`);

    await q.query(`CREATE TABLE "course_lessons" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL,
      "module_id" uuid NOT NULL,
      "key" character varying(64) NOT NULL,
      "position" integer NOT NULL,
      "kind" character varying(8) NOT NULL,
      "title" jsonb NOT NULL,
      "body" jsonb NOT NULL,
      "media" jsonb,
      "quiz" jsonb,
      "competences" jsonb NOT NULL,
      "estimated_minutes" integer,
      CONSTRAINT "UQ_course_lessons_key" UNIQUE ("course_id", "key"),
      CONSTRAINT "PK_course_lessons" PRIMARY KEY ("id"),
      CONSTRAINT "FK_course_lessons_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_course_lessons_module" FOREIGN KEY ("module_id") REFERENCES "course_modules"("id") ON DELETE CASCADE,
      CONSTRAINT "CHK_course_lessons_kind" CHECK ("kind" IN ('text','media','quiz'))
    )`);
    await q.query(`CREATE INDEX "IDX_course_lessons_module_id" ON "course_lessons" ("module_id")`);

    await q.query(`CREATE TABLE "course_versions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL,
      "number" integer NOT NULL,
      "content" jsonb NOT NULL,
      "content_hash" character varying(64) NOT NULL,
      "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "published_by" uuid NOT NULL,
      CONSTRAINT "UQ_course_versions_number" UNIQUE ("course_id", "number"),
      CONSTRAINT "PK_course_versions" PRIMARY KEY ("id"),
      CONSTRAINT "FK_course_versions_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_course_versions_published_by" FOREIGN KEY ("published_by") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);
    // Versions are never edited: whoever tries, even by hand, gets an error.
    await q.query(`CREATE FUNCTION "course_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'course versions are immutable (% on version %)', TG_OP, OLD.id; END $$`);
    await q.query(`CREATE TRIGGER "TRG_course_versions_immutable" BEFORE UPDATE OR DELETE ON "course_versions"
      FOR EACH ROW EXECUTE FUNCTION "course_versions_immutable"()`);

    await q.query(`CREATE TABLE "media" (
      "hash" character varying(64) NOT NULL,
      "mime_type" character varying(64) NOT NULL,
      "size" integer NOT NULL,
      "uploaded_by" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_media" PRIMARY KEY ("hash"),
      CONSTRAINT "FK_media_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE RESTRICT
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "media"`);
    await q.query(`DROP TRIGGER "TRG_course_versions_immutable" ON "course_versions"`);
    await q.query(`DROP FUNCTION "course_versions_immutable"()`);
    await q.query(`DROP TABLE "course_versions"`);
    await q.query(`DROP TABLE "course_lessons"`);
    await q.query(`DROP TABLE "course_modules"`);
    await q.query(`DROP TABLE "course_co_authors"`);
    await q.query(`DROP TABLE "courses"`);
    await q.query(`DROP TABLE "digcomp_competences"`);
    await q.query(`DROP TABLE "digcomp_areas"`);
  }
}
