import { type APIRequestContext, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { cohortWithDemoCoach, expectSignedIn, signIn, tokenOf } from './support';

/**
 * A lesson's question from end to end: the demo coach asks about a lesson from the lesson page, the
 * trainer finds it from the cohort's page, replies and marks the reply as the answer, and the coach
 * sees the thread answered and is told in the notification centre, whose link opens the thread.
 */

const API = '/api/v1';

test.use({ serviceWorkers: 'block' });

/** A fresh cohort of the demo course with the demo coach alone in it: its id, the coach's enrolment, a lesson. */
async function cohortOfOne(
  request: APIRequestContext,
  name: string,
): Promise<{ cohortId: string; enrolmentId: string; lessonKey: string }> {
  await cohortWithDemoCoach(request, name);
  const trainer = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const cohorts = (await (await request.get(`${API}/cohorts`, { headers: trainer })).json()) as {
    id: string;
    name: string;
  }[];
  const cohortId = cohorts.find((c) => c.name === name)?.id;
  expect(cohortId).toBeTruthy();
  const coach = { authorization: `Bearer ${await tokenOf(request, 'coach@example.org')}` };
  const mine = (await (await request.get(`${API}/me/enrolments`, { headers: coach })).json()) as {
    enrolmentId: string;
    cohortId: string;
  }[];
  const enrolmentId = mine.find((e) => e.cohortId === cohortId)?.enrolmentId;
  expect(enrolmentId).toBeTruthy();
  const course = (await (
    await request.get(`${API}/enrolments/${enrolmentId}?locale=fr`, { headers: coach })
  ).json()) as { course: { modules: { lessons: { key: string; kind: string }[] }[] } };
  const lessonKey = course.course.modules[0]?.lessons.find((l) => l.kind !== 'quiz')?.key;
  expect(lessonKey).toBeTruthy();
  return { cohortId: cohortId as string, enrolmentId: enrolmentId as string, lessonKey: lessonKey as string };
}

test('a coach asks about a lesson, the trainer answers and marks it, the coach sees it answered', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const name = `Questions ${randomUUID().slice(0, 6)}`;
  const { cohortId, enrolmentId, lessonKey } = await cohortOfOne(request, name);
  const question = `Combien de compost par planche ${randomUUID().slice(0, 4)} ?`;

  // The coach, on the lesson: its questions block, and the form to ask.
  const coach = await (await browser.newContext()).newPage();
  await signIn(coach, 'coach@example.org');
  await expectSignedIn(coach);
  await coach.goto(`/learn/${enrolmentId}/lessons/${lessonKey}`);
  const block = coach.getByRole('region', { name: 'Questions sur cette leçon' });
  // The block is made when the end of the lesson nears the screen, not while the lesson loads.
  await expect(coach.locator('.tc-discussion-place')).toBeAttached();
  await expect(block).toHaveCount(0);
  await coach.mouse.wheel(0, 10_000);
  await expect(coach.locator('.tc-discussion-place')).toHaveCount(0);
  await expect(block.getByText('Personne n’a encore posé de question sur cette leçon.')).toBeVisible();
  await block.getByLabel('Votre question, en une phrase').fill(question);
  await block.getByLabel('Détails (markdown)').fill('Pour une planche de **10 m²**, avant la pluie.');
  await block.getByRole('button', { name: 'Envoyer la question' }).click();
  await expect(block.getByRole('status')).toHaveText('Question envoyée.');
  await expect(block.getByRole('link', { name: question })).toBeVisible();

  // The trainer, from the cohort's page: the questions, the thread, a reply marked as the answer.
  const trainer = await (await browser.newContext()).newPage();
  await signIn(trainer, 'trainer@example.org');
  await expectSignedIn(trainer);
  await trainer.goto(`/cohorts/${cohortId}`);
  await trainer.getByRole('link', { name: 'Questions', exact: true }).click();
  await expect(trainer).toHaveURL(new RegExp(`/cohorts/${cohortId}/threads$`));
  await trainer.getByRole('link', { name: question }).click();
  await expect(trainer.getByRole('heading', { level: 1, name: question })).toBeVisible();
  await expect(trainer.locator('.tc-post .tc-body strong')).toHaveText('10 m²');
  await trainer.getByLabel('Votre réponse (markdown)').fill('Deux brouettes, bien mélangées à la terre.');
  await trainer.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await expect(trainer.locator('.tc-said')).toHaveText('Réponse envoyée.');
  const reply = trainer.locator('.tc-post').filter({ hasText: 'Deux brouettes' });
  await reply.getByRole('button', { name: 'Marquer comme réponse' }).click();
  await expect(trainer.locator('.tc-said')).toHaveText('Réponse retenue.');
  await expect(reply).toHaveClass(/tc-answer/);
  await expect(reply.getByText('Réponse retenue', { exact: true })).toBeVisible();
  await expect(reply).toBeFocused();

  // The coach: the thread answered in the cohort's list.
  await coach.goto(`/cohorts/${cohortId}/threads`);
  const item = coach.getByRole('listitem').filter({ has: coach.getByRole('link', { name: question }) });
  await expect(item.getByText('Répondue')).toBeVisible();
  await expect(item.getByText('1 réponse(s)')).toBeVisible();

  // And told in the notification centre (the job the reply enqueued; the queue polls every few
  // seconds); its link opens the thread, the answer highlighted.
  const told = coach.getByRole('link', {
    name: new RegExp(`Nouvelle réponse à votre discussion « .?${question.replace(/[?]/g, '\\?')}`),
  });
  await expect(async () => {
    await coach.goto('/notifications');
    await expect(told).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await told.click();
  await expect(coach).toHaveURL(new RegExp(`/cohorts/${cohortId}/threads/[0-9a-f-]+$`));
  await expect(coach.locator('.tc-post.tc-answer')).toContainText('Deux brouettes');
});

test('offline, a coach reads a thread kept on the phone and a reply waits, then goes once', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const name = `Hors ligne ${randomUUID().slice(0, 6)}`;
  const { cohortId, lessonKey } = await cohortOfOne(request, name);
  const question = `Arroser le soir ${randomUUID().slice(0, 4)} ?`;
  const coachApi = { authorization: `Bearer ${await tokenOf(request, 'coach@example.org')}` };
  const started = await request.post(`${API}/cohorts/${cohortId}/threads`, {
    headers: coachApi,
    data: { title: question, body: 'Ou plutôt le matin ?', lessonKey },
  });
  expect(started.ok()).toBe(true);
  const { id: threadId } = (await started.json()) as { id: string };

  const context = await browser.newContext();
  const coach = await context.newPage();
  await signIn(coach, 'coach@example.org');
  await expectSignedIn(coach);
  // Read once online: the list and the thread are kept on the device.
  await coach.goto(`/cohorts/${cohortId}/threads`);
  await coach.getByRole('link', { name: question }).click();
  await expect(coach.getByRole('heading', { level: 1, name: question })).toBeVisible();

  await context.setOffline(true);
  await coach.getByRole('link', { name: '← Questions' }).click();
  await expect(coach.getByText(/^Hors ligne : copie enregistrée sur cet appareil/)).toBeVisible();
  await coach.getByRole('link', { name: question }).click();
  await expect(coach.getByText(/^Hors ligne : copie enregistrée sur cet appareil/)).toBeVisible();
  await expect(coach.locator('.tc-post.tc-opening')).toContainText('Ou plutôt le matin ?');

  await coach.getByLabel('Votre réponse (markdown)').fill('Le soir, sans hésiter.');
  await coach.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await expect(coach.locator('.tc-said')).toContainText('Hors ligne : votre réponse attend');
  const waiting = coach.locator('.tc-post-waiting');
  await expect(waiting).toContainText('Le soir, sans hésiter.');
  await expect(waiting.getByText('En attente d’envoi')).toBeVisible();

  // Back online: the outbox sends it, the thread shows it in place of the waiting one.
  await context.setOffline(false);
  await expect(waiting).toHaveCount(0, { timeout: 20_000 });
  await expect(coach.locator('.tc-post:not(.tc-opening) .tc-body')).toHaveText(['Le soir, sans hésiter.']);
  const thread = (await (
    await request.get(`${API}/cohorts/${cohortId}/threads/${threadId}`, { headers: coachApi })
  ).json()) as { posts: unknown[] };
  expect(thread.posts).toHaveLength(2);
});
