import type { Cohort } from '@tc/shared/contracts';
import { createTestApp, type TestApp } from '@tc/shared/testing';

describe('cohorts and enrolment (real database)', () => {
  let t: TestApp;
  let trainer: string;
  let admin: string;
  let coach: string;
  let courseId: string;
  let oriental: string;
  let casablanca: string;
  let cohort: Cohort;

  const api = (
    method: string,
    url: string,
    body?: unknown,
    token = trainer,
    headers?: Record<string, string>,
  ) => t.request(method, url, { token, body, headers });
  const csv = (id: string, text: string, dryRun: boolean) =>
    api('POST', `/api/v1/cohorts/${id}/enrolments/import?dryRun=${dryRun}`, text, trainer, {
      'content-type': 'text/csv; charset=utf-8',
    });
  const count = async (sql: string, params: unknown[] = []) =>
    ((await t.dataSource.query(sql, params)) as { n: number }[])[0]?.n;
  const code = async (c: string) =>
    ((await t.dataSource.query('SELECT id FROM territories WHERE code = $1', [c])) as { id: string }[])[0]
      ?.id as string;
  const userId = async (email: string) =>
    ((await t.dataSource.query('SELECT id FROM users WHERE email = $1', [email])) as { id: string }[])[0]
      ?.id as string;
  let casa: { id: string; token: string } | undefined;
  /** The links of the 1,000-row CSV import's invitations. */
  let csvLinks: { email: string; url: string }[] = [];
  /** A trainer of Casablanca-Settat (invited by the admin, password set), made once. */
  const casablancaTrainer = async () => {
    if (casa) return casa;
    const invited = await api(
      'POST',
      '/api/v1/users/invitations',
      {
        email: 'trainer.casa@example.org',
        displayName: 'Trainer Casa',
        role: 'trainer',
        territoryId: casablanca,
      },
      admin,
    );
    expect(invited.status).toBe(201);
    const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token: (invited.body.link.url as string).split('/').pop(), password: 'casa-trainer-password' },
    });
    casa = { id: invited.body.user.id as string, token: accepted.body.accessToken as string };
    return casa;
  };

  beforeAll(async () => {
    t = await createTestApp();
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    admin = (await t.signIn('admin@example.org')).accessToken;
    coach = (await t.signIn('coach@example.org')).accessToken;
    courseId = (await api('GET', '/api/v1/courses')).body.find(
      (c: { slug: string }) => c.slug === 'numerique-territoires-ess',
    ).id;
    oriental = await code('MA-02');
    casablanca = await code('MA-06');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a trainer opens a cohort of a published version in their territory, with a join code', async () => {
    const res = await api('POST', '/api/v1/cohorts', {
      name: 'Oujda — hiver 2027',
      courseId,
      courseVersion: 1,
      territoryId: oriental,
      startsOn: '2027-01-10',
      endsOn: '2027-03-31',
      deadlines: [
        { moduleKey: 'm1', daysAfterStart: 14 },
        { moduleKey: 'm2', dueOn: '2027-02-15' },
      ],
    });
    expect(res.status).toBe(201);
    cohort = res.body;
    expect(cohort).toMatchObject({
      status: 'planned',
      courseVersion: 1,
      enrolledCount: 0,
      trainers: [{ displayName: 'Youssef Benali' }],
    });
    expect(cohort.joinCode).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    expect(cohort.modules.slice(0, 3).map((m) => m.dueOn)).toEqual(['2027-01-24', '2027-02-15', null]);

    const outside = await api('POST', '/api/v1/cohorts', {
      ...res.body,
      name: 'x',
      deadlines: [],
      territoryId: casablanca,
      trainerIds: undefined,
      id: undefined,
    });
    expect(outside.status).toBe(400); // unknown fields (id, status…) are refused before anything else
    const outside2 = await api('POST', '/api/v1/cohorts', {
      name: 'Casa',
      courseId,
      courseVersion: 1,
      territoryId: casablanca,
      startsOn: '2027-01-10',
      endsOn: '2027-03-31',
    });
    expect(outside2.status).toBe(403);
    const badVersion = await api('POST', '/api/v1/cohorts', {
      name: 'V9',
      courseId,
      courseVersion: 9,
      territoryId: oriental,
      startsOn: '2027-01-10',
      endsOn: '2027-03-31',
    });
    expect(badVersion.status).toBe(422);
    expect(badVersion.body.errors[0].field).toBe('courseVersion');
    const badDeadline = await api('POST', '/api/v1/cohorts', {
      name: 'D',
      courseId,
      courseVersion: 1,
      territoryId: oriental,
      startsOn: '2027-01-10',
      endsOn: '2027-03-31',
      deadlines: [{ moduleKey: 'nope', daysAfterStart: 3 }],
    });
    expect(badDeadline.body.errors[0].field).toBe('deadlines[0].moduleKey');
  });

  it('keeps a trainer of L’Oriental out of a Casablanca-Settat cohort', async () => {
    const casa = await api(
      'POST',
      '/api/v1/cohorts',
      {
        name: 'Casa',
        courseId,
        courseVersion: 1,
        territoryId: casablanca,
        startsOn: '2027-01-10',
        endsOn: '2027-03-31',
      },
      admin,
    );
    expect(casa.status).toBe(201);
    const list = await api('GET', '/api/v1/cohorts');
    expect(list.body.map((c: { name: string }) => c.name)).toEqual(['Oujda — hiver 2027']);
    expect((await api('GET', `/api/v1/cohorts/${casa.body.id}`)).status).toBe(404);
    expect((await api('GET', `/api/v1/cohorts/${casa.body.id}/roster`)).status).toBe(404);
    expect(
      (await api('POST', `/api/v1/cohorts/${casa.body.id}/enrolments`, { emails: ['x@y.ma'] })).status,
    ).toBe(404);
    expect((await api('GET', '/api/v1/cohorts', undefined, admin)).body).toHaveLength(2);
    expect((await api('GET', '/api/v1/cohorts', undefined, coach)).status).toBe(403);
  });

  it('takes as trainers of a cohort only people whose trainer role covers its territory', async () => {
    const casa = await casablancaTrainer();
    const base = {
      name: 'Oujda — trainers',
      courseId,
      courseVersion: 1,
      territoryId: oriental,
      startsOn: '2027-01-10',
      endsOn: '2027-03-31',
    };
    const created = await api('POST', '/api/v1/cohorts', { ...base, trainerIds: [casa.id] });
    expect(created.status).toBe(400);
    expect(created.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(created.body.errors).toEqual([
      { field: 'trainerIds', message: expect.stringContaining(casa.id), code: 'not-trainer-of-territory' },
    ]);
    // Not a trainer at all: the same refusal, each id named.
    const coachId = await userId('coach@example.org');
    const two = await api('POST', '/api/v1/cohorts', { ...base, trainerIds: [casa.id, coachId] });
    expect(two.status).toBe(400);
    expect(two.body.errors[0].message).toContain(coachId);
    expect(two.body.errors[0].message).toContain(casa.id);
    expect(await count(`SELECT count(*)::int AS n FROM cohorts WHERE name = 'Oujda — trainers'`)).toBe(0);

    const updated = await api('PATCH', `/api/v1/cohorts/${cohort.id}`, {
      trainerIds: [await userId('trainer@example.org'), casa.id],
    });
    expect(updated.status).toBe(400);
    expect(updated.body.errors).toEqual([
      { field: 'trainerIds', message: expect.stringContaining(casa.id), code: 'not-trainer-of-territory' },
    ]);
    expect((await api('GET', `/api/v1/cohorts/${cohort.id}`)).body.trainers).toEqual([
      expect.objectContaining({ displayName: 'Youssef Benali' }),
    ]);

    // A trainer listed on a cohort their role does not cover (a territory moved, a role revoked)
    // still reads nothing of it.
    await t.dataSource.query('INSERT INTO cohort_trainers (cohort_id, user_id) VALUES ($1, $2)', [
      cohort.id,
      casa.id,
    ]);
    expect((await api('GET', `/api/v1/cohorts/${cohort.id}/roster`, undefined, casa.token)).status).toBe(404);
    expect((await api('GET', `/api/v1/cohorts/${cohort.id}`, undefined, casa.token)).status).toBe(404);
    const listed = (await api('GET', '/api/v1/cohorts', undefined, casa.token)).body;
    expect(listed.map((c: { id: string }) => c.id)).not.toContain(cohort.id);
    await t.dataSource.query('DELETE FROM cohort_trainers WHERE cohort_id = $1 AND user_id = $2', [
      cohort.id,
      casa.id,
    ]);
  });

  it('enrols by e-mail: coaches of the territory now, new people invited; twice changes nothing', async () => {
    const first = await api('POST', `/api/v1/cohorts/${cohort.id}/enrolments`, {
      // An override or a zero-width space passes validator.js's e-mail rule, and would show in a
      // roster as another address (was: invited, stored as typed).
      emails: [
        'coach@example.org',
        ' New.Person@Coop.ma ',
        'not an email',
        'a\u202Eexe.pdf@x.org',
        'a\u200Bb@x.org',
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body.enrolled).toEqual(['coach@example.org']);
    expect(first.body.invalid).toEqual(['not an email', 'a\u202Eexe.pdf@x.org', 'a\u200Bb@x.org']);
    expect(first.body.invited).toEqual([
      expect.objectContaining({
        email: 'new.person@coop.ma',
        emailed: false,
        url: expect.stringMatching(/\/links\//),
      }),
    ]);
    const again = await api('POST', `/api/v1/cohorts/${cohort.id}/enrolments`, {
      emails: ['coach@example.org', 'new.person@coop.ma'],
    });
    expect(again.body).toMatchObject({
      enrolled: [],
      invited: [],
      alreadyEnrolled: ['coach@example.org'],
      alreadyInvited: ['new.person@coop.ma'],
    });
    // Invited is not enrolled yet: no enrolment, no role until the invitation is accepted.
    const enrolments = () =>
      count('SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1', [cohort.id]);
    expect(await enrolments()).toBe(1);
    const newPerson = await userId('new.person@coop.ma');
    expect(
      await count('SELECT count(*)::int AS n FROM role_assignments WHERE user_id = $1', [newPerson]),
    ).toBe(0);

    // The invitee accepts the link and finds the course waiting.
    const token = (first.body.invited[0].url as string).split('/').pop();
    const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token, password: 'a-new-coach-password' },
    });
    expect(accepted.body.me.roles).toEqual([
      expect.objectContaining({ role: 'coach', territoryId: oriental }),
    ]);
    const mine = await t.request('GET', '/api/v1/me/enrolments', { token: accepted.body.accessToken });
    expect(mine.body).toEqual([
      expect.objectContaining({ cohortName: 'Oujda — hiver 2027', lessonsDone: 0, lessonsTotal: 17 }),
    ]);
    expect(await enrolments()).toBe(2);
  });

  it('invites, never enrols at once, an account the territory does not cover as a coach, answering as for a new address; it joins on accepting', async () => {
    await casablancaTrainer();
    const opened = async (name: string) =>
      (
        await api('POST', '/api/v1/cohorts', {
          name,
          courseId,
          courseVersion: 1,
          territoryId: oriental,
          startsOn: '2027-01-10',
          endsOn: '2027-03-31',
        })
      ).body as Cohort;
    const byList = await opened('Oujda — invitations');
    const byCsv = await opened('Oujda — invitations CSV');
    const accounts = ['admin@example.org', 'observer@example.org', 'trainer.casa@example.org'];
    const ids = await Promise.all(accounts.map(userId));
    const roles = () =>
      t.dataSource.query(
        'SELECT user_id, role, territory_id FROM role_assignments WHERE user_id = ANY($1) ORDER BY 1, 2, 3',
        [ids],
      );
    const rolesBefore = await roles();
    const enrolmentsIn = (c: Cohort) =>
      count('SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1', [c.id]);
    type Invited = { email: string; url: string; emailed: boolean; expiresAt: string };
    /** What the trainer can tell one invitation from another by, the token aside. */
    const shape = (i: Invited) => ({
      keys: Object.keys(i).sort(),
      url: i.url.replace(/[^/]+$/, ''),
      tokenLength: i.url.split('/').pop()?.length,
      emailed: i.emailed,
      expiresInMinutes: Math.round((Date.parse(i.expiresAt) - Date.now()) / 60_000),
    });
    const tokenOf = (invited: Invited[], email: string) =>
      invited
        .find((i) => i.email === email)
        ?.url.split('/')
        .pop() as string;

    const listed = await api('POST', `/api/v1/cohorts/${byList.id}/enrolments`, {
      emails: [...accounts, 'brand.new@coop.ma'],
    });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ enrolled: [], alreadyEnrolled: [], alreadyInvited: [], invalid: [] });
    const invited = listed.body.invited as Invited[];
    expect(invited.map((i) => i.email)).toEqual([
      'admin@example.org',
      'brand.new@coop.ma',
      'observer@example.org',
      'trainer.casa@example.org',
    ]);
    const brandNew = shape(invited[1] as Invited);
    expect(invited.map(shape)).toEqual([brandNew, brandNew, brandNew, brandNew]);

    const csvFile = [
      'email;full name;territory code',
      'observer@example.org;Quelqu’un;MA-02',
      'trainer.casa@example.org;Formateur;MA-06',
      'csv.new@coop.ma;Nouveau;MA-BER',
    ].join('\n');
    const imported = await csv(byCsv.id, csvFile, false);
    expect(imported.status).toBe(200);
    expect(imported.body.result).toMatchObject({ enrolled: [], alreadyEnrolled: [], alreadyInvited: [] });
    expect((imported.body.result.invited as Invited[]).map(shape)).toEqual([brandNew, brandNew, brandNew]);

    // No role granted, no enrolment, no account's name on the roster: the addresses as invited.
    expect(await roles()).toEqual(rolesBefore);
    expect(await enrolmentsIn(byList)).toBe(0);
    expect(await enrolmentsIn(byCsv)).toBe(0);
    const roster = (await api('GET', `/api/v1/cohorts/${byList.id}/roster`)).body;
    expect(roster.rows).toEqual([]);
    expect(roster.invitations.map((i: { email: string; name: string | null }) => [i.email, i.name])).toEqual([
      ['admin@example.org', null],
      ['brand.new@coop.ma', null],
      ['observer@example.org', null],
      ['trainer.casa@example.org', null],
    ]);
    const csvRoster = (await api('GET', `/api/v1/cohorts/${byCsv.id}/roster`)).body;
    expect(csvRoster.invitations.map((i: { name: string }) => i.name)).toEqual([
      'Nouveau',
      'Quelqu’un',
      'Formateur',
    ]);
    expect(JSON.stringify([roster, csvRoster])).not.toMatch(/Nadia|Karim|Trainer Casa/);

    // Asked again: the same answer for accounts and new addresses.
    const again = await api('POST', `/api/v1/cohorts/${byList.id}/enrolments`, {
      emails: [...accounts, 'brand.new@coop.ma'],
    });
    expect(again.body).toMatchObject({ enrolled: [], invited: [], alreadyEnrolled: [] });
    expect(again.body.alreadyInvited).toHaveLength(4);

    // An existing account's link sets no password, and its holder is not told the account's name.
    const adminLink = tokenOf(invited, 'admin@example.org');
    expect((await t.request('GET', `/api/v1/auth/links/${adminLink}`)).body).toMatchObject({
      purpose: 'enrolment',
      email: 'admin@example.org',
      displayName: '',
    });
    const takeover = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token: adminLink, password: 'taken-over-password-2026' },
    });
    expect(takeover.status).toBe(409);
    expect(
      (
        await t.request('POST', '/api/v1/auth/sign-in', {
          body: { email: 'admin@example.org', password: 'taken-over-password-2026' },
        })
      ).status,
    ).toBe(401);

    // The observer, signed in, sees the invitation and accepts it: enrolled, and the coach role of the
    // cohort's territory granted then, audited as the trainer's grant.
    const observer = (await t.signIn('observer@example.org')).accessToken;
    const observerLink = tokenOf(invited, 'observer@example.org');
    const seen = await api('GET', `/api/v1/me/cohort-invitations/${observerLink}`, undefined, observer);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      cohortId: byList.id,
      cohortName: 'Oujda — invitations',
      email: 'observer@example.org',
    });
    // Someone else holding the link (the trainer, given it back) cannot accept it for themself.
    expect((await api('GET', `/api/v1/me/cohort-invitations/${observerLink}`)).status).toBe(403);
    expect((await api('POST', '/api/v1/me/cohort-invitations/accept', { token: observerLink })).status).toBe(
      403,
    );
    const [{ id: since }] = (await t.dataSource.query(
      'SELECT coalesce(max(id), 0)::text AS id FROM audit_log',
    )) as { id: string }[];
    const accepted = await api(
      'POST',
      '/api/v1/me/cohort-invitations/accept',
      { token: observerLink },
      observer,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ cohortId: byList.id, status: 'active' });
    const observerId = ids[1] as string;
    const [grant] = (await t.dataSource.query(
      `SELECT id FROM role_assignments WHERE user_id = $1 AND role = 'coach' AND territory_id = $2`,
      [observerId, oriental],
    )) as { id: string }[];
    expect(
      await t.dataSource.query(
        `SELECT actor_id, action, subject_id, territory_id, details FROM audit_log WHERE id > $1::bigint`,
        [since],
      ),
    ).toEqual([
      {
        actor_id: await userId('trainer@example.org'),
        action: 'role.granted',
        subject_id: observerId,
        territory_id: oriental,
        details: { role: 'coach', assignmentId: grant?.id, via: 'enrolment', cohortId: byList.id },
      },
    ]);
    const after = (await api('GET', `/api/v1/cohorts/${byList.id}/roster`)).body;
    expect(after.rows).toEqual([
      expect.objectContaining({ displayName: 'Karim Tazi', enrolmentStatus: 'active' }),
    ]);
    expect(after.invitations.map((i: { email: string }) => i.email)).not.toContain('observer@example.org');
    const twice = await api(
      'POST',
      '/api/v1/me/cohort-invitations/accept',
      { token: observerLink },
      observer,
    );
    expect(twice.status).toBe(410);

    // The new address chooses a password and is in the cohort too.
    const fresh = await t.request('POST', '/api/v1/auth/links/accept', {
      body: { token: tokenOf(invited, 'brand.new@coop.ma'), password: 'brand-new-password-2026' },
    });
    expect(fresh.status).toBe(200);
    expect((await t.request('GET', '/api/v1/me/enrolments', { token: fresh.body.accessToken })).body).toEqual(
      [expect.objectContaining({ cohortId: byList.id, status: 'active' })],
    );

    // Taken back before it is accepted: the link stops working.
    const adminInvitation = after.invitations.find((i: { email: string }) => i.email === 'admin@example.org');
    expect(
      (await api('DELETE', `/api/v1/cohorts/${byList.id}/invitations/${adminInvitation.id}`)).status,
    ).toBe(204);
    expect((await t.request('GET', `/api/v1/auth/links/${adminLink}`)).status).toBe(410);
    expect((await api('GET', `/api/v1/cohorts/${byList.id}/roster`)).body.invitations).toHaveLength(1);
  });

  it('joins with the code (idempotent); a regenerated code retires the old one; switched off, no one joins', async () => {
    const observer = (await t.signIn('observer@example.org')).accessToken;
    const joined = await api(
      'POST',
      '/api/v1/cohorts/join',
      { code: cohort.joinCode!.toLowerCase() },
      observer,
    );
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ cohortId: cohort.id, status: 'active' });
    expect(
      (await api('POST', '/api/v1/cohorts/join', { code: cohort.joinCode }, observer)).body.enrolmentId,
    ).toBe(joined.body.enrolmentId);

    const regenerated = await api('PATCH', `/api/v1/cohorts/${cohort.id}`, { joinCode: true });
    expect(regenerated.body.joinCode).not.toBe(cohort.joinCode);
    const old = await api('POST', '/api/v1/cohorts/join', { code: cohort.joinCode }, observer);
    expect(old.status).toBe(404);
    expect(old.body.errors[0].field).toBe('code');
    const off = await api('PATCH', `/api/v1/cohorts/${cohort.id}`, { joinCode: false });
    expect(off.body.joinCode).toBeNull();
    cohort = (await api('PATCH', `/api/v1/cohorts/${cohort.id}`, { joinCode: true })).body;
  });

  it('imports a CSV all or nothing: one bad row among 1,000 imports nothing and names its line', async () => {
    const header = 'email;full name;territory code;preferred language';
    const rows = Array.from(
      { length: 1000 },
      (_, i) => `coach${i}@coop.ma;Coach ${i};MA-BER;${['fr', 'ar', 'en'][i % 3]}`,
    );
    rows[499] = 'coach499@coop.ma;Coach 499;MA-XYZ;fr'; // line 501
    const before = await count('SELECT count(*)::int AS n FROM users');

    const dry = await csv(cohort.id, [header, ...rows].join('\n'), true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      rows: 1000,
      valid: 999,
      problems: [
        {
          line: 501,
          field: 'territoryCode',
          message: 'Unknown territory code "MA-XYZ"',
          code: 'territory-code-unknown',
          params: { value: 'MA-XYZ' },
        },
      ],
    });

    const refused = await csv(cohort.id, [header, ...rows].join('\n'), false);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'csv-invalid', params: { count: 1 } });
    expect(refused.body.errors).toEqual([
      {
        field: 'line 501: territoryCode',
        message: 'Unknown territory code "MA-XYZ"',
        code: 'territory-code-unknown',
        params: { value: 'MA-XYZ', line: 501 },
      },
    ]);
    expect(await count('SELECT count(*)::int AS n FROM users')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1', [cohort.id])).toBe(
      3,
    );

    rows[499] = 'coach499@coop.ma;Coach 499;MA-NAD;fr';
    const committed = await csv(cohort.id, '\uFEFF' + [header, ...rows].join('\r\n'), false);
    expect(committed.status).toBe(200);
    expect(committed.body.result.invited).toHaveLength(1000);
    csvLinks = committed.body.result.invited;
    // Invited, not enrolled until each accepts.
    expect(await count('SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1', [cohort.id])).toBe(
      3,
    );
    expect(
      await count(
        'SELECT count(*)::int AS n FROM enrolment_invitations WHERE cohort_id = $1 AND accepted_at IS NULL',
        [cohort.id],
      ),
    ).toBe(1000);
    const arabic = await t.dataSource.query(
      `SELECT preferred_language, t.code FROM users u JOIN territories t ON t.id = u.territory_id WHERE email = 'coach1@coop.ma'`,
    );
    expect(arabic).toEqual([{ preferred_language: 'ar', code: 'MA-BER' }]);

    const replay = await csv(cohort.id, [header, ...rows].join('\n'), false);
    expect(replay.body.result).toMatchObject({ enrolled: [], invited: [], alreadyEnrolled: [] });
    expect(replay.body.result.alreadyInvited).toHaveLength(1000);
  });

  it('reports bad e-mails, duplicates and unknown territories in a dry run, touching nothing', async () => {
    const report = await csv(
      cohort.id,
      'email,full name,territory code\nok@coop.ma,Ok,MA-02\nbad-mail,X,MA-02\nok@coop.ma,Again,MA-02\nz@coop.ma,Z,ZZ-99\n',
      true,
    );
    expect(report.body.problems.map((p: { line: number; field: string }) => `${p.line}:${p.field}`)).toEqual([
      '3:email',
      '4:email',
      '5:territoryCode',
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM users WHERE email = 'ok@coop.ma'`)).toBe(0);
    const notCsv = await api('POST', `/api/v1/cohorts/${cohort.id}/enrolments/import?dryRun=true`, {
      rows: [],
    });
    expect(notCsv.status).toBe(415);
    const noFlag = await csv(cohort.id, 'email,full name,territory code\n', undefined as unknown as boolean);
    expect(noFlag.status).toBe(400);
  });

  it('builds the roster from progress rows: done/total, last activity, overdue modules; sorts, filters, exports CSV safely', async () => {
    const enrolment = (await t.dataSource.query(
      `SELECT e.id FROM enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = 'coach@example.org' AND e.cohort_id = $1`,
      [cohort.id],
    )) as { id: string }[];
    // Module m1's three text lessons done, its quiz not; one m2 lesson started only.
    for (const [key, done] of [
      ['m1-l1', true],
      ['m1-l2', true],
      ['m1-l3', true],
      ['m2-l1', false],
    ] as const) {
      await t.dataSource.query(
        `INSERT INTO lesson_progress (enrolment_id, lesson_key, started_at, completed_at, last_activity_at) VALUES ($1, $2, '2027-01-12', $3, '2027-01-20T10:00:00Z')`,
        [enrolment[0]?.id, key, done ? '2027-01-13' : null],
      );
    }
    // coach1 accepts the CSV's invitation, then names themself with a formula.
    const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
      body: {
        token: csvLinks
          .find((i) => i.email === 'coach1@coop.ma')
          ?.url.split('/')
          .pop(),
        password: 'coach-one-password',
      },
    });
    expect(accepted.status).toBe(200);
    await t.dataSource.query(
      `UPDATE users SET display_name = '=HYPERLINK("http://evil")' WHERE email = 'coach1@coop.ma'`,
    );

    const roster = await api('GET', `/api/v1/cohorts/${cohort.id}/roster?sort=progress&order=desc`);
    expect(roster.status).toBe(200);
    expect(roster.body.total).toBe(4);
    expect(roster.body.invitations).toHaveLength(999);
    const top = roster.body.rows[0];
    expect(top).toMatchObject({
      email: 'coach@example.org',
      lessonsDone: 3,
      lessonsTotal: 17,
      lastActivityAt: '2027-01-20T10:00:00.000Z',
      accountStatus: 'active',
    });
    // Today (2026) is before every deadline: nothing overdue yet…
    expect(top.overdueModules).toEqual([]);
    // …but with deadlines in the past, m1 (quiz missing) and m2 are overdue.
    await api('PATCH', `/api/v1/cohorts/${cohort.id}`, {
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      deadlines: [
        { moduleKey: 'm1', daysAfterStart: 10 },
        { moduleKey: 'm2', dueOn: '2026-02-01' },
      ],
    });
    const overdue = await api('GET', `/api/v1/cohorts/${cohort.id}/roster?overdue=true&q=coach@example`);
    expect(overdue.body.rows).toEqual([
      expect.objectContaining({ email: 'coach@example.org', overdueModules: ['m1', 'm2'] }),
    ]);
    const invited = (await api('GET', `/api/v1/cohorts/${cohort.id}/roster?q=coach7@`)).body;
    expect(invited.rows).toEqual([]);
    expect(invited.invitations.find((i: { email: string }) => i.email === 'coach7@coop.ma')).toMatchObject({
      name: 'Coach 7',
      expired: false,
    });

    const exported = await api('GET', `/api/v1/cohorts/${cohort.id}/roster?format=csv&q=coach1@coop`);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    const lines = (exported.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Nom;Adresse e-mail;Territoire;Compte;Inscription;/);
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)";coach1@coop\.ma;[^;]*;Actif;Inscrit·e;/);
  });

  it('withdraws a coach but keeps their history; a coach sees only their own enrolments', async () => {
    const row = (await api('GET', `/api/v1/cohorts/${cohort.id}/roster?q=coach@example`)).body.rows[0];
    expect(
      (await api('POST', `/api/v1/cohorts/${cohort.id}/enrolments/${row.enrolmentId}/withdraw`)).status,
    ).toBe(204);
    const after = (await api('GET', `/api/v1/cohorts/${cohort.id}/roster?status=withdrawn`)).body.rows;
    expect(after).toEqual([
      expect.objectContaining({
        email: 'coach@example.org',
        enrolmentStatus: 'withdrawn',
        lessonsDone: 3,
        overdueModules: [],
      }),
    ]);
    const mine = await api('GET', '/api/v1/me/enrolments', undefined, coach);
    expect(mine.body).toEqual([
      expect.objectContaining({ cohortId: cohort.id, status: 'withdrawn', lessonsDone: 3 }),
    ]);
    expect(JSON.stringify(mine.body)).not.toMatch(/@coop\.ma/);
    // Enrolling again reactivates, progress intact.
    const again = await api('POST', `/api/v1/cohorts/${cohort.id}/enrolments`, {
      emails: ['coach@example.org'],
    });
    expect(again.body.enrolled).toEqual(['coach@example.org']);
    expect((await api('GET', '/api/v1/me/enrolments', undefined, coach)).body[0]).toMatchObject({
      status: 'active',
      lessonsDone: 3,
    });
  });

  it('moves to a newer version explicitly, says what changed, keeps completed lessons', async () => {
    const draft = (await api('GET', `/api/v1/courses/${courseId}`)).body;
    const m1 = draft.modules[0];
    await api('PATCH', `/api/v1/courses/${courseId}/lessons/${m1.lessons[1].id}`, {
      body: { fr: 'Texte revu.' },
    });
    await api('DELETE', `/api/v1/courses/${courseId}/lessons/${m1.lessons[2].id}`);
    await api('POST', `/api/v1/courses/${courseId}/modules/${m1.id}/lessons`, {
      kind: 'text',
      title: { fr: 'Nouveau' },
      body: { fr: 'Neuf.' },
    });
    expect((await api('POST', `/api/v1/courses/${courseId}/publish`)).body.number).toBe(2);
    expect((await api('GET', `/api/v1/cohorts/${cohort.id}`)).body.newerVersions).toEqual([2]);

    // First what would change, and for whom: lessons counted as lessons, nothing moved yet.
    const preview = await api('GET', `/api/v1/cohorts/${cohort.id}/upgrade-preview?version=2`);
    expect(preview.status).toBe(200);
    const [{ n: active }] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1 AND status = 'active'`,
      [cohort.id],
    )) as { n: number }[];
    expect(preview.body).toMatchObject({
      from: 1,
      to: 2,
      coaches: active,
      // Nobody finished all 17 lessons; the coach did m1-l3, which v2 removes.
      finished: 0,
      losingLessons: 1,
      deadlinesDropped: [],
      changes: {
        added: [expect.objectContaining({ moduleKey: m1.key, moduleTitle: m1.title })],
        removed: [expect.objectContaining({ key: 'm1-l3', moduleKey: 'm1' })],
        changed: [expect.objectContaining({ key: 'm1-l2' })],
        modulesAdded: [],
        modulesRemoved: [],
      },
    });
    expect((await api('GET', `/api/v1/cohorts/${cohort.id}`)).body.courseVersion).toBe(1);
    expect((await api('GET', `/api/v1/cohorts/${cohort.id}/upgrade-preview?version=1`)).status).toBe(422);
    expect((await api('GET', `/api/v1/cohorts/${cohort.id}/upgrade-preview?version=9`)).status).toBe(422);
    expect(
      (await api('GET', `/api/v1/cohorts/${cohort.id}/upgrade-preview?version=2`, undefined, coach)).status,
    ).toBe(403);

    const upgraded = await api('POST', `/api/v1/cohorts/${cohort.id}/upgrade`, { version: 2 });
    expect(upgraded.status).toBe(200);
    expect(upgraded.body.cohort.courseVersion).toBe(2);
    expect(upgraded.body.changes.removed.map((l: { key: string }) => l.key)).toEqual(['m1-l3']);
    expect(upgraded.body.changes.changed.map((l: { key: string }) => l.key)).toEqual(['m1-l2']);
    expect(upgraded.body.changes.added).toHaveLength(1);
    expect(upgraded.body.changes.modulesAdded).toEqual([]);
    const row = (await api('GET', `/api/v1/cohorts/${cohort.id}/roster?q=coach@example`)).body.rows[0];
    expect(row).toMatchObject({ lessonsDone: 2, lessonsTotal: 17 }); // m1-l3 is gone from v2; m1-l1 and m1-l2 stay done
    expect((await api('POST', `/api/v1/cohorts/${cohort.id}/upgrade`, { version: 1 })).status).toBe(422);
  });
});

