import { expect, test } from '@playwright/test';
import { expectSignedIn, mainNav, signIn } from './support';

/**
 * The help page: reached from the menu and from the sign-in page, the reader's own part first, in
 * Arabic right to left, and readable offline once opened. Its texts quote the app's own button words
 * and the observatory's threshold as the e2e server configures it (OBSERVATORY_K unset: 5).
 */

test('a coach opens the help from the menu: their part first, the others to open', async ({ page }) => {
  await signIn(page, 'coach@example.org');
  await expectSignedIn(page);
  await mainNav(page).getByRole('link', { name: 'Aide' }).click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Aide' })).toBeVisible();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 2 })).toHaveText([
    'Pour les coachs',
    'Pour tout le monde',
    'Les autres rôles',
    'Contact',
  ]);
  // The button's words as the app shows them.
  await expect(main.getByText('« Rendre disponible hors connexion » sous le cours')).toBeVisible();
  // Another role's part, closed until opened; the threshold as configured.
  const observers = main.getByRole('group').filter({ hasText: 'Pour les observateur·rice·s' });
  await expect(observers.getByText(/tout effectif de moins de 5 personnes est masqué/)).toBeHidden();
  await observers.getByRole('heading', { level: 3, name: 'Pour les observateur·rice·s' }).click();
  await expect(observers.getByText(/tout effectif de moins de 5 personnes est masqué/)).toBeVisible();
  await expect(observers.getByText('à sa place, vous lisez « < 5 »', { exact: false })).toBeVisible();
});

test('a visitor reaches the help from the sign-in page, in Arabic, right to left', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/sign-in');
  await page.getByRole('button', { name: /^Langue/ }).click();
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('link', { name: 'هل تحتاج إلى مساعدة؟' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'المساعدة' })).toBeVisible();
  const main = page.getByRole('main');
  // Signed out: the part for everyone, and whom to contact.
  await expect(main.getByRole('heading', { level: 2 })).toHaveText(['للجميع', 'الاتصال']);
  const step = main.getByText('اضغط على «دخول».');
  await expect(step).toBeVisible();
  expect(await step.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('a coach who opened the help once reads it offline', async ({ page, context }) => {
  await signIn(page, 'coach@example.org');
  await expectSignedIn(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await mainNav(page).getByRole('link', { name: 'Aide' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Pour les coachs' })).toBeVisible();

  await context.setOffline(true);
  try {
    await page.goto('/');
    await expectSignedIn(page);
    await mainNav(page).getByRole('link', { name: 'Aide' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Pour les coachs' })).toBeVisible();
    await expect(page.getByText('« Rendre disponible hors connexion » sous le cours')).toBeVisible();
    // Straight to the page, too (a reload, or a link kept from before).
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Aide' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Pour les coachs' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await context.setOffline(false);
  }
});
