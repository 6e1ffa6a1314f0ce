import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { expectSignedIn, mainNav, signIn } from './support';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** The drill-down table of the view (its caption names the grouping and the territory). */
function table(page: Page, caption: RegExp) {
  return page.getByRole('table', { name: caption });
}

/** Follows a territory's link in the table and waits for its view. */
async function drillInto(page: Page, name: string): Promise<void> {
  await table(page, /^Par territoire — /)
    .getByRole('link', { name, exact: true })
    .click();
  await expect(h1(page)).toHaveText(name);
}

test.use({ viewport: { width: 1280, height: 800 } });

test('an observer drills down from Morocco to Oujda-Angad and downloads the table', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'observer@example.org');
  await expectSignedIn(page);
  await mainNav(page).getByRole('link', { name: 'Observatoire' }).click();
  await expect(page).toHaveURL(/\/observatory/);

  // The dashboard opens on the top of the observer's scope: Morocco, or Africa above it.
  await expect(h1(page)).toHaveText(/^(Afrique|Maroc)$/);
  if ((await h1(page).textContent())?.trim() === 'Afrique') await drillInto(page, 'Maroc');

  // Morocco's twelve regions, as tiles (called what they are: no map) and as rows; the funnel and the
  // totals above them.
  await expect(page.getByRole('heading', { name: /carte/i })).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: "Territoires en un coup d'œil" }).getByRole('link'),
  ).toHaveCount(12);
  const regions = table(page, /^Par territoire — Maroc$/);
  await expect(regions.getByRole('link', { name: "L'Oriental", exact: true })).toBeVisible();
  await expect(regions.getByRole('link', { name: 'Fès-Meknès', exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Graphique : Entonnoir de formation/ })).toBeVisible();
  await expect(page.getByText(/les effectifs inférieurs à 5 sont masqués/)).toBeVisible();
  await expect(regions.getByRole('row', { name: /^Ensemble/ })).toBeVisible();

  await drillInto(page, "L'Oriental");
  await expect(page).toHaveURL(/territoryId=/);
  const breadcrumb = page.getByRole('navigation', { name: /^Territoires, du plus large/ });
  await expect(breadcrumb.getByRole('link', { name: 'Maroc' })).toBeVisible();
  await expect(breadcrumb.getByText("L'Oriental")).toHaveAttribute('aria-current', 'page');

  // Oujda-Angad is a province without children: it opens on its cohorts.
  await drillInto(page, 'Oujda-Angad');
  await expect(page).toHaveURL(/groupBy=cohort/);
  const cohorts = table(page, /^Par cohorte — Oujda-Angad$/);
  await expect(cohorts.locator('tbody').getByRole('rowheader').first()).toBeVisible();
  await expect(
    cohorts
      .locator('tbody td')
      .filter({ hasText: /^\s*\d+\s*$/ })
      .first(),
  ).toBeVisible();

  // The filters live in the URL: back and forward move through the drill-down.
  await page.goBack();
  await expect(h1(page)).toHaveText("L'Oriental");
  await page.goForward();
  await expect(h1(page)).toHaveText('Oujda-Angad');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('group', { name: 'Télécharger ce tableau' })
      .getByRole('button', { name: 'Télécharger en Excel' })
      .click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = readFileSync(await download.path());
  expect(file.subarray(0, 2).toString('latin1')).toBe('PK');

  // Up again through the breadcrumb.
  await breadcrumb.getByRole('link', { name: 'Maroc' }).click();
  await expect(h1(page)).toHaveText('Maroc');
  await expect(page).not.toHaveURL(/groupBy=/);
});

test('a trainer has no observatory link and is refused the page', async ({ page }) => {
  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await expect(mainNav(page).getByRole('link', { name: 'Territoires' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Observatoire' })).toHaveCount(0);
  await page.goto('/observatory');
  await expectSignedIn(page);
  await expect(page).not.toHaveURL(/\/observatory/);
});
