import { createTestApp, type TestApp } from '@tc/shared/testing';

describe('territories: the reference tree and its administration (real database)', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  const id = async (code: string) =>
    ((await t.dataSource.query('SELECT id FROM territories WHERE code = $1', [code])) as { id: string }[])[0]
      ?.id as string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.signIn('admin@example.org')).accessToken;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ships Africa › Morocco › 12 regions with ISO codes, and L’Oriental’s 8 prefecture and provinces', async () => {
    const roots = await t.request('GET', '/api/v1/territories', { token: trainer });
    expect(roots.status).toBe(200);
    expect(roots.body).toEqual([
      expect.objectContaining({
        level: 'root',
        parentId: null,
        name: { fr: 'Afrique', ar: 'أفريقيا', en: 'Africa' },
        childCount: 1,
      }),
    ]);
    const countries = await t.request('GET', `/api/v1/territories?parentId=${roots.body[0].id}`, {
      token: trainer,
    });
    expect(countries.body).toEqual([
      expect.objectContaining({ code: 'MA', level: 'country', childCount: 12 }),
    ]);
    const regions = await t.request('GET', `/api/v1/territories?parentId=${countries.body[0].id}`, {
      token: trainer,
    });
    expect(regions.body.map((r: { code: string }) => r.code).sort()).toEqual([
      'MA-01',
      'MA-02',
      'MA-03',
      'MA-04',
      'MA-05',
      'MA-06',
      'MA-07',
      'MA-08',
      'MA-09',
      'MA-10',
      'MA-11',
      'MA-12',
    ]);
    const oriental = regions.body.find((r: { code: string }) => r.code === 'MA-02');
    expect(oriental.name).toEqual({ fr: "L'Oriental", ar: 'الشرق', en: 'Oriental' });
    const provinces = await t.request('GET', `/api/v1/territories?parentId=${oriental.id}`, {
      token: trainer,
    });
    expect(provinces.body.map((p: { code: string }) => p.code).sort()).toEqual([
      'MA-BER',
      'MA-DRI',
      'MA-FIG',
      'MA-GUF',
      'MA-JRA',
      'MA-NAD',
      'MA-OUJ',
      'MA-TAI',
    ]);
  });

  it('returns a territory with its ancestors from the root down', async () => {
    const res = await t.request('GET', `/api/v1/territories/${await id('MA-FIG')}`, { token: trainer });
    expect(res.status).toBe(200);
    expect(res.body.name.fr).toBe('Figuig');
    expect(res.body.ancestors.map((a: { name: { en: string } }) => a.name.en)).toEqual([
      'Africa',
      'Morocco',
      'Oriental',
    ]);
  });

  it('answers 404 for an unknown id and 400 naming the parameter for a malformed one', async () => {
    expect(
      (await t.request('GET', '/api/v1/territories/00000000-0000-4000-8000-000000000000', { token: trainer }))
        .status,
    ).toBe(404);
    const bad = await t.request('GET', '/api/v1/territories/..%2F..%2Fetc%2Fpasswd', { token: trainer });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID', code: 'invalid-uuid' }]);
  });

  it('lets only admins add, rename and move; refuses cycles and duplicate codes', async () => {
    const berkane = await id('MA-BER');
    const body = {
      parentId: berkane,
      level: 'commune',
      code: null,
      name: { fr: 'Saïdia', ar: 'السعيدية', en: 'Saidia' },
    };
    expect((await t.request('POST', '/api/v1/territories', { token: trainer, body })).status).toBe(403);
    const created = await t.request('POST', '/api/v1/territories', { token: admin, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ parentId: berkane, level: 'commune', childCount: 0 });

    const renamed = await t.request('PATCH', `/api/v1/territories/${created.body.id}`, {
      token: admin,
      body: { name: { en: 'Saïdia' } },
    });
    expect(renamed.body.name).toEqual({ fr: 'Saïdia', ar: 'السعيدية', en: 'Saïdia' });

    // Move Berkane (with Saïdia under it) from L'Oriental to Fès-Meknès: the subtree follows.
    const moved = await t.request('PATCH', `/api/v1/territories/${berkane}`, {
      token: admin,
      body: { parentId: await id('MA-03') },
    });
    expect(moved.status).toBe(200);
    const detail = await t.request('GET', `/api/v1/territories/${created.body.id}`, { token: admin });
    expect(detail.body.ancestors.map((a: { code: string | null }) => a.code)).toEqual([
      null,
      'MA',
      'MA-03',
      'MA-BER',
    ]);
    const paths: { path: string; depth: number }[] = await t.dataSource.query(
      'SELECT path, depth FROM territories WHERE id = $1',
      [created.body.id],
    );
    expect(paths[0]?.path).toBe(
      `/${detail.body.ancestors.map((a: { id: string }) => a.id).join('/')}/${created.body.id}/`,
    );
    expect(paths[0]?.depth).toBe(4);

    // Under its own descendant: a cycle.
    const cycle = await t.request('PATCH', `/api/v1/territories/${berkane}`, {
      token: admin,
      body: { parentId: created.body.id },
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors).toEqual([expect.objectContaining({ field: 'parentId' })]);

    const duplicate = await t.request('POST', '/api/v1/territories', {
      token: admin,
      body: { ...body, code: 'MA-NAD', name: { fr: 'X', ar: 'س', en: 'X' } },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0].field).toBe('code');

    const badLevel = await t.request('POST', '/api/v1/territories', {
      token: admin,
      body: { ...body, level: 'country' },
    });
    expect(badLevel.status).toBe(422);
    expect(badLevel.body.errors[0].field).toBe('level');

    const badBody = await t.request('POST', '/api/v1/territories', {
      token: admin,
      body: { parentId: 'x', level: 'planet', name: { fr: 7 }, code: 'MA BER' },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'code',
      'level',
      'name.fr',
      'parentId',
    ]);
  });

  it('takes a commune with one name and a local code; the other languages take that name', async () => {
    const berkane = await id('MA-BER');
    const entries = async (subjectId: string) =>
      (
        (await t.dataSource.query(
          `SELECT action, details FROM audit_log WHERE subject_type = 'territory' AND subject_id = $1 ORDER BY id`,
          [subjectId],
        )) as { action: string; details: Record<string, unknown> }[]
      ).map((e) => [e.action, e.details]);

    const commune = await t.request('POST', '/api/v1/territories', {
      token: admin,
      body: {
        parentId: berkane,
        level: 'commune',
        code: ' ma-ber-003 ',
        name: { fr: 'Aïn Reggada', ar: '' },
      },
    });
    expect(commune.status).toBe(201);
    expect(commune.body).toMatchObject({
      code: 'MA-BER-003',
      name: { fr: 'Aïn Reggada', ar: 'Aïn Reggada', en: 'Aïn Reggada' },
    });
    const arabicOnly = await t.request('POST', '/api/v1/territories', {
      token: admin,
      body: { parentId: berkane, level: 'commune', code: '11.051.03', name: { ar: 'أحفير' } },
    });
    expect(arabicOnly.status).toBe(201);
    expect(arabicOnly.body.name).toEqual({ fr: 'أحفير', ar: 'أحفير', en: 'أحفير' });
    // Its French name given later; the English one left to fall back on it.
    const named = await t.request('PATCH', `/api/v1/territories/${arabicOnly.body.id}`, {
      token: admin,
      body: { name: { fr: 'Ahfir', ar: 'أحفير', en: '' } },
    });
    expect(named.status).toBe(200);
    expect(named.body.name).toEqual({ fr: 'Ahfir', ar: 'أحفير', en: 'Ahfir' });
    expect(await entries(arabicOnly.body.id)).toEqual([
      ['territory.created', { level: 'commune', code: '11.051.03', parentId: berkane }],
      ['territory.updated', { changed: ['name.fr', 'name.en'] }],
    ]);

    // No name at all; a local code for a province; a province without its English name: each field named.
    for (const [body, field] of [
      [{ parentId: berkane, level: 'commune', name: { fr: ' ', en: '' } }, 'name.fr'],
      [
        {
          parentId: await id('MA-02'),
          level: 'province',
          code: 'MA-BER-9',
          name: { fr: 'P', ar: 'ب', en: 'P' },
        },
        'code',
      ],
      [{ parentId: await id('MA-02'), level: 'province', name: { fr: 'Province', ar: 'إقليم' } }, 'name.en'],
    ] as const) {
      const res = await t.request('POST', '/api/v1/territories', { token: admin, body });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    const recode = await t.request('PATCH', `/api/v1/territories/${berkane}`, {
      token: admin,
      body: { code: 'MA-BER-1' },
    });
    expect(recode.status).toBe(400);
    expect(recode.body.errors).toEqual([
      expect.objectContaining({ field: 'code', code: 'territory-code-iso' }),
    ]);
    const unnamed = await t.request('PATCH', `/api/v1/territories/${berkane}`, {
      token: admin,
      body: { name: { ar: '' } },
    });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors.map((e: { field: string }) => e.field)).toEqual(['name.ar']);
  });

  it('finds territories by part of a name in any language (accents ignored) or a code, within a subtree', async () => {
    const search = async (query: string) => {
      const res = await t.request('GET', `/api/v1/territories/search?${query}`, { token: trainer });
      expect(res.status).toBe(200);
      return res.body as {
        code: string | null;
        name: { fr: string };
        ancestors: { code: string | null }[];
      }[];
    };
    const fes = await search('q=fes');
    expect(fes.map((r) => r.name.fr)).toEqual(['Fès-Meknès']);
    expect(fes[0]?.ancestors.map((a) => a.code)).toEqual([null, 'MA']);
    expect((await search(`q=${encodeURIComponent('الشرق')}`)).map((r) => r.code)).toEqual(['MA-02']);
    expect((await search('q=OUJDA')).map((r) => r.code)).toEqual(['MA-OUJ']);
    expect((await search('q=ma-0')).map((r) => r.code)).toHaveLength(9);
    // Oriental (the region, English name) comes before what lies under it.
    const oriental = await search('q=orient');
    expect(oriental[0]?.code).toBe('MA-02');
    const within = await search(`q=ma-0&within=${await id('MA-02')}`);
    expect(within.map((r) => r.code)).toEqual(['MA-02']);
    expect(await search('q=100%25')).toEqual([]);

    const short = await t.request('GET', '/api/v1/territories/search?q=a', { token: trainer });
    expect(short.status).toBe(400);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['q']);
    expect((await t.request('GET', '/api/v1/territories/search?q=fes')).status).toBe(401);
  });

  it('keeps subtree queries on the path index', async () => {
    // The table is tiny, so the planner prefers a scan; forbid it to see that the index can serve.
    await t.dataSource.query('SET enable_seqscan = off');
    const forced: { 'QUERY PLAN': string }[] = await t.dataSource.query(
      `EXPLAIN SELECT id FROM territories WHERE path LIKE '/abc/%'`,
    );
    await t.dataSource.query('SET enable_seqscan = on');
    expect(forced.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/IDX_territories_path/);
  });
});
