import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type RunningApp } from '../app/bootstrap';
import { loadConfig } from '../app/config';
import { DataDirLockedError } from '../database/embedded-postgres';
import { DEMO_ACCOUNTS, DEMO_PEERS, DEMO_POPULATION } from '@tc/demo/api';
import type { ImpactReport } from '@tc/shared/contracts';

/** The newcomer's path: no DATABASE_URL, an embedded PostgreSQL in a data folder. */
describe('embedded PGlite database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tc-embedded-'));
  const config = () =>
    loadConfig({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      WEB_DIST: join(dataDir, 'no-web'),
    });
  let running: RunningApp | null = null;

  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates, migrates and seeds the data folder on first start, and signs the demo admin in', async () => {
    running = await createApp(config(), { logger: false });
    const fastify = running.app.getHttpAdapter().getInstance();
    const health = await fastify.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', databaseKind: 'pglite' });
    const signIn = await fastify.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'admin@example.org', password: 'demo-password-2026' },
    });
    expect(signIn.statusCode).toBe(200);
    const me = await fastify.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${signIn.json().accessToken}` },
    });
    expect(me.json().roles).toEqual([
      expect.objectContaining({ role: 'admin', territoryName: expect.objectContaining({ en: 'Africa' }) }),
    ]);
    // The demo data go as far as a running cohort with the demo coach, module 1 read, and the practical
    // task handed in once and returned by the demo trainer for revision, waiting in the trainer's queue.
    const coach = await fastify.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'coach@example.org', password: 'demo-password-2026' },
    });
    const enrolments = await fastify.inject({
      method: 'GET',
      url: '/api/v1/me/enrolments',
      headers: { authorization: `Bearer ${coach.json().accessToken}` },
    });
    expect(enrolments.json()).toEqual([
      expect.objectContaining({
        cohortName: 'Oujda — cohorte de démonstration',
        lessonsDone: 3,
        lessonsTotal: 17,
      }),
    ]);
    const [{ enrolmentId, cohortId }] = enrolments.json() as { enrolmentId: string; cohortId: string }[];
    const task = await fastify.inject({
      method: 'GET',
      url: `/api/v1/enrolments/${enrolmentId}/tasks/m3-task`,
      headers: { authorization: `Bearer ${coach.json().accessToken}` },
    });
    expect(task.json()).toMatchObject({ status: 'returned' });
    expect(task.json().submissions).toEqual([
      expect.objectContaining({
        round: 1,
        status: 'returned',
        review: expect.objectContaining({ decision: 'revise' }),
      }),
    ]);
    const trainer = (
      await fastify.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'trainer@example.org', password: 'demo-password-2026' },
      })
    ).json().accessToken as string;
    const queue = await fastify.inject({
      method: 'GET',
      url: `/api/v1/cohorts/${cohortId}/practice/queue?status=returned`,
      headers: { authorization: `Bearer ${trainer}` },
    });
    expect(queue.json().items).toEqual([
      expect.objectContaining({ enrolmentId, lessonKey: 'm3-task', round: 1, fileCount: 3 }),
    ]);
    // The trainer's pinned announcement, and the coach told of it, of the returned round and of a reply.
    const coachToken = coach.json().accessToken as string;
    const announced = await fastify.inject({
      method: 'GET',
      url: `/api/v1/cohorts/${cohortId}/announcements`,
      headers: { authorization: `Bearer ${coachToken}` },
    });
    expect(announced.json().items).toEqual([
      expect.objectContaining({
        pinned: true,
        title: expect.objectContaining({ fr: expect.stringMatching(/^Atelier/) }),
      }),
    ]);
    const told = await fastify.inject({
      method: 'GET',
      url: '/api/v1/me/notifications',
      headers: { authorization: `Bearer ${coachToken}` },
    });
    expect(
      (told.json().items as { kind: string; params: { decision?: string } }[]).map((n) => [
        n.kind,
        n.params.decision,
      ]),
    ).toEqual([
      ['question.answered', undefined],
      ['announcement.posted', undefined],
      ['task.reviewed', 'revise'],
    ]);
    // The cohort's questions: the coach's own, answered, and a peer's about a lesson, settled.
    const threads = await fastify.inject({
      method: 'GET',
      url: `/api/v1/cohorts/${cohortId}/threads`,
      headers: { authorization: `Bearer ${coachToken}` },
    });
    expect(
      (threads.json().items as { lessonKey: string | null; mine: boolean; answered: boolean }[]).map((t) => [
        t.lessonKey,
        t.mine,
        t.answered,
      ]),
    ).toEqual([
      [null, true, false],
      ['m1-l3', false, true],
    ]);
    // Synthetic coaches who did the task have it passed by a reviewer; those who finished, every time.
    const [synthetic] = (await running.dataSource.query(
      `SELECT count(*) FILTER (WHERE p.status = 'passed')::int AS passed,
              count(*) FILTER (WHERE lp.completed_at IS NOT NULL AND p.id IS NULL)::int AS unreviewed
         FROM lesson_progress lp JOIN enrolments e ON e.id = lp.enrolment_id
         JOIN users u ON u.id = e.user_id AND u.email LIKE '%.synthetic.invalid'
         LEFT JOIN practice_submissions p ON p.enrolment_id = e.id AND p.lesson_key = lp.lesson_key
          AND p.status = 'passed'
        WHERE lp.lesson_key = 'm3-task'`,
    )) as { passed: number; unreviewed: number }[];
    expect(synthetic).toEqual({ passed: expect.any(Number), unreviewed: 0 });
    expect(synthetic!.passed).toBeGreaterThan(0);
    // The demo coach's field log: two cooperatives of Berkane, each checked once and visited twice, one
    // milestone reached.
    const cooperatives = (await running.dataSource.query(
      `SELECT o.name, o.kind, o.sector, o.women_led AS "womenLed", t.code,
              (SELECT count(*) FROM field_checks c WHERE c.organisation_id = o.id)::int AS checks,
              (SELECT count(*) FROM field_visits v WHERE v.organisation_id = o.id
                 AND jsonb_array_length(v.lessons) > 0 AND v.notes <> '' AND v.next_steps <> '')::int AS visits,
              (SELECT count(*) FROM field_milestones m WHERE m.organisation_id = o.id)::int AS milestones
         FROM field_organisations o JOIN users u ON u.id = o.owner_id JOIN territories t ON t.id = o.territory_id
        WHERE u.email = 'coach@example.org' ORDER BY o.women_led DESC`,
    )) as Record<string, unknown>[];
    expect(cooperatives).toEqual([
      expect.objectContaining({ name: expect.stringMatching(/^Coopérative.*Argane/), womenLed: true }),
      expect.objectContaining({ name: expect.stringMatching(/couscous/), womenLed: false }),
    ]);
    expect(cooperatives.map((c) => [c['kind'], c['sector'], c['code'], c['checks'], c['visits']])).toEqual([
      ['cooperative', 'agri-food', 'MA-BER', 1, 2],
      ['cooperative', 'agri-food', 'MA-BER', 1, 2],
    ]);
    expect(cooperatives.map((c) => c['milestones'])).toEqual([1, 0]);
    // The synthetic coaches' field logs across L'Oriental's provinces, by coaches who completed the
    // course and by coaches who have not yet, with later checks to count a gain.
    const [field] = (await running.dataSource.query(
      `SELECT count(DISTINCT o.territory_id)::int AS provinces, count(DISTINCT o.kind)::int AS kinds,
              count(DISTINCT o.id) FILTER (WHERE trained.yes)::int AS trained,
              count(DISTINCT o.id) FILTER (WHERE NOT trained.yes)::int AS "notYetTrained",
              count(DISTINCT c.organisation_id)::int AS "checkedTwice"
         FROM field_organisations o JOIN users u ON u.id = o.owner_id AND u.email LIKE '%.synthetic.invalid'
         CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM enrolments e
                                             WHERE e.user_id = u.id AND e.completed_at IS NOT NULL) AS yes) trained
         LEFT JOIN field_checks c ON c.organisation_id = o.id
          AND c.taken_on > (SELECT min(f.taken_on) FROM field_checks f WHERE f.organisation_id = o.id)`,
    )) as {
      provinces: number;
      kinds: number;
      trained: number;
      notYetTrained: number;
      checkedTwice: number;
    }[];
    expect(field).toMatchObject({ provinces: 8, kinds: 3 });
    expect(field!.trained).toBeGreaterThanOrEqual(20);
    expect(field!.notYetTrained).toBeGreaterThanOrEqual(20);
    expect(field!.checkedTwice).toBeGreaterThanOrEqual(50);
    // The observatory's impact view counts them once folded: in L'Oriental, several provinces, sectors
    // and kinds above the threshold, and a gain on both sides of learning to impact.
    await running.fold();
    const observer = (
      await fastify.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'observer@example.org', password: 'demo-password-2026' },
      })
    ).json().accessToken as string;
    const [oriental] = (await running.dataSource.query(
      `SELECT id FROM territories WHERE code = 'MA-02'`,
    )) as { id: string }[];
    const impact = await fastify.inject({
      method: 'GET',
      url: `/api/v1/observatory/impact?territoryId=${oriental?.id}`,
      headers: { authorization: `Bearer ${observer}` },
    });
    expect(impact.statusCode).toBe(200);
    const report = impact.json() as ImpactReport;
    expect(report.totals).toEqual({
      organisations: expect.any(Number),
      visits: expect.any(Number),
      milestones: expect.any(Number),
      checked: expect.any(Number),
      medianGain: expect.any(Number),
    });
    expect(report.totals.organisations).toBeGreaterThanOrEqual(260);
    expect(report.totals.medianGain).toBeGreaterThan(0);
    const shown = (rows: ImpactReport['byTerritory']) => rows.filter((r) => r.counts.organisations).length;
    expect(shown(report.byTerritory)).toBeGreaterThanOrEqual(5);
    expect(shown(report.bySector)).toBeGreaterThanOrEqual(4);
    expect(shown(report.byKind)).toBe(3);
    expect(report.learningToImpact.trained.medianGain).toBeGreaterThan(0);
    expect(report.learningToImpact.notYetTrained.medianGain).toBeGreaterThan(0);
  });

  it('refuses a second process on the same data folder with a clear message', async () => {
    // The lock records the holder's pid; pretend to be another live process by claiming our parent's.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, 'tc.lock'), String(process.ppid));
    await expect(createApp(config(), { logger: false })).rejects.toThrow(DataDirLockedError);
    await expect(createApp(config(), { logger: false })).rejects.toThrow(/already in use by process \d+/);
    writeFileSync(join(dataDir, 'tc.lock'), String(process.pid));
  });

  it('keeps the data between starts', async () => {
    if (!running) throw new Error('the first spec did not start the app');
    const fastify = running.app.getHttpAdapter().getInstance();
    const signIn = await fastify.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'admin@example.org', password: 'demo-password-2026' },
    });
    const token = signIn.json().accessToken as string;
    const me = await fastify.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
      payload: { displayName: 'Persisted Admin' },
    });
    expect(me.statusCode).toBe(200);
    const [{ fieldBefore }] = (await running.dataSource.query(
      `SELECT count(*)::int AS "fieldBefore" FROM field_organisations o JOIN users u ON u.id = o.owner_id
        WHERE u.email LIKE '%.synthetic.invalid'`,
    )) as [{ fieldBefore: number }];
    expect(fieldBefore).toBeGreaterThan(0);
    await running.close();
    running = null;

    running = await createApp(config(), { logger: false });
    const rows: { display_name: string }[] = await running.dataSource.query(
      `SELECT display_name FROM users WHERE email = 'admin@example.org'`,
    );
    expect(rows[0]?.display_name).toBe('Persisted Admin');
    // The seed did not run twice: the demo accounts and the demo cohort's other coaches once, one
    // synthetic population.
    const users: { synthetic: boolean; n: number }[] = await running.dataSource.query(
      `SELECT email LIKE '%.synthetic.invalid' AS synthetic, count(*)::int AS n FROM users GROUP BY 1 ORDER BY 1`,
    );
    expect(users).toEqual([
      { synthetic: false, n: DEMO_ACCOUNTS.length + DEMO_PEERS.length },
      { synthetic: true, n: DEMO_POPULATION.coaches },
    ]);
    // Nor the field log: the demo coach's two cooperatives and the synthetic logs once.
    const [fieldLog] = (await running.dataSource.query(
      `SELECT count(*) FILTER (WHERE u.email = 'coach@example.org')::int AS coach,
              count(*) FILTER (WHERE u.email LIKE '%.synthetic.invalid')::int AS synthetic
         FROM field_organisations o JOIN users u ON u.id = o.owner_id`,
    )) as { coach: number; synthetic: number }[];
    expect(fieldLog).toEqual({ coach: 2, synthetic: fieldBefore });
  });
});
