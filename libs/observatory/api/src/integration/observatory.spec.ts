import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { OBSERVATORY_GROUPS } from '@tc/shared/contracts';
import { demoCourse, seedSyntheticPopulation } from '@tc/demo/api';
import { medianDays } from '..';
import { EXACT, rollupDifferences } from '../testing';
import { createTestApp, type TestApp } from '@tc/shared/testing';

const lessons = demoCourse().modules.flatMap((m) => m.lessons);
const texts = lessons.filter((l) => l.kind !== 'quiz');

describe('the observatory: rollups, suppression, exports, scope (real database)', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  let observer: string;
  let courseId: string;
  const territory: Record<string, string> = {};
  const api = (method: string, url: string, token: string, body?: unknown) =>
    t.request(method, url, { token, ...(body !== undefined ? { body } : {}) });
  /**
   * The observatory's answer once the pending deltas are folded: the coaches' transactions append
   * their counts, and the app's folder applies them every 2 seconds (`t.fold()` does it now).
   */
  const completion = async (token: string, query: string) => {
    await t.fold();
    return api('GET', `/api/v1/observatory/completion?${query}`, token);
  };
  /** The rollups against a recount of their sources, once the pending deltas are folded. */
  const recount = async () => {
    await t.fold();
    return rollupDifferences(t.dataSource);
  };

  /**
   * Enrols the demo coach: at once where they already coach the cohort's territory, else through the
   * invitation they accept (which grants them the coach role there).
   */
  async function enrolCoach(cohort: string): Promise<void> {
    const res = await api('POST', `/api/v1/cohorts/${cohort}/enrolments`, admin, {
      emails: ['coach@example.org'],
    });
    expect(res.status).toBe(200);
    const invited = (res.body as { invited: { url: string }[] }).invited;
    if (!invited.length) return;
    const coachToken = (await t.signIn('coach@example.org')).accessToken;
    for (const { url } of invited) {
      const accepted = await api('POST', '/api/v1/me/cohort-invitations/accept', coachToken, {
        token: url.split('/').pop(),
      });
      expect(accepted.status).toBeLessThan(300);
    }
  }

  async function cohortIn(code: string, name: string): Promise<string> {
    const res = await api('POST', '/api/v1/cohorts', admin, {
      name,
      courseId,
      courseVersion: 1,
      territoryId: territory[code],
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** Enrols `n` new people by CSV, as a trainer would. */
  async function enrolByCsv(cohortId: string, prefix: string, n: number): Promise<void> {
    const rows = Array.from({ length: n }, (_, i) => `${prefix}-${i}@coop.ma,Personne ${prefix} ${i},MA-02`);
    const res = await t.request('POST', `/api/v1/cohorts/${cohortId}/enrolments/import?dryRun=false`, {
      token: admin,
      body: ['email,full name,territory code', ...rows].join('\n'),
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(res.status).toBe(200);
    // New addresses are invited: each person accepts (chooses a password) and is enrolled then.
    for (const { url } of (res.body as { result: { invited: { url: string }[] } }).result.invited) {
      const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
        body: { token: url.split('/').pop(), password: 'observatory-password-2026' },
      });
      expect(accepted.status).toBe(200);
    }
  }

  /** A count read from the rollups once the pending deltas are folded. */
  const sum = async (sql: string, params: unknown[] = []): Promise<number> => {
    await t.fold();
    return ((await t.dataSource.query(sql, params)) as { n: number | null }[])[0]?.n ?? 0;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.signIn('admin@example.org')).accessToken;
    trainer = (await t.signIn('trainer@example.org')).accessToken;
    observer = (await t.signIn('observer@example.org')).accessToken;
    const courses = await api('GET', '/api/v1/courses', admin);
    courseId = courses.body.find((c: { slug: string }) => c.slug === demoCourse().slug).id;
    for (const r of (await t.dataSource.query(`SELECT id, code FROM territories WHERE code IS NOT NULL`)) as {
      id: string;
      code: string;
    }[])
      territory[r.code] = r.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('rollups', () => {
    let cohortId: string;
    let coach: string;
    let enrolmentId: string;
    const event = (
      lessonKey: string,
      type: 'started' | 'completed',
      occurredAt = new Date(Date.now() - 60_000),
    ) => ({
      id: randomUUID(),
      enrolmentId,
      lessonKey,
      type,
      occurredAt: occurredAt.toISOString(),
    });
    const facts = async () =>
      (
        (await t.dataSource.query('SELECT * FROM obs_enrolment_facts WHERE enrolment_id = $1', [
          enrolmentId,
        ])) as {
          active: boolean;
          started_at: Date | null;
          gender: string;
          age_band: string;
        }[]
      )[0];

    beforeAll(async () => {
      cohortId = await cohortIn('MA-05', 'Rollups spec');
      await enrolCoach(cohortId);
      coach = (await t.signIn('coach@example.org')).accessToken;
      const mine = await api('GET', '/api/v1/me/enrolments', coach);
      enrolmentId = mine.body.find((e: { cohortId: string }) => e.cohortId === cohortId).enrolmentId;
      // Enrolled in January: a late event may then say the coach began in February (not before the enrolment).
      await t.dataSource.query(`UPDATE enrolments SET enrolled_at = '2026-01-15T09:00:00Z' WHERE id = $1`, [
        enrolmentId,
      ]);
    });

    it('counts an enrolment at the next fold of the deltas its transaction appended', async () => {
      expect(
        await sum(`SELECT sum(enrolled)::int AS n FROM obs_funnel WHERE territory_id = $1`, [
          territory['MA-05'],
        ]),
      ).toBe(1);
      expect(await recount()).toEqual(EXACT);
    });

    it('stays exact when the same batch is sent twice and two batches race with overlapping ids', async () => {
      const batch = [
        event(texts[0]!.key, 'started'),
        event(texts[0]!.key, 'completed'),
        event(texts[1]!.key, 'started'),
      ];
      const overlap = [batch[2]!, event(texts[1]!.key, 'completed'), event(texts[2]!.key, 'started')];
      expect((await api('POST', '/api/v1/progress/events', coach, { events: batch })).status).toBe(200);
      expect(
        (await api('POST', '/api/v1/progress/events', coach, { events: batch })).body.duplicates,
      ).toHaveLength(3);
      const raced = await Promise.all([
        api('POST', '/api/v1/progress/events', coach, { events: overlap }),
        api('POST', '/api/v1/progress/events', coach, { events: [...overlap].reverse() }),
      ]);
      expect(raced.map((r) => r.status)).toEqual([200, 200]);
      await t.fold();
      const stats = (await t.dataSource.query(
        `SELECT lesson_key, sum(started)::int AS started, sum(completed)::int AS completed FROM obs_lesson_stats
          WHERE territory_id = $1 GROUP BY 1 ORDER BY 1`,
        [territory['MA-05']],
      )) as { lesson_key: string; started: number; completed: number }[];
      expect(stats).toEqual(
        [
          { lesson_key: texts[0]!.key, started: 1, completed: 1 },
          { lesson_key: texts[1]!.key, started: 1, completed: 1 },
          { lesson_key: texts[2]!.key, started: 1, completed: 0 },
        ].sort((a, b) => a.lesson_key.localeCompare(b.lesson_key)),
      );
      expect(
        await sum(`SELECT sum(started)::int AS n FROM obs_funnel WHERE territory_id = $1`, [
          territory['MA-05'],
        ]),
      ).toBe(1);
      expect(await recount()).toEqual(EXACT);
    });

    it('moves the start to an earlier month when a late event (sent offline) says it began earlier', async () => {
      const earlier = new Date(Date.UTC(2026, 1, 10, 9));
      expect(
        (await api('POST', '/api/v1/progress/events', coach, event(texts[3]!.key, 'started', earlier)))
          .status,
      ).toBe(200);
      expect((await facts())?.started_at?.toISOString()).toBe(earlier.toISOString());
      expect(
        await sum(
          `SELECT sum(started)::int AS n FROM obs_funnel WHERE territory_id = $1 AND month = '2026-02-01'`,
          [territory['MA-05']],
        ),
      ).toBe(1);
      expect(
        await sum(`SELECT sum(started)::int AS n FROM obs_funnel WHERE territory_id = $1`, [
          territory['MA-05'],
        ]),
      ).toBe(1);
      expect(await recount()).toEqual(EXACT);
    });

    it('takes a withdrawn coach out of every stage and lesson count, and puts them back on reactivation', async () => {
      const lessonsBefore = await sum(
        `SELECT sum(started)::int AS n FROM obs_lesson_stats WHERE territory_id = $1`,
        [territory['MA-05']],
      );
      expect(lessonsBefore).toBe(4);
      const withdrawn = await api(
        'POST',
        `/api/v1/cohorts/${cohortId}/enrolments/${enrolmentId}/withdraw`,
        admin,
      );
      expect(withdrawn.status).toBeLessThan(300);
      expect(
        await sum(`SELECT sum(enrolled)::int AS n FROM obs_funnel WHERE territory_id = $1`, [
          territory['MA-05'],
        ]),
      ).toBe(0);
      expect(
        await sum(`SELECT sum(withdrawn)::int AS n FROM obs_funnel WHERE territory_id = $1`, [
          territory['MA-05'],
        ]),
      ).toBe(1);
      expect(
        await sum(`SELECT sum(started)::int AS n FROM obs_lesson_stats WHERE territory_id = $1`, [
          territory['MA-05'],
        ]),
      ).toBe(0);
      expect(await recount()).toEqual(EXACT);

      await enrolCoach(cohortId);
      expect((await facts())?.active).toBe(true);
      expect(
        await sum(`SELECT sum(started)::int AS n FROM obs_lesson_stats WHERE territory_id = $1`, [
          territory['MA-05'],
        ]),
      ).toBe(4);
      expect(await recount()).toEqual(EXACT);
    });

    it('moves a coach between categories when they declare, change or withhold their gender and age', async () => {
      expect((await facts())?.gender).toBe('unknown');
      const declared = await api('PATCH', '/api/v1/me', coach, { gender: 'female', birthYear: 1998 });
      expect(declared.status).toBe(200);
      expect(await facts()).toMatchObject({ gender: 'female', age_band: '25-34' });
      expect(await recount()).toEqual(EXACT);
      const withheld = await api('PATCH', '/api/v1/me', coach, { demographicsWithheld: true });
      expect(withheld.status).toBe(200);
      expect(await facts()).toMatchObject({ gender: 'unknown', age_band: 'unknown' });
      expect(await recount()).toEqual(EXACT);
    });

    it('keeps counts exact across a version move (lessons keyed by their stable keys)', async () => {
      const draft = (await api('GET', `/api/v1/courses/${courseId}`, admin)).body;
      const m1 = draft.modules[0];
      await api('POST', `/api/v1/courses/${courseId}/modules/${m1.id}/lessons`, admin, {
        kind: 'text',
        title: { fr: 'Leçon ajoutée' },
        body: { fr: 'Nouveau contenu.' },
      });
      const published = await api('POST', `/api/v1/courses/${courseId}/publish`, admin);
      expect(published.status).toBe(201);
      const before = await sum(
        `SELECT sum(started)::int AS n FROM obs_lesson_stats WHERE territory_id = $1`,
        [territory['MA-05']],
      );
      const upgraded = await api('POST', `/api/v1/cohorts/${cohortId}/upgrade`, admin, {
        version: published.body.number,
      });
      expect(upgraded.status).toBe(200);
      expect(
        await sum(`SELECT sum(started)::int AS n FROM obs_lesson_stats WHERE territory_id = $1`, [
          territory['MA-05'],
        ]),
      ).toBe(before);
      // The module view follows the latest version: the new lesson is there, with nobody yet.
      const modules = await completion(
        admin,
        `territoryId=${territory['MA-05']}&groupBy=module&courseId=${courseId}`,
      );
      expect(modules.status).toBe(200);
      expect(modules.body.rows).toHaveLength(lessons.length + 1);
      expect(
        modules.body.rows.find((r: { label: { fr: string } }) => r.label.fr === 'Leçon ajoutée'),
      ).toMatchObject({
        started: 0,
        completed: 0,
      });
      expect(await recount()).toEqual(EXACT);
    });

    it('counts nothing of a transaction that rolls back', async () => {
      const before = await recount();
      const total = () => sum(`SELECT sum(started)::int AS n FROM obs_lesson_stats`);
      const was = await total();
      await expect(
        t.dataSource.transaction(async (m) => {
          await m.query(
            `INSERT INTO lesson_progress (enrolment_id, lesson_key, started_at, last_activity_at) VALUES ($1, 'rolled-back', now(), now())`,
            [enrolmentId],
          );
          // Inside the transaction its delta is there, for the next fold ...
          const inside = (await m.query(
            `SELECT sum(started)::int AS n FROM obs_lesson_stat_deltas WHERE lesson_key = 'rolled-back'`,
          )) as { n: number }[];
          expect(inside[0]?.n).toBe(1);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      // ... and after the rollback nothing is left, pending or counted.
      expect(await total()).toBe(was);
      const pending = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM obs_lesson_stat_deltas WHERE lesson_key = 'rolled-back'`,
      )) as { n: number }[];
      expect(pending[0]?.n).toBe(0);
      expect(before).toEqual(EXACT);
      expect(await recount()).toEqual(EXACT);
    });

    it('counts certificates until they are revoked', async () => {
      const cohort = await cohortIn('MA-06', 'Certificates spec');
      await enrolCoach(cohort);
      const mine = await api('GET', '/api/v1/me/enrolments', coach);
      const id = mine.body.find((e: { cohortId: string }) => e.cohortId === cohort).enrolmentId as string;
      // Completed and certified as the progress service would, in one transaction.
      await t.dataSource.transaction(async (m) => {
        await m.query(`UPDATE enrolments SET completed_at = now() WHERE id = $1`, [id]);
        await m.query(
          `INSERT INTO certificates (code, enrolment_id, issued_at, holder_name, course_title, course_version, territory_name)
           VALUES ('TESTCERT2345', $1, now(), 'Coach', '{}', 1, '{}')`,
          [id],
        );
      });
      const certified = () =>
        sum(`SELECT sum(certified)::int AS n FROM obs_funnel WHERE territory_id = $1`, [territory['MA-06']]);
      expect(await certified()).toBe(1);
      const revoked = await api('POST', `/api/v1/certificates/TESTCERT2345/revoke`, admin, {
        reason: 'Erreur de saisie',
      });
      expect(revoked.status).toBeLessThan(300);
      expect(await certified()).toBe(0);
      expect(await recount()).toEqual(EXACT);
    });
  });

  describe('suppression', () => {
    beforeAll(async () => {
      // L'Oriental's provinces: 3 in Oujda-Angad, 7 in Berkane, 20 in Nador.
      await enrolByCsv(await cohortIn('MA-OUJ', 'Oujda small'), 'ouj', 3);
      await enrolByCsv(await cohortIn('MA-BER', 'Berkane seven'), 'ber', 7);
      await enrolByCsv(await cohortIn('MA-NAD', '=HYPERLINK("http://evil.example","Nador")'), 'nad', 20);
    });

    const baseline = async () => {
      // Whatever else the earlier tests enrolled in L'Oriental (other provinces), counted from the tables.
      const rows = (await t.dataSource.query(
        `SELECT t.code, count(*) FILTER (WHERE e.status = 'active')::int AS n FROM enrolments e
           JOIN cohorts c ON c.id = e.cohort_id JOIN territories t ON t.id = c.territory_id GROUP BY 1`,
      )) as { code: string; n: number }[];
      return new Map(rows.map((r) => [r.code, r.n]));
    };

    it('hides counts below k, and a second cell where the first could be worked out from the total', async () => {
      const counts = await baseline();
      expect(counts.get('MA-OUJ')).toBe(3);
      expect(counts.get('MA-BER')).toBe(7);
      const res = await completion(observer, `territoryId=${territory['MA-02']}&groupBy=territory`);
      expect(res.status).toBe(200);
      expect(res.body.k).toBe(5);
      const row = (code: string) =>
        res.body.rows.find((r: { key: string }) => r.key === territory[code]) as Record<string, unknown>;
      expect(row('MA-OUJ')['enrolled']).toBeNull();
      expect(row('MA-OUJ')['completionRate']).toBeNull();
      // Every other province of L'Oriental has 0 or ≥ k; the smallest non-zero one goes with Oujda.
      const visible = [...counts.entries()].filter(
        ([code, n]) => code.startsWith('MA-') && code.length === 6 && code !== 'MA-OUJ' && n > 0,
      );
      const smallest = visible.sort((a, b) => a[1] - b[1])[0]!;
      expect(row(smallest[0])['enrolled']).toBeNull();
      const hidden = res.body.rows.filter((r: { enrolled: unknown }) => r.enrolled === null);
      expect(hidden).toHaveLength(2);
      expect(res.body.total.enrolled).toBe(
        [...counts.entries()]
          .filter(([code]) => code === 'MA-02' || (code.startsWith('MA-') && code.length === 6))
          .reduce((s, [, n]) => s + n, 0),
      );
      expect(res.body.suppressedCells).toBeGreaterThanOrEqual(4);
    });

    it('applies the configured k', async () => {
      const k3 = await createTestApp({ OBSERVATORY_K: '3' }, t.kind);
      try {
        const token = (await k3.signIn('observer@example.org')).accessToken;
        const res = await k3.request('GET', '/api/v1/observatory/scope', { token });
        expect(res.body.k).toBe(3);
      } finally {
        await k3.close();
      }
    });

    it('exports the same table to CSV and XLSX with the filters, the note and no formula cell', async () => {
      const csv = await completion(
        observer,
        `territoryId=${territory['MA-02']}&groupBy=territory&format=csv`,
      );
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(
        /attachment; filename="completion-MA-02-territory\.csv"/,
      );
      const text = String(csv.body);
      expect(text).toContain("Territoire: L'Oriental (MA-02)");
      expect(text).toContain('Les effectifs de 1 à 4 sont masqués');
      expect(text).toMatch(/Oujda-Angad,< 5,/);
      expect(text).not.toMatch(/Oujda-Angad,3,/);

      const cohorts = await completion(
        observer,
        `territoryId=${territory['MA-NAD']}&groupBy=cohort&format=csv&lang=en`,
      );
      const lines = String(cohorts.body)
        .replace(/^\uFEFF/, '')
        .split('\n');
      expect(lines[0]).toBe('Observatory — coaches’ progress');
      expect(lines.some((l) => l.includes(`'=HYPERLINK`))).toBe(true);
      expect(lines.every((l) => !/^"?[=+\-@]/.test(l))).toBe(true);

      const xlsx = await completion(
        observer,
        `territoryId=${territory['MA-02']}&groupBy=territory&format=xlsx&lang=ar`,
      );
      expect(xlsx.status).toBe(200);
      expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      // An Arabic file: a right-to-left sheet named in Arabic, the screen's words, a written date.
      expect(sheet.name).toBe('المرصد');
      expect(sheet.views[0]?.rightToLeft).toBe(true);
      const cells: string[][] = [];
      sheet.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      expect(cells[1]?.[0]).toContain('الشرق');
      expect(cells.some((r) => r.includes('بدؤوا'))).toBe(true);
      expect(cells.flat().some((c) => /^\d{4}-\d{2}-\d{2}T/.test(c.split(': ')[1] ?? ''))).toBe(false);
      expect(cells.flat().some((c) => c.includes('بتوقيت المغرب'))).toBe(true);
      const oujda = cells.find((r) => r[0] === 'وجدة أنجاد');
      expect(oujda?.[1]).toBe('< 5');
      for (const r of cells) for (const c of r) expect(c).not.toMatch(/^[=+\-@]/);
    });
  });

  describe('scope and bad input', () => {
    it('lets an observer of Morocco see nothing of another country', async () => {
      const senegal = await api('POST', '/api/v1/territories', admin, {
        parentId: (await t.dataSource.query(`SELECT id FROM territories WHERE parent_id IS NULL`))[0].id,
        level: 'country',
        code: 'SN',
        name: { fr: 'Sénégal', ar: 'السنغال', en: 'Senegal' },
      });
      expect(senegal.status).toBe(201);
      const invite = await api('POST', '/api/v1/users/invitations', admin, {
        email: 'observer.maroc@alga.example',
        displayName: 'Observatrice Maroc',
        role: 'observer',
        territoryId: territory['MA'],
      });
      expect(invite.status).toBe(201);
      const token = (
        await t.request('POST', '/api/v1/auth/links/accept', {
          body: { token: (invite.body.link.url as string).split('/').pop(), password: 'observer-maroc-pass' },
        })
      ).body.accessToken as string;
      const scope = await api('GET', '/api/v1/observatory/scope', token);
      expect(scope.body.territories.map((x: { code: string }) => x.code)).toEqual(['MA']);
      const home = await completion(token, '');
      expect(home.body.territory.code).toBe('MA');
      expect(home.body.breadcrumb.map((x: { code: string }) => x.code)).toEqual(['MA']);
      for (const url of [
        `/api/v1/observatory/completion?territoryId=${senegal.body.id}`,
        `/api/v1/observatory/competences?territoryId=${senegal.body.id}`,
        `/api/v1/observatory/completion?territoryId=${senegal.body.id}&format=xlsx`,
        `/api/v1/observatory/completion?territoryId=${(await t.dataSource.query(`SELECT id FROM territories WHERE parent_id IS NULL`))[0].id}`,
      ]) {
        const res = await api('GET', url, token);
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors).toEqual([
          { field: 'territoryId', message: 'Outside your territories', code: 'outside-scope' },
        ]);
      }
    });

    it('refuses trainers, coaches and anonymous callers', async () => {
      const coach = (await t.signIn('coach@example.org')).accessToken;
      for (const url of [
        '/api/v1/observatory/scope',
        '/api/v1/observatory/completion',
        '/api/v1/observatory/competences',
      ]) {
        expect((await api('GET', url, trainer)).status).toBe(403);
        expect((await api('GET', url, coach)).status).toBe(403);
        expect((await t.request('GET', url)).status).toBe(401);
      }
    });

    it('names the field at fault', async () => {
      const cases: [string, string, number][] = [
        ['groupBy=region', 'groupBy', 400],
        ['from=2026-13', 'from', 400],
        ['territoryId=../../etc', 'territoryId', 400],
        ['format=pdf', 'format', 400],
        ['from=2026-06&to=2026-01', 'to', 422],
        ['limit=0', 'limit', 400],
        ['limit=501', 'limit', 400],
        ['limit=ten', 'limit', 400],
        ['offset=-1', 'offset', 400],
        ['groupBy=module', 'courseId', 422],
        [`courseId=${randomUUID()}`, 'courseId', 422],
        [`territoryId=${randomUUID()}`, 'territoryId', 404],
      ];
      for (const [query, field, status] of cases) {
        const res = await completion(observer, query);
        expect([query, res.status]).toEqual([query, status]);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });
  describe('a synthetic population (after the scenarios above, which count exact small numbers)', () => {
    it('gives rollups equal to a recount from the source tables, and totals the API reports', async () => {
      const summary = await seedSyntheticPopulation(t.dataSource, {
        coaches: 400,
        cohorts: 12,
        events: 9_000,
        courseSlug: demoCourse().slug,
        months: 10,
        tag: 'spec',
      });
      expect(summary?.events).toBe(9_000);
      expect(await recount()).toEqual(EXACT);
      const active = await sum(
        `SELECT count(*)::int AS n FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id JOIN territories t ON t.id = c.territory_id
          WHERE t.code LIKE 'MA%' AND e.status = 'active'`,
      );
      const report = await completion(observer, `territoryId=${territory['MA']}`);
      expect(report.status).toBe(200);
      expect(report.body.total.enrolled).toBe(active);
      // Every rollup answers the same totals: all-time, monthly, and by month and category in a window.
      for (const query of [
        'groupBy=gender',
        'groupBy=month',
        'groupBy=ageBand&from=2000-01&to=2100-12',
        'from=2000-01',
      ]) {
        const other = await completion(observer, `territoryId=${territory['MA']}&${query}`);
        expect([query, other.body.total.enrolled, other.body.total.completed]).toEqual([
          query,
          active,
          report.body.total.completed,
        ]);
      }
      // The total row's median comes from the territory's histogram whatever the rows are.
      expect(report.body.total.medianDaysToCompletion).toEqual(expect.any(Number));
      for (const query of ['groupBy=month', 'groupBy=cohort', 'groupBy=cohort&limit=5&offset=5']) {
        const other = await completion(observer, `territoryId=${territory['MA']}&${query}`);
        expect([query, other.body.total.medianDaysToCompletion]).toEqual([
          query,
          report.body.total.medianDaysToCompletion,
        ]);
      }
      // Cohort medians are computed in SQL; they agree with the histogram read the long way.
      const byCohort = await completion(observer, `territoryId=${territory['MA']}&groupBy=cohort`);
      const histogram = (await t.dataSource.query(
        `SELECT cohort_id, days, sum(n)::int AS n FROM obs_cohort_completion_days GROUP BY 1, 2`,
      )) as { cohort_id: string; days: number; n: number }[];
      let compared = 0;
      for (const row of byCohort.body.rows as { key: string; medianDaysToCompletion: number | null }[]) {
        if (row.medianDaysToCompletion === null) continue;
        const mine = new Map(histogram.filter((h) => h.cohort_id === row.key).map((h) => [h.days, h.n]));
        expect([row.key, row.medianDaysToCompletion]).toEqual([row.key, medianDays(mine)]);
        compared++;
      }
      expect(compared).toBeGreaterThan(5);
      // Pages of the table, all time and within a window: the same rows, medians and suppression as
      // the whole table (suppression is decided over the whole column, medians read for the page only).
      for (const window of ['', '&from=2000-01&to=2100-12']) {
        const whole = await completion(
          observer,
          `territoryId=${territory['MA']}&groupBy=cohort&limit=500${window}`,
        );
        expect(whole.body.page).toEqual({ offset: 0, limit: 500, total: whole.body.rows.length });
        expect(whole.body.rows.length).toBeGreaterThanOrEqual(12);
        const pages: unknown[] = [];
        for (let offset = 0; offset < whole.body.page.total; offset += 5) {
          const page = await completion(
            observer,
            `territoryId=${territory['MA']}&groupBy=cohort&limit=5&offset=${offset}${window}`,
          );
          expect(page.body.page).toEqual({ offset, limit: 5, total: whole.body.page.total });
          expect(page.body.suppressedCells).toBe(whole.body.suppressedCells);
          expect(page.body.total).toEqual(whole.body.total);
          pages.push(...page.body.rows);
        }
        expect(pages).toEqual(whole.body.rows);
      }
      expect(byCohort.body.page).toEqual({ offset: 0, limit: 50, total: byCohort.body.rows.length });
      // The rows add up to the total wherever none is hidden.
      const shown = report.body.rows.map((r: { enrolled: number | null }) => r.enrolled);
      if (!shown.includes(null)) expect(shown.reduce((a: number, b: number) => a + b, 0)).toBe(active);
    });

    it('never names a person in any observatory answer', async () => {
      const people = (await t.dataSource.query(
        `SELECT u.id, u.email, u.display_name, e.id AS enrolment_id FROM users u LEFT JOIN enrolments e ON e.user_id = u.id`,
      )) as { id: string; email: string; display_name: string; enrolment_id: string | null }[];
      const secrets = new Set(people.flatMap((p) => [p.id, p.email, p.display_name, p.enrolment_id ?? p.id]));
      const urls = [
        '/api/v1/observatory/scope',
        `/api/v1/observatory/competences?territoryId=${territory['MA']}`,
        ...OBSERVATORY_GROUPS.flatMap((g) =>
          ['MA', 'MA-02', 'MA-OUJ'].map(
            (code) =>
              `/api/v1/observatory/completion?territoryId=${territory[code]}&groupBy=${g}&courseId=${courseId}`,
          ),
        ),
        `/api/v1/observatory/completion?territoryId=${territory['MA-02']}&format=csv`,
        `/api/v1/observatory/completion?territoryId=${territory['MA-NAD']}&groupBy=cohort&format=csv`,
      ];
      for (const url of urls) {
        const res = await api('GET', url, admin);
        expect(res.status).toBe(200);
        const body = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
        for (const secret of secrets) if (body.includes(secret)) throw new Error(`${url} reveals ${secret}`);
      }
      expect(secrets.size).toBeGreaterThan(400);
    });
  });
});
