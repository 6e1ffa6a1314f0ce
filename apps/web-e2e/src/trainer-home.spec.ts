import { type APIRequestContext, type Locator, type Page, expect, test } from '@playwright/test';
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

async function setLanguage(request: APIRequestContext, email: string, lang: 'ar' | 'fr'): Promise<void> {
  const res = await request.patch(`${API}/me`, {
    headers: { authorization: `Bearer ${await tokenOf(request, email)}` },
    data: { preferredLanguage: lang },
  });
  expect(res.ok()).toBe(true);
}

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
}

/** `above` ends before `below` starts: nothing of the one runs into the other. */
async function expectAbove(above: Locator, below: Locator): Promise<void> {
  const a = await box(above);
  const b = await box(below);
  expect(a.y + a.height).toBeLessThanOrEqual(b.y);
}

/** Every tab within the screen's width, its whole label shown. */
async function expectTabsInSight(page: Page): Promise<void> {
  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveCount(3);
  for (const tab of await tabs.all()) {
    await expect(tab).toBeInViewport({ ratio: 1 });
    const b = await box(tab);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(390);
    expect(await tab.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
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
  // A click while the first choice's panel still animates out would land on that closing panel.
  await expect(page.getByRole('listbox', { name: 'Statut' })).toBeHidden();
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

test('a trainer creates a cohort with two people in it in at most 8 clicks from the home page', async ({
  page,
}) => {
  const stamp = Date.now();
  const name = `Deux coachs ${stamp}`;
  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  // Every click counted; a field that has to be tapped before typing counts as one.
  const clicks: string[] = [];
  const click = async (target: Locator, what: string) => {
    await target.click();
    clicks.push(what);
  };

  await click(page.getByRole('link', { name: 'Nouvelle cohorte' }), 'home: new cohort');
  const wizard = page.getByRole('form', { name: 'Nouvelle cohorte' });
  const course = wizard.getByRole('combobox', { name: 'Cours', exact: true });
  // The only published course is chosen already; with several (other specs publish some), one more choice.
  if (!(await course.textContent())?.includes('Le numérique au service des territoires')) {
    await click(course, 'course list');
    await click(page.getByRole('option', { name: /^Le numérique au service des territoires/ }), 'course');
  }
  await click(wizard.getByRole('button', { name: 'Suivant' }), 'next');
  // The name takes the focus; the territory is the trainer's region already.
  await expect(wizard.getByLabel('Nom de la cohorte')).toBeFocused();
  await page.keyboard.type(name);
  await expect(wizard.getByRole('group', { name: 'Territoire' }).getByRole('combobox').nth(1)).toContainText(
    "L'Oriental",
  );
  await click(wizard.getByLabel('Fin'), 'end date');
  await wizard.getByLabel('Fin').fill(dayFromToday(60));
  await click(wizard.getByRole('button', { name: 'Créer la cohorte' }), 'create');

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await click(page.getByRole('button', { name: 'Inscrire par e-mail' }), 'enrol by e-mail');
  await expect(page.getByLabel('Adresses e-mail')).toBeFocused();
  await page.keyboard.type(`amina-${stamp}@example.org\nkarim-${stamp}@example.org`);
  await click(page.getByRole('button', { name: 'Inscrire (2)' }), 'enrol');
  await expect(page.getByText("2 invité·e(s) : inscrit·e(s) en acceptant l'invitation")).toBeVisible();

  expect(clicks.length, clicks.join(' → ')).toBeLessThanOrEqual(8);
});

/**
 * On a phone (390 px), in Arabic where the labels are longest: every tab of a cohort in sight, the
 * roster first, and no field of the invitation forms running into the next.
 */
test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });

  test('in Arabic, every tab of a cohort is in sight and an empty roster invites to enrol', async ({
    page,
    request,
  }) => {
    const name = `فوج الهاتف ${Date.now()}`;
    const id = await plannedCohort(request, name, 0);
    await setLanguage(request, 'trainer@example.org', 'ar');
    try {
      await signIn(page, 'trainer@example.org');
      await expect(page.getByRole('heading', { level: 1, name: /^مرحبًا/ })).toBeVisible();
      await page.goto(`/cohorts/${id}`);
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expectTabsInSight(page);
      await expect(page.getByRole('tab', { name: 'قائمة المسجلين' })).toHaveAttribute(
        'aria-selected',
        'true',
      );

      // Nobody yet: the roster says so and offers the ways in, not "nobody matches".
      await expect(page.getByText('لم يُسجَّل أحد في هذا الفوج بعد.')).toBeVisible();
      await expect(page.getByText('لا أحد يطابق البحث.')).toHaveCount(0);
      await page.getByRole('button', { name: 'التسجيل بالبريد الإلكتروني' }).click();
      await expect(page.getByRole('tab', { name: 'التسجيل بالبريد الإلكتروني' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await expect(page.getByLabel('عناوين البريد الإلكتروني')).toBeFocused();
      // The addresses' hint wraps on a phone: it stays above the language field's label.
      await expectAbove(page.getByText(/^عنوان في كل سطر/), page.getByText('لغة الدعوات', { exact: true }));
      await expectTabsInSight(page);
    } finally {
      await setLanguage(request, 'trainer@example.org', 'fr');
    }
  });

  test("the admin's invitation dialog keeps its language field clear of the territory, on a laptop too", async ({
    page,
  }) => {
    await signIn(page, 'admin@example.org');
    await expectSignedIn(page);
    for (const size of [
      { width: 390, height: 844 },
      { width: 1280, height: 720 },
    ]) {
      await page.setViewportSize(size);
      await page.goto('/users');
      await page.getByRole('button', { name: 'Inviter une personne' }).click();
      const dialog = page.getByRole('dialog', { name: 'Inviter une personne' });
      const language = dialog.getByText('Langue', { exact: true });
      // In sight without scrolling, whole, and clear of the territory above it.
      await expect(dialog.getByRole('combobox', { name: 'Langue' })).toBeInViewport({ ratio: 1 });
      await expectAbove(dialog.getByRole('group', { name: 'Territoire du rôle' }), language);
    }
  });
});
