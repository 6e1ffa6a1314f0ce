import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { cohortWithDemoCoach, expectSignedIn, mainNav, signIn, signOut, tokenOf } from './support';

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
  await territory.getByRole('combobox', { name: 'Rechercher par nom ou code' }).fill('maroc');
  await page.getByRole('option', { name: /^Maroc/ }).click();
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
    'Journal de terrain',
    'Aide',
    'Confidentialité',
  ]);

  // The new password works for a later sign-in too.
  await signOut(page);
  await signIn(page, email, password);
  await expect(page.getByRole('heading', { level: 1, name: `Bonjour, ${name}` })).toBeVisible();
});

test('a trainer follows each invitation of a cohort, hands on a new link, exports the pending ones', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e4)}`;
  const [amal, badr] = [`amal-${stamp}@example.org`, `badr-${stamp}@example.org`];
  const cohortName = `Invitations suivies ${stamp}`;
  await cohortWithDemoCoach(request, cohortName);
  const trainer = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const cohorts = (await (await request.get('/api/v1/cohorts', { headers: trainer })).json()) as {
    id: string;
    name: string;
  }[];
  const cohortId = cohorts.find((c) => c.name === cohortName)?.id as string;
  const enrolled = await request.post(`/api/v1/cohorts/${cohortId}/enrolments`, {
    headers: trainer,
    data: { emails: [amal, badr] },
  });
  const invited = ((await enrolled.json()) as { invited: { email: string; url: string }[] }).invited;
  const pathOf = (url: string) => new URL(url).pathname;
  const tokenIn = (url: string) => url.split('/').pop() as string;
  const linkStatus = async (url: string) =>
    (await request.get(`/api/v1/auth/links/${tokenIn(url)}`)).status();
  const firstOf = (email: string) => invited.find((i) => i.email === email)?.url as string;

  // Amal opens her link on her own device.
  const amalDevice = await browser.newContext();
  const amalPage = await amalDevice.newPage();
  await amalPage.goto(pathOf(firstOf(amal)));
  await expect(amalPage.getByRole('heading', { level: 1, name: /^Bienvenue/ })).toBeVisible();

  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await page.goto(`/cohorts/${cohortId}`);
  const list = page.getByRole('region', { name: 'Invitations (2)' });
  await expect(list).toContainText('1 envoyée(s) · 1 ouverte(s)');
  const item = (email: string) => list.getByRole('listitem').filter({ hasText: email });
  await expect(item(amal)).toContainText('Ouverte le');
  await expect(item(badr)).toContainText('Envoyée le');

  // A new link for Badr: shown under his address, focused; the first one stops working.
  await list.getByRole('button', { name: `Nouveau lien pour ${badr}` }).click();
  const field = item(badr).getByLabel("Nouveau lien d'invitation");
  await expect(field).toBeFocused();
  await expect(field).not.toHaveValue(firstOf(badr));
  const badrLink = await field.inputValue();
  await expect(item(badr)).toContainText("L'ancien lien ne fonctionne plus.");
  expect(await linkStatus(firstOf(badr))).toBe(410);
  expect(await linkStatus(badrLink)).toBe(200);

  // Every pending link at once, after a warning: a file for French spreadsheets.
  await list.getByRole('button', { name: 'Exporter les liens (CSV)' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    list.getByRole('button', { name: 'Créer et exporter 2 lien(s)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^invitations-invitations-suivies-[\d-]+-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const lines = readFileSync(await download.path(), 'utf8').split('\r\n');
  expect(lines[0]).toBe("\uFEFFNom;Adresse e-mail;Lien d'invitation;Expire le");
  const exported = new Map(
    lines.slice(1, 3).map((l) => {
      const [, email, url, expires] = l.split(';');
      expect(expires).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      return [email as string, url as string];
    }),
  );
  expect([...exported.keys()].sort()).toEqual([amal, badr]);
  await expect(list.getByRole('status')).toHaveText('2 lien(s) exporté(s) dans le fichier.');
  // The links handed on before no longer work; the exported ones do.
  expect(await linkStatus(firstOf(amal))).toBe(410);
  expect(await linkStatus(badrLink)).toBe(410);

  // Amal accepts with the exported link: the trainer sees it accepted.
  await amalPage.goto(pathOf(exported.get(amal) as string));
  const password = 'un-mot-de-passe-solide-2026';
  await amalPage.getByLabel(/^Mot de passe/).fill(password);
  await amalPage.getByLabel(/^Confirmez le mot de passe/).fill(password);
  await amalPage.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(amalPage.getByRole('heading', { level: 1, name: /^Bonjour/ })).toBeVisible();
  await amalDevice.close();
  await page.reload();
  await expect(item(amal)).toContainText('Acceptée le');
  await expect(list.getByRole('button', { name: `Nouveau lien pour ${amal}` })).toHaveCount(0);
});
