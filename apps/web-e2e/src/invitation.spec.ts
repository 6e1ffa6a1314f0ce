import { expect, test } from '@playwright/test';
import { expectSignedIn, mainNav, signIn, signOut } from './support';

test('the admin invites someone, who opens the link, sets a password and is signed in', async ({ page }) => {
  const email = `coach-e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  const name = `Coach E2E ${Date.now() % 100000}`;

  await signIn(page, 'admin@example.org');
  await expectSignedIn(page);
  await mainNav(page).getByRole('link', { name: 'Utilisateurs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Utilisateurs' })).toBeVisible();

  await page.getByRole('button', { name: 'Inviter une personne' }).click();
  const dialog = page.getByRole('dialog');
  // The dialog focuses its first field once it has opened: typing before that can land in the wrong one.
  await expect(dialog.getByLabel(/^Adresse e-mail/)).toBeFocused();
  await dialog.getByLabel(/^Adresse e-mail/).fill(email);
  await dialog.getByLabel(/^Nom/).fill(name);
  const territory = dialog.getByRole('group', { name: 'Territoire du rôle' });
  await territory.getByRole('combobox').first().click();
  // The first choice after "—" (no choice).
  await page.getByRole('option').nth(1).click();
  await dialog.getByRole('button', { name: "Envoyer l'invitation" }).click();

  const linkField = dialog.getByLabel("Lien d'invitation");
  await expect(linkField).toBeVisible();
  const url = await linkField.inputValue();
  expect(url).toContain('/links/');
  await dialog.getByRole('button', { name: 'Fermer' }).click();

  await signOut(page);

  // Same origin as the tests, whatever host the server wrote into the link.
  const link = new URL(url);
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole('heading', { level: 1, name: `Bienvenue, ${name}` })).toBeVisible();
  await expect(page.getByLabel(/^Adresse e-mail/)).toHaveValue(email);

  // Client-side rule first: too short.
  await page.getByLabel(/^Mot de passe/).fill('short');
  await page.getByLabel(/^Confirmez le mot de passe/).fill('short');
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(page.getByText('Le mot de passe doit contenir au moins 10 caractères.')).toBeVisible();

  const password = 'un-mot-de-passe-solide-2026';
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByLabel(/^Confirmez le mot de passe/).fill(password);
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Bonjour, ${name}` })).toBeVisible();
  await expect(mainNav(page).getByRole('link')).toHaveText([
    'Accueil',
    'Profil',
    'Mes cours',
    'Rejoindre une cohorte',
    'Aide',
  ]);

  // The new password works for a later sign-in too.
  await signOut(page);
  await signIn(page, email, password);
  await expect(page.getByRole('heading', { level: 1, name: `Bonjour, ${name}` })).toBeVisible();
});
