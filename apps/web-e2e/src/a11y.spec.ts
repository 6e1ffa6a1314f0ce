import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectSignedIn, signIn } from './support';

/**
 * Every page of every role, in French and in Arabic, through axe-core: no violation of impact
 * `serious` or `critical` against WCAG 2.0/2.1 A and AA. All of a test's pages are audited before it
 * fails, and the failure lists every violation with the page, the rule and the offending elements.
 * No axe rule is disabled.
 */

const API = '/api/v1';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);
const LANGUAGES = [
  { code: 'fr', menu: /^Langue/, name: 'Français' },
  { code: 'ar', menu: /^Langue/, name: 'العربية' },
] as const;
type Language = (typeof LANGUAGES)[number];

/** The credential check page's words the audit acts on. */
const CHECK_PAGE = {
  fr: {
    paste: 'Ou collez le JSON du justificatif',
    submit: 'Vérifier',
    result: 'Résultat de la vérification',
  },
  ar: { paste: 'أو الصق نص JSON الخاص بالشهادة', submit: 'تحقّق', result: 'نتيجة التحقق' },
} as const;

interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Runs axe on the page as it stands and keeps its blocking violations. */
async function audit(page: Page, name: string, findings: Finding[]): Promise<void> {
  // Let the page settle: its heading shown, its data loaded, no "Loading…" left.
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // eslint-disable-next-line playwright/no-networkidle -- axe must see the page with its data loaded, not a half-rendered one
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await expect(page.getByRole('status').filter({ hasText: /^(Chargement|جار التحميل|Loading)/ })).toHaveCount(
    0,
  );
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  if (process.env['A11Y_VERBOSE'])
    console.log(
      name,
      results.passes.length,
      'passes;',
      results.violations.map((v) => `${v.id}:${v.impact}:${v.nodes.length}`).join(' '),
    );
  for (const v of results.violations) {
    if (!BLOCKING.has(v.impact ?? '')) continue;
    findings.push({
      page: name,
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.map(
        (n) => `${n.target.join(' ')}\n        ${n.failureSummary?.replace(/\n/g, '\n        ')}`,
      ),
    });
  }
}

function report(findings: Finding[]): string {
  if (!findings.length) return 'no serious or critical violation';
  return findings
    .map(
      (f) => `[${f.page}] ${f.rule} (${f.impact}): ${f.help}\n` + f.nodes.map((n) => `    - ${n}`).join('\n'),
    )
    .join('\n');
}

function expectClean(findings: Finding[]): void {
  expect(findings, report(findings)).toEqual([]);
}

