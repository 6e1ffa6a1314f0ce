import { randomUUID } from 'node:crypto';
import type { ImpactReport } from '@tc/shared/contracts';
import { createTestApp, type TestApp } from '@tc/shared/testing';
import { refreshImpactFacts } from '../lib/impact/impact-facts';

/**
 * The field log's impact counts: field rows written with SQL, each write followed by
 * `refreshImpactFacts` in its transaction as the field log's services do, then folded; after every
 * scenario the rollups equal a recount from the field tables (and the completions view for the trained
 * flag), month by month and over all months. Then the observatory's impact view over them: counts below k
 * hidden, no organisation, coach or note in the answer, the file the same.
 */
describe('field log impact counts (real database)', () => {
  let t: TestApp;
  let observer: string;
  /** Territories by code. */
  const territory: Record<string, string> = {};
  let owners: string[];
  /** The coach who completes a course during the spec, and their enrolment. */
  let learner: { userId: string; enrolmentId: string };

  beforeAll(async () => {
    t = await createTestApp();
    observer = (await t.signIn('observer@example.org')).accessToken;
    for (const r of (await t.dataSource.query(`SELECT id, code FROM territories WHERE code IS NOT NULL`)) as {
      id: string;
      code: string;
    }[])
      territory[r.code] = r.id;
    // The demo coach, enrolled in a cohort of the demo course: they complete it below.
    const trainer = (await t.signIn('trainer@example.org')).accessToken;
    const coach = (await t.signIn('coach@example.org')).accessToken;
    const courseId = (await t.request('GET', '/api/v1/courses', { token: trainer })).body.find(
      (c: { slug: string }) => c.slug === 'numerique-territoires-ess',
    ).id as string;
    const cohort = await t.request('POST', '/api/v1/cohorts', {
      token: trainer,
      body: {
        name: 'Impact 2026',
        courseId,
        courseVersion: 1,
        territoryId: territory['MA-02'],
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      },
    });
    expect(cohort.status).toBe(201);
    const enrolled = await t.request('POST', `/api/v1/cohorts/${cohort.body.id}/enrolments`, {
      token: trainer,
      body: { emails: ['coach@example.org'] },
    });
    expect(enrolled.status).toBe(200);
    const mine = (await t.request('GET', '/api/v1/me/enrolments', { token: coach })).body as {
      cohortId: string;
      enrolmentId: string;
    }[];
    const [{ id: userId }] = (await t.dataSource.query(
      `SELECT id FROM users WHERE email = 'coach@example.org'`,
    )) as [{ id: string }];
    learner = { userId, enrolmentId: mine.find((e) => e.cohortId === cohort.body.id)!.enrolmentId };
    const others = (await t.dataSource.query(`SELECT id FROM users WHERE id <> $1 ORDER BY email LIMIT 2`, [
      learner.userId,
    ])) as { id: string }[];
    owners = [learner.userId, ...others.map((o) => o.id)];
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const write = (fn: (q: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<string[]>) =>
    t.dataSource.transaction(async (m) => {
      const ids = await fn((sql, params) => m.query(sql, params ?? []));
      await refreshImpactFacts(m, ids);
    });

  /** Registers an organisation (created in `month`, YYYY-MM) and answers its id. */
  async function organisation(o: {
    owner: string;
    territory: string;
    sector: string;
    kind: string;
    womenLed: boolean;
    month: string;
  }): Promise<string> {
    const id = randomUUID();
    await write(async (q) => {
      await q(
        `INSERT INTO field_organisations (id, owner_id, name, name_key, kind, sector, territory_id, women_led, youth_led,
            consent_noted_at, created_at)
         VALUES ($1::uuid, $2, 'Atelier Zitoun ' || $1::text, 'atelier zitoun ' || $1::text, $3, $4, $5, $6, false, now(), ($7 || '-15T10:00:00Z')::timestamptz)`,
        [id, o.owner, o.kind, o.sector, territory[o.territory], o.womenLed, o.month],
      );
      return [id];
    });
    return id;
  }

  const visit = (org: string, on: string, coach: string) =>
    write(async (q) => {
      await q(
        `INSERT INTO field_visits (id, organisation_id, coach_id, visited_on, minutes, mode, notes)
         VALUES ($1, $2, $3, $4::date, 60, 'on-site', 'Notes privées de la visite')`,
        [randomUUID(), org, coach, on],
      );
      return [org];
    });

  const check = (org: string, on: string, overall: number, coach: string) =>
    write(async (q) => {
      await q(
        `INSERT INTO field_checks (id, organisation_id, coach_id, taken_on, answers, overall, dimensions)
         VALUES ($1, $2, $3, $4::date, '{}', $5, '{}')`,
        [randomUUID(), org, coach, on, overall],
      );
      return [org];
    });

  const milestone = (org: string, kind: string, on: string, coach: string) =>
    write(async (q) => {
      await q(
        `INSERT INTO field_milestones (id, organisation_id, coach_id, kind, reached_on, evidence_note)
         VALUES ($1, $2, $3, $4, $5::date, 'Une note')`,
        [randomUUID(), org, coach, kind, on],
      );
      return [org];
    });

  /**
   * The rollups and a recount from the field tables, as sorted lines `grain|period|territory|sector|kind|
   * women-led|trained|…|values` for `toEqual`. The recount is made per month and organisation attribute;
   * its quarters, years, all months ('all') and `*` patterns are its rows' sums.
   */
  async function compare(): Promise<{ rollups: string[]; recount: string[] }> {
    await t.fold();
    const rows = (sql: string) => t.dataSource.query(sql) as Promise<Record<string, unknown>[]>;
    const lines = (list: Record<string, unknown>[]) =>
      list.map((r) => Object.values(r).map(String).join('|'));
    /** Each row added to its month, quarter, year and 'all', under its own values and `*` for sector, kind, women-led. */
    const spread = (list: Record<string, unknown>[], keys: number) => {
      const out = new Map<string, Record<string, unknown>>();
      for (const r of list) {
        const entries = Object.entries(r);
        const [year, month] = String(r['month']).split('-').map(Number) as [number, number];
        const quarter = `${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}`;
        const periods = [
          ['m', r['month']],
          ['q', quarter],
          ['y', `${year}-01`],
          ['a', 'all'],
        ];
        for (const [grain, period] of periods)
          for (const sector of [r['sector'], '*'])
            for (const kind of [r['kind'], '*'])
              for (const women of [String(r['women_led']), '*']) {
                const key = { grain, ...r, month: period, sector, kind, women_led: women };
                const id = Object.values(key).slice(0, keys).map(String).join('|');
                const sum =
                  out.get(id) ??
                  Object.fromEntries(Object.entries(key).map(([k, v], i) => [k, i < keys ? v : 0]));
                // `r` has no grain: its values start one column earlier than the key's.
                entries.slice(keys - 1).forEach(([k, v]) => (sum[k] = Number(sum[k]) + Number(v)));
                out.set(id, sum);
              }
      }
      return [...out.values()].filter((r) =>
        Object.values(r)
          .slice(keys)
          .some((v) => Number(v) !== 0),
      );
    };
    const key = `grain, CASE WHEN month = '-infinity' THEN 'all' ELSE to_char(month, 'YYYY-MM') END AS month,
      territory_id, sector, kind, women_led, trained`;
    const rollups = [
      ...lines(
        await rows(`SELECT ${key}, organisations, visits, milestones, checked FROM field_impact_month_counts
                     WHERE (organisations, visits, milestones, checked) <> (0, 0, 0, 0)`),
      ),
      ...lines(
        await rows(`SELECT ${key}, g.key::int AS gain, g.value::int AS n
                      FROM field_impact_month_counts CROSS JOIN LATERAL jsonb_each_text(gains) g`),
      ),
      ...lines(await rows(`SELECT ${key}, milestone, n FROM field_impact_milestone_counts WHERE n <> 0`)),
    ].sort();
    const o = `(SELECT o.*, EXISTS (SELECT 1 FROM coach_course_completions c WHERE c.user_id = o.owner_id) AS trained
                  FROM field_organisations o)`;
    const month = (d: string) => `to_char(${d}, 'YYYY-MM')`;
    const who = 'o.territory_id, o.sector, o.kind, o.women_led, o.trained';
    const checked = `(SELECT organisation_id,
        (array_agg(overall ORDER BY taken_on DESC, created_at DESC, id DESC))[1]
          - (array_agg(overall ORDER BY taken_on, created_at, id))[1] AS gain, max(taken_on) AS latest_on
        FROM field_checks GROUP BY 1 HAVING count(*) >= 2)`;
    const counts = await rows(`SELECT month, territory_id, sector, kind, women_led, trained,
        sum(organisations)::int AS organisations, sum(visits)::int AS visits, sum(milestones)::int AS milestones,
        sum(checked)::int AS checked FROM (
        SELECT ${month("o.created_at AT TIME ZONE 'UTC'")} AS month, ${who}, 1 AS organisations, 0 AS visits,
               0 AS milestones, 0 AS checked FROM ${o} o
        UNION ALL SELECT ${month('v.visited_on')}, ${who}, 0, 1, 0, 0 FROM field_visits v JOIN ${o} o ON o.id = v.organisation_id
        UNION ALL SELECT ${month('m.reached_on')}, ${who}, 0, 0, 1, 0 FROM field_milestones m JOIN ${o} o ON o.id = m.organisation_id
        UNION ALL SELECT ${month('c.latest_on')}, ${who}, 0, 0, 0, 1 FROM ${checked} c JOIN ${o} o ON o.id = c.organisation_id
      ) e GROUP BY 1, 2, 3, 4, 5, 6`);
    const gains = await rows(`SELECT ${month('c.latest_on')} AS month, ${who}, c.gain, count(*)::int AS n
        FROM ${checked} c JOIN ${o} o ON o.id = c.organisation_id GROUP BY 1, 2, 3, 4, 5, 6, 7`);
    const milestones = await rows(`SELECT ${month('m.reached_on')} AS month, ${who}, m.kind AS milestone,
        count(*)::int AS n FROM field_milestones m JOIN ${o} o ON o.id = m.organisation_id GROUP BY 1, 2, 3, 4, 5, 6, 7`);
    const recount = [
      ...lines(spread(counts, 7)),
      ...lines(spread(gains, 8)),
      ...lines(spread(milestones, 8)),
    ].sort();
    return { rollups, recount };
  }

  it('keeps the counts equal to a recount through registrations, visits, checks, milestones and deletions', async () => {
    const [a, b, c] = owners as [string, string, string];
    const orgs: string[] = [];
    const plan = [
      {
        owner: a,
        territory: 'MA-OUJ',
        sector: 'argan',
        kind: 'cooperative',
        womenLed: true,
        month: '2026-01',
      },
      {
        owner: a,
        territory: 'MA-OUJ',
        sector: 'argan',
        kind: 'cooperative',
        womenLed: true,
        month: '2026-02',
      },
      {
        owner: a,
        territory: 'MA-BER',
        sector: 'crafts',
        kind: 'association',
        womenLed: false,
        month: '2026-02',
      },
      {
        owner: b,
        territory: 'MA-BER',
        sector: 'crafts',
        kind: 'cooperative',
        womenLed: true,
        month: '2026-03',
      },
      {
        owner: b,
        territory: 'MA-04',
        sector: 'digital',
        kind: 'young-enterprise',
        womenLed: false,
        month: '2026-03',
      },
      {
        owner: c,
        territory: 'MA-NAD',
        sector: 'tourism',
        kind: 'association',
        womenLed: true,
        month: '2026-04',
      },
    ];
    for (const p of plan) orgs.push(await organisation(p));
    for (const [i, org] of orgs.entries()) {
      const coach = plan[i]!.owner;
      await visit(org, '2026-04-03', coach);
      await visit(org, '2026-05-20', coach);
      if (i % 2 === 0) await visit(org, '2026-05-21', coach);
      await check(org, '2026-04-01', 20 + i, coach);
      if (i < 4) await check(org, '2026-06-01', 40 + 7 * i, coach);
      if (i === 0) await check(org, '2026-07-01', 15, coach);
      await milestone(org, i % 2 ? 'social-media-page' : 'digital-payment-accepted', '2026-05-02', coach);
    }
    let seen = await compare();
    expect(seen.rollups.length).toBeGreaterThan(10);
    expect(seen.rollups).toEqual(seen.recount);

    // A visit deleted, an organisation edited (moved and re-sectored), another deleted with its log.
    await write(async (q) => {
      await q(
        `DELETE FROM field_visits WHERE id = (SELECT id FROM field_visits WHERE organisation_id = $1 ORDER BY visited_on LIMIT 1)`,
        [orgs[1]],
      );
      return [orgs[1] as string];
    });
    await write(async (q) => {
      await q(
        `UPDATE field_organisations SET territory_id = $2, sector = 'textiles', women_led = false WHERE id = $1`,
        [orgs[2], territory['MA-JRA']],
      );
      return [orgs[2] as string];
    });
    await write(async (q) => {
      await q(`DELETE FROM field_organisations WHERE id = $1`, [orgs[3]]);
      return [orgs[3] as string];
    });
    seen = await compare();
    expect(seen.rollups).toEqual(seen.recount);
    const [{ n }] = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM field_impact_facts WHERE organisation_id = $1`,
      [orgs[3]],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('moves a coach’s organisations to the trained side when the coach completes a course', async () => {
    const trainedOf = async () =>
      (await t.dataSource.query(`SELECT DISTINCT trained FROM field_impact_facts WHERE owner_id = $1`, [
        learner.userId,
      ])) as { trained: boolean }[];
    await t.fold();
    expect(await trainedOf()).toEqual([{ trained: false }]);
    await t.dataSource.query(`UPDATE enrolments SET completed_at = now() WHERE id = $1`, [
      learner.enrolmentId,
    ]);
    // Written before the fold notices: counted as not trained, then moved with the others.
    const late = await organisation({
      owner: learner.userId,
      territory: 'MA-FIG',
      sector: 'other',
      kind: 'cooperative',
      womenLed: false,
      month: '2026-08',
    });
    await visit(late, '2026-08-02', learner.userId);
    const seen = await compare();
    expect(seen.rollups).toEqual(seen.recount);
    expect(await trainedOf()).toEqual([{ trained: true }]);

    // And back when the completion goes (the enrolment withdrawn).
    await t.dataSource.query(`UPDATE enrolments SET status = 'withdrawn' WHERE id = $1`, [
      learner.enrolmentId,
    ]);
    const again = await compare();
    expect(again.rollups).toEqual(again.recount);
    expect(await trainedOf()).toEqual([{ trained: false }]);
  });

  it('answers the observatory’s impact view with counts only, hidden below k, and the same as a file', async () => {
    const [, b] = owners as [string, string, string];
    // Enough organisations in Oujda-Angad for some cells to show.
    for (let i = 0; i < 7; i++) {
      const org = await organisation({
        owner: b,
        territory: 'MA-OUJ',
        sector: 'agri-food',
        kind: 'cooperative',
        womenLed: i < 5,
        month: '2026-09',
      });
      await visit(org, '2026-09-10', b);
      await check(org, '2026-09-01', 10, b);
      await check(org, '2026-10-01', 10 + 5 * i, b);
    }
    await t.fold();
    const oriental = territory['MA-02'] as string;
    const res = await t.request('GET', `/api/v1/observatory/impact?territoryId=${oriental}&lang=en`, {
      token: observer,
    });
    expect([res.status, res.status === 200 ? null : res.body]).toEqual([200, null]);
    const report = res.body as ImpactReport;
    const [truth] = (await t.dataSource.query(
      `SELECT count(*)::int AS organisations FROM field_organisations o JOIN territories t ON t.id = o.territory_id
        WHERE t.path LIKE (SELECT path FROM territories WHERE id = $1) || '%'`,
      [oriental],
    )) as [{ organisations: number }];
    expect(report.k).toBe(5);
    expect(report.totals.organisations).toBe(truth.organisations);
    const oujda = report.byTerritory.find((r) => r.key === territory['MA-OUJ']);
    expect(oujda?.label).toBe('Oujda-Angad');
    expect(oujda?.counts.organisations).toBeGreaterThanOrEqual(7);
    // Nador has one organisation: hidden; Berkane none (its one was deleted): shown.
    expect(report.byTerritory.find((r) => r.key === territory['MA-BER'])?.counts.organisations).toBe(0);
    expect(report.byTerritory.find((r) => r.key === territory['MA-NAD'])?.counts.organisations).toBeNull();
    expect(report.bySector.find((r) => r.key === 'agri-food')?.counts).toEqual({
      organisations: 7,
      visits: 7,
      milestones: 0,
      checked: 7,
      medianGain: 15,
    });
    // No count from 1 to k − 1 anywhere; no name, note or person.
    const numbers: number[] = [];
    JSON.stringify(report, (key, value: unknown) => {
      if (typeof value === 'number' && !['k', 'medianGain'].includes(key)) numbers.push(value);
      return value;
    });
    expect(numbers.filter((n) => n > 0 && n < 5)).toEqual([]);
    const text = JSON.stringify(report);
    for (const secret of ['Atelier Zitoun', 'Notes privées', 'Une note', 'example.org', ...owners])
      expect(text).not.toContain(secret);

    const file = await t.request(
      'GET',
      `/api/v1/observatory/impact/export?territoryId=${oriental}&format=csv&lang=fr`,
      {
        token: observer,
      },
    );
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('text/csv');
    const csv = file.raw.toString('utf8');
    expect(csv).toContain('Oujda-Angad');
    expect(csv).toContain('< 5');
    for (const secret of ['Atelier Zitoun', 'Notes privées', 'Une note', 'example.org'])
      expect(csv).not.toContain(secret);

    const coach = (await t.signIn('coach@example.org')).accessToken;
    expect((await t.request('GET', '/api/v1/observatory/impact', { token: coach })).status).toBe(403);
    const reversed = await t.request('GET', `/api/v1/observatory/impact?from=2026-05&to=2026-01`, {
      token: observer,
    });
    expect(reversed.status).toBe(422);
    // A window and filters: September's women-led agri-food cooperatives.
    const narrow = await t.request(
      'GET',
      `/api/v1/observatory/impact?territoryId=${oriental}&from=2026-09&to=2026-09&sector=agri-food&womenLed=true`,
      { token: observer },
    );
    expect(narrow.status).toBe(200);
    expect((narrow.body as ImpactReport).totals.organisations).toBe(5);
    expect((narrow.body as ImpactReport).byMonth.map((r) => r.key)).toEqual(['2026-09']);
    // A window of whole quarters and months reads those periods: 2026 holds every visit and registration.
    const year = await t.request(
      'GET',
      `/api/v1/observatory/impact?territoryId=${oriental}&from=2025-12&to=2026-11`,
      {
        token: observer,
      },
    );
    expect(year.status).toBe(200);
    const all = await t.request(
      'GET',
      `/api/v1/observatory/impact?territoryId=${oriental}&from=2026-01&to=2026-12`,
      {
        token: observer,
      },
    );
    const { totals } = all.body as ImpactReport;
    expect(totals).toEqual({ ...report.totals });
    expect((year.body as ImpactReport).totals.visits).toBe(totals.visits);
  });
});
