import { type APIRequestContext, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { cohortWithDemoCoach, expectSignedIn, signIn, tokenOf } from './support';

/**
 * A cohort's announcements from end to end: the trainer writes one from the cohort's page, the demo
 * coach finds it on their home page and opens it, and the trainer sees it read by the one coach.
 */

const API = '/api/v1';

test.use({ serviceWorkers: 'block' });

/** A fresh cohort of the demo course with the demo coach alone in it; answers its id. */
async function cohortOfOne(request: APIRequestContext, name: string): Promise<string> {
  await cohortWithDemoCoach(request, name);
  const headers = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const cohorts = (await (await request.get(`${API}/cohorts`, { headers })).json()) as {
    id: string;
    name: string;
  }[];
  const id = cohorts.find((c) => c.name === name)?.id;
  expect(id).toBeTruthy();
  return id as string;
}

test('a trainer posts an announcement, the demo coach reads it, the trainer sees it read', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const name = `Annonces ${randomUUID().slice(0, 6)}`;
  const cohortId = await cohortOfOne(request, name);
  const title = `Réunion de jeudi ${randomUUID().slice(0, 4)}`;

  const trainer = await (await browser.newContext()).newPage();
  await signIn(trainer, 'trainer@example.org');
  await expectSignedIn(trainer);
  await trainer.goto(`/cohorts/${cohortId}`);
  await trainer.getByRole('link', { name: 'Annonces' }).click();
  await trainer.getByRole('link', { name: 'Nouvelle annonce' }).click();
  // One group per language of the course, named by the language.
  const french = trainer.getByRole('group', { name: 'français' });
  await french.getByLabel('Titre').fill(title);
  await french.getByLabel('Texte (markdown)').fill('Rendez-vous à **10 h** au local de la coopérative.');
  await expect(french.locator('.tc-md-html strong')).toHaveText('10 h');
  await trainer.getByRole('button', { name: 'Publier' }).click();
  await expect(trainer.getByRole('heading', { level: 2, name: title })).toBeVisible();
  await expect(trainer.getByText('Lue par 0 sur 1')).toBeVisible();

  const coach = await (await browser.newContext()).newPage();
  await signIn(coach, 'coach@example.org');
  await expectSignedIn(coach);
  const card = coach.getByRole('region', { name: 'Annonces' });
  await expect(card.getByText(title)).toBeVisible();
  // Listened for before the click: the list marks what it shows read as soon as it has it.
  const read = coach.waitForResponse((r) => r.url().endsWith('/read') && r.request().method() === 'PUT');
  await card.getByRole('link', { name: new RegExp(title) }).click();
  await expect(coach).toHaveURL(new RegExp(`/cohorts/${cohortId}/announcements$`));
  await expect(coach.getByRole('heading', { level: 2, name: title })).toBeVisible();
  expect((await read).status()).toBe(204);
  await expect(coach.locator('.tc-body strong')).toHaveText('10 h');

  await trainer.reload();
  await expect(trainer.getByText('Lue par 1 sur 1')).toBeVisible();

  // The coach was also told in the notification centre, by the job the post enqueued (the queue polls
  // every few seconds); opening it there leads to the cohort's announcements and the bell counts one less.
  // (Its name: "unread", the text with the title isolated in its own direction, the time.)
  const told = coach.getByRole('link', { name: new RegExp(`Nouvelle annonce : .?${title}`) });
  await expect(async () => {
    await coach.goto('/notifications');
    await expect(told).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const bell = coach.locator('header a[href="/notifications"]');
  const unread = async () => Number((await bell.getAttribute('aria-label'))?.match(/^\d+/)?.[0] ?? 0);
  await expect.poll(unread).toBeGreaterThan(0);
  const before = await unread();
  await told.click();
  await expect(coach).toHaveURL(new RegExp(`/cohorts/${cohortId}/announcements$`));
  await expect.poll(unread).toBe(before - 1);
});

test("on a coach's phone home, nothing moves when the courses answer after the announcements", async ({
  browser,
  request,
}) => {
  // An announcement of its own, unread: the card lists only unread ones, and other specs read theirs.
  const cohortId = await cohortOfOne(request, `Annonces ${randomUUID().slice(0, 6)}`);
  const title = `Atelier du jour ${randomUUID().slice(0, 4)}`;
  const posted = await request.post(`${API}/cohorts/${cohortId}/announcements`, {
    headers: { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` },
    data: { title: { fr: title }, body: { fr: 'Rendez-vous au local de la coopérative.' } },
  });
  expect(posted.status()).toBe(201);

  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(page, 'coach@example.org');
  await expectSignedIn(page);
  // The courses, which the next step is drawn from, answer late; the announcements at once.
  await page.route(/\/api\/v1\/enrolments\/[^/?]+(\?|$)/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.addInitScript(() => {
    const shifts: number[] = [];
    (window as unknown as { tcShifts: number[] }).tcShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[])
        if (!entry.hadRecentInput) shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/');
  // Every course read waits, six at a time: the demo coach is enrolled in many cohorts by now.
  await expect(page.getByRole('link', { name: /^Continuer/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Annonces' }).getByText(title)).toBeVisible();
  // The next step above them drew while they waited hidden: not one layout shift.
  expect(await page.evaluate(() => (window as unknown as { tcShifts: number[] }).tcShifts)).toEqual([]);
});
