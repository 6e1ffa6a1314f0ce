import { type Page, expect, test } from '@playwright/test';
import { expectSignedIn, mainNav, signIn } from './support';

/** The form that adds a lesson to the module titled `moduleTitle`. */
function addLessonForm(page: Page, moduleTitle: string) {
  return page.getByRole('form', { name: `Ajouter une leçon à ${moduleTitle}` });
}

async function addLesson(page: Page, moduleTitle: string, title: string, kind?: string): Promise<void> {
  const form = addLessonForm(page, moduleTitle);
  if (kind) {
    await form.getByRole('combobox', { name: 'Type de leçon' }).click();
    await page.getByRole('option', { name: kind }).click();
  }
  await form.getByLabel('Titre de la nouvelle leçon').fill(title);
  await form.getByRole('button', { name: 'Ajouter la leçon' }).click();
  await expect(page.getByRole('link', { name: title })).toBeVisible();
}

async function writeTextLesson(
  page: Page,
  title: string,
  markdown: string,
  bold: string,
  courseTitle: string,
): Promise<void> {
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByLabel('Texte (markdown)').fill(markdown);
  // The live preview comes from the server's renderer.
  await expect(page.getByRole('region', { name: 'Aperçu' }).getByText(bold, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Enregistré.' })).toBeVisible();
  await page.getByRole('link', { name: `← ${courseTitle}` }).click();
}

test('a trainer authors, publishes and previews a course', async ({ page }) => {
  test.setTimeout(90_000);
  const frTitle = 'Le budget de la commune';
  const arTitle = 'ميزانية الجماعة';
  const slug = `budget-commune-${Date.now()}`;

  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await mainNav(page).getByRole('link', { name: 'Cours' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes cours' })).toBeVisible();

  // A new course, titled in French and Arabic.
  await page.getByRole('button', { name: 'Nouveau cours' }).click();
  const create = page.getByRole('form', { name: 'Nouveau cours' });
  await create.getByLabel('Nom court (slug)').fill(slug);
  await create.getByLabel('Titre (français)').fill(frTitle);
  await create.getByLabel('Titre (arabe)').fill(arTitle);
  await create.getByRole('button', { name: 'Créer le cours' }).click();
  await expect(page.getByRole('heading', { level: 1, name: frTitle })).toBeVisible();
  await page.getByRole('tab', { name: /arabe/ }).click();
  await expect(page.getByLabel('Titre', { exact: true })).toHaveValue(arTitle);

  // Two modules, a French text lesson in each, a quiz in the second.
  for (const moduleTitle of ['Les recettes', 'Les dépenses']) {
    await page.getByLabel('Titre du nouveau module').fill(moduleTitle);
    await page.getByRole('button', { name: 'Ajouter le module' }).click();
    await expect(page.getByRole('heading', { level: 3, name: new RegExp(moduleTitle) })).toBeVisible();
  }
  await addLesson(page, 'Les recettes', 'Ce que perçoit la commune');
  await addLesson(page, 'Les dépenses', 'Ce que paie la commune');
  await addLesson(page, 'Les dépenses', 'Quiz final', 'Quiz');

  await writeTextLesson(
    page,
    'Ce que perçoit la commune',
    '## Les ressources\n\nLa commune perçoit des **taxes locales** et des transferts de l’État.',
    'taxes locales',
    frTitle,
  );
  await writeTextLesson(
    page,
    'Ce que paie la commune',
    'Les dépenses de **fonctionnement** et d’**investissement**.',
    'fonctionnement',
    frTitle,
  );

  // One single-choice question, one correct option.
  await page.getByRole('link', { name: 'Quiz final' }).click();
  await page.getByRole('button', { name: '+ Choix unique' }).click();
  await page.getByLabel('Question', { exact: true }).fill('Qui vote le budget de la commune ?');
  await page.getByLabel('Option 1', { exact: true }).fill('Le conseil communal');
  await page.getByLabel('Option 2', { exact: true }).fill('Le ministère');
  await page.getByRole('radio', { name: 'Bonne réponse : option 1' }).check();
  await expect(page.getByRole('radio', { name: 'Bonne réponse : option 2' })).not.toBeChecked();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Enregistré.' })).toBeVisible();
  await page.getByRole('link', { name: `← ${frTitle}` }).click();

  // Publish, confirmed.
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await page.getByRole('button', { name: 'Publier maintenant' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 1 publiée.' })).toBeVisible();
  await expect(page.getByText('Dernière version publiée : 1')).toBeVisible();

  // The coach's view of version 1, in French.
  await page.getByRole('link', { name: 'Aperçu de la version 1' }).click();
  await page.getByLabel('Langue de l’aperçu').getByText('français').click();
  await expect(page.getByRole('heading', { level: 2, name: frTitle })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Les ressources' })).toBeVisible();
  // Rendered: the bold words are an element of their own, no markdown asterisks left.
  await expect(page.getByRole('article').getByText('taxes locales', { exact: true })).toBeVisible();
  await expect(page.getByText('**taxes locales**')).toHaveCount(0);

  await page.getByRole('button', { name: 'Quiz final' }).click();
  await expect(page.getByText('Qui vote le budget de la commune ?')).toBeVisible();
  await expect(page.getByText('Le conseil communal')).toBeVisible();
  await expect(page.getByText('Le ministère')).toBeVisible();
  // Nothing answerable and no answer marked.
  await expect(page.getByRole('radio', { name: /conseil|ministère/ })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByText(/bonne réponse|correct/i)).toHaveCount(0);
});
