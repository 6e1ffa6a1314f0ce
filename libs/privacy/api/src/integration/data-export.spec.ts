import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { seedDemoData } from '@tc/demo/api';
import type { DataExport, DataExportList } from '@tc/shared/contracts';
import { createTestApp, type TestApp } from '@tc/shared/testing';
import { DataExportsService, NOT_PERSON_COLUMNS, PERSON_COLUMN_NAME, PERSON_COLUMNS } from '../index';

const EXPORT = { confirm: 'export' };

type Tables = Record<
  string,
  Record<string, { domain: string; about: string; rows: Record<string, unknown>[] }>
>;
interface DataJson {
  person: { id: string; email: string };
  files: string[];
  tables: Tables;
}

/** The schema's columns that tie a row to a person: foreign keys to users and enrolments, and uuid columns so named. */
async function personKeyedColumns(t: TestApp): Promise<string[]> {
  const foreign = (await t.dataSource.query(
    `SELECT DISTINCT kcu.table_name, kcu.column_name
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu
         ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       JOIN information_schema.constraint_column_usage ccu
         ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
        AND ccu.table_name IN ('users', 'enrolments') AND ccu.column_name = 'id'`,
  )) as { table_name: string; column_name: string }[];
  const uuids = (await t.dataSource.query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
      WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE' AND c.data_type = 'uuid'`,
  )) as { table_name: string; column_name: string }[];
  const named = uuids.filter((c) => PERSON_COLUMN_NAME.test(c.column_name));
  return [...new Set([...foreign, ...named].map((c) => `${c.table_name}.${c.column_name}`))].sort();
}

