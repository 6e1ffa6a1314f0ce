import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type APIResponse, type Page, expect, test } from '@playwright/test';
import { cohortWithDemoCoach, expectSignedIn, fr, mainNav, signIn, signOut, tokenOf } from './support';

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
  // The name takes the focus, described by the step's heading.
  await expect(wizard.getByLabel('Nom de la cohorte')).toBeFocused();
  await expect(wizard.getByRole('textbox', { name: 'Nom de la cohorte' })).toHaveAccessibleDescription(
    /^Étape 2 sur 2/,
  );

  await wizard.getByLabel('Nom de la cohorte').fill(cohortName);
  // The territory by its name, through the picker's search.
  const territory = wizard.getByRole('group', { name: 'Territoire' });
  await territory.getByRole('combobox', { name: 'Rechercher par nom ou code' }).fill('oriental');
  await page.getByRole('option', { name: /^L'Oriental/ }).click();
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
  await expect(page.getByText("3 invité·e(s) : inscrit·e(s) en acceptant l'invitation")).toBeVisible();

  // Invited, not enrolled yet: listed beside the roster by address, with the names the file gave.
  await page.getByRole('tab', { name: 'Liste des inscrit·e·s' }).click();
  await expect(page.getByText('0 personne(s)', { exact: true })).toBeVisible();
  const pending = page.getByRole('region', { name: 'Invitations (3)' });
  for (const [email, name] of people) {
    const item = pending.getByRole('listitem').filter({ hasText: email });
    await expect(item).toContainText(name);
  }
  // One taken back.
  await pending.getByRole('button', { name: `Annuler l'invitation de ${people[2][0]}` }).click();
  await expect(page.getByRole('region', { name: 'Invitations (2)' })).toBeVisible();

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

  // And on the home page: the course one tap away, and the next lesson.
  await mainNav(page).getByRole('link', { name: 'Accueil' }).click();
  await expectSignedIn(page);
  const home = page.getByRole('region', { name: 'Prochaine étape' });
  const card = home.getByRole('listitem').filter({ hasText: cohortName });
  await expect(card).toContainText(COURSE);
  await expect(card).toContainText(/0 \/ \d+ leçons/);
  await expect(card.getByRole('link')).toHaveAttribute('href', /^\/learn\/[^/]+$/);
  await expect(home.getByRole('link', { name: /^Continuer : / })).toHaveAttribute(
    'href',
    /^\/learn\/[^/]+\/lessons\/[^/]+$/,
  );
});

