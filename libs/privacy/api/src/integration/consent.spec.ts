import { randomUUID } from 'node:crypto';
import { CONSENT_WORDINGS } from '@tc/audit/api';
import type { ConsentRecord, MyConsents, NotificationSettings } from '@tc/shared/contracts';
import { createTestApp, invitedPerson, type TestApp, type TestResponse } from '@tc/shared/testing';

const PASSWORD = 'consent-password-2026';

describe('consents: given with their date and words, withdrawn with what they grounded (real database)', () => {
  let t: TestApp;
  let admin: string;
  let person: string;
  let personId: string;
  let other: string;
  let coach: string;

  const as = (token: string, method: string, url: string, body?: unknown) =>
    t.request(method, url, { token, ...(body !== undefined ? { body } : {}) });
  const ok = async (res: Promise<TestResponse>, what: string) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const territory = async (code: string) =>
    ((await t.dataSource.query(`SELECT id FROM territories WHERE code = $1`, [code])) as { id: string }[])[0]
      ?.id as string;
  const consents = async (token: string) =>
    (await ok(as(token, 'GET', '/api/v1/me/consents'), 'consents')).body as MyConsents;
  const stateOf = (c: MyConsents, purpose: string) => c.current.find((s) => s.purpose === purpose);
  const browser = () => ({
    endpoint: `https://push.example.test/send/${randomUUID()}`,
    keys: {
      p256dh: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
      auth: 'tBHItJI5svbpez7KI4CCXg',
    },
  });
  const setDigest = async (token: string, emailMode: 'digest' | 'immediate') => {
    const current = (await ok(as(token, 'GET', '/api/v1/me/notification-settings'), 'settings'))
      .body as NotificationSettings;
    return ok(as(token, 'PUT', '/api/v1/me/notification-settings', { ...current, emailMode }), 'digest');
  };
  const wording = (purpose: keyof typeof CONSENT_WORDINGS, lang: 'fr' | 'ar' | 'en') =>
    CONSENT_WORDINGS[purpose].at(-1)!.text[lang];

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.signIn('admin@example.org')).accessToken;
    coach = (await t.signIn('coach@example.org')).accessToken;
    const oriental = await territory('MA-02');
    person = await invitedPerson(
      t,
      admin,
      {
        email: 'consent.person@consent.test',
        displayName: 'Nadia Consent',
        role: 'coach',
        territoryId: oriental,
      },
      PASSWORD,
    );
    other = await invitedPerson(
      t,
      admin,
      {
        email: 'consent.other@consent.test',
        displayName: 'Omar Autre',
        role: 'coach',
        territoryId: oriental,
      },
      PASSWORD,
    );
    personId = (await ok(as(person, 'GET', '/api/v1/me'), 'me')).body.id;
  }, 300000);
  afterAll(async () => {
    await t?.close();
  });

  it('has nothing on record for a new person, nor after a save that leaves demographics out', async () => {
    await ok(as(person, 'PATCH', '/api/v1/me', { organisationName: 'Coopérative Consent' }), 'profile');
    const mine = await consents(person);
    expect(mine.history).toEqual([]);
    expect(mine.current.map((s) => [s.purpose, s.given, s.latest])).toEqual([
      ['demographics', false, null],
      ['push', false, null],
      ['digest', false, null],
    ]);
  });

  it('records each consent given with its date and the words shown, in the language shown', async () => {
    const before = Date.now();
    // Demographics given in English (the language the profile is saved in).
    await ok(
      as(person, 'PATCH', '/api/v1/me', { gender: 'female', birthYear: 1990, preferredLanguage: 'en' }),
      'demographics',
    );
    await ok(as(person, 'POST', '/api/v1/me/push-subscriptions', browser()), 'push');
    await ok(as(person, 'POST', '/api/v1/me/push-subscriptions', browser()), 'push, a second browser');
    await setDigest(person, 'digest');

    const mine = await consents(person);
    for (const purpose of ['demographics', 'push', 'digest'] as const) {
      const state = stateOf(mine, purpose)!;
      expect(state.given).toBe(true);
      expect(state.latest).toEqual<ConsentRecord>({
        purpose,
        given: true,
        wordingKey: `consents.wording.${purpose}`,
        wordingVersion: 1,
        wordingText: wording(purpose, 'en'),
        language: 'en',
        recordedAt: expect.any(String),
      });
      expect(Date.parse(state.latest!.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    }
    // The second browser is not a second consent.
    expect(mine.history.filter((r) => r.purpose === 'push')).toHaveLength(1);
    expect(mine.history).toHaveLength(3);
  });

  it('never lets another person see or withdraw mine', async () => {
    const theirs = await consents(other);
    expect(theirs.history).toEqual([]);
    expect(theirs.current.every((s) => !s.given)).toBe(true);
    const withdrawn = await ok(as(other, 'DELETE', '/api/v1/me/consents/demographics'), 'their withdrawal');
    expect((withdrawn.body as MyConsents).history).toEqual([]);
    const [row] = (await t.dataSource.query(`SELECT gender, birth_year FROM users WHERE id = $1`, [
      personId,
    ])) as { gender: string | null; birth_year: number | null }[];
    expect(row).toEqual({ gender: 'female', birth_year: 1990 });
    expect(stateOf(await consents(person), 'demographics')!.given).toBe(true);
    expect((await t.request('GET', '/api/v1/me/consents')).status).toBe(401);
  });

  it('clears what each consent grounded when it is withdrawn, and keeps the history', async () => {
    const demographics = await ok(as(person, 'DELETE', '/api/v1/me/consents/demographics'), 'demographics');
    expect(stateOf(demographics.body as MyConsents, 'demographics')).toMatchObject({
      given: false,
      latest: { given: false, wordingText: wording('demographics', 'en'), language: 'en' },
    });
    const me = (await ok(as(person, 'GET', '/api/v1/me'), 'me')).body;
    expect([me.gender, me.birthYear]).toEqual([null, null]);

    await ok(as(person, 'DELETE', '/api/v1/me/consents/push'), 'push');
    const [subs] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM push_subscriptions WHERE recipient_id = $1`,
      [personId],
    )) as { n: number }[];
    expect(subs!.n).toBe(0);

    await ok(as(person, 'DELETE', '/api/v1/me/consents/digest'), 'digest');
    const settings = (await ok(as(person, 'GET', '/api/v1/me/notification-settings'), 'settings'))
      .body as NotificationSettings;
    expect(settings.emailMode).toBe('off');

    const mine = await consents(person);
    expect(mine.current.every((s) => !s.given)).toBe(true);
    // Three given, three withdrawn: newest first, nothing given is forgotten.
    expect(mine.history.map((r) => [r.purpose, r.given])).toEqual([
      ['digest', false],
      ['push', false],
      ['demographics', false],
      ['digest', true],
      ['push', true],
      ['demographics', true],
    ]);
    // Withdrawing again records nothing more.
    await ok(as(person, 'DELETE', '/api/v1/me/consents/digest'), 'digest again');
    expect((await consents(person)).history).toHaveLength(6);
  });

  it('records withdrawing where consent is given too: digests off, demographics cleared', async () => {
    await setDigest(other, 'digest');
    await setDigest(other, 'immediate');
    await ok(as(other, 'PATCH', '/api/v1/me', { gender: 'male' }), 'demographics');
    await ok(as(other, 'PATCH', '/api/v1/me', { demographicsWithheld: true }), 'withheld');
    const theirs = await consents(other);
    expect(theirs.history.map((r) => [r.purpose, r.given, r.language])).toEqual([
      ['demographics', false, 'fr'],
      ['demographics', true, 'fr'],
      ['digest', false, 'fr'],
      ['digest', true, 'fr'],
    ]);
    expect(theirs.history[1]!.wordingText).toBe(wording('demographics', 'fr'));
  });

  it('refuses a purpose that is not one of theirs as problem+json naming the field', async () => {
    for (const purpose of ['marketing', 'entrepreneur-record']) {
      const res = await as(person, 'DELETE', `/api/v1/me/consents/${purpose}`);
      expect(res.status).toBe(400);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'purpose', code: 'not-allowed' })]);
    }
  });

  it('anonymises a young entrepreneur’s record when their coach notes the withdrawal, and keeps the counts', async () => {
    const berkane = await territory('MA-BER');
    const id = randomUUID();
    const url = `/api/v1/fieldwork/organisations/${id}`;
    await ok(
      as(coach, 'PUT', url, {
        id,
        name: 'Atelier Zineb Quarrafi',
        kind: 'young-enterprise',
        sector: 'digital',
        territoryId: berkane,
        members: 3,
        womenMembers: 2,
        womenLed: true,
        youthLed: true,
        consent: true,
      }),
      'young enterprise',
    );
    const visitId = randomUUID();
    await ok(
      as(coach, 'PUT', `${url}/visits/${visitId}`, {
        id: visitId,
        visitedOn: '2026-05-04',
        minutes: 60,
        mode: 'on-site',
        competences: [],
        lessons: [],
        notes: 'Zineb veut vendre en ligne',
        nextSteps: 'Appeler Zineb lundi',
      }),
      'visit',
    );
    const records = () =>
      t.dataSource.query(
        `SELECT given, wording_key, wording_text, language, recorded_by FROM consent_records
          WHERE organisation_id = $1 ORDER BY id`,
        [id],
      ) as Promise<{ given: boolean; wording_text: string; language: string; recorded_by: string }[]>;
    const coachId = (await ok(as(coach, 'GET', '/api/v1/me'), 'coach')).body.id;
    const [given] = await records();
    expect(given).toEqual({
      given: true,
      wording_key: 'consents.wording.entrepreneur-record',
      wording_text: wording('entrepreneur-record', 'fr'),
      language: 'fr',
      recorded_by: coachId,
    });
    const counts = async () =>
      t.dataSource.query(
        `SELECT kind, sector, territory_id, members, women_members, women_led, youth_led
           FROM field_organisations WHERE id = $1`,
        [id],
      );
    const before = await counts();

    // Another coach may not; a cooperative rests on no one's consent.
    expect((await as(other, 'POST', `${url}/consent-withdrawal`)).status).toBeGreaterThanOrEqual(403);
    const cooperative = randomUUID();
    await ok(
      as(coach, 'PUT', `/api/v1/fieldwork/organisations/${cooperative}`, {
        id: cooperative,
        name: 'Coopérative Témoin',
        kind: 'cooperative',
        sector: 'argan',
        territoryId: berkane,
        womenLed: false,
        youthLed: false,
      }),
      'cooperative',
    );
    expect(
      (await as(coach, 'POST', `/api/v1/fieldwork/organisations/${cooperative}/consent-withdrawal`)).status,
    ).toBe(409);

    expect((await as(coach, 'POST', `${url}/consent-withdrawal`)).status).toBe(204);
    const log = (await ok(as(coach, 'GET', url), 'log')).body;
    expect(JSON.stringify(log)).not.toMatch(/Zineb|Quarrafi/);
    expect(log.organisation.name).toBe('—');
    expect(await counts()).toEqual(before);
    const [visit] = (await t.dataSource.query(`SELECT notes, next_steps FROM field_visits WHERE id = $1`, [
      visitId,
    ])) as { notes: string; next_steps: string }[];
    expect(visit).toEqual({ notes: '', next_steps: '' });
    expect((await records()).map((r) => r.given)).toEqual([true, false]);
  });
});
