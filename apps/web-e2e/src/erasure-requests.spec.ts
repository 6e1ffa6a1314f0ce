import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectSignedIn, freshCoach, mainNav, signIn } from './support';

/**
 * The admins' erasure requests: a fresh coach (never a demo account, which other specs use) asks to
 * be erased; the demo admin finds them under "Demandes d'effacement", erases them after a confirmation
 * that names them, and the row says it is done (and is listed under "Effectuées"). The same page in
 * Arabic on a phone: right to left, cards, nothing wider than the screen.
 */

const API = '/api/v1';
const PASSWORD = 'effacement-e2e-2026';

/** A new coach who asked to be erased; answers their id. */
async function coachWhoAsked(request: APIRequestContext, displayName: string): Promise<string> {
  const coach = await freshCoach(request, displayName, PASSWORD);
  const asked = await request.post(`${API}/me/erasure-request`, {
    headers: { authorization: `Bearer ${coach.accessToken}` },
    data: { confirm: 'erase' },
  });
  expect(asked.status()).toBe(202);
  return coach.id;
}

/** No axe violation of impact serious or critical against WCAG 2.0/2.1 A and AA (as a11y.spec.ts). */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking).toEqual([]);
}

test('the admin sees a coach who asked to be erased, erases them after confirming, and the row says done', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const name = `Coach Effacement ${Date.now()}`;
  const id = await coachWhoAsked(request, name);

  await signIn(page, 'admin@example.org');
  await expectSignedIn(page);
  await mainNav(page).getByRole('link', { name: "Demandes d'effacement" }).click();
  await expect(page).toHaveURL(/\/users\/erasure-requests$/);
  await expect(page.getByRole('heading', { level: 1, name: "Demandes d'effacement" })).toBeVisible();
  const row = page.locator(`tr[data-user="${id}"]`);
  await expect(row).toContainText(name);
  await expect(row).toContainText('Par un administrateur seulement');
  await expectAccessible(page);

  await row.getByRole('button', { name: `Effacer ${name} maintenant` }).click();
  const dialog = page.getByRole('dialog', { name: `Effacer ${name} ?` });
  await expect(dialog).toContainText('Cette action est irréversible.');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Effacer maintenant' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(/Effacé le/);
  await expect(row.getByRole('button')).toHaveCount(0);

  // Listed under "Effectuées" from then on, no longer under "En attente".
  await page.getByRole('radio', { name: 'Effectuées' }).click();
  await expect(page.locator(`tr[data-user="${id}"]`)).toContainText(/Effacé le/);
  await page.getByRole('radio', { name: 'En attente' }).click();
  await expect(page.getByRole('status').filter({ hasText: /demande\(s\)/ })).toBeVisible();
  await expect(page.locator(`tr[data-user="${id}"]`)).toHaveCount(0);
  // The account can no longer sign in.
  const signInAgain = await request.post(`${API}/auth/sign-in`, {
    data: { email: `erased-${id}@erased.invalid`, password: PASSWORD },
  });
  expect(signInAgain.status()).toBe(401);
});

test.describe('in Arabic on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the requests are cards, right to left, nothing wider than the screen', async ({ page, request }) => {
    test.setTimeout(90_000);
    const name = `مدرب للمحو ${Date.now()}`;
    const id = await coachWhoAsked(request, name);
    try {
      await signIn(page, 'admin@example.org');
      await expectSignedIn(page);
      await page.getByRole('button', { name: /^Langue/ }).click();
      await page.getByRole('button', { name: 'العربية' }).click();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await page.goto('/users/erasure-requests');
      await expect(page.getByRole('heading', { level: 1, name: 'طلبات المحو' })).toBeVisible();
      const card = page.locator(`.tc-cards li[data-user="${id}"]`);
      await expect(card).toContainText(name);
      await expect(card).toContainText('من قِبل مسؤول فقط');
      await expect(card.getByRole('button', { name: `محو ${name} الآن` })).toBeVisible();
      expect(await card.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectAccessible(page);
      await page.screenshot({ path: test.info().outputPath('erasure-requests-ar-390.png'), fullPage: true });
      if (process.env['ERQ_SCREENSHOT'])
        await page.screenshot({ path: process.env['ERQ_SCREENSHOT'], fullPage: true });
    } finally {
      const res = await request.post(`${API}/auth/sign-in`, {
        data: { email: 'admin@example.org', password: DEMO_PASSWORD },
      });
      const { accessToken } = (await res.json()) as { accessToken: string };
      await request.patch(`${API}/me`, {
        headers: { authorization: `Bearer ${accessToken}` },
        data: { preferredLanguage: 'fr' },
      });
    }
  });
});