test('a move to a newer version shows what changes and for whom first, then reports where the trainer acted', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e4)}`;
  const trainer = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const ok = async (res: Promise<APIResponse>) => {
    const r = await res;
    expect(r.ok(), await r.text()).toBe(true);
    return (await r.json()) as Record<string, unknown>;
  };
  // A course of one module and one lesson, published; a cohort of it with the demo coach; then a
  // second lesson in the same module, published as version 2.
  const course = await ok(
    request.post('/api/v1/courses', {
      headers: trainer,
      data: {
        slug: `versions-${stamp}`,
        title: { fr: `Versions ${stamp}` },
        defaultLocale: 'fr',
        locales: ['fr'],
      },
    }),
  );
  const c = `/api/v1/courses/${course['id'] as string}`;
  const withModule = await ok(
    request.post(`${c}/modules`, { headers: trainer, data: { title: { fr: 'Bases' } } }),
  );
  const moduleId = (withModule['modules'] as { id: string }[])[0]?.id as string;
  const lesson = (title: string) =>
    ok(
      request.post(`${c}/modules/${moduleId}/lessons`, {
        headers: trainer,
        data: { kind: 'text', title: { fr: title }, body: { fr: `${title}.` } },
      }),
    );
  await lesson('Premiers pas');
  await ok(request.post(`${c}/publish`, { headers: trainer }));
  const me = await ok(request.get('/api/v1/me', { headers: trainer }));
  const cohortName = `Versions ${stamp}`;
  const cohort = await ok(
    request.post('/api/v1/cohorts', {
      headers: trainer,
      data: {
        name: cohortName,
        courseId: course['id'],
        courseVersion: 1,
        territoryId: (me['roles'] as { role: string; territoryId: string }[]).find(
          (r) => r.role === 'trainer',
        )?.territoryId,
        startsOn: dayFromToday(0),
        endsOn: dayFromToday(60),
      },
    }),
  );
  await ok(
    request.post(`/api/v1/cohorts/${cohort['id'] as string}/enrolments`, {
      headers: trainer,
      data: { emails: ['coach@example.org'] },
    }),
  );
  await lesson('Aller plus loin');
  await ok(request.post(`${c}/publish`, { headers: trainer }));

  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await page.goto(`/cohorts/${cohort['id'] as string}`);
  await expect(page.getByRole('heading', { level: 1, name: cohortName })).toBeVisible();
  const coachRow = page.getByRole('row').filter({ hasText: 'Salma Ouazzani' });
  await expect(coachRow).toContainText('0/1 leçons');

  // First what would change and for whom; nothing moves yet.
  const card = page.getByRole('region', { name: 'Nouvelle version du cours' });
  await card.getByRole('button', { name: 'Voir ce que change la version 2' }).click();
  const preview = card.getByRole('group', { name: 'De la version 1 à la version 2 : ce qui change' });
  await expect(preview.getByRole('heading', { level: 3 })).toBeFocused();
  await expect(preview.getByRole('heading', { level: 4, name: 'Leçons ajoutées (1)' })).toBeVisible();
  await expect(preview).toContainText('Aller plus loin');
  await expect(preview).not.toContainText('Modules ajoutés');
  await expect(preview).toContainText('1 coach(s) actif(s) suivront la version 2 dès la confirmation.');
  await expect(page.getByRole('definition').filter({ hasText: '· version 1' })).toBeVisible();

  // Confirmed: the report stands where the trainer acted and takes the focus; the roster counts the
  // new lesson at once; revoking and re-issuing certificates stay offered on the latest version.
  await preview.getByRole('button', { name: 'Passer à la version 2' }).click();
  const report = card.getByRole('heading', { name: 'La cohorte est passée de la version 1 à la version 2' });
  await expect(report).toBeFocused();
  await expect(card.getByRole('heading', { level: 4, name: 'Leçons ajoutées (1)' })).toBeVisible();
  await expect(coachRow).toContainText('0/2 leçons');
  await expect(page.getByRole('definition').filter({ hasText: '· version 2' })).toBeVisible();
  await expect(card.getByRole('button', { name: /^Voir ce que change/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: 'Révoquer un certificat' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Rééditer un certificat' })).toBeVisible();
});

test('an existing account a trainer enrols is invited, not enrolled; it joins by accepting, signed in', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e4)}`;
  const email = `existing-${stamp}@example.org`;
  const name = `Karima Existante ${stamp.slice(-4)}`;
  const password = 'un-mot-de-passe-solide-2026';
  const cohortName = `Oriental invitations ${stamp}`;

  // An account that exists already (an observer, invited by the admin, password chosen).
  const admin = { authorization: `Bearer ${await tokenOf(request, 'admin@example.org')}` };
  const adminMe = (await (await request.get('/api/v1/me', { headers: admin })).json()) as {
    roles: { role: string; territoryId: string }[];
  };
  const invite = await request.post('/api/v1/users/invitations', {
    headers: admin,
    data: { email, displayName: name, role: 'observer', territoryId: adminMe.roles[0]?.territoryId },
  });
  expect(invite.ok()).toBe(true);
  const inviteLink = ((await invite.json()) as { link: { url: string } }).link.url;
  const accepted = await request.post('/api/v1/auth/links/accept', {
    data: { token: inviteLink.split('/').pop(), password },
  });
  expect(accepted.ok()).toBe(true);

  // A cohort of the trainer's region.
  const trainer = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const trainerMe = (await (await request.get('/api/v1/me', { headers: trainer })).json()) as {
    roles: { role: string; territoryId: string }[];
  };
  const courses = (await (
    await request.get('/api/v1/courses?scope=published', { headers: trainer })
  ).json()) as {
    id: string;
    slug: string;
  }[];
  const created = await request.post('/api/v1/cohorts', {
    headers: trainer,
    data: {
      name: cohortName,
      courseId: courses.find((c) => c.slug === 'numerique-territoires-ess')?.id,
      courseVersion: 1,
      territoryId: trainerMe.roles.find((r) => r.role === 'trainer')?.territoryId,
      startsOn: dayFromToday(0),
      endsOn: dayFromToday(90),
    },
  });
  expect(created.ok()).toBe(true);
  const cohortId = ((await created.json()) as { id: string }).id;

  // The trainer enrols the address: invited, as a new address would be; the name stays unknown.
  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await page.goto(`/cohorts/${cohortId}`);
  await expect(page.getByRole('heading', { level: 1, name: cohortName })).toBeVisible();
  await page.getByRole('tab', { name: 'Inscrire par e-mail' }).click();
  await page.getByLabel('Adresses e-mail').fill(email);
  await page.getByRole('button', { name: 'Inscrire (1)' }).click();
  await expect(page.getByText("1 invité·e(s) : inscrit·e(s) en acceptant l'invitation")).toBeVisible();
  await expect(page.getByText('0 coach(s) du territoire inscrit·e(s)')).toBeVisible();
  const url = await page.getByLabel("Lien d'invitation").inputValue();
  expect(url).toContain('/links/');
  await page.getByRole('tab', { name: 'Liste des inscrit·e·s' }).click();
  const pending = page.getByRole('region', { name: 'Invitations (1)' });
  await expect(pending).toContainText(email);
  await expect(page.getByText(name)).toHaveCount(0);
  await signOut(page);

  // The person opens the link, signs in when asked, sees the cohort and accepts.
  const link = new URL(url);
  await page.goto(link.pathname + link.search);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel(fr.email).fill(email);
  await page.getByLabel(fr.password).fill(password);
  await page.getByRole('button', { name: fr.signIn }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Invitation à rejoindre une cohorte' }),
  ).toBeVisible();
  await expect(page.getByText(`Vous êtes invité·e à rejoindre la cohorte « ${cohortName} ».`)).toBeVisible();
  await page.getByRole('button', { name: 'Accepter et rejoindre' }).click();
  await expect(page.getByText(`Vous avez rejoint la cohorte « ${cohortName} ».`)).toBeVisible();
  const mine = page.getByRole('region', { name: 'Mes cohortes' });
  await expect(mine.getByRole('heading', { level: 3, name: cohortName })).toBeVisible();
});

