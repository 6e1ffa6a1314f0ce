import { type Locator, type Page, expect } from '@playwright/test';

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
