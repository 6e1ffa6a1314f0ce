import { type Locator, type Page, expect, test } from '@playwright/test';
import { expectSignedIn, mainNav, signIn } from './support';

/** The form that adds a lesson to the module titled `moduleTitle`. */
function addLessonForm(page: Page, moduleTitle: string) {
  return page.getByRole('form', { name: `Ajouter une leçon à ${moduleTitle}` });
}

/** Adds a lesson, which opens in its editor at once. */
async function addLesson(page: Page, moduleTitle: string, title: string, kind?: string): Promise<void> {
  const form = addLessonForm(page, moduleTitle);
  if (kind) {
    await form.getByRole('combobox', { name: 'Type de leçon' }).click();
    await page.getByRole('option', { name: kind }).click();
  }
  await form.getByLabel('Titre de la nouvelle leçon').fill(title);
  await form.getByRole('button', { name: 'Ajouter la leçon' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Writes the open text lesson, then saves it and goes back to the course in one click. */
async function writeTextLesson(
  page: Page,
  markdown: string,
  bold: string,
  courseTitle: string,
): Promise<void> {
  await page.getByLabel('Texte (markdown)').fill(markdown);
  // The live preview comes from the server's renderer.
  await expect(page.getByRole('region', { name: 'Aperçu' }).getByText(bold, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer et revenir au cours' }).click();
  await expect(page.getByRole('heading', { level: 1, name: courseTitle })).toBeVisible();
}

test('a trainer authors, publishes and previews a course, and takes its quiz', async ({ page }) => {
  test.setTimeout(120_000);
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
  await create.getByLabel('Titre (français)').fill(frTitle);
  await create.getByLabel('Titre (arabe)').fill(arTitle);
  await create.getByLabel('Nom court (slug)').fill(slug);
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
  await writeTextLesson(
    page,
    '## Les ressources\n\nLa commune perçoit des **taxes locales** et des transferts de l’État.',
    'taxes locales',
    frTitle,
  );
  await addLesson(page, 'Les dépenses', 'Ce que paie la commune');
  await writeTextLesson(
    page,
    'Les dépenses de **fonctionnement** et d’**investissement**.',
    'fonctionnement',
    frTitle,
  );

  // One single-choice question: no option starts marked, and it is not saved until one is.
  await addLesson(page, 'Les dépenses', 'Quiz final', 'Quiz');
  await page.getByRole('button', { name: '+ Choix unique' }).click();
  await page.getByLabel('Question', { exact: true }).fill('Qui vote le budget de la commune ?');
  await page.getByLabel('Option 1', { exact: true }).fill('Le conseil communal');
  await page.getByLabel('Option 2', { exact: true }).fill('Le ministère');
  await page.getByLabel('Commentaire pour l’option 1 (facultatif)').fill('Oui : il le vote chaque année.');
  await page.getByLabel('Commentaire pour l’option 2 (facultatif)').fill('Non : le ministère le contrôle.');
  const key = page.getByRole('radiogroup', { name: 'Bonne(s) réponse(s) de la question 1' });
  await expect(key.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'Rien n’est enregistré : marquez la bonne réponse de la question 1.' }),
  ).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Bonne réponse : option 1' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Modifications non enregistrées' })).toBeVisible();
  await page.getByRole('radio', { name: 'Bonne réponse : option 1' }).check();
  await expect(key).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Enregistré.' })).toBeVisible();
  // The title inside the link is isolated (U+2068 … U+2069) so its direction cannot leak.
  await page.getByRole('link', { name: `← \u2068${frTitle}\u2069` }).click();

  // Publish: Arabic has the title only; how much it lacks is shown, and the trainer publishes anyway.
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  const confirm = page.getByRole('group', { name: 'Confirmer la publication' });
  // 13 texts in French (course, 2 modules, 2 lessons of title and text, the quiz's title, question, 2
  // options and 2 feedbacks); Arabic has the course title.
  await expect(confirm.getByText('1 sur 13 textes traduits (7 %)')).toBeVisible();
  await expect(confirm.getByRole('progressbar', { name: 'Textes traduits en arabe' })).toBeVisible();
  await confirm.getByText('Ce qui manque en arabe (5 endroits)').click();
  const quizRow = confirm
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'Module 2, leçon 2 (quiz)' }) })
    .last();
  await expect(quizRow).toContainText('Quiz final');
  await expect(quizRow).toContainText('0 / 6 textes');
  await expect(quizRow).toContainText('question 1, commentaire de l’option 2');
  await expect(confirm.getByRole('button', { name: 'Ne plus proposer l’arabe, puis publier' })).toBeVisible();
  await confirm.getByRole('button', { name: 'Publier quand même' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Version 1 publiée.' });
  await expect(done).toContainText('Textes manquants en arabe : les coachs les lisent en français.');
  await expect(page.getByText('Dernière version publiée : 1')).toBeVisible();

  // The coach's view of version 1, in French.
  await page.getByRole('link', { name: 'Aperçu de la version 1' }).click();
  await page.getByLabel('Langue de l’aperçu').getByText('français').click();
  await expect(page.getByRole('heading', { level: 2, name: frTitle })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Les ressources' })).toBeVisible();
  // Rendered: the bold words are an element of their own, no markdown asterisks left.
  await expect(page.getByRole('article').getByText('taxes locales', { exact: true })).toBeVisible();
  await expect(page.getByText('**taxes locales**')).toHaveCount(0);

  // The quiz can be taken as a coach would, graded here, nothing sent to the server.
  await page.getByRole('button', { name: 'Quiz final' }).click();
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`);
  });
  const quiz = page.getByRole('form', { name: 'Quiz à essayer' });
  await expect(quiz.getByText('Bonne réponse', { exact: true })).toHaveCount(0);
  await expect(quiz.getByText('Oui : il le vote chaque année.')).toHaveCount(0);
  await quiz.getByRole('radio', { name: 'Le ministère' }).check();
  await quiz.getByRole('button', { name: 'Corriger mes réponses' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Pas encore réussi' });
  await expect(result).toContainText('Score : 0 / 1 (0 %) ; seuil de réussite : 70 %.');
  await expect(quiz.getByText('Faux · 0 / 1 pt')).toBeVisible();
  const keyed = quiz.locator('label').filter({ hasText: 'Bonne réponse' });
  await expect(keyed).toHaveCount(1);
  await expect(keyed).toContainText('Le conseil communal');
  await expect(quiz.getByText('Oui : il le vote chaque année.')).toBeVisible();
  await expect(quiz.getByText('Non : le ministère le contrôle.')).toBeVisible();
  await quiz.getByRole('button', { name: 'Recommencer' }).click();
  await expect(quiz.getByRole('radio', { checked: true })).toHaveCount(0);
  await quiz.getByRole('radio', { name: 'Le conseil communal' }).check();
  await quiz.getByRole('button', { name: 'Corriger mes réponses' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Réussi' })).toContainText('Score : 1 / 1 (100 %)');
  await expect(quiz.getByText('Juste · 1 / 1 pt')).toBeVisible();
  expect(sent).toEqual([]);
});

test('a minimal course from scratch to published in six clicks, Arabic no longer offered', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const title = `Le marché hebdomadaire ${Date.now()}`;
  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  // From the trainer's home: every click counted; typing (and Enter in a one-field form) is not.
  let clicks = 0;
  const click = async (target: Locator) => {
    clicks++;
    await target.click();
  };

  await click(mainNav(page).getByRole('link', { name: 'Cours' }));
  await click(page.getByRole('button', { name: 'Nouveau cours' }));
  const create = page.getByRole('form', { name: 'Nouveau cours' });
  await create.getByLabel('Titre (français)').fill(title);
  // The slug follows the title: a field fewer.
  await expect(create.getByLabel('Nom court (slug)')).toHaveValue(/^le-marche-hebdomadaire-\d+$/);
  await click(create.getByRole('button', { name: 'Créer le cours' }));
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await page.getByLabel('Titre du nouveau module').fill('Vendre');
  await page.getByLabel('Titre du nouveau module').press('Enter');
  const lessonTitle = addLessonForm(page, 'Vendre').getByLabel('Titre de la nouvelle leçon');
  await lessonTitle.fill('Fixer un prix');
  await lessonTitle.press('Enter');
  // The new lesson opens to be written.
  await expect(page.getByRole('heading', { level: 1, name: 'Fixer un prix' })).toBeVisible();
  await page.getByLabel('Texte (markdown)').fill('Le prix couvre les **coûts**.');
  await click(page.getByRole('button', { name: 'Enregistrer et revenir au cours' }));
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await click(page.getByRole('button', { name: 'Publier', exact: true }));
  await click(page.getByRole('button', { name: 'Ne plus proposer l’arabe, puis publier' }));
  const done = page.getByRole('status').filter({ hasText: 'Version 1 publiée.' });
  await expect(done).toContainText('Langue retirée des langues proposées : arabe.');
  expect(clicks).toBe(6);
  // The course now offers French only: no Arabic tab left to fill.
  await expect(page.getByRole('tab', { name: /français/ }).first()).toBeVisible();
  await expect(page.getByRole('tab', { name: /arabe/ })).toHaveCount(0);
});

test('Arabic on a phone: a French title keeps its full stop at its end', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const title = `Les arbitrages ${Date.now()}.`;
  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await page.goto('/courses');
  await page.getByRole('button', { name: 'Nouveau cours' }).click();
  const create = page.getByRole('form', { name: 'Nouveau cours' });
  await create.getByLabel('Titre (français)').fill(title);
  await create.getByRole('button', { name: 'Créer le cours' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByLabel('Titre du nouveau module').fill('Vendre au marché.');
  await page.getByLabel('Titre du nouveau module').press('Enter');
  await expect(addLessonForm(page, 'Vendre au marché.')).toBeVisible();

  await page.getByRole('button', { name: /^Langue/ }).click();
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  try {
    // The page runs right to left; the French module title inside its label runs left to right.
    const moduleTitle = page.locator('.tc-module h3 [dir]').filter({ hasText: 'Vendre au marché.' });
    await expect(moduleTitle).toHaveAttribute('dir', 'auto');
    expect(await moduleTitle.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');

    await page.goto('/courses');
    const link = page.getByRole('link', { name: title });
    await expect(link).toBeVisible();
    expect(await link.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    // The full stop is drawn at the text's right end, not before "Les".
    const [stopX, firstX] = await link.evaluate((el) => {
      const text =
        el.firstChild?.nodeType === Node.TEXT_NODE ? el.firstChild : el.querySelector('*')?.firstChild;
      const value = text?.textContent ?? '';
      const at = (i: number) => {
        const r = document.createRange();
        r.setStart(text as Node, i);
        r.setEnd(text as Node, i + 1);
        return r.getBoundingClientRect().left;
      };
      return [at(value.lastIndexOf('.')), at(value.indexOf('L'))];
    });
    expect(stopX).toBeGreaterThan(firstX);
  } finally {
    // Put French back for the other specs.
    await page.getByRole('button', { name: /^اللغة/ }).click();
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  }
});

test('the server’s refusals read in French, naming each field by its label, not its path', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const title = `Les circuits courts ${Date.now()}`;
  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await mainNav(page).getByRole('link', { name: 'Cours' }).click();
  await page.getByRole('button', { name: 'Nouveau cours' }).click();
  const create = page.getByRole('form', { name: 'Nouveau cours' });
  await create.getByLabel('Titre (français)').fill(title);
  // The demo course's slug: the server refuses it, and says so in French beside the field.
  await create.getByLabel('Nom court (slug)').fill('numerique-territoires-ess');
  await create.getByRole('button', { name: 'Créer le cours' }).click();
  await expect(create.getByText('Déjà pris par un autre cours.', { exact: true })).toBeVisible();
  await expect(create.getByText(/already uses/)).toHaveCount(0);
  await create.getByLabel('Nom court (slug)').fill(`circuits-courts-${Date.now()}`);
  await create.getByRole('button', { name: 'Créer le cours' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // A text lesson left without its text: the publication is refused, every point in French.
  await page.getByLabel('Titre du nouveau module').fill('Vendre en direct');
  await page.getByLabel('Titre du nouveau module').press('Enter');
  const lessonTitle = addLessonForm(page, 'Vendre en direct').getByLabel('Titre de la nouvelle leçon');
  await lessonTitle.fill('Le panier de la semaine');
  await lessonTitle.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Le panier de la semaine' })).toBeVisible();
  // Back to the course (its title is isolated from the arrow in the link).
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await page
    .getByRole('group', { name: 'Confirmer la publication' })
    .getByRole('button', { name: /^Publier/ })
    .click();
  const refused = page.getByRole('alert').filter({ hasText: 'Le cours ne peut pas encore être publié' });
  const point = refused.getByRole('listitem').filter({ hasText: 'Module 1, leçon 1' });
  await expect(point).toContainText(
    "Texte (français) : Cette leçon n'a pas de texte dans la langue par défaut (français).",
  );
  await expect(refused).not.toContainText('modules[0]');
  await expect(refused).not.toContainText('has no text');
  // The lesson's own page says it the same way.
  await point.getByRole('link', { name: 'Module 1, leçon 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Le panier de la semaine' })).toBeVisible();
  await expect(
    page.getByText("Texte (français) : Cette leçon n'a pas de texte dans la langue par défaut (français)."),
  ).toBeVisible();
});
