import { expect, test } from '@playwright/test';
import { expectSignedIn, mainNav, signIn } from './support';

const cases: [email: string, links: string[]][] = [
  [
    'admin@example.org',
    [
      'Accueil',
      'Profil',
      'Cours',
      'Cohortes',
      'Suivi de terrain',
      'Territoires',
      'Observatoire',
      'Utilisateurs',
      "Demandes d'effacement",
      'Aide',
      'Confidentialité',
    ],
  ],
  [
    'trainer@example.org',
    ['Accueil', 'Profil', 'Cours', 'Cohortes', 'Suivi de terrain', 'Territoires', 'Aide', 'Confidentialité'],
  ],
  ['observer@example.org', ['Accueil', 'Profil', 'Territoires', 'Observatoire', 'Aide', 'Confidentialité']],
  [
    'coach@example.org',
    [
      'Accueil',
      'Profil',
      'Mes cours',
      'Rejoindre une cohorte',
      'Journal de terrain',
      'Aide',
      'Confidentialité',
    ],
  ],
];

test.describe('navigation follows the roles', () => {
  for (const [email, links] of cases) {
    test(`${email} sees exactly its navigation entries`, async ({ page }) => {
      await signIn(page, email);
      await expectSignedIn(page);
      await expect(mainNav(page).getByRole('link')).toHaveText(links);
    });
  }

  test('a coach who types the admin URL is sent home', async ({ page }) => {
    await signIn(page, 'coach@example.org');
    await expectSignedIn(page);
    await page.goto('/users');
    await expectSignedIn(page);
    await expect(page).not.toHaveURL(/\/users/);
  });

  test('a coach who types the cohorts URL is sent home', async ({ page }) => {
    await signIn(page, 'coach@example.org');
    await expectSignedIn(page);
    await page.goto('/cohorts');
    await expectSignedIn(page);
    await expect(page).not.toHaveURL(/\/cohorts/);
  });

  test('a signed-out visitor is sent to the sign-in page', async ({ page }) => {
    await page.goto('/profile');
    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fprofile/);
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  });
});