test('from the roster a trainer opens a coach’s page; the roster’s file is for French spreadsheets', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const cohortName = `Suivi ESS ${Date.now()}-${Math.floor(Math.random() * 1e4)}`;
  await cohortWithDemoCoach(request, cohortName);
  const trainer = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const cohorts = (await (await request.get('/api/v1/cohorts', { headers: trainer })).json()) as {
    id: string;
    name: string;
  }[];
  const cohortId = cohorts.find((c) => c.name === cohortName)?.id as string;
  // The coach reads the first lesson, fails the first quiz once, rates one competence.
  const coach = { authorization: `Bearer ${await tokenOf(request, 'coach@example.org')}` };
  const mine = (await (await request.get('/api/v1/me/enrolments', { headers: coach })).json()) as {
    cohortId: string;
    enrolmentId: string;
  }[];
  const enrolmentId = mine.find((e) => e.cohortId === cohortId)?.enrolmentId as string;
  const read = await request.post('/api/v1/progress/events', {
    headers: coach,
    data: {
      id: randomUUID(),
      enrolmentId,
      lessonKey: 'm1-l1',
      type: 'completed',
      occurredAt: new Date().toISOString(),
    },
  });
  expect(read.ok()).toBe(true);
  const attempt = await request.post(`/api/v1/enrolments/${enrolmentId}/quizzes/m1-quiz/attempts`, {
    headers: coach,
    data: { answers: {} },
  });
  expect(attempt.ok()).toBe(true);
  const rated = await request.put(`/api/v1/enrolments/${enrolmentId}/self-assessment/start`, {
    headers: coach,
    data: { ratings: { '1.1': 3 } },
  });
  expect(rated.ok()).toBe(true);

  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await page.goto(`/cohorts/${cohortId}`);
  await expect(page.getByRole('heading', { level: 1, name: cohortName })).toBeVisible();
  await page.getByRole('link', { name: 'Voir le parcours de Salma Ouazzani' }).click();
  await expect(page).toHaveURL(`/cohorts/${cohortId}/coaches/${enrolmentId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Salma Ouazzani' })).toBeVisible();
  await expect(page.getByText('Berkane (MA-BER)')).toBeVisible();
  const module1 = page.getByRole('region', { name: 'Le numérique dans le développement des territoires' });
  await expect(module1.getByRole('listitem').first()).toContainText('Faite le');
  await expect(module1.getByText('Meilleur score : 0 % (1 tentative(s)) ; seuil : 70 %')).toBeVisible();
  const attempts = page.getByRole('region', { name: 'Tentatives aux quiz' });
  await expect(attempts.getByRole('row').nth(1)).toContainText('Non réussi');
  const ratings = page.getByRole('region', { name: 'Auto-évaluation DigComp' });
  await expect(ratings.getByRole('row', { name: /^1\.1 / })).toContainText('3 · Intermédiaire');
  // Lessons, attempts, self-assessment: no field tasks, the platform records none.
  await expect(page.getByRole('heading', { level: 2 })).toHaveText([
    'Leçons',
    'Tentatives aux quiz',
    'Auto-évaluation DigComp',
  ]);

  // Back to the roster, and its file: `;` between cells, French words, named after the cohort.
  await page.getByRole('link', { name: cohortName }).click();
  await expect(page.getByRole('heading', { level: 1, name: cohortName })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporter en CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^roster-suivi-ess-\d+-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, row] = readFileSync(await download.path(), 'utf8').split('\r\n');
  expect(header).toMatch(
    /^\uFEFFNom;Adresse e-mail;Territoire;Compte;Inscription;Inscrit·e le \(heure du Maroc\);Leçons faites;Leçons du cours;Dernière activité \(heure du Maroc\);Modules en retard;/,
  );
  expect(row).toMatch(
    /^Salma Ouazzani;coach@example\.org;Berkane \(MA-BER\);Actif;Inscrit·e;\d{4}-\d{2}-\d{2} \d{2}:\d{2};1;17;/,
  );
});

test('the demo roster says where each coach stands on the practical task; a waiting one leads to the queue', async ({
  page,
  request,
}) => {
  const trainer = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const cohorts = (await (await request.get('/api/v1/cohorts', { headers: trainer })).json()) as {
    id: string;
    name: string;
  }[];
  const cohortId = cohorts.find((c) => c.name === 'Oujda — cohorte de démonstration')?.id as string;
  expect(cohortId).toBeTruthy();
  const task = 'Tâche pratique : le catalogue WhatsApp Business d’une coopérative';

  await signIn(page, 'trainer@example.org');
  await expectSignedIn(page);
  await page.goto(`/cohorts/${cohortId}`);
  // One task in the course: the column is titled with it, each state said in words.
  await expect(page.getByRole('columnheader', { name: task })).toBeVisible();
  const tasksOf = (name: string) => page.getByRole('list', { name: `Tâches pratiques de ${name}` });
  await expect(tasksOf('Salma Ouazzani')).toContainText('À reprendre');
  await expect(tasksOf('Khadija Ziani')).toContainText('Validée');
  await expect(tasksOf('Imane Bouzidi')).toContainText('En attente de revue');
  const waiting = page.getByRole('link', {
    name: `Ouvrir la file de revue — Hamza El Idrissi, ${task} : en attente de revue`,
  });
  await expect(waiting).toContainText('En attente de revue');

  await waiting.click();
  await expect(page).toHaveURL(new RegExp(`/cohorts/${cohortId}/reviews\\?module=m3$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Tâches à relire' })).toBeVisible();
  await expect(page.getByText('Hamza El Idrissi')).toBeVisible();
  await expect(page.getByText('Imane Bouzidi')).toBeVisible();
});
