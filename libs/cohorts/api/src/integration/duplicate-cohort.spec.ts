import type { Cohort } from '@tc/shared/contracts';
import { createTestApp, type TestApp } from '@tc/shared/testing';

describe('duplicating a cohort (real database)', () => {
  let t: TestApp;
  let trainer: string;
  let coach: string;
  let source: Cohort;

  const api = (method: string, url: string, body?: unknown, token = trainer) =>
    t.request(method, url, { token, body });

  beforeAll(async () => {
    t = await createTestApp();
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    coach = (await t.signIn('coach@example.org')).accessToken;
    const courseId = (await api('GET', '/api/v1/courses')).body.find(
      (c: { slug: string }) => c.slug === 'numerique-territoires-ess',
    ).id as string;
    const oriental = (
      (await t.dataSource.query("SELECT id FROM territories WHERE code = 'MA-02'")) as { id: string }[]
    )[0]?.id;
    const created = await api('POST', '/api/v1/cohorts', {
      name: 'Berkane — printemps 2027',
      courseId,
      courseVersion: 1,
      territoryId: oriental,
      startsOn: '2027-03-01',
      endsOn: '2027-06-30',
      deadlines: [
        { moduleKey: 'm1', daysAfterStart: 14 },
        { moduleKey: 'm2', dueOn: '2027-04-15' },
      ],
    });
    expect(created.status).toBe(201);
    source = created.body as Cohort;
    const enrolled = await api('POST', `/api/v1/cohorts/${source.id}/enrolments`, {
      emails: ['coach@example.org'],
    });
    expect(enrolled.status).toBeLessThan(300);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('makes a planned cohort of the same version, territory, dates and deadlines, nobody enrolled', async () => {
    const res = await api('POST', `/api/v1/cohorts/${source.id}/duplicate`, {});
    expect(res.status).toBe(201);
    const copy = res.body as Cohort;
    expect(copy.id).not.toBe(source.id);
    expect(copy).toMatchObject({
      name: 'Berkane — printemps 2027 (copie)',
      courseId: source.courseId,
      courseVersion: source.courseVersion,
      territoryId: source.territoryId,
      startsOn: source.startsOn,
      endsOn: source.endsOn,
      deadlines: source.deadlines,
      status: 'planned',
      enrolledCount: 0,
    });
    expect(copy.joinCode).not.toBe(source.joinCode);
    const rows = (await t.dataSource.query('SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1', [
      copy.id,
    ])) as { n: number }[];
    expect(rows[0]?.n).toBe(0);
    const audit = (await t.dataSource.query(
      "SELECT action FROM audit_log WHERE subject_type = 'cohort' AND subject_id = $1",
      [copy.id],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['cohort.created']);
  });

  it('takes the name the trainer gives, and refuses an empty one naming the field', async () => {
    const named = await api('POST', `/api/v1/cohorts/${source.id}/duplicate`, { name: 'نسخة' });
    expect([named.status, named.body.name]).toEqual([201, 'نسخة']);
    const empty = await api('POST', `/api/v1/cohorts/${source.id}/duplicate`, { name: '' });
    expect(empty.status).toBe(400);
    expect(empty.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(empty.body)).toContain('name');
  });

  it('is refused to a coach and for a cohort that does not exist', async () => {
    expect((await api('POST', `/api/v1/cohorts/${source.id}/duplicate`, {}, coach)).status).toBe(403);
    const missing = await api('POST', '/api/v1/cohorts/00000000-0000-4000-8000-000000000000/duplicate', {});
    expect(missing.status).toBe(404);
  });
});
