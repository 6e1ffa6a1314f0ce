import { expect, test } from '@playwright/test';
import { expectSignedIn, mainNav, signIn } from './support';

test('a wrong password shows a clear error message', async ({ page }) => {
  await signIn(page, 'coach@example.org', 'not-the-right-password');
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the session survives a page reload (refresh cookie)', async ({ page }) => {
  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await page.reload();
  await expectSignedIn(page);
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('signs in and opens the navigation from the menu button', async ({ page }) => {
    await signIn(page, 'coach@example.org');
    await expectSignedIn(page);

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);

    await expect(mainNav(page)).toBeHidden();
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(mainNav(page).getByRole('link')).toHaveText([
      'Accueil',
      'Profil',
      'Mes cours',
      'Rejoindre une cohorte',
      'Journal de terrain',
      'Aide',
      'Confidentialité',
    ]);
    await mainNav(page).getByRole('link', { name: 'Profil' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
  });
});
