import { type APIRequestContext, type BrowserContext, type Page, expect, test } from '@playwright/test';
import { cohortWithDemoCoach, expectSignedIn, signIn, tokenOf } from './support';

const API = '/api/v1';
const COACH = 'coach@example.org';

/** What the server says of one enrolment. */
interface ServerCourse {
  lessons: Record<string, { state: string }>;
  quizzes: Record<string, { attempts: number; passed: boolean }>;
  lessonsDone: number;
}

interface ProgressAnswer {
  accepted: string[];
  duplicates: string[];
  rejected: { id: string }[];
}

/** The enrolment as the server has it, read as the coach. */
async function serverCourse(request: APIRequestContext, enrolmentId: string): Promise<ServerCourse> {
  const headers = { authorization: `Bearer ${await tokenOf(request, COACH)}` };
  const res = await request.get(`${API}/enrolments/${enrolmentId}?locale=fr`, { headers });
  expect(res.ok()).toBe(true);
  return (await res.json()) as ServerCourse;
}

/**
 * Every answer the server gave to a progress batch, as the pages received it (through the service
 * worker, which passes POSTs to the network one for one).
 */
function watchProgress(context: BrowserContext): ProgressAnswer[] {
  const answers: ProgressAnswer[] = [];
  context.on('response', (res) => {
    if (!res.url().includes('/progress/events') || res.status() !== 200 || !res.fromServiceWorker()) return;
    void res
      .json()
      .then((body: ProgressAnswer) => answers.push(body))
      .catch(() => undefined);
  });
  return answers;
}

/** The ids waiting in this browser's outbox (IndexedDB). */
async function outboxIds(page: Page): Promise<{ events: string[]; attempts: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ events: string[]; attempts: string[] }>((resolve, reject) => {
        const open = indexedDB.open('tc-learning');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['progress', 'attempts']);
          const events = tx.objectStore('progress').getAll();
          const attempts = tx.objectStore('attempts').getAll();
          tx.oncomplete = () => {
            resolve({
              events: (events.result as { id: string }[]).map((r) => r.id),
              attempts: (attempts.result as { id: string }[]).map((r) => r.id),
            });
            db.close();
          };
        };
      }),
  );
}

/**
 * Online: sign in, wait for the service worker to control the page, make the cohort's course
 * available offline. Offline: reload, read two lessons, complete the first, pass the quiz; then
 * close the page. Returns the enrolment and what waits in the outbox.
 */
