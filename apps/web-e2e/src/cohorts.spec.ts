import { type Page, expect, test } from '@playwright/test';
import { expectSignedIn, mainNav, signIn, signOut } from './support';

const COURSE = "Le numérique au service des territoires et de l'économie sociale et solidaire";
const HEADER = 'email;full name;territory code;preferred language';

/** `YYYY-MM-DD`, `days` from today. */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function chooseCsv(page: Page, name: string, lines: string[]): Promise<void> {
  await page.getByLabel('Fichier CSV').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(lines.join('\n') + '\n', 'utf8'),
  });
  await expect(page.getByText(`Fichier choisi : ${name}`)).toBeVisible();
}

test('a trainer creates a cohort, imports coaches from a CSV; a coach joins with the code', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e4)}`;
  const cohortName = `Oriental ESS ${stamp}`;
  const people = [
    [`fatima-${stamp}@example.org`, 'Fatima Zahra', 'MA-BER', 'ar'],
    [`youssef-${stamp}@example.org`, 'Youssef Amrani', 'MA-OUJ', 'fr'],
    [`khadija-${stamp}@example.org`, 'Khadija Bennani', 'MA-BER', 'fr'],
  ];

  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await mainNav(page).getByRole('link', { name: 'Cohortes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cohortes' })).toBeVisible();

  // The wizard: 1. course and version; 2. name, territory, dates.
  await page.getByRole('button', { name: 'Nouvelle cohorte' }).click();
  const wizard = page.getByRole('form', { name: 'Nouvelle cohorte' });
  await wizard.getByRole('combobox', { name: 'Cours', exact: true }).click();
  await page.getByRole('option', { name: COURSE }).click();
  await wizard.getByRole('combobox', { name: 'Version du cours' }).click();
  await page.getByRole('option', { name: 'version 1' }).click();
  await wizard.getByRole('button', { name: 'Suivant' }).click();
  await expect(wizard.getByRole('heading', { name: /^Étape 2 sur 2/ })).toBeFocused();

  await wizard.getByLabel('Nom de la cohorte').fill(cohortName);
  const territory = wizard.getByRole('group', { name: 'Territoire' });
  await territory.getByRole('combobox').nth(0).click();
  await page.getByRole('option', { name: /Afrique/ }).click();
  await territory.getByRole('combobox').nth(1).click();
  await page.getByRole('option', { name: /Maroc/ }).click();
  await territory.getByRole('combobox').nth(2).click();
  await page.getByRole('option', { name: /L'Oriental/ }).click();
  await wizard.getByLabel('Début').fill(dayFromToday(0));
  await wizard.getByLabel('Fin').fill(dayFromToday(90));
  await wizard.getByRole('button', { name: 'Créer la cohorte' }).click();

  await expect(page.getByRole('heading', { level: 1, name: cohortName })).toBeVisible();
  await expect(page.getByText("L'Oriental", { exact: true })).toBeVisible();

  // A CSV with a bad e-mail (line 3) and an unknown territory code (line 4).
  await page.getByRole('tab', { name: 'Importer un CSV' }).click();
  await chooseCsv(page, 'coachs-avec-erreurs.csv', [
    HEADER,
    people[0].join(';'),
    ['pas-une-adresse', people[1][1], people[1][2], people[1][3]].join(';'),
    [people[2][0], people[2][1], 'MA-XXX', people[2][3]].join(';'),
  ]);
  const commit = page.getByRole('button', { name: /^Importer/ });
  await expect(commit).toBeDisabled();
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  const problems = page.getByRole('alert').filter({ has: page.getByRole('table') });
  await expect(problems).toContainText('2 erreur(s) sur 2 ligne(s)');
  const rows = problems.getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1).getByRole('cell').nth(0)).toHaveText('3');
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('e-mail');
  await expect(rows.nth(2).getByRole('cell').nth(0)).toHaveText('4');
  await expect(rows.nth(2).getByRole('cell').nth(1)).toHaveText('code du territoire');
  await expect(commit).toBeDisabled();

  // Fixed, checked again, imported.
  await chooseCsv(page, 'coachs.csv', [HEADER, ...people.map((p) => p.join(';'))]);
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.getByText('Aucune erreur : 3 personne(s) prête(s) à être inscrite(s).')).toBeVisible();
  await expect(problems).toHaveCount(0);
  await expect(commit).toBeEnabled();
  await commit.click();
  await expect(page.getByText('Import terminé : 3 personne(s).')).toBeVisible();
  await expect(page.getByText('3 invité·e(s) (nouveau compte)')).toBeVisible();

  // The roster lists them.
  await page.getByRole('tab', { name: 'Liste des inscrit·e·s' }).click();
  const roster = page.getByRole('table');
  for (const [email, name] of people) {
    const row = roster.getByRole('row').filter({ hasText: email });
    await expect(row.getByRole('rowheader')).toHaveText(name);
    await expect(row.getByRole('progressbar', { name: `Progression de ${name}` })).toBeVisible();
  }
  await expect(page.getByText('3 personne(s)', { exact: true })).toBeVisible();
  await page.getByLabel('Rechercher (nom, e-mail)').fill('Youssef');
  await expect(roster.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Rechercher (nom, e-mail)').fill('');

  // The join code, for the coach.
  const code = (await page.getByRole('status', { name: "Code d'accès" }).textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-Z0-9]{10}$/);
  await signOut(page);

  await signIn(page, 'coach@example.org');
  await expectSignedIn(page);
  await mainNav(page).getByRole('link', { name: 'Rejoindre une cohorte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rejoindre une cohorte' })).toBeVisible();

  // A code nobody has, then the real one typed in lower case.
  await page.getByLabel('Code de la cohorte').fill('ZZZZZZZZZZ');
  await page.getByRole('button', { name: 'Rejoindre' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Aucune cohorte n'a ce code/);
  await page.getByLabel('Code de la cohorte').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Rejoindre' }).click();
  await expect(page.getByText(`Vous avez rejoint la cohorte « ${cohortName} ».`)).toBeVisible();
  await expect(page.getByText(`Cours : ${COURSE}`)).toBeVisible();
  const mine = page.getByRole('region', { name: 'Mes cohortes' });
  await expect(mine.getByRole('heading', { level: 3, name: cohortName })).toBeVisible();

  // And on the home page.
  await mainNav(page).getByRole('link', { name: 'Accueil' }).click();
  await expectSignedIn(page);
  const home = page.getByRole('region', { name: 'Mes cohortes' });
  const card = home.getByRole('listitem').filter({ has: page.getByRole('heading', { name: cohortName }) });
  await expect(card).toContainText(COURSE);
  await expect(card).toContainText(/0\/\d+ leçons/);
});