describe('join codes: ten tries per person in 15 minutes (real database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the 11th try with a 429 problem and Retry-After, and a right code after it; others still join', async () => {
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const courseId = (
      (await t.request('GET', '/api/v1/courses', { token: trainer })).body as { id: string; slug: string }[]
    ).find((c) => c.slug === 'numerique-territoires-ess')?.id;
    const [oriental] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-02'`)) as {
      id: string;
    }[];
    const cohort = await t.request('POST', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'Oujda — codes',
        courseId,
        courseVersion: 1,
        territoryId: oriental?.id,
        startsOn: '2027-01-10',
        endsOn: '2027-03-31',
      },
    });
    const rightCode = cohort.body.joinCode as string;
    const wrongCode = rightCode === 'ABCDEFGH23' ? 'ABCDEFGH24' : 'ABCDEFGH23';
    const join = (token: string, code: string) =>
      t.request('POST', '/api/v1/cohorts/join', { token, body: { code } });

    const guesser = (await t.signIn('observer@example.org')).accessToken;
    const tries: number[] = [];
    for (let i = 0; i < 10; i++) tries.push((await join(guesser, wrongCode)).status);
    expect(tries).toEqual(Array.from({ length: 10 }, () => 404));
    const eleventh = await join(guesser, wrongCode);
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(eleventh.body.type).toMatch(/too-many-attempts$/);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(eleventh.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // The right code waits too (once the limit is reached, the answers tell nothing more).
    const right = await join(guesser, rightCode);
    expect(right.status).toBe(429);
    // The limit is the person's, not the cohort's or the address's: another person joins at once.
    const coach = (await t.signIn('coach@example.org')).accessToken;
    expect((await join(coach, rightCode)).status).toBe(200);
    const joined: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM enrolments e JOIN users u ON u.id = e.user_id
        WHERE e.cohort_id = $1 AND u.email = 'observer@example.org'`,
      [cohort.body.id],
    );
    expect(joined[0]?.n).toBe(0);
  });
});