async function workOffline(
  context: BrowserContext,
  page: Page,
  cohortName: string,
): Promise<{ enrolmentId: string; events: string[]; attempts: string[] }> {
  await signIn(page, COACH);
  await expectSignedIn(page);
  await page.goto('/learn');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // No reload: the files this page loaded before the worker took control are kept by
  // "Make available offline" itself.
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  const card = page.getByRole('listitem').filter({ hasText: cohortName });
  const courseLink = card.getByRole('heading', { level: 2 }).getByRole('link');
  const href = (await courseLink.getAttribute('href')) ?? '';
  const enrolmentId = href.split('/').pop() ?? '';
  expect(enrolmentId).toMatch(/^[0-9a-f-]{36}$/);
  await card.getByRole('button', { name: /^Rendre disponible hors connexion/ }).click();
  await expect(card.getByText(/^Disponible hors connexion · \d+(,\d)? [kM]o$/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(card.getByRole('button', { name: /^Retirer de l'appareil/ })).toBeVisible();
  // The start self-assessment is skipped while online (it is not part of what is measured here).
  await page.goto(`/learn/${enrolmentId}`);
  const skip = page.getByRole('button', { name: 'Passer' });
  await expect(skip).toBeVisible();
  await skip.click();
  await expect(skip).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Hors ligne' }).first()).toBeVisible();

  // Lesson 1: read and marked as read.
  await page.goto(`/learn/${enrolmentId}/lessons/m1-l1`).catch(() => undefined);
  await expect(page.getByText('Leçon 1 sur 17')).toBeVisible();
  await page.getByRole('button', { name: "J'ai lu cette leçon" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Terminée' })).toBeVisible();
  // Lesson 2: read only (the course page's list, not "Next", which would mark lesson 1 again).
  await page.getByRole('link', { name: '← Retour au cours' }).click();
  await page.getByRole('link', { name: /^De Maroc Digital 2020 à la stratégie nationale/ }).click();
  await expect(page.getByText('Leçon 2 sur 17')).toBeVisible();
  // The quiz of module 1, with the right answers: graded later.
  await page.getByRole('link', { name: '← Retour au cours' }).click();
  await page.getByRole('link', { name: /^Quiz : le numérique et les territoires/ }).click();
  await expect(page.getByText('Leçon 4 sur 17')).toBeVisible();
  const question = (n: number) => page.getByRole('group', { name: new RegExp(`^Question ${n} `) });
  await question(1).getByRole('radio', { name: 'Maroc Digital 2020' }).check();
  for (const option of [
    'La connectivité, y compris en zone rurale',
    'Les compétences numériques des habitants',
    'Des usages qui partent des besoins réels des acteurs',
  ]) {
    await question(2).getByRole('checkbox', { name: option }).check();
  }
  await question(3).getByRole('radio', { name: 'Faux' }).check();
  await question(4)
    .getByRole('radio', { name: 'Diagnostiquer équipements, compétences et problèmes' })
    .check();
  await question(5).getByRole('textbox', { name: 'Votre réponse' }).fill('DigComp');
  await page.getByRole('button', { name: 'Valider mes réponses' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'sera corrigé à votre retour en ligne' }),
  ).toBeVisible();

  // Four events (lesson 1 started and completed, lesson 2 started, quiz started) and one attempt wait.
  await expect(page.getByText('En attente de synchronisation : 5')).toBeVisible();
  const waiting = await outboxIds(page);
  expect(waiting.events).toHaveLength(4);
  expect(waiting.attempts).toHaveLength(1);
  await page.close();
  return { enrolmentId, ...waiting };
}

async function expectOnServerOnce(
  request: APIRequestContext,
  enrolmentId: string,
  events: string[],
  answers: ProgressAnswer[],
): Promise<void> {
  const after = await serverCourse(request, enrolmentId);
  expect(after.lessons['m1-l1'].state).toBe('completed');
  expect(after.lessons['m1-l2'].state).toBe('started');
  expect(after.lessons['m1-l3'].state).toBe('not_started');
  expect(after.lessons['m1-quiz'].state).toBe('completed');
  // The attempt graded once, passed.
  expect(after.quizzes['m1-quiz']).toMatchObject({ attempts: 1, passed: true });
  expect(after.lessonsDone).toBe(2);
  // Each event accepted exactly once, none rejected.
  const accepted = answers.flatMap((a) => a.accepted);
  expect([...accepted].sort()).toEqual([...events].sort());
  expect(answers.flatMap((a) => a.rejected)).toEqual([]);
}

test.use({ viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' });

test('offline: a coach reads and passes a quiz without network; it all reaches the server once', async ({
  context,
  request,
}) => {
  test.setTimeout(180_000);
  const cohortName = `Offline ${Date.now()}-${Math.floor(Math.random() * 1e4)}`;
  await cohortWithDemoCoach(request, cohortName);
  const answers = watchProgress(context);
  const { enrolmentId, events } = await workOffline(context, await context.newPage(), cohortName);

  // A new page, back online: the outbox empties, the quiz result comes back.
  const page = await context.newPage();
  await context.setOffline(false);
  await page.goto('/learn');
  await expect.poll(() => outboxIds(page), { timeout: 30_000 }).toEqual({ events: [], attempts: [] });
  await expect(page.getByText('Tout est synchronisé')).toBeVisible();
  await expect(page.getByText(/dernière synchronisation à \d\d:\d\d/)).toBeVisible();
  await expectOnServerOnce(request, enrolmentId, events, answers);
  await page.goto(`/learn/${enrolmentId}/lessons/m1-quiz`);
  await expect(page.getByText(/Vous avez réussi ce quiz/)).toBeVisible();
});

test('offline: the server answers 503 for a while; nothing is lost or sent twice', async ({
  context,
  request,
}) => {
  test.setTimeout(180_000);
  const cohortName = `Offline 503 ${Date.now()}-${Math.floor(Math.random() * 1e4)}`;
  await cohortWithDemoCoach(request, cohortName);
  const answers = watchProgress(context);
  const { enrolmentId, events } = await workOffline(context, await context.newPage(), cohortName);

  let refused = 0;
  const unavailable = '**/api/v1/{progress/events,enrolments/*/quizzes/*/attempts*}';
  await context.route(unavailable, async (route) => {
    refused++;
    await route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"status":503}' });
  });
  const page = await context.newPage();
  await context.setOffline(false);
  await page.goto('/learn');
  // The first sends fail: everything stays queued, retried after growing waits.
  await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await expect(page.getByText('En attente de synchronisation : 5')).toBeVisible();
  expect((await outboxIds(page)).events).toHaveLength(4);
  await context.unroute(unavailable);

  await expect.poll(() => outboxIds(page), { timeout: 60_000 }).toEqual({ events: [], attempts: [] });
  await expect(page.getByText('Tout est synchronisé')).toBeVisible();
  await expectOnServerOnce(request, enrolmentId, events, answers);
});
