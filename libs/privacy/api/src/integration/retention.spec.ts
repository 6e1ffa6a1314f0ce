import { randomBytes, randomUUID } from 'node:crypto';
import { seedDemoData } from '@tc/demo/api';
import { createTestApp, invitedPerson, type TestApp, type TestResponse } from '@tc/shared/testing';
import { ERASED_NAME, RETENTION_QUEUE, RetentionService, type RetentionReport } from '../index';

const PASSWORD = 'retention-password-2026';

/**
 * Retention on a real database, time-travelled: rows are given old timestamps (an account last used
 * four years ago, events received six years ago, links expired forty days ago), then the daily run is
 * called directly, with the real clock.
 */
describe('retention: what is no longer needed goes, and nothing else changes (real database)', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  let observer: string;

  const as = (token: string, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token, ...(body !== undefined ? { body } : {}) });
  const ok = async (res: Promise<TestResponse>, what: string) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const q = async <T>(sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params)) as T[];
  const territory = async (code: string) =>
    (await q<{ id: string }>(`SELECT id FROM territories WHERE code = $1`, [code]))[0]?.id as string;
  const run = (): Promise<RetentionReport> => t.app.get(RetentionService).run();
  /** A coach of L'Oriental who accepted their invitation: answers their id. */
  const coach = async (email: string, name: string) => {
    const token = await invitedPerson(
      t,
      admin,
      { email, displayName: name, role: 'coach', territoryId: await territory('MA-02') },
      PASSWORD,
    );
    return { token, id: (await ok(as(token, 'GET', '/api/v1/me'), 'me')).body.id as string };
  };
  /** Makes every trace of the account's use (creation, sessions, links) `age` old. */
  const lastUsed = async (userId: string, age: string) => {
    await t.dataSource.query(`UPDATE users SET created_at = now() - $2::interval WHERE id = $1`, [
      userId,
      age,
    ]);
    await t.dataSource.query(
      `UPDATE refresh_tokens SET created_at = now() - $2::interval, session_started_at = now() - $2::interval
        WHERE user_id = $1`,
      [userId, age],
    );
    await t.dataSource.query(
      `UPDATE action_tokens SET created_at = now() - $2::interval, expires_at = now() - $2::interval + interval '7 days',
              used_at = CASE WHEN used_at IS NULL THEN NULL ELSE now() - $2::interval END
        WHERE user_id = $1`,
      [userId, age],
    );
  };
  const person = async (id: string) =>
    (
      await q<{ display_name: string; email: string }>(
        `SELECT display_name, email FROM users WHERE id = $1`,
        [id],
      )
    )[0];
  const warnings = async () =>
    (await q<{ user_id: string }>(`SELECT user_id FROM privacy_inactivity_warnings ORDER BY user_id`)).map(
      (r) => r.user_id,
    );
  const audited = async (action: string, subjectId?: string) =>
    q<{ subject_id: string; details: Record<string, unknown> }>(
      `SELECT subject_id, details FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR subject_id = $2) ORDER BY id`,
      [action, subjectId ?? null],
    );

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoData(t.app, { learning: true });
    admin = (await t.signIn('admin@example.org')).accessToken;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    observer = (await t.signIn('observer@example.org')).accessToken;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('warns an account unused for years, anonymises it after the notice, and spares one that signs in again', async () => {
    const dormant = await coach('dormant.coach@retention.test', 'Coach Endormi');
    const returning = await coach('returning.coach@retention.test', 'Coach De Retour');
    const active = await coach('active.coach@retention.test', 'Coach Actif');
    // An invitation nobody accepted, and a disabled account: not warned (they could not answer), but
    // anonymised once inactive for the period and the notice together.
    const invite = await ok(
      as(admin, 'POST', '/api/v1/users/invitations', {
        email: 'never.came@retention.test',
        displayName: 'Jamais Venu',
        role: 'coach',
        territoryId: await territory('MA-02'),
        preferredLanguage: 'fr',
      }),
      'invite',
    );
    const neverCame = (
      await q<{ id: string }>(`SELECT id FROM users WHERE email = 'never.came@retention.test'`)
    )[0]?.id as string;
    expect(invite.status).toBe(201);
    const disabled = await coach('disabled.coach@retention.test', 'Coach Désactivé');
    await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabled.id]);
    // An invitation not yet accepted, a disabled account, sent or disabled recently: kept.
    const disabledRecently = await coach('disabled.recently@retention.test', 'Coach Récemment Désactivé');
    await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [disabledRecently.id]);

    await lastUsed(dormant.id, '4 years');
    await lastUsed(returning.id, '4 years');
    await lastUsed(neverCame, '3 years 40 days');
    await lastUsed(disabled.id, '3 years 40 days');
    // Inactive for the period, but not for the notice on top of it: not yet.
    await lastUsed(disabledRecently.id, '3 years 10 days');

    const first = await run();
    // Exactly the two unused accounts are warned: not the active one, nor the demo's people, nor the
    // accounts that cannot sign in.
    expect(await warnings()).toEqual([dormant.id, returning.id].sort());
    expect(first).toMatchObject({ warned: 2, cancelled: 0, anonymised: 2 });
    const told = await q<{ recipient_id: string; params: { dueOn: string } }>(
      `SELECT recipient_id, params FROM notifications WHERE kind = 'account.inactive' ORDER BY recipient_id`,
    );
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(told).toEqual(
      [dormant.id, returning.id].sort().map((id) => ({ recipient_id: id, params: { dueOn: due } })),
    );
    // Warned, not erased.
    expect(await person(dormant.id)).toEqual({
      display_name: 'Coach Endormi',
      email: 'dormant.coach@retention.test',
    });
    // The never-used invitation and the long-disabled account are anonymised without a warning.
    for (const id of [neverCame, disabled.id])
      expect(await person(id)).toEqual({ display_name: ERASED_NAME, email: `erased-${id}@erased.invalid` });
    expect((await person(disabledRecently.id))?.display_name).toBe('Coach Récemment Désactivé');
    expect(
      (await audited('privacy.retention-anonymised')).map((a) => [a.subject_id, a.details['reason']]).sort(),
    ).toEqual(
      [
        [neverCame, 'never-signed-in'],
        [disabled.id, 'disabled'],
      ].sort(),
    );

    // A second run the same day: nothing new (one warning, one notification each).
    expect(await run()).toMatchObject({ warned: 0, cancelled: 0, anonymised: 0 });
    expect((await q(`SELECT 1 FROM notifications WHERE kind = 'account.inactive'`)).length).toBe(2);

    // One signs in again; then the notice runs out.
    await t.signIn('returning.coach@retention.test', PASSWORD);
    await t.dataSource.query(
      `UPDATE privacy_inactivity_warnings
          SET warned_at = warned_at - interval '31 days', anonymise_after = anonymise_after - interval '31 days'`,
    );
    const last = await run();
    expect(last).toMatchObject({ warned: 0, cancelled: 1, anonymised: 1 });
    expect(await person(dormant.id)).toEqual({
      display_name: ERASED_NAME,
      email: `erased-${dormant.id}@erased.invalid`,
    });
    expect(await person(returning.id)).toEqual({
      display_name: 'Coach De Retour',
      email: 'returning.coach@retention.test',
    });
    expect(await person(active.id)).toEqual({
      display_name: 'Coach Actif',
      email: 'active.coach@retention.test',
    });
    expect(await warnings()).toEqual([]);
    // The anonymised one cannot sign in; the one who came back still can.
    const signIn = (email: string) =>
      t.request('POST', '/api/v1/auth/sign-in', { body: { email, password: PASSWORD } });
    expect((await signIn('dormant.coach@retention.test')).status).toBe(401);
    expect((await signIn('returning.coach@retention.test')).status).toBeLessThan(300);
    // Why it was anonymised is recorded, by id only.
    expect((await audited('privacy.retention-anonymised', dormant.id)).map((a) => a.details)).toEqual([
      { reason: 'warned', years: 3 },
    ]);
    expect((await audited('privacy.erased', dormant.id)).length).toBe(1);
  });

  it("drops progress events past their years without changing a learner's progress or the observatory", async () => {
    // A learner with lessons opened and completed, through the API (which keeps their progress).
    const learner = await coach('learner@retention.test', 'Apprenante Assidue');
    const [course] = await q<{ id: string; version: number }>(
      `SELECT c.id, max(v.number)::int AS version FROM courses c JOIN course_versions v ON v.course_id = c.id
        GROUP BY c.id ORDER BY c.id LIMIT 1`,
    );
    const cohort = await ok(
      as(trainer, 'POST', '/api/v1/cohorts', {
        name: 'Cohorte rétention',
        courseId: course?.id,
        courseVersion: course?.version,
        territoryId: await territory('MA-02'),
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      }),
      'cohort',
    );
    const joined = await ok(
      as(learner.token, 'POST', '/api/v1/cohorts/join', { code: cohort.body.joinCode }),
      'join',
    );
    const enrolmentId = (joined.body.id ?? joined.body.enrolmentId) as string;
    const event = (lessonKey: string, type: string) => ({
      id: randomUUID(),
      enrolmentId,
      lessonKey,
      type,
      occurredAt: new Date().toISOString(),
    });
    await ok(
      as(learner.token, 'POST', '/api/v1/progress/events', {
        events: [event('m1-l1', 'started'), event('m1-l1', 'completed'), event('m1-l2', 'started')],
      }),
      'progress',
    );

    /** Everything a learner, a trainer and an observer are shown of progress. */
    const views = async () => {
      await t.fold();
      const oriental = await territory('MA-02');
      const out: Record<string, unknown> = {
        learner: (await ok(as(learner.token, 'GET', `/api/v1/enrolments/${enrolmentId}`), 'course')).body,
        roster: (await ok(as(trainer, 'GET', `/api/v1/cohorts/${cohort.body.id}/roster`), 'roster')).body,
        // Every learner's summary rows and completion, of every enrolment.
        progress: await q(
          `SELECT enrolment_id, lesson_key, started_at, completed_at, last_activity_at, attempts, best_percent
             FROM lesson_progress ORDER BY 1, 2`,
        ),
        completion: await q(`SELECT id, completed_at FROM enrolments ORDER BY id`),
      };
      for (const url of [
        `/api/v1/observatory/completion?territoryId=${oriental}&groupBy=cohort`,
        `/api/v1/observatory/completion?territoryId=${oriental}&groupBy=gender`,
        `/api/v1/observatory/competences?territoryId=${oriental}`,
        `/api/v1/observatory/practice?territoryId=${oriental}`,
      ])
        out[url] = (await ok(as(observer, 'GET', url), url)).body;
      return JSON.parse(
        JSON.stringify(out, (key, value: unknown) => (key === 'generatedAt' ? undefined : value)),
      );
    };
    const before = await views();
    expect((before.progress as unknown[]).length).toBeGreaterThan(3);

    // Every event received six years ago but those of one demo enrolment, kept as recent.
    const [kept] = await q<{ enrolment_id: string; n: number }>(
      `SELECT enrolment_id, count(*)::int AS n FROM progress_events WHERE enrolment_id <> $1
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      [enrolmentId],
    );
    expect(kept?.n).toBeGreaterThan(0);
    const [{ n: all }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM progress_events`);
    const [{ n: mine }] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM progress_events WHERE enrolment_id = $1`,
      [enrolmentId],
    );
    expect(mine).toBe(3);
    // Append-only to everyone: the spec steps around the trigger to age them.
    await t.dataSource.query(`ALTER TABLE progress_events DISABLE TRIGGER "TRG_progress_events_append_only"`);
    await t.dataSource.query(
      `UPDATE progress_events SET received_at = received_at - interval '6 years' WHERE enrolment_id <> $1`,
      [kept?.enrolment_id],
    );
    await t.dataSource.query(`ALTER TABLE progress_events ENABLE TRIGGER "TRG_progress_events_append_only"`);
    // And still append-only to everyone but the retention run.
    await expect(
      t.dataSource.query(`DELETE FROM progress_events WHERE enrolment_id = $1`, [enrolmentId]),
    ).rejects.toThrow(/append-only/);

    const report = await run();
    expect(report.progressEvents).toBe(all - (kept?.n ?? 0));
    const left = await q<{ enrolment_id: string; n: number }>(
      `SELECT enrolment_id, count(*)::int AS n FROM progress_events GROUP BY 1`,
    );
    expect(left).toEqual([{ enrolment_id: kept?.enrolment_id, n: kept?.n }]);
    expect(await views()).toEqual(before);
  });

  it('purges used and expired links, old sign-in failures and old job history, and keeps the recent', async () => {
    const holder = await coach('link.holder@retention.test', 'Titulaire De Liens');
    const token = async (label: string, expires: string, used: string | null) => {
      const [row] = await q<{ id: string }>(
        `INSERT INTO action_tokens (user_id, purpose, token_hash, expires_at, used_at, created_at)
         VALUES ($1, 'password_reset', $2, now() + $3::interval, now() + $4::interval, now() - interval '60 days')
         RETURNING id`,
        [holder.id, randomBytes(32).toString('hex'), expires, used],
      );
      return [label, row?.id as string] as const;
    };
    const links = [
      await token('used 40 days ago', '-39 days', '-40 days'),
      await token('expired 40 days ago', '-40 days', null),
      await token('used 10 days ago', '1 day', '-10 days'),
      await token('expired 10 days ago', '-10 days', null),
      await token('still valid', '1 hour', null),
    ];
    const failures = [
      ['old.failure@retention.test', '-100 days', null],
      ['recent.failure@retention.test', '-10 days', null],
      // Old failures, but locked until recently: kept with its lockout.
      ['old.locked@retention.test', '-100 days', '-20 days'],
    ] as const;
    for (const [email, last, locked] of failures)
      await t.dataSource.query(
        `INSERT INTO sign_in_failures (email, failures, lockouts, locked_until, last_failure_at)
         VALUES ($1, 3, 1, now() + $3::interval, now() + $2::interval)`,
        [email, last, locked],
      );
    // Jobs of the retention queue and its dead letters (pg-boss's own deletion off on them:
    // deletion_seconds 0, keep_until far ahead, so that only the run can remove them).
    const job = async (
      label: string,
      name: string,
      state: string,
      completed: string | null,
      created: string,
    ) => {
      const [row] = await q<{ id: string }>(
        `INSERT INTO pgboss.job (name, state, data, created_on, completed_on, start_after, deletion_seconds, keep_until)
         VALUES ($1, $2::pgboss.job_state, '{}'::jsonb, now() + $4::interval, now() + $3::interval,
                 CASE WHEN $2::text = 'created' THEN now() + interval '1 year' ELSE now() + $4::interval END,
                 0, now() + interval '2 years')
         RETURNING id`,
        [name, state, completed, created],
      );
      return [label, row?.id as string] as const;
    };
    const dead = `${RETENTION_QUEUE}.dead`;
    const jobs = [
      await job('completed 40 days ago', RETENTION_QUEUE, 'completed', '-40 days', '-40 days'),
      await job('failed 40 days ago', RETENTION_QUEUE, 'failed', '-40 days', '-41 days'),
      await job('dead letter of 40 days', dead, 'created', null, '-40 days'),
      await job('completed 10 days ago', RETENTION_QUEUE, 'completed', '-10 days', '-10 days'),
      await job('dead letter of 10 days', dead, 'created', null, '-10 days'),
      // Created long ago, still to run (held until next year): never touched.
      await job('waiting since 40 days', RETENTION_QUEUE, 'created', null, '-40 days'),
    ];

    // Sessions: rotated refresh tokens, the newest (expired long ago too) kept as the last use.
    const session = async (label: string, expired: string, created: string) => {
      const [row] = await q<{ id: string }>(
        `INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at, used_at, session_started_at, created_at)
         VALUES (gen_random_uuid(), $1, $2, now() + $3::interval, now() + $3::interval, now() - interval '1 year',
                 now() + $4::interval)
         RETURNING id`,
        [holder.id, randomBytes(32).toString('hex'), expired, created],
      );
      return [label, row?.id as string] as const;
    };
    await t.dataSource.query(`DELETE FROM refresh_tokens WHERE user_id = $1`, [holder.id]);
    const sessions = [
      await session('expired 70 days ago', '-70 days', '-100 days'),
      await session('expired 40 days ago', '-40 days', '-70 days'),
      await session('expired 10 days ago', '-10 days', '-40 days'),
      await session('newest, expired 35 days ago', '-35 days', '-36 days'),
    ];

    const report = await run();
    expect(report.tokens).toBeGreaterThanOrEqual(2);
    expect(report.sessions).toBeGreaterThanOrEqual(2);
    const sessionsLeft = new Set(
      (await q<{ id: string }>(`SELECT id FROM refresh_tokens WHERE user_id = $1`, [holder.id])).map(
        (r) => r.id,
      ),
    );
    expect(sessions.filter(([, id]) => sessionsLeft.has(id)).map(([label]) => label)).toEqual([
      'expired 10 days ago',
      'newest, expired 35 days ago',
    ]);
    expect(report.signInFailures).toBeGreaterThanOrEqual(1);
    expect(report.jobs).toBeGreaterThanOrEqual(3);

    const linksLeft = new Set(
      (
        await q<{ id: string }>(`SELECT id FROM action_tokens WHERE id = ANY($1::uuid[])`, [
          links.map(([, id]) => id),
        ])
      ).map((r) => r.id),
    );
    expect(links.filter(([, id]) => linksLeft.has(id)).map(([label]) => label)).toEqual([
      'used 10 days ago',
      'expired 10 days ago',
      'still valid',
    ]);
    expect(
      (
        await q<{ email: string }>(
          `SELECT email FROM sign_in_failures WHERE email = ANY($1::text[]) ORDER BY email`,
          [failures.map(([email]) => email)],
        )
      ).map((r) => r.email),
    ).toEqual(['old.locked@retention.test', 'recent.failure@retention.test']);
    const jobsLeft = new Set(
      (
        await q<{ id: string }>(`SELECT id FROM pgboss.job WHERE id = ANY($1::uuid[])`, [
          jobs.map(([, id]) => id),
        ])
      ).map((r) => r.id),
    );
    expect(jobs.filter(([, id]) => jobsLeft.has(id)).map(([label]) => label)).toEqual([
      'completed 10 days ago',
      'dead letter of 10 days',
      'waiting since 40 days',
    ]);
    // The waiting job is not run by the worker meanwhile: clean up so that it never is.
    await t.dataSource.query(`DELETE FROM pgboss.job WHERE id = $1`, [jobs[5]?.[1]]);
  });

  it('audits each run once, with its counts and nothing about anyone', async () => {
    const before = (await audited('privacy.retention-run')).length;
    const report = await run();
    const runs = await audited('privacy.retention-run');
    expect(runs.length).toBe(before + 1);
    const count = Object.values(report).reduce((a, b) => a + b, 0);
    expect(runs.at(-1)).toEqual({ subject_id: RETENTION_QUEUE, details: { count, ...report } });
    // Every run's details are counts only.
    for (const r of runs) for (const v of Object.values(r.details)) expect(typeof v).toBe('number');
  });
});
