import { randomUUID } from 'node:crypto';
import { NUDGES_PER_TRAINER_PER_HOUR, type NudgeResult } from '@tc/shared/contracts';
import { createTestApp, invitedPerson, type TestApp } from '@tc/shared/testing';

const PASSWORD = 'nudges-password-2026';

describe("a trainer's nudges to late coaches: told once a day, capped, audited (real database)", () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let cohortId: string;
  const enrolment: Record<'coach' | 'second' | 'withdrawn', string> = {
    coach: '',
    second: '',
    withdrawn: '',
  };

  const nudge = (who: string, body: unknown) =>
    t.request('POST', `/api/v1/cohorts/${cohortId}/nudges`, { token: tokens[who] as string, body });

  beforeAll(async () => {
    t = await createTestApp();
    for (const [who, email] of [
      ['coach', 'coach@example.org'],
      ['trainer', 'trainer@example.org'],
      ['admin', 'admin@example.org'],
    ] as const)
      tokens[who] = (await t.signIn(email)).accessToken;
    const territories = (await t.dataSource.query(
      `SELECT id, code FROM territories WHERE code IN ('MA-02', 'MA-09') ORDER BY code`,
    )) as { id: string }[];
    const [oriental, away] = territories.map((r) => r.id);
    for (const [who, role, territoryId] of [
      ['second', 'coach', oriental],
      ['withdrawn', 'coach', oriental],
      ['trainerAway', 'trainer', away],
    ] as const)
      tokens[who] = await invitedPerson(
        t,
        tokens['admin']!,
        {
          email: `${who.toLowerCase()}@nudges.test`,
          displayName: `Personne ${who}`,
          role,
          territoryId: territoryId!,
        },
        PASSWORD,
      );
    const courses = (await t.request('GET', '/api/v1/courses?scope=published', { token: tokens['trainer'] }))
      .body as { id: string }[];
    const created = await t.request('POST', '/api/v1/cohorts', {
      token: tokens['trainer'],
      body: {
        name: 'Relances Oriental',
        courseId: courses[0]!.id,
        courseVersion: 1,
        territoryId: oriental,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      },
    });
    expect(created.status).toBe(201);
    cohortId = created.body.id;
    const enrolled = await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments`, {
      token: tokens['trainer'],
      body: { emails: ['coach@example.org', 'second@nudges.test', 'withdrawn@nudges.test'] },
    });
    expect(enrolled.status).toBeLessThan(300);
    const rows = (await t.dataSource.query(
      `SELECT e.id, u.email FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.cohort_id = $1`,
      [cohortId],
    )) as { id: string; email: string }[];
    const byEmail = new Map(rows.map((r) => [r.email, r.id]));
    enrolment.coach = byEmail.get('coach@example.org')!;
    enrolment.second = byEmail.get('second@nudges.test')!;
    enrolment.withdrawn = byEmail.get('withdrawn@nudges.test')!;
    await t.dataSource.query(`UPDATE enrolments SET status = 'withdrawn' WHERE id = $1`, [
      enrolment.withdrawn,
    ]);
    // Booting the app creates, migrates and seeds a database: slow for PGlite on a busy machine.
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('tells each active coach named once, lists the others with the reason, and audits without the message', async () => {
    const stranger = randomUUID();
    const res = await nudge('trainer', {
      enrolmentIds: [enrolment.coach, enrolment.second, enrolment.withdrawn, stranger, enrolment.coach],
      message: '  Courage, le module 2 vous attend !  ',
    });
    expect(res.status).toBe(200);
    const result = res.body as NudgeResult;
    expect(result.nudgeId).toEqual(expect.any(String));
    expect([...result.nudged].sort()).toEqual([enrolment.coach, enrolment.second].sort());
    expect(result.skipped).toEqual(
      expect.arrayContaining([
        { enrolmentId: enrolment.withdrawn, reason: 'not-active' },
        { enrolmentId: stranger, reason: 'not-in-cohort' },
      ]),
    );
    expect(result.skipped).toHaveLength(2);

    const told = (await t.dataSource.query(
      `SELECT u.email, n.subject_id, n.moment, n.params FROM notifications n JOIN users u ON u.id = n.recipient_id
        WHERE n.kind = 'coach.nudged' AND n.moment = $1 ORDER BY u.email`,
      [result.nudgeId],
    )) as { email: string; subject_id: string; params: Record<string, unknown> }[];
    expect(told.map((n) => [n.email, n.subject_id])).toEqual([
      ['coach@example.org', enrolment.coach],
      ['second@nudges.test', enrolment.second],
    ]);
    expect(told[0]!.params).toEqual({
      cohortId,
      enrolmentId: enrolment.coach,
      message: 'Courage, le module 2 vous attend !',
    });
    // The coach sees it in their own feed.
    const feed = await t.request('GET', '/api/v1/me/notifications?limit=5', { token: tokens['coach'] });
    expect(feed.body.items.map((n: { kind: string }) => n.kind)).toContain('coach.nudged');

    const audit = (await t.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'cohort.nudged' AND subject_id = $1`,
      [cohortId],
    )) as { details: Record<string, unknown> }[];
    expect(audit).toEqual([{ details: { count: 2, skipped: 2 } }]);
    expect(JSON.stringify(audit)).not.toContain('Courage');
  });

  it('skips a coach nudged in this cohort within a day, without a new nudge', async () => {
    const res = await nudge('trainer', { enrolmentIds: [enrolment.coach, enrolment.second] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      nudgeId: null,
      nudged: [],
      skipped: [
        { enrolmentId: enrolment.coach, reason: 'nudged-recently' },
        { enrolmentId: enrolment.second, reason: 'nudged-recently' },
      ],
    });
    const [n] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'coach.nudged' AND subject_id = $1`,
      [enrolment.coach],
    )) as { n: number }[];
    expect(n!.n).toBe(1);
  });

  it('refuses a coach (403), hides the cohort from a trainer elsewhere (404), and validates the body', async () => {
    expect((await nudge('coach', { enrolmentIds: [enrolment.second] })).status).toBe(403);
    expect((await nudge('trainerAway', { enrolmentIds: [enrolment.second] })).status).toBe(404);
    const long = await nudge('trainer', { enrolmentIds: [enrolment.second], message: 'x'.repeat(281) });
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([expect.objectContaining({ field: 'message' })]);
    expect((await nudge('trainer', { enrolmentIds: [] })).status).toBe(400);
    expect((await nudge('trainer', { enrolmentIds: ['not-an-id'] })).status).toBe(400);
  });

  it('caps a trainer’s nudges an hour: 429 with Retry-After', async () => {
    const [trainer] = (await t.dataSource.query(
      `SELECT id FROM users WHERE email = 'trainer@example.org'`,
    )) as {
      id: string;
    }[];
    // The hour's nudges so far (the first test's one), topped up to the cap.
    await t.dataSource.query(
      `INSERT INTO nudges (cohort_id, trainer_id, recipients)
       SELECT $1, $2, 1 FROM generate_series(1, $3 - (SELECT count(*)::int FROM nudges WHERE trainer_id = $2))`,
      [cohortId, trainer!.id, NUDGES_PER_TRAINER_PER_HOUR],
    );
    const res = await nudge('trainer', { enrolmentIds: [enrolment.second] });
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('too-many-requests');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Another person runs the cohort too: their own cap.
    expect((await nudge('admin', { enrolmentIds: [enrolment.withdrawn] })).status).toBe(200);
  });
});
