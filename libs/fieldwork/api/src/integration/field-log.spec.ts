import { randomUUID } from 'node:crypto';
import type {
  FieldComment,
  MaturityCheck,
  OrganisationList,
  OrganisationLog,
  SavedOrganisation,
  SupervisedCoachList,
  Visit,
} from '@tc/shared/contracts';
import { createTestApp, invitedPerson, type TestApp } from '@tc/shared/testing';

const PASSWORD = 'fieldwork-password-2026';

const ANSWERS = {
  'online-profile': 3,
  findable: 2,
  'sells-online': 1,
  marketplaces: 0,
  'accepts-digital-payment': 3,
  'uses-mobile-money': 3,
  'digital-accounts': 0,
  'stock-and-members': 0,
  'social-media': 2,
  'customer-messaging': 2,
  'meetings-and-decisions': 1,
  'shared-documents': 2,
};

describe("the field log's API: organisations, checks, visits, milestones, shares (real database)", () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let berkane: string;
  let oriental: string;
  let saidia: string;
  let courseId: string;
  let lessonKey: string;

  const as = (who: string, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: tokens[who] as string, ...(body !== undefined ? { body } : {}) });
  const orgUrl = (id: string) => `/api/v1/fieldwork/organisations/${id}`;
  const organisation = (over: Record<string, unknown> = {}) => ({
    name: 'Coopérative Al Amal',
    kind: 'cooperative',
    sector: 'argan',
    territoryId: berkane,
    foundedYear: 2012,
    members: 24,
    womenMembers: 20,
    womenLed: true,
    youthLed: false,
    ...over,
  });
  const register = async (who: string, over: Record<string, unknown> = {}): Promise<SavedOrganisation> => {
    const id = randomUUID();
    const res = await as(who, 'PUT', orgUrl(id), { id, ...organisation(over) });
    expect(res.status).toBe(201);
    return res.body as SavedOrganisation;
  };
  const told = async (kind: string, subjectId: string) =>
    (
      (await t.dataSource.query(
        `SELECT n.recipient_id, n.params FROM notifications n WHERE n.kind = $1 AND n.subject_id = $2
          ORDER BY n.created_at, n.recipient_id`,
        [kind, subjectId],
      )) as { recipient_id: string; params: Record<string, unknown> }[]
    ).map((n) => ({ to: n.recipient_id, name: n.params['organisationName'] }));

  beforeAll(async () => {
    t = await createTestApp();
    for (const [who, email] of [
      ['coach', 'coach@example.org'],
      ['trainer', 'trainer@example.org'],
      ['admin', 'admin@example.org'],
      ['observer', 'observer@example.org'],
    ] as const) {
      const session = await t.signIn(email);
      tokens[who] = session.accessToken;
    }
    const codes = (await t.dataSource.query(
      `SELECT id, code FROM territories WHERE code IN ('MA-BER', 'MA-02', 'MA-01')`,
    )) as { id: string; code: string }[];
    const byCode = new Map(codes.map((c) => [c.code, c.id]));
    berkane = byCode.get('MA-BER')!;
    oriental = byCode.get('MA-02')!;
    const tanger = byCode.get('MA-01')!;
    const commune = await as('admin', 'POST', '/api/v1/territories', {
      parentId: berkane,
      level: 'commune',
      code: null,
      name: { fr: 'Saïdia', ar: 'السعيدية', en: 'Saidia' },
    });
    expect(commune.status).toBe(201);
    saidia = commune.body.id;
    const invite = async (who: string, role: string, territoryId: string) => {
      tokens[who] = await invitedPerson(
        t,
        tokens['admin']!,
        {
          email: `${who}@fieldwork.test`,
          displayName: `Fieldwork ${who}`,
          role: role as 'coach',
          territoryId,
        },
        PASSWORD,
      );
    };
    await invite('coach2', 'coach', oriental);
    await invite('farCoach', 'coach', tanger);
    await invite('farTrainer', 'trainer', tanger);
    await invite('farAdmin', 'admin', tanger);
    const people = (await t.dataSource.query(
      `SELECT id, email FROM users WHERE email IN ('coach@example.org', 'coach2@fieldwork.test', 'farcoach@fieldwork.test')`,
    )) as { id: string; email: string }[];
    for (const p of people)
      ids[p.email.startsWith('coach@') ? 'coach' : p.email.startsWith('coach2') ? 'coach2' : 'farCoach'] =
        p.id;

    const courses = (await as('trainer', 'GET', '/api/v1/courses?scope=published')).body as { id: string }[];
    courseId = courses[0]!.id;
    const [version] = (await t.dataSource.query(
      `SELECT content FROM course_versions WHERE course_id = $1 AND number = 1`,
      [courseId],
    )) as { content: { modules: { lessons: { key: string }[] }[] } }[];
    lessonKey = version!.content.modules[0]!.lessons[0]!.key;
    const cohort = async (trainer: string, territoryId: string, email: string) => {
      const res = await as(trainer, 'POST', '/api/v1/cohorts', {
        name: `Terrain ${trainer}`,
        courseId,
        courseVersion: 1,
        territoryId,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      });
      expect(res.status).toBe(201);
      const enrolled = await as(trainer, 'POST', `/api/v1/cohorts/${res.body.id}/enrolments`, {
        emails: [email],
      });
      expect(enrolled.status).toBeLessThan(300);
    };
    await cohort('trainer', oriental, 'coach@example.org');
    await cohort('farTrainer', tanger, 'farcoach@fieldwork.test');
    // Booting the app creates, migrates and seeds a database: slow for PGlite on a busy machine.
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('registers an organisation; a resend answers as the first did; an id held by another coach is a conflict', async () => {
    const id = randomUUID();
    const body = { id, ...organisation({ name: '  Coopérative  Tifawt ', territoryId: saidia }) };
    const first = await as('coach', 'PUT', orgUrl(id), body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      organisation: {
        id,
        name: 'Coopérative  Tifawt',
        territoryId: saidia,
        territoryName: 'Saïdia, Berkane',
        coach: { id: ids['coach'], name: 'Salma Ouazzani' },
        access: 'owner',
        sharedWith: [],
        firstScore: null,
        visits: 0,
        lastVisitOn: null,
        consentNotedAt: null,
      },
      likelyDuplicates: [],
    });
    const again = await as('coach', 'PUT', orgUrl(id), body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(
      await t.dataSource.query('SELECT count(*)::int AS n FROM field_organisations WHERE id = $1', [id]),
    ).toEqual([{ n: 1 }]);

    const taken = await as('coach2', 'PUT', orgUrl(id), { ...body, name: 'Autre' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ type: expect.stringContaining('field-record-id-taken') });
    expect(taken.body.errors[0]).toMatchObject({ field: 'id', code: 'field-record-id-taken' });

    const edited = await as('coach', 'PUT', orgUrl(id), { ...body, members: 30 });
    expect(edited.status).toBe(200);
    expect(edited.body.organisation.members).toBe(30);
    // The same edit sent again is an edit again, not a registration.
    expect((await as('coach', 'PUT', orgUrl(id), { ...body, members: 30 })).status).toBe(200);

    const young = randomUUID();
    const refused = await as('coach', 'PUT', orgUrl(young), {
      id: young,
      ...organisation({ kind: 'young-enterprise', name: 'Atelier Nour' }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'consent', code: 'consent-required' }),
    ]);
    const agreed = await as('coach', 'PUT', orgUrl(young), {
      id: young,
      ...organisation({ kind: 'young-enterprise', name: 'Atelier Nour', consent: true }),
    });
    expect(agreed.status).toBe(201);
    const noted = agreed.body.organisation.consentNotedAt as string;
    expect(noted).toEqual(expect.any(String));
    const editedYoung = await as('coach', 'PUT', orgUrl(young), {
      id: young,
      ...organisation({ kind: 'young-enterprise', name: 'Atelier Nour Berkane', consent: true }),
    });
    expect(editedYoung.body.organisation.consentNotedAt).toBe(noted);
  });

  it('refuses bad input with the field at fault', async () => {
    const id = randomUUID();
    const put = (over: Record<string, unknown>) =>
      as('coach', 'PUT', orgUrl(id), { id, ...organisation(over) });
    const fieldOf = async (over: Record<string, unknown>) => {
      const res = await put(over);
      expect(res.status).toBe(400);
      return (res.body.errors as { field: string; code: string }[]).map((e) => `${e.field}:${e.code}`);
    };
    expect(await fieldOf({ territoryId: oriental })).toEqual(['territoryId:territory-not-coached']);
    expect(await fieldOf({ territoryId: randomUUID() })).toEqual(['territoryId:territory-not-coached']);
    expect(await fieldOf({ womenMembers: 30 })).toEqual(['womenMembers:women-above-members']);
    expect(await fieldOf({ kind: 'company' })).toEqual(['kind:not-allowed']);
    expect(await fieldOf({ name: '   ' })).toEqual(['name:required']);
    expect(await fieldOf({ members: -1 })).toEqual(['members:too-small']);
    expect(await fieldOf({ id: randomUUID() })).toEqual(['id:invalid']);
    // A coach of another region cannot register in Berkane.
    const far = await as('farCoach', 'PUT', orgUrl(id), { id, ...organisation() });
    expect(far.status).toBe(400);
    expect(far.body.errors[0].field).toBe('territoryId');

    const org = await register('coach', { name: 'Coopérative Bad Input' });
    const checks = `${orgUrl(org.organisation.id)}/checks`;
    const missing = await as('coach', 'POST', checks, {
      id: randomUUID(),
      takenOn: '2026-01-10',
      answers: { ...ANSWERS, findable: 4, marketplaces: undefined },
    });
    expect(missing.status).toBe(400);
    expect((missing.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'answers.findable',
      'answers.marketplaces',
    ]);
    const future = await as('coach', 'POST', checks, {
      id: randomUUID(),
      takenOn: '2999-01-01',
      answers: ANSWERS,
    });
    expect(future.body.errors).toEqual([
      expect.objectContaining({ field: 'takenOn', code: 'date-in-future' }),
    ]);
    const early = await as('coach', 'POST', checks, {
      id: randomUUID(),
      takenOn: '1999-12-31',
      answers: ANSWERS,
    });
    expect(early.body.errors).toEqual([
      expect.objectContaining({ field: 'takenOn', code: 'date-too-early' }),
    ]);

    const visitId = randomUUID();
    const visit = await as('coach', 'PUT', `${orgUrl(org.organisation.id)}/visits/${visitId}`, {
      id: visitId,
      visitedOn: '2026-02-01',
      minutes: 60,
      mode: 'on-site',
      competences: ['3.1', '9.9'],
      lessons: [],
    });
    expect(visit.status).toBe(400);
    expect(visit.body.errors).toEqual([
      expect.objectContaining({ field: 'competences[1]', code: 'unknown-competence' }),
    ]);
    const lesson = await as('coach', 'PUT', `${orgUrl(org.organisation.id)}/visits/${visitId}`, {
      id: visitId,
      visitedOn: '2026-02-01',
      minutes: 60,
      mode: 'on-site',
      competences: [],
      lessons: [{ courseId: randomUUID(), lessonKey: 'x', title: 'Leçon' }],
    });
    expect(lesson.body.errors).toEqual([
      expect.objectContaining({ field: 'lessons[0].courseId', code: 'lesson-not-enrolled' }),
    ]);
  });

  it('scores a check by the shared rule; a resend is the same check', async () => {
    const org = await register('coach', { name: 'Association Scores' });
    const url = `${orgUrl(org.organisation.id)}/checks`;
    const body = { id: randomUUID(), takenOn: '2026-03-01', answers: ANSWERS };
    const res = await as('coach', 'POST', url, body);
    expect(res.status).toBe(201);
    const check = res.body as MaturityCheck;
    // 19 of 36 points; per dimension: presence 5/6, selling 1/6, payment 6/6, management 0, communication 4/6, governance 3/6.
    expect(check.scores).toEqual({
      overall: 53,
      dimensions: {
        presence: 83,
        selling: 17,
        payment: 100,
        management: 0,
        communication: 67,
        governance: 50,
      },
    });
    expect(check).toMatchObject({ takenOn: '2026-03-01', answers: ANSWERS, by: { id: ids['coach'] } });
    const again = await as('coach', 'POST', url, body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(check);
    const later = await as('coach', 'POST', url, {
      id: randomUUID(),
      takenOn: '2026-06-01',
      answers: { ...ANSWERS, marketplaces: 3, 'digital-accounts': 3 },
    });
    expect(later.body.scores.overall).toBe(69);
    const list = (await as('coach', 'GET', '/api/v1/fieldwork/organisations')).body as OrganisationList;
    expect(list.items.find((o) => o.id === org.organisation.id)).toMatchObject({
      firstScore: 53,
      latestScore: 69,
    });
    // The same id on another organisation is a conflict.
    const other = await register('coach', { name: 'Association Autre' });
    const clash = await as('coach', 'POST', `${orgUrl(other.organisation.id)}/checks`, body);
    expect(clash.status).toBe(409);
  });

  it('records a milestone once per kind (409 the second time), and deletes it', async () => {
    const org = await register('coach', { name: 'Coopérative Jalons' });
    const url = `${orgUrl(org.organisation.id)}/milestones`;
    const first = await as('coach', 'POST', url, {
      id: randomUUID(),
      kind: 'first-online-order',
      reachedOn: '2026-04-02',
      evidenceUrl: 'https://example.org/boutique',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'first-online-order',
      evidenceUrl: 'https://example.org/boutique',
    });
    const twice = await as('coach', 'POST', url, {
      id: randomUUID(),
      kind: 'first-online-order',
      reachedOn: '2026-04-03',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.type).toContain('milestone-already-reached');
    expect((await as('coach', 'DELETE', `${url}/${first.body.id}`)).status).toBe(204);
    const after = await as('coach', 'POST', url, {
      id: randomUUID(),
      kind: 'first-online-order',
      reachedOn: '2026-04-03',
    });
    expect(after.status).toBe(201);
  });

  it("records and edits a visit (its own coach only), with lessons of the coach's course", async () => {
    const org = await register('coach', { name: 'Coopérative Visites' });
    const visitId = randomUUID();
    const url = `${orgUrl(org.organisation.id)}/visits/${visitId}`;
    const body = {
      id: visitId,
      visitedOn: '2026-05-04',
      minutes: 90,
      mode: 'on-site',
      competences: ['3.1', '2.2'],
      lessons: [{ courseId, lessonKey, title: 'Ouvrir une boutique' }],
      notes: 'Photos des produits',
    };
    const created = await as('coach', 'PUT', url, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ minutes: 90, competences: ['3.1', '2.2'], nextSteps: '' });
    const resent = await as('coach', 'PUT', url, body);
    expect(resent.status).toBe(201);
    expect(resent.body).toEqual(created.body);
    const edited = await as('coach', 'PUT', url, { ...body, minutes: 120, nextSteps: 'Catalogue WhatsApp' });
    expect(edited.status).toBe(200);
    expect(edited.body as Visit).toMatchObject({ minutes: 120, nextSteps: 'Catalogue WhatsApp' });
    const log = (await as('coach', 'GET', orgUrl(org.organisation.id))).body as OrganisationLog;
    expect(log.visits).toHaveLength(1);
    expect(log.organisation).toMatchObject({ visits: 1, lastVisitOn: '2026-05-04' });
    // A path id that is not the body's.
    expect(
      (await as('coach', 'PUT', `${orgUrl(org.organisation.id)}/visits/${randomUUID()}`, body)).status,
    ).toBe(400);
    expect((await as('coach', 'DELETE', url)).status).toBe(204);
    expect(((await as('coach', 'GET', orgUrl(org.organisation.id))).body as OrganisationLog).visits).toEqual(
      [],
    );
  });

  it('warns of a likely duplicate across two coaches of a territory; share request, then grant and revoke', async () => {
    const mine = await register('coach', { name: 'Coopérative Argane Tafraout' });
    const theirs = await register('coach2', { name: '  cooperative argane-TAFRAOUT ' });
    expect(theirs.likelyDuplicates).toEqual([
      {
        id: mine.organisation.id,
        name: 'Coopérative Argane Tafraout',
        territoryName: 'Berkane',
        coach: { id: ids['coach'], name: 'Salma Ouazzani' },
        requested: false,
      },
    ]);
    // Not shared yet: another coach's organisation does not exist for coach2.
    expect((await as('coach2', 'GET', orgUrl(mine.organisation.id))).status).toBe(404);
    // Only a coach warned of it may ask (a far coach: 404).
    expect((await as('farCoach', 'POST', `${orgUrl(mine.organisation.id)}/share-requests`)).status).toBe(404);
    const asked = await as('coach2', 'POST', `${orgUrl(mine.organisation.id)}/share-requests`);
    expect(asked.status).toBe(202);
    expect((await as('coach2', 'POST', `${orgUrl(mine.organisation.id)}/share-requests`)).status).toBe(202);
    expect(await told('fieldwork.share-requested', mine.organisation.id)).toEqual([
      { to: ids['coach'], name: 'Coopérative Argane Tafraout' },
    ]);
    const again = await as('coach2', 'PUT', orgUrl(theirs.organisation.id), {
      id: theirs.organisation.id,
      ...organisation({ name: '  cooperative argane-TAFRAOUT ' }),
    });
    expect(again.body.likelyDuplicates[0].requested).toBe(true);
    const log = (await as('coach', 'GET', orgUrl(mine.organisation.id))).body as OrganisationLog;
    expect(log.shareRequests).toEqual([
      { coach: { id: ids['coach2'], name: 'Fieldwork coach2' }, requestedAt: expect.any(String) },
    ]);

    // A coach of another region cannot be given it; neither can the owner, nor both fields at once.
    const shares = `${orgUrl(mine.organisation.id)}/shares`;
    const far = await as('coach', 'POST', shares, { coachId: ids['farCoach'] });
    expect(far.status).toBe(400);
    expect(far.body.errors[0]).toMatchObject({ field: 'coachId', code: 'share-target-not-coach' });
    const byMail = await as('coach', 'POST', shares, { email: 'farcoach@fieldwork.test' });
    expect(byMail.body.errors[0]).toMatchObject({ field: 'email', code: 'share-target-not-coach' });
    expect((await as('coach', 'POST', shares, {})).body.errors[0].code).toBe('share-coach-or-email');
    expect((await as('coach2', 'POST', shares, { coachId: ids['coach2'] })).status).toBe(404);

    const granted = await as('coach', 'POST', shares, { email: 'coach2@fieldwork.test' });
    expect(granted.status).toBe(201);
    expect(granted.body.sharedWith).toEqual([{ id: ids['coach2'], name: 'Fieldwork coach2' }]);
    expect(await told('fieldwork.shared', mine.organisation.id)).toEqual([
      { to: ids['coach2'], name: 'Coopérative Argane Tafraout' },
    ]);
    const seen = await as('coach2', 'GET', orgUrl(mine.organisation.id));
    expect(seen.status).toBe(200);
    expect(seen.body.organisation.access).toBe('shared');
    expect(seen.body.shareRequests).toEqual([]);
    // A shared coach records checks, but does not edit or delete the organisation, nor share it.
    expect(
      (
        await as('coach2', 'POST', `${orgUrl(mine.organisation.id)}/checks`, {
          id: randomUUID(),
          takenOn: '2026-01-02',
          answers: ANSWERS,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await as('coach2', 'PUT', orgUrl(mine.organisation.id), {
          id: mine.organisation.id,
          ...organisation(),
        })
      ).status,
    ).toBe(403);
    expect((await as('coach2', 'DELETE', orgUrl(mine.organisation.id))).status).toBe(403);
    const list = (await as('coach2', 'GET', '/api/v1/fieldwork/organisations')).body as OrganisationList;
    expect(list.items.map((o) => o.id).sort()).toEqual([mine.organisation.id, theirs.organisation.id].sort());
    expect(
      (
        await as('coach2', 'PUT', orgUrl(theirs.organisation.id), {
          id: theirs.organisation.id,
          ...organisation({ name: '  cooperative argane-TAFRAOUT ' }),
        })
      ).body.likelyDuplicates,
    ).toEqual([]);

    expect((await as('coach', 'DELETE', `${shares}/${ids['coach2']}`)).status).toBe(204);
    expect((await as('coach2', 'GET', orgUrl(mine.organisation.id))).status).toBe(404);
    const audit = (await t.dataSource.query(
      `SELECT action, subject_id, details FROM audit_log WHERE action LIKE 'fieldwork.%' AND details->>'organisationId' = $1 ORDER BY id`,
      [mine.organisation.id],
    )) as { action: string; subject_id: string; details: Record<string, unknown> }[];
    expect(audit.map((a) => [a.action, a.subject_id])).toEqual([
      ['fieldwork.shared', ids['coach2']],
      ['fieldwork.unshared', ids['coach2']],
    ]);
  });

  it('lets the coach, their trainer and the admin of the territory in; others get 404, observers 403', async () => {
    const org = await register('coach', { name: 'Coopérative Matrice' });
    const url = orgUrl(org.organisation.id);
    expect((await as('coach2', 'GET', url)).status).toBe(404);
    expect((await as('farTrainer', 'GET', url)).status).toBe(404);
    expect((await as('farAdmin', 'GET', url)).status).toBe(404);
    expect((await as('observer', 'GET', url)).status).toBe(403);
    expect((await as('observer', 'GET', '/api/v1/fieldwork/organisations')).status).toBe(403);
    expect((await as('observer', 'GET', '/api/v1/fieldwork/coaches')).status).toBe(403);
    expect(
      (await as('farTrainer', 'POST', `${url}/comments`, { id: randomUUID(), body: 'Bonjour' })).status,
    ).toBe(404);

    const visitId = randomUUID();
    await as('coach', 'PUT', `${url}/visits/${visitId}`, {
      id: visitId,
      visitedOn: '2026-05-10',
      minutes: 45,
      mode: 'remote',
      competences: [],
      lessons: [],
    });
    const seen = await as('trainer', 'GET', url);
    expect(seen.status).toBe(200);
    expect(seen.body.organisation.access).toBe('supervisor');
    const commentId = randomUUID();
    const comment = await as('trainer', 'POST', `${url}/comments`, {
      id: commentId,
      visitId,
      body: ' Très bien. ',
    });
    expect(comment.status).toBe(201);
    expect(comment.body as FieldComment).toMatchObject({
      body: 'Très bien.',
      authorRole: 'trainer',
      visitId,
    });
    expect(
      (await as('trainer', 'POST', `${url}/comments`, { id: commentId, visitId, body: 'Très bien.' })).status,
    ).toBe(201);
    expect(await told('fieldwork.commented', org.organisation.id)).toEqual([
      { to: ids['coach'], name: 'Coopérative Matrice' },
    ]);
    // Supervisors read and comment, but do not write the log.
    expect(
      (
        await as('trainer', 'POST', `${url}/checks`, {
          id: randomUUID(),
          takenOn: '2026-01-02',
          answers: ANSWERS,
        })
      ).status,
    ).toBe(403);
    const admin = await as('admin', 'POST', `${url}/comments`, { id: randomUUID(), body: 'Vu.' });
    expect(admin.body.authorRole).toBe('admin');
    const own = await as('coach', 'POST', `${url}/comments`, { id: randomUUID(), body: 'Merci' });
    expect(own.body.authorRole).toBe('coach');
    expect(await told('fieldwork.commented', org.organisation.id)).toHaveLength(2);

    const byTrainer = (await as('trainer', 'GET', `/api/v1/fieldwork/organisations?coachId=${ids['coach']}`))
      .body as OrganisationList;
    expect(byTrainer.items.map((o) => o.id)).toContain(org.organisation.id);
    expect(byTrainer.items.every((o) => o.access === 'supervisor')).toBe(true);
    const byFar = (await as('farTrainer', 'GET', `/api/v1/fieldwork/organisations?coachId=${ids['coach']}`))
      .body as OrganisationList;
    expect(byFar.items).toEqual([]);
    const coaches = (await as('trainer', 'GET', '/api/v1/fieldwork/coaches')).body as SupervisedCoachList;
    expect(coaches.items.find((c) => c.coach.id === ids['coach'])).toMatchObject({
      visits: expect.any(Number),
      lastVisitOn: '2026-05-10',
    });
    expect(coaches.items.find((c) => c.coach.id === ids['farCoach'])).toBeUndefined();
    const farCoaches = (await as('farTrainer', 'GET', '/api/v1/fieldwork/coaches'))
      .body as SupervisedCoachList;
    expect(farCoaches.items.map((c) => c.coach.id)).toEqual([ids['farCoach']]);
  });

  it('deletes an organisation with its whole log (audited, without its name)', async () => {
    const org = await register('coach', { name: 'Coopérative Éphémère' });
    const id = org.organisation.id;
    await as('coach', 'POST', `${orgUrl(id)}/checks`, {
      id: randomUUID(),
      takenOn: '2026-01-02',
      answers: ANSWERS,
    });
    const visitId = randomUUID();
    await as('coach', 'PUT', `${orgUrl(id)}/visits/${visitId}`, {
      id: visitId,
      visitedOn: '2026-05-10',
      minutes: 45,
      mode: 'remote',
      competences: [],
      lessons: [],
    });
    await as('coach', 'POST', `${orgUrl(id)}/milestones`, {
      id: randomUUID(),
      kind: 'website-live',
      reachedOn: '2026-05-11',
    });
    await as('trainer', 'POST', `${orgUrl(id)}/comments`, { id: randomUUID(), visitId, body: 'Bien' });
    expect((await as('trainer', 'DELETE', orgUrl(id))).status).toBe(403);
    expect((await as('coach2', 'DELETE', orgUrl(id))).status).toBe(404);
    expect((await as('coach', 'DELETE', orgUrl(id))).status).toBe(204);
    expect((await as('coach', 'GET', orgUrl(id))).status).toBe(404);
    const left = (await t.dataSource.query(
      `SELECT (SELECT count(*) FROM field_checks WHERE organisation_id = $1)::int
            + (SELECT count(*) FROM field_visits WHERE organisation_id = $1)::int
            + (SELECT count(*) FROM field_milestones WHERE organisation_id = $1)::int
            + (SELECT count(*) FROM field_comments WHERE organisation_id = $1)::int AS n`,
      [id],
    )) as { n: number }[];
    expect(left).toEqual([{ n: 0 }]);
    const [entry] = (await t.dataSource.query(
      `SELECT subject_type, subject_id, territory_id, details FROM audit_log
        WHERE action = 'fieldwork.organisation-deleted' AND details->>'organisationId' = $1`,
      [id],
    )) as {
      subject_type: string;
      subject_id: string;
      territory_id: string;
      details: Record<string, unknown>;
    }[];
    expect(entry).toEqual({
      subject_type: 'user',
      subject_id: ids['coach'],
      territory_id: berkane,
      details: { organisationId: id, kind: 'cooperative' },
    });
  });
});
