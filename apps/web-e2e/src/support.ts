import { type APIRequestContext, type Locator, type Page, expect } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password-2026';

/** The French interface (the default for a fresh browser). */
export const fr = {
  email: /^Adresse e-mail/,
  password: /^Mot de passe/,
  signIn: 'Se connecter',
  mainNav: 'Navigation principale',
  greeting: /^Bonjour, /,
};

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(fr.email).fill(email);
  await page.getByLabel(fr.password).fill(password);
  await page.getByRole('button', { name: fr.signIn }).click();
}

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: fr.mainNav });
}

export async function expectSignedIn(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: fr.greeting })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Compte de / }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

const API = '/api/v1';
const DEMO_COURSE_SLUG = 'numerique-territoires-ess';

/** `YYYY-MM-DD`, `days` from today. */
export function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** An access token for a demo account, through the API. */
export async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post(`${API}/auth/sign-in`, { data: { email, password: DEMO_PASSWORD } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** The trainer, through the API: a fresh cohort of the demo course with the demo coach in it. */
export async function cohortWithDemoCoach(request: APIRequestContext, name: string): Promise<void> {
  const headers = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const courses = (await (await request.get(`${API}/courses?scope=published`, { headers })).json()) as {
    id: string;
    slug: string;
  }[];
  const course = courses.find((c) => c.slug === DEMO_COURSE_SLUG);
  const me = (await (await request.get(`${API}/me`, { headers })).json()) as {
    roles: { role: string; territoryId: string }[];
  };
  const created = await request.post(`${API}/cohorts`, {
    headers,
    data: {
      name,
      courseId: course?.id,
      courseVersion: 1,
      territoryId: me.roles.find((r) => r.role === 'trainer')?.territoryId,
      startsOn: dayFromToday(-10),
      endsOn: dayFromToday(80),
    },
  });
  expect(created.ok()).toBe(true);
  const { id } = (await created.json()) as { id: string };
  const enrolled = await request.post(`${API}/cohorts/${id}/enrolments`, {
    headers,
    data: { emails: ['coach@example.org'] },
  });
  expect(enrolled.ok()).toBe(true);
}
