import { type APIRequestContext, expect, test } from '@playwright/test';
import { dayFromToday, expectSignedIn, signIn, tokenOf } from './support';

const API = '/api/v1';

/** The trainer, through the API: a planned cohort of the demo course starting in `inDays` days. */
async function plannedCohort(request: APIRequestContext, name: string, inDays: number): Promise<string> {
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
      courseId: courses.find((c) => c.slug === 'numerique-territoires-ess')?.id,
      courseVersion: 1,
      territoryId: me.roles.find((r) => r.role === 'trainer')?.territoryId,
      startsOn: dayFromToday(inDays),
      endsOn: dayFromToday(inDays + 60),
    },
  });
  expect(created.ok()).toBe(true);
  return ((await created.json()) as { id: string }).id;
}

test("a trainer's home shows what waits this week, their cohorts and drafts, each one click away", async ({
  page,
  request,
}) => {
  const name = `Berkane accueil ${Date.now()}`;
  const id = await plannedCohort(request, name, 3);

  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  const waiting = page.getByRole('list', { name: 'Ce qui attend cette semaine' });
  await expect(waiting.getByRole('listitem').filter({ hasText: name }).first()).toContainText('commence le');
  await expect(waiting.getByRole('listitem').filter({ hasText: name }).last()).toContainText(
    'personne n’est encore inscrit',
  );
  await expect(page.getByRole('list', { name: 'Vos cohortes' }).getByRole('link', { name })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Vos brouillons' })).toBeVisible();

  await waiting.getByRole('link', { name }).first().click();
  await expect(page).toHaveURL(new RegExp(`/cohorts/${id}$`));
});

test('a trainer finds a cohort by name and status, and duplicates it without its coaches', async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  const name = `Taourirt recherche ${stamp}`;
  await plannedCohort(request, name, 20);

  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await page.goto('/cohorts');
  await page.getByLabel('Rechercher une cohorte').fill(`taourirt RECHERCHE ${stamp}`);
  const rows = page.locator('.tc-cohorts > li');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(name);
  await page.getByRole('combobox', { name: 'Statut' }).click();
  await page.getByRole('option', { name: 'Clôturée' }).click();
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('Aucune cohorte ne correspond à cette recherche.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Statut' }).click();
  await page.getByRole('option', { name: 'Prévue' }).click();
  await expect(rows).toHaveCount(1);

  await rows
    .first()
    .getByRole('button', { name: /^Dupliquer/ })
    .click();
  await expect(page).toHaveURL(/\/cohorts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: `${name} (copie)` })).toBeVisible();
});
