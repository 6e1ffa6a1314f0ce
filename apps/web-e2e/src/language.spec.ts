import { expect, test } from '@playwright/test';
import { expectSignedIn, signIn } from './support';

test.describe('language switch', () => {
  test('Arabic sets html dir=rtl and lang=ar, translates, and is remembered', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

    await page.getByRole('button', { name: /^Langue/ }).click();
    await page.getByRole('button', { name: 'العربية' }).click();

    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('heading', { level: 1, name: 'تسجيل الدخول' })).toBeVisible();
    await expect(page.getByLabel(/^البريد الإلكتروني/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'دخول' })).toBeVisible();

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1, name: 'تسجيل الدخول' })).toBeVisible();

    await page.getByRole('button', { name: /^اللغة/ }).click();
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });

  test('a signed-in person switching language keeps it on the next sign-in', async ({ page, browser }) => {
    await signIn(page, 'observer@example.org');
    await expectSignedIn(page);
    await page.getByRole('button', { name: /^Langue/ }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    // A fresh browser (no localStorage, no cookie) gets English from the profile after sign-in.
    const other = await browser.newContext();
    const page2 = await other.newPage();
    await signIn(page2, 'observer@example.org');
    await expect(page2.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
    await expect(page2.locator('html')).toHaveAttribute('lang', 'en');

    // Put French back for the other specs.
    await page2.getByRole('button', { name: /^Language/ }).click();
    await page2.getByRole('button', { name: 'Français' }).click();
    await expect(page2.getByRole('heading', { level: 1, name: /^Bonjour, / })).toBeVisible();
    await other.close();
  });
});
