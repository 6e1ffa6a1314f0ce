import { type APIRequestContext, type Locator, type Page, expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectSignedIn, signIn } from './support';

/**
 * Visual regression references of the main pages in Arabic (right to left): a coach on a phone
 * (390×844) and an observer on a tablet (820×1180). Regenerate with
 * `npx nx e2e web-e2e -- visual-ar.spec.ts --update-snapshots` after an intended change of layout.
 *
 * What depends on the day or on other specs is kept out of the pictures: the coach sees only a
 * fresh cohort created here (other specs enrol the demo coach in cohorts of their own), its name and
 * dates are masked; the observatory's figures come from a synthetic population dated from today,
 * so its numbers, charts, tables and generation time are masked.
 */

const API = '/api/v1';
const COURSE_SLUG = 'numerique-territoires-ess';
const SHOT = { maxDiffPixelRatio: 0.02, animations: 'disabled' } as const;

// The app's service worker would answer some requests itself, out of reach of `page.route`.
test.use({ serviceWorkers: 'block' });

function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post(`${API}/auth/sign-in`, { data: { email, password: DEMO_PASSWORD } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function setLanguage(request: APIRequestContext, email: string, lang: 'ar' | 'fr'): Promise<void> {
  const token = await tokenOf(request, email);
  const res = await request.patch(`${API}/me`, {
    headers: { authorization: `Bearer ${token}` },
    data: { preferredLanguage: lang },
  });
  expect(res.ok()).toBe(true);
}

/** A fresh cohort of the demo course with the demo coach; returns its id. */
async function freshCohort(request: APIRequestContext, name: string): Promise<string> {
  const headers = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const courses = (await (await request.get(`${API}/courses?scope=published`, { headers })).json()) as {
    id: string;
    slug: string;
  }[];
  const me = (await (await request.get(`${API}/me`, { headers })).json()) as {
    roles: { role: string; territoryId: string }[];
  };
  const created = await request.post(`${API}/cohorts`, {
    headers,
    data: {
      name,
      courseId: courses.find((c) => c.slug === COURSE_SLUG)?.id,
      courseVersion: 1,
      territoryId: me.roles.find((r) => r.role === 'trainer')?.territoryId,
      startsOn: dayFromToday(-10),
      endsOn: dayFromToday(80),
      deadlines: [],
    },
  });
  expect(created.ok()).toBe(true);
  const { id } = (await created.json()) as { id: string };
  const enrolled = await request.post(`${API}/cohorts/${id}/enrolments`, {
    headers,
    data: { emails: ['coach@example.org'] },
  });
  expect(enrolled.ok()).toBe(true);
  return id;
}

/**
 * The coach's list of enrolments, and their unread announcements, as the browser receives them, reduced
 * to the one cohort (other specs post announcements to the demo cohort).
 */
async function onlyCohort(page: Page, cohortId: string): Promise<void> {
  await page.route('**/api/v1/me/enrolments', async (route) => {
    const response = await route.fetch();
    const list = (await response.json()) as { cohortId: string }[];
    await route.fulfill({ response, json: list.filter((e) => e.cohortId === cohortId) });
  });
  await page.route('**/api/v1/announcements/unread', async (route) => {
    const response = await route.fetch();
    const { items } = (await response.json()) as { items: { cohortId: string }[] };
    await route.fulfill({ response, json: { items: items.filter((e) => e.cohortId === cohortId) } });
  });
}

async function settle(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // eslint-disable-next-line playwright/no-networkidle -- a reference screenshot needs every lazy chunk, font and answer in
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate(() => document.fonts.ready);
}

function masks(page: Page, selectors: string): Locator[] {
  return [page.locator(selectors)];
}

test.describe('Arabic, phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('sign-in', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: /^Langue/ }).click();
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await settle(page);
    await expect(page).toHaveScreenshot('sign-in.png', SHOT);
  });

  test('coach: home, course, lesson, quiz', async ({ page, request }) => {
    test.setTimeout(120_000);
    const cohortId = await freshCohort(request, `Visual ${Date.now()}-${Math.floor(Math.random() * 1e4)}`);
    await setLanguage(request, 'coach@example.org', 'ar');
    try {
      await onlyCohort(page, cohortId);
      await page.goto('/sign-in');
      await page.getByLabel(/^Adresse e-mail/).fill('coach@example.org');
      await page.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await settle(page);
      // The bell's count depends on what other specs told the demo coach.
      const volatile = masks(page, '.tc-cohort, .tc-today tc-deadline-badge, .tc-bell-count');
      await expect(page.locator('.tc-today li').first()).toBeVisible();
      await expect(page.locator('.tc-today a.tc-continue')).toBeVisible();
      await expect(page).toHaveScreenshot('home.png', { ...SHOT, mask: volatile });

      await page.goto('/learn');
      await settle(page);
      await expect(page).toHaveScreenshot('learner-home.png', { ...SHOT, mask: volatile });

      const course = page.locator(`main a[href^="/learn/"]`).first();
      await page.goto((await course.getAttribute('href')) as string);
      await settle(page);
      await expect(page.locator('main a.tc-lesson').first()).toBeVisible();
      await expect(page).toHaveScreenshot('course.png', { ...SHOT, mask: volatile });

      const lessons = page.locator('main a.tc-lesson');
      const lesson = (await lessons.nth(0).getAttribute('href')) as string;
      const quiz = (await lessons.nth(3).getAttribute('href')) as string;
      await page.goto(lesson);
      await settle(page);
      await expect(page).toHaveScreenshot('lesson.png', { ...SHOT, mask: volatile });

      await page.goto(quiz);
      await settle(page);
      await expect(page.locator('tc-quiz')).toBeVisible();
      await expect(page).toHaveScreenshot('quiz.png', { ...SHOT, mask: volatile });
    } finally {
      await setLanguage(request, 'coach@example.org', 'fr');
    }
  });
});

test.describe('Arabic, tablet', () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test('observatory', async ({ page, request }) => {
    test.setTimeout(120_000);
    await setLanguage(request, 'observer@example.org', 'fr');
    try {
      await signIn(page, 'observer@example.org');
      await expectSignedIn(page);
      await page.getByRole('button', { name: /^Langue/ }).click();
      await page.getByRole('button', { name: 'العربية' }).click();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await page.goto('/observatory');
      await settle(page);
      // The dashboard opens on the top of the observer's scope; Morocco is the view of reference.
      const morocco = page.getByRole('table').getByRole('link', { name: 'المغرب', exact: true });
      if (await morocco.count()) {
        await morocco.click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('المغرب');
      }
      await expect(page.getByRole('table').first()).toBeVisible();
      await settle(page);
      await expect(page).toHaveScreenshot('observatory.png', {
        ...SHOT,
        mask: masks(
          page,
          'tc-chart, tc-competences, tc-completion-table, tc-stat, tc-tile-map, .tc-generated, .tc-summary, .tc-figure',
        ),
      });
    } finally {
      await setLanguage(request, 'observer@example.org', 'fr');
    }
  });
});