async function waitUntilReady(t: TestApp, token: string, id: string): Promise<DataExport> {
  const until = Date.now() + 45_000;
  for (;;) {
    const list = await t.request('GET', '/api/v1/me/data-exports', { token });
    expect(list.status).toBe(200);
    const item = (list.body as DataExportList).items.find((i) => i.id === id);
    if (item && item.status !== 'pending') return item;
    if (Date.now() > until) throw new Error('The archive was not built in time.');
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function unzip(raw: Buffer): Promise<{ zip: JSZip; data: DataJson }> {
  const zip = await JSZip.loadAsync(raw);
  const data = JSON.parse(await (zip.file('data.json') as JSZip.JSZipObject).async('string')) as DataJson;
  return { zip, data };
}

describe('download my data (real database)', () => {
  let t: TestApp;
  let coach: string;
  let coachId: string;
  let trainer: string;

  beforeAll(async () => {
    t = await createTestApp({ JOB_POLL_SECONDS: '0.5' });
    // The demo as a first start makes it (a test run seeds the accounts only): the coach's cohort,
    // progress, hand-ins with photos, announcements, questions and field log; the synthetic coaches
    // with their certificates.
    await seedDemoData(t.app, { learning: true });
    const session = await t.signIn('coach@example.org');
    coach = session.accessToken;
    coachId = session.me.id;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names every person-keyed column of the schema in the register, and none the schema lacks', async () => {
    const registered = new Set(PERSON_COLUMNS.map((e) => `${e.table}.${e.column}`));
    const excluded = new Set(NOT_PERSON_COLUMNS.map((e) => `${e.table}.${e.column}`));
    const schema = await personKeyedColumns(t);
    // Sanity: the scan finds what it must (a foreign key, a column without one, an enrolment key).
    expect(schema).toEqual(
      expect.arrayContaining(['enrolments.user_id', 'audit_log.actor_id', 'quiz_attempts.enrolment_id']),
    );
    expect(schema.filter((c) => !registered.has(c) && !excluded.has(c))).toEqual([]);

    const columns = new Set(
      (
        (await t.dataSource.query(
          `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
        )) as { table_name: string; column_name: string }[]
      ).map((c) => `${c.table_name}.${c.column_name}`),
    );
    expect([...registered, ...excluded].filter((c) => !columns.has(c))).toEqual([]);
    // What an entry leaves out exists (a renamed secret column would otherwise slip into the archive).
    const omissions = PERSON_COLUMNS.flatMap((e) => (e.omit ?? []).map((c) => `${e.table}.${c}`));
    expect(omissions.filter((c) => !columns.has(c))).toEqual([]);
  });

  it("builds the coach's archive in the background: every register entry, their rows, their files; audited", async () => {
    const asked = await t.request('POST', '/api/v1/me/data-exports', { token: coach, body: EXPORT });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'pending', archiveUrl: null });
    // Asking again while it is built gives the same request.
    const again = await t.request('POST', '/api/v1/me/data-exports', { token: coach, body: EXPORT });
    expect(again.body.id).toBe(asked.body.id);

    const ready = await waitUntilReady(t, coach, asked.body.id);
    expect(ready).toMatchObject({
      status: 'ready',
      archiveUrl: `/api/v1/me/data-exports/${asked.body.id}/archive`,
    });
    expect(new Date(ready.expiresAt as string).getTime() - Date.now()).toBeGreaterThan(
      6.9 * 24 * 3600 * 1000,
    );

    // Not the trainer's to take.
    expect((await t.request('GET', ready.archiveUrl as string, { token: trainer })).status).toBe(404);

    const res = await t.request('GET', ready.archiveUrl as string, { token: coach });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.raw.length).toBe(ready.bytes);
    const { zip, data } = await unzip(res.raw);
    expect(data.person).toEqual({ id: coachId, email: 'coach@example.org' });

    // Every entry of the register is in the archive, with exactly the rows the database holds.
    for (const entry of PERSON_COLUMNS) {
      const section = data.tables[entry.table]?.[entry.column];
      expect(section ? `${entry.table}.${entry.column}` : `missing ${entry.table}.${entry.column}`).toBe(
        `${entry.table}.${entry.column}`,
      );
      for (const omitted of entry.omit ?? [])
        expect(section?.rows.filter((r) => omitted in r).length).toBe(0);
    }
    const count = async (sql: string) =>
      Number(((await t.dataSource.query(sql, [coachId])) as { n: number }[])[0]?.n);
    const rows = (table: string, column: string) => data.tables[table]?.[column]?.rows.length;
    expect(rows('users', 'id')).toBe(1);
    expect(data.tables['users']?.['id']?.rows[0]).not.toHaveProperty('password_hash');
    for (const [table, column, sql] of [
      ['enrolments', 'user_id', `SELECT count(*)::int n FROM enrolments WHERE user_id = $1`],
      ['role_assignments', 'user_id', `SELECT count(*)::int n FROM role_assignments WHERE user_id = $1`],
      [
        'progress_events',
        'enrolment_id',
        `SELECT count(*)::int n FROM progress_events WHERE enrolment_id IN (SELECT id FROM enrolments WHERE user_id = $1)`,
      ],
      [
        'practice_submissions',
        'coach_id',
        `SELECT count(*)::int n FROM practice_submissions WHERE coach_id = $1`,
      ],
      [
        'practice_reviews',
        'submission_id',
        `SELECT count(*)::int n FROM practice_reviews r JOIN practice_submissions s ON s.id = r.submission_id WHERE s.coach_id = $1`,
      ],
      [
        'field_organisations',
        'owner_id',
        `SELECT count(*)::int n FROM field_organisations WHERE owner_id = $1`,
      ],
      ['field_visits', 'coach_id', `SELECT count(*)::int n FROM field_visits WHERE coach_id = $1`],
      ['notifications', 'recipient_id', `SELECT count(*)::int n FROM notifications WHERE recipient_id = $1`],
      [
        'audit_log',
        'actor_id',
        `SELECT count(*)::int n FROM audit_log WHERE actor_id = $1 AND action <> 'privacy.export-downloaded'`,
      ],
    ] as const) {
      const expected = await count(sql);
      expect(`${table}.${column}: ${rows(table, column)}`).toBe(`${table}.${column}: ${expected}`);
    }
    // The demo coach has handed in work, visited organisations and been told things: real rows, not empty lists.
    expect(rows('progress_events', 'enrolment_id')).toBeGreaterThan(0);
    expect(rows('practice_submissions', 'coach_id')).toBeGreaterThan(0);
    expect(rows('field_visits', 'coach_id')).toBeGreaterThan(0);

    // Their evidence files, byte for byte.
    const evidence = data.tables['practice_evidence_files']?.['coach_id']?.rows ?? [];
    expect(evidence.length).toBeGreaterThan(0);
    expect(data.files.filter((f) => f.startsWith('evidence/'))).toHaveLength(evidence.length);
    for (const file of evidence) {
      const inZip = zip.file(new RegExp(`^evidence/${String(file['id'])}\\.`))[0];
      expect(inZip).toBeDefined();
      const bytes = await (inZip as JSZip.JSZipObject).async('nodebuffer');
      expect(bytes.length).toBe(Number(file['bytes']));
    }

    // Audited: the request and the download, by the coach about the coach.
    const audited = (await t.dataSource.query(
      `SELECT action FROM audit_log WHERE actor_id = $1 AND subject_type = 'user' AND subject_id = $1::text
          AND action LIKE 'privacy.%' ORDER BY id`,
      [coachId],
    )) as { action: string }[];
    expect(audited.map((a) => a.action)).toEqual(['privacy.export-requested', 'privacy.export-downloaded']);
  });

  it('puts a holder’s certificates in as PDFs', async () => {
    // A synthetic coach of the demo population with certificates (no one can sign in as them: the job
    // is run directly, as the queue would).
    const [holder] = (await t.dataSource.query(
      `SELECT e.user_id, count(*)::int n FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id
        WHERE c.revoked_at IS NULL GROUP BY e.user_id ORDER BY e.user_id LIMIT 1`,
    )) as { user_id: string; n: number }[];
    expect(holder).toBeDefined();
    const token = randomBytes(24).toString('hex');
    const [row] = (await t.dataSource.query(
      `INSERT INTO privacy_data_exports (user_id, file_token) VALUES ($1, $2) RETURNING id`,
      [holder?.user_id, token],
    )) as { id: string }[];
    await t.app.get(DataExportsService).build(row?.id as string);
    const [built] = (await t.dataSource.query(`SELECT status FROM privacy_data_exports WHERE id = $1`, [
      row?.id,
    ])) as { status: string }[];
    expect(built?.status).toBe('ready');
    const file = join(t.env['DATA_DIR'] ?? './data', 'exports', `${token}.zip`);
    const { zip, data } = await unzip(await readFile(file));
    const pdfs = data.files.filter((f) => f.startsWith('certificates/'));
    expect(pdfs).toHaveLength(holder?.n as number);
    for (const name of pdfs) {
      const pdf = await (zip.file(name) as JSZip.JSZipObject).async('nodebuffer');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  it('deletes an archive past its day, and says so (410)', async () => {
    const asked = await t.request('POST', '/api/v1/me/data-exports', { token: trainer, body: EXPORT });
    expect(asked.status).toBe(202);
    const ready = await waitUntilReady(t, trainer, asked.body.id);
    const [row] = (await t.dataSource.query(`SELECT file_token FROM privacy_data_exports WHERE id = $1`, [
      ready.id,
    ])) as { file_token: string }[];
    const file = join(t.env['DATA_DIR'] ?? './data', 'exports', `${row?.file_token}.zip`);
    expect(existsSync(file)).toBe(true);
    await t.dataSource.query(
      `UPDATE privacy_data_exports SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [ready.id],
    );
    const gone = await t.request('GET', ready.archiveUrl as string, { token: trainer });
    expect(gone.status).toBe(410);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(existsSync(file)).toBe(false);
    const list = await t.request('GET', '/api/v1/me/data-exports', { token: trainer });
    expect((list.body as DataExportList).items.find((i) => i.id === ready.id)).toMatchObject({
      status: 'expired',
      archiveUrl: null,
    });
  });

  it('refuses a signed-out caller and a malformed id', async () => {
    expect((await t.request('POST', '/api/v1/me/data-exports', { body: EXPORT })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/me/data-exports')).status).toBe(401);
    const bad = await t.request('GET', '/api/v1/me/data-exports/not-a-uuid/archive', { token: coach });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the privacy notice settings', () => {
  let t: TestApp | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("gives the contact, the threshold and the archive's days; no notice of the operator's by default", async () => {
    t = await createTestApp({
      DEMO_SEED: 'false',
      SUPPORT_EMAIL: 'aide@programme.example.ma',
      OBSERVATORY_K: '7',
    });
    const res = await t.request('GET', '/api/v1/privacy?lang=ar');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      contact: { email: 'aide@programme.example.ma', phone: null },
      observatoryK: 7,
      exportDays: 7,
      notice: null,
    });
  });

  it("serves the operator's notice per language, its own contact, and refuses an unknown language", async () => {
    dir = mkdtempSync(join(tmpdir(), 'tc-privacy-'));
    writeFileSync(join(dir, 'fr.md'), '## Responsable du traitement\n\nLa Région de l’Oriental.\n');
    t = await createTestApp({
      DEMO_SEED: 'false',
      PRIVACY_NOTICE_DIR: dir,
      PRIVACY_CONTACT_EMAIL: 'dpo@region.example.ma',
      PRIVACY_EXPORT_DAYS: '3',
    });
    const fr = await t.request('GET', '/api/v1/privacy?lang=fr');
    expect(fr.body).toMatchObject({
      contact: { email: 'dpo@region.example.ma' },
      exportDays: 3,
      notice: '## Responsable du traitement\n\nLa Région de l’Oriental.\n',
    });
    // No Arabic file: the app's own text.
    expect((await t.request('GET', '/api/v1/privacy?lang=ar')).body.notice).toBeNull();
    const bad = await t.request('GET', '/api/v1/privacy?lang=de');
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.field).toBe('lang');
  });
});
