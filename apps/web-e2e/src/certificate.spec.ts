import { type APIRequestContext, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD, expectSignedIn, passTask, signIn } from './support';

const API = '/api/v1';
const COURSE_AR = 'الرقمنة في خدمة المجالات الترابية والاقتصاد الاجتماعي والتضامني';
/**
 * The demo course's text lessons, the right answers of its four quizzes and its required practical task
 * (from its content file).
 */
const TEXT_LESSONS = [
  'm1-l1',
  'm1-l2',
  'm1-l3',
  'm2-l1',
  'm2-l2',
  'm2-l3',
  'm3-l1',
  'm3-l2',
  'm3-l3',
  'm4-l1',
  'm4-l2',
  'm4-l3',
];
const TASK = 'm3-task';
const RIGHT_ANSWERS: Record<string, Record<string, string | string[]>> = {
  'm1-quiz': { q1: 'b', q2: ['a', 'b', 'c'], q3: 'false', q4: 'b', q5: 'DigComp' },
  'm2-quiz': { q1: ['a', 'b', 'c'], q2: 'b', q3: 'false', q4: 'numéro de lot', q5: 'a' },
  'm3-quiz': { q1: 'a', q2: ['a', 'b', 'c'], q3: 'true', q4: 'place de marché', q5: 'a' },
  'm4-quiz': { q1: 'a', q2: 'CNDP', q3: ['a', 'b', 'c'], q4: 'true', q5: 'b' },
};

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post(`${API}/auth/sign-in`, { data: { email, password: DEMO_PASSWORD } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * Through the API: a cohort with the demo coach, who then completes the whole course — every lesson
 * read, every quiz passed, the practical task handed in and passed by the trainer.
 */
async function completedCourse(request: APIRequestContext, name: string): Promise<void> {
  const trainer = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const courses = (await (
    await request.get(`${API}/courses?scope=published`, { headers: trainer })
  ).json()) as { id: string; slug: string }[];
  const me = (await (await request.get(`${API}/me`, { headers: trainer })).json()) as {
    roles: { role: string; territoryId: string }[];
  };
  const created = await request.post(`${API}/cohorts`, {
    headers: trainer,
    data: {
      name,
      courseId: courses.find((c) => c.slug === 'numerique-territoires-ess')?.id,
      courseVersion: 1,
      territoryId: me.roles.find((r) => r.role === 'trainer')?.territoryId,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    },
  });
  expect(created.ok()).toBe(true);
  const cohortId = ((await created.json()) as { id: string }).id;
  await request.post(`${API}/cohorts/${cohortId}/enrolments`, {
    headers: trainer,
    data: { emails: ['coach@example.org'] },
  });

  const coach = { authorization: `Bearer ${await tokenOf(request, 'coach@example.org')}` };
  const mine = (await (await request.get(`${API}/me/enrolments`, { headers: coach })).json()) as {
    enrolmentId: string;
    cohortName: string;
  }[];
  const enrolmentId = mine.find((e) => e.cohortName === name)?.enrolmentId as string;
  const events = TEXT_LESSONS.map((lessonKey) => ({
    id: randomUUID(),
    enrolmentId,
    lessonKey,
    type: 'completed',
    occurredAt: new Date().toISOString(),
  }));
  const sent = await request.post(`${API}/progress/events`, { headers: coach, data: { events } });
  expect(((await sent.json()) as { accepted: string[] }).accepted).toHaveLength(TEXT_LESSONS.length);
  for (const [quiz, answers] of Object.entries(RIGHT_ANSWERS)) {
    const attempt = await request.post(`${API}/enrolments/${enrolmentId}/quizzes/${quiz}/attempts`, {
      headers: coach,
      data: { answers },
    });
    expect(((await attempt.json()) as { passed: boolean }).passed).toBe(true);
  }
  await passTask(request, enrolmentId, TASK);
}

test.use({ viewport: { width: 390, height: 844 } });

test.afterEach(async ({ request }) => {
  const token = await tokenOf(request, 'coach@example.org');
  await request.patch(`${API}/me`, {
    headers: { authorization: `Bearer ${token}` },
    data: { preferredLanguage: 'fr' },
  });
});

test('a coach who completed the course downloads the certificate (Arabic, phone) and the public page verifies it', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const cohortName = `Certificat ${Date.now()}`;
  await completedCourse(request, cohortName);

  await signIn(page, 'coach@example.org');
  await expectSignedIn(page);
  await page.getByRole('button', { name: /^Langue/ }).click();
  // The choice is saved on the profile: wait for it before loading another page.
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH',
  );
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await saved;

  await page.goto('/learn');
  const card = page.getByRole('listitem').filter({ hasText: cohortName });
  await expect(card.getByText('17 / 17', { exact: false })).toBeVisible();
  await card.getByRole('link', { name: COURSE_AR, exact: true }).click();

  await expect(page.getByRole('heading', { name: 'شهادتك' })).toBeVisible();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'تنزيل الشهادة (PDF)' }).click();
  const download = await downloadPromise;
  // The PDF in the coach's language (Arabic here).
  expect(download.suggestedFilename()).toMatch(/^certificate-[A-Z0-9]{12}-ar\.pdf$/);
  const pdf = readFileSync(await download.path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // Anyone can verify it: open the public page signed out.
  const verifyHref = await page.getByRole('link', { name: 'التحقق منها عبر الإنترنت' }).getAttribute('href');
  expect(verifyHref).toMatch(/\/verify\/[A-Z0-9]{12}$/);
  const code = (verifyHref as string).split('/').pop() as string;
  const stranger = await page
    .context()
    .browser()!
    .newContext({ viewport: { width: 390, height: 844 } });
  const publicPage = await stranger.newPage();
  await publicPage.goto(`/verify/${code}`);
  await expect(publicPage.getByText('Ce certificat est valide.')).toBeVisible();
  await expect(publicPage.getByText('Salma Ouazzani')).toBeVisible();
  await publicPage.goto('/verify/AAAAAAAAAAAA');
  await expect(
    publicPage.getByText("Aucun certificat ne porte ce code. Vérifiez qu'il a été saisi correctement."),
  ).toBeVisible();
  await stranger.close();
});