async function chooseLanguage(page: Page, lang: Language): Promise<void> {
  if (lang.code === 'fr') return;
  await page.getByRole('button', { name: lang.menu }).click();
  await page.getByRole('button', { name: lang.name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
}

/** Signs in in French and switches to the language, which is saved on the profile. */
async function signInAs(
  page: Page,
  request: APIRequestContext,
  email: string,
  lang: Language,
): Promise<void> {
  await resetLanguage(request, email);
  await signIn(page, email);
  await expectSignedIn(page);
  await chooseLanguage(page, lang);
}

async function visit(page: Page, url: string, lang: Language): Promise<void> {
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
}

/** The first link on the page whose address matches, as a path. */
async function hrefOf(page: Page, selector: string): Promise<string> {
  const link = page.locator(selector).first();
  await expect(link).toBeVisible();
  return (await link.getAttribute('href')) as string;
}

async function resetLanguage(request: APIRequestContext, email: string): Promise<void> {
  const res = await request.post(`${API}/auth/sign-in`, { data: { email, password: DEMO_PASSWORD } });
  const { accessToken } = (await res.json()) as { accessToken: string };
  await request.patch(`${API}/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
    data: { preferredLanguage: 'fr' },
  });
}

test.use({ viewport: { width: 1280, height: 800 } });

for (const lang of LANGUAGES) {
  test.describe(`accessibility (${lang.code})`, () => {
    test(`anonymous pages`, async ({ page }) => {
      const findings: Finding[] = [];
      await page.goto('/sign-in');
      await chooseLanguage(page, lang);
      await audit(page, 'sign-in', findings);
      await visit(page, '/forgot-password', lang);
      await audit(page, 'forgot-password', findings);
      await visit(page, '/links/not-a-real-token-0000000000', lang);
      await audit(page, 'accept-link (unknown token)', findings);
      await visit(page, '/verify/AAAAAAAAAAAA', lang);
      await audit(page, 'verify (unknown code)', findings);
      await visit(page, '/verify', lang);
      await audit(page, 'verify (check a credential)', findings);
      // A JSON object that is no credential: the answer lists every check, failed or not run.
      await page.getByLabel(CHECK_PAGE[lang.code].paste).fill('{"type": ["VerifiableCredential"]}');
      await page.getByRole('button', { name: CHECK_PAGE[lang.code].submit, exact: true }).click();
      await expect(page.getByRole('heading', { level: 2, name: CHECK_PAGE[lang.code].result })).toBeVisible();
      await audit(page, 'verify (a credential checked)', findings);
      await visit(page, '/help', lang);
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await audit(page, 'help (signed out)', findings);
      await visit(page, '/privacy', lang);
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await audit(page, 'privacy (signed out)', findings);
      expectClean(findings);
    });

    test(`coach pages`, async ({ page, request }) => {
      test.setTimeout(120_000);
      const findings: Finding[] = [];
      try {
        await signInAs(page, request, 'coach@example.org', lang);
        await audit(page, 'home', findings);
        await visit(page, '/learn', lang);
        await audit(page, 'learn', findings);
        const course = await hrefOf(page, 'main a[href^="/learn/"]');
        await visit(page, course, lang);
        await audit(page, 'course', findings);
        const lessons = page.locator('main a.tc-lesson');
        await expect(lessons.first()).toBeVisible();
        // Module 1 of the demo course: three text lessons, then its quiz.
        const textLesson = (await lessons.nth(0).getAttribute('href')) as string;
        const quiz = (await lessons.nth(3).getAttribute('href')) as string;
        await visit(page, textLesson, lang);
        await audit(page, 'text lesson', findings);
        await visit(page, quiz, lang);
        await expect(page.locator('tc-quiz')).toBeVisible();
        await audit(page, 'quiz', findings);
        // Module 3's practical task, returned with feedback in the demo.
        await visit(page, `${course}/lessons/m3-task`, lang);
        await expect(page.locator('tc-task-hand-in')).toBeVisible();
        await audit(page, 'practical task', findings);
        await visit(page, '/notifications', lang);
        await expect(page.locator('main li').first()).toBeVisible();
        await audit(page, 'notifications', findings);
        const announcements = await hrefOf(page, 'main a[href*="/announcements"]');
        await visit(page, announcements, lang);
        await expect(page.locator('main .tc-announcement').first()).toBeVisible();
        await audit(page, 'announcements', findings);
        await visit(page, '/profile', lang);
        await audit(page, 'profile', findings);
        // The field log: the list, an organisation's log and its forms.
        await visit(page, '/field', lang);
        await expect(page.locator('main .tc-card').first()).toBeVisible();
        await audit(page, 'field log', findings);
        const organisation = await hrefOf(page, 'main a.tc-card-title');
        await visit(page, organisation, lang);
        await expect(page.locator('#tc-visits-heading')).toBeVisible();
        await audit(page, "an organisation's log", findings);
        await visit(page, `${organisation}/checks/new`, lang);
        await expect(page.getByRole('radiogroup').first()).toBeVisible();
        await audit(page, 'maturity check', findings);
        await visit(page, `${organisation}/visits/new`, lang);
        await expect(page.locator('main form')).toBeVisible();
        await audit(page, 'visit form', findings);
        await visit(page, `${organisation}/milestones/new`, lang);
        await expect(page.locator('main form')).toBeVisible();
        await audit(page, 'milestone form', findings);
        await visit(page, '/field/organisations/new', lang);
        await expect(page.locator('main form')).toBeVisible();
        await audit(page, 'organisation form', findings);
        await visit(page, '/join', lang);
        await audit(page, 'join', findings);
        // The help with every other role's part opened.
        await visit(page, '/help', lang);
        await expect(page.locator('main details')).toHaveCount(3);
        for (const part of await page.locator('main details summary').all()) await part.click();
        await expect(page.locator('main details[open]')).toHaveCount(3);
        await audit(page, 'help (coach, every part open)', findings);
        await visit(page, '/privacy', lang);
        await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
        await audit(page, 'privacy (coach)', findings);
      } finally {
        await resetLanguage(request, 'coach@example.org');
      }
      expectClean(findings);
    });

    test(`trainer pages`, async ({ page, request }) => {
      test.setTimeout(120_000);
      const findings: Finding[] = [];
      try {
        await signInAs(page, request, 'trainer@example.org', lang);
        await visit(page, '/courses', lang);
        await audit(page, 'courses', findings);
        const course = await hrefOf(page, 'main a[href^="/courses/"]');
        await visit(page, course, lang);
        await audit(page, 'course editor', findings);
        const lesson = await hrefOf(page, 'main a[href*="/lessons/"]');
        await visit(page, lesson, lang);
        await audit(page, 'lesson editor', findings);
        await visit(page, `${course}/preview`, lang);
        await audit(page, 'course preview', findings);
        await visit(page, '/cohorts', lang);
        await audit(page, 'cohorts', findings);
        // The demo cohort: its roster has task states, its queue two rounds, its pinned announcement.
        const cohort = await hrefOf(page, 'main a[href^="/cohorts/"]:has-text("démonstration")');
        await page.locator('main').getByRole('button').first().click();
        await expect(page.getByRole('dialog').or(page.locator('tc-new-cohort-wizard')).first()).toBeVisible();
        await audit(page, 'new-cohort wizard', findings);
        await visit(page, cohort, lang);
        await expect(page.getByRole('table').first()).toBeVisible();
        await audit(page, 'cohort with roster', findings);
        await visit(page, `${cohort}/reviews`, lang);
        await expect(page.locator('main li').first()).toBeVisible();
        await audit(page, 'review queue', findings);
        await visit(page, `${cohort}/announcements`, lang);
        await expect(page.locator('main .tc-announcement').first()).toBeVisible();
        await audit(page, 'announcements (trainer)', findings);
        await visit(page, `${cohort}/announcements/new`, lang);
        await expect(page.locator('main form')).toBeVisible();
        await audit(page, 'announcement editor', findings);
        await visit(page, '/territories', lang);
        await audit(page, 'territories', findings);
        await visit(page, '/field/coaches', lang);
        await expect(page.locator('main .tc-card').first()).toBeVisible();
        await audit(page, 'field supervision', findings);
      } finally {
        await resetLanguage(request, 'trainer@example.org');
      }
      expectClean(findings);
    });

    test(`observer pages`, async ({ page, request }) => {
      test.setTimeout(120_000);
      const findings: Finding[] = [];
      try {
        await signInAs(page, request, 'observer@example.org', lang);
        await audit(page, 'home', findings);
        const { morocco, oriental } = await territoryIds(request);
        await visit(page, `/observatory?territoryId=${morocco}`, lang);
        await expect(page.getByRole('table').first()).toBeVisible();
        await audit(page, 'observatory (Morocco)', findings);
        await visit(page, `/observatory?territoryId=${oriental}`, lang);
        await expect(page.getByRole('table').first()).toBeVisible();
        await audit(page, "observatory (L'Oriental)", findings);
        await visit(page, `/observatory?territoryId=${oriental}&groupBy=month`, lang);
        await expect(page.getByRole('table').first()).toBeVisible();
        await audit(page, 'observatory (by month)', findings);
        await visit(page, `/observatory?territoryId=${oriental}&groupBy=module`, lang);
        await expect(page.getByRole('table').first()).toBeVisible();
        await audit(page, 'observatory (by module)', findings);
        await visit(page, `/observatory/impact?territoryId=${oriental}`, lang);
        await expect(page.getByRole('table').first()).toBeVisible();
        await audit(page, "impact in the field (L'Oriental)", findings);
      } finally {
        await resetLanguage(request, 'observer@example.org');
      }
      expectClean(findings);
    });

    test(`admin pages`, async ({ page, request }) => {
      test.setTimeout(120_000);
      const findings: Finding[] = [];
      try {
        await signInAs(page, request, 'admin@example.org', lang);
        await audit(page, 'home', findings);
        await visit(page, '/users', lang);
        await audit(page, 'users', findings);
        // A person's page (the list also links to the audit log, the failed jobs and the erasure
        // requests, under /users/ too).
        const user = await hrefOf(
          page,
          'main a[href^="/users/"]:not([href="/users/audit"]):not([href="/users/jobs"]):not([href="/users/erasure-requests"])',
        );
        await visit(page, user, lang);
        await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}$/);
        await audit(page, 'user', findings);
        await visit(page, '/users/audit', lang);
        await expect(page.locator('.tc-entries li').first()).toBeVisible();
        await audit(page, 'audit log', findings);
        await visit(page, '/users/jobs', lang);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await audit(page, 'failed jobs', findings);
        await visit(page, '/users/erasure-requests', lang);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await audit(page, 'erasure requests', findings);
        await visit(page, '/territories', lang);
        await audit(page, 'territories', findings);
      } finally {
        await resetLanguage(request, 'admin@example.org');
      }
      expectClean(findings);
    });
  });
}

interface TerritoryNode {
  id: string;
  name: Record<string, string>;
}

/** Morocco and L'Oriental, found from the roots down through the API. */
async function territoryIds(request: APIRequestContext): Promise<{ morocco: string; oriental: string }> {
  const res = await request.post(`${API}/auth/sign-in`, {
    data: { email: 'observer@example.org', password: DEMO_PASSWORD },
  });
  const { accessToken } = (await res.json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${accessToken}` };
  const children = async (parentId?: string): Promise<TerritoryNode[]> => {
    const list = await request.get(`${API}/territories`, { headers, params: parentId ? { parentId } : {} });
    expect(list.ok()).toBe(true);
    return (await list.json()) as TerritoryNode[];
  };
  const find = (list: TerritoryNode[], fr: string): string => {
    const found = list.find((t) => t.name['fr'] === fr);
    expect(found, `territory ${fr}`).toBeTruthy();
    return (found as TerritoryNode).id;
  };
  const roots = await children();
  const africa = roots.find((t) => t.name['fr'] === 'Afrique');
  const morocco = find(africa ? await children(africa.id) : roots, 'Maroc');
  const oriental = find(await children(morocco), "L'Oriental");
  return { morocco, oriental };
}
