import { createTestApp, invitedPerson, type TestApp, type TestResponse } from '@tc/shared/testing';
import type { AdminErasureRequest, AdminErasureRequestList } from '@tc/shared/contracts';
import { ERASED_NAME } from '../index';

const PASSWORD = 'erasure-list-password-2026';

describe("the admins' list of requests to be erased (real database)", () => {
  let t: TestApp;
  let admin: string;
  let regional: string;
  let coach: string;
  /** People who asked: of L'Oriental, of Casablanca, and one of L'Oriental also trainer in Casablanca. */
  const ids = { oriental: '', casablanca: '', both: '' };

  const as = (token: string, url: string, method = 'GET') => t.request(method, url, { token });
  const ok = async (res: Promise<TestResponse>, what: string) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const territory = async (code: string) =>
    ((await t.dataSource.query(`SELECT id FROM territories WHERE code = $1`, [code])) as { id: string }[])[0]
      ?.id as string;
  const list = async (token: string, query = '') =>
    (await ok(as(token, `/api/v1/admin/erasure-requests${query}`), `list ${query}`))
      .body as AdminErasureRequestList;
  const userIds = (l: AdminErasureRequestList) => l.items.map((i) => i.userId);
  /** A new person who asks to be erased; answers their id. */
  const asker = async (email: string, displayName: string, code: string) => {
    const token = await invitedPerson(
      t,
      admin,
      { email, displayName, role: 'coach', territoryId: await territory(code) },
      PASSWORD,
    );
    await ok(t.request('POST', '/api/v1/me/erasure-request', { token, body: { confirm: 'erase' } }), 'ask');
    return String((await ok(as(token, '/api/v1/me'), 'me')).body.id);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.signIn('admin@example.org')).accessToken;
    coach = (await t.signIn('coach@example.org')).accessToken;
    regional = await invitedPerson(
      t,
      admin,
      {
        email: 'regional.admin@erasure-list.test',
        displayName: 'Admin Oriental',
        role: 'admin',
        territoryId: await territory('MA-02'),
      },
      PASSWORD,
    );
    ids.oriental = await asker('oriental@erasure-list.test', 'Nadia Oriental', 'MA-BER');
    ids.casablanca = await asker('casa@erasure-list.test', 'Karim Casablanca', 'MA-06');
    ids.both = await asker('both@erasure-list.test', 'Salma Deux Régions', 'MA-02');
    await ok(
      t.request('POST', `/api/v1/users/${ids.both}/roles`, {
        token: admin,
        body: { role: 'trainer', territoryId: await territory('MA-06') },
      }),
      'second role',
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('shows a national admin every pending request, oldest first, with who asked and when', async () => {
    const pending = await list(admin);
    expect(userIds(pending)).toEqual([ids.oriental, ids.casablanca, ids.both]);
    expect(pending).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    const row = pending.items[0] as AdminErasureRequest;
    expect(row).toEqual({
      userId: ids.oriental,
      displayName: 'Nadia Oriental',
      email: 'oriental@erasure-list.test',
      roles: [
        expect.objectContaining({
          role: 'coach',
          territoryName: expect.objectContaining({ fr: expect.stringContaining('Berkane') }),
        }),
      ],
      territoryId: expect.any(String),
      territoryName: expect.objectContaining({ fr: expect.any(String) }),
      requestedAt: expect.any(String),
      // No PRIVACY_ERASURE_DELAY_DAYS: only an admin erases, so nothing is due.
      dueAt: null,
      erasedAt: null,
      erasedByAdmin: null,
    });
    expect(Date.now() - Date.parse(row.requestedAt)).toBeLessThan(120_000);
    // Paginated like the user list.
    const second = await list(admin, '?pageSize=2&page=2');
    expect(userIds(second)).toEqual([ids.both]);
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(await list(admin, '?pageSize=2&page=9')).toMatchObject({ items: [], total: 3 });
    // One person's request, for the user detail page.
    expect(userIds(await list(admin, `?userId=${ids.casablanca}`))).toEqual([ids.casablanca]);
  });

  it('shows a regional admin only the people whose every role lies in their territories', async () => {
    const pending = await list(regional);
    // Casablanca's coach is outside; the one who is also a trainer in Casablanca is for a national admin.
    expect(userIds(pending)).toEqual([ids.oriental]);
    expect(pending.total).toBe(1);
    expect(userIds(await list(regional, `?userId=${ids.casablanca}`))).toEqual([]);
  });

  it('refuses coaches and trainers, and a status it does not know', async () => {
    expect((await as(coach, '/api/v1/admin/erasure-requests')).status).toBe(403);
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    expect((await as(trainer, '/api/v1/admin/erasure-requests')).status).toBe(403);
    expect((await t.request('GET', '/api/v1/admin/erasure-requests')).status).toBe(401);
    expect((await as(admin, '/api/v1/admin/erasure-requests?status=later')).status).toBe(400);
  });

  it('moves an erased person from pending to done, where their home territory still places them', async () => {
    await ok(as(regional, `/api/v1/admin/users/${ids.oriental}/erase`, 'POST'), 'erase');
    expect(userIds(await list(regional))).toEqual([]);
    expect(userIds(await list(admin))).toEqual([ids.casablanca, ids.both]);
    const done = await list(regional, '?status=done');
    expect(done.items).toEqual([
      expect.objectContaining({
        userId: ids.oriental,
        displayName: ERASED_NAME,
        email: `erased-${ids.oriental}@erased.invalid`,
        roles: [],
        erasedAt: expect.any(String),
        erasedByAdmin: true,
      }),
    ]);
    expect(userIds(await list(admin, '?status=done'))).toEqual([ids.oriental]);
  });

  it('says when each request becomes automatic with PRIVACY_ERASURE_DELAY_DAYS', async () => {
    t = await t.reopen({ PRIVACY_ERASURE_DELAY_DAYS: '5' });
    admin = (await t.signIn('admin@example.org')).accessToken;
    const [row] = (await list(admin, `?userId=${ids.casablanca}`)).items;
    expect(Date.parse(row?.dueAt as string) - Date.parse(row?.requestedAt as string)).toBe(5 * 86_400_000);
  });
});
