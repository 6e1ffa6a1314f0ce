import { type APIRequestContext, expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectSignedIn, signIn } from './support';

const API = '/api/v1';
const COURSE_SLUG = 'numerique-territoires-ess';
const COURSE_AR = 'الرقمنة في خدمة المجالات الترابية والاقتصاد الاجتماعي والتضامني';
/** Module 1 of the demo course, in Arabic: three lessons to read, then its quiz. */
const MODULE_1_LESSONS = [
  'دور الرقمنة في التنمية الاقتصادية والاجتماعية للمجالات الترابية',
  'من استراتيجية المغرب الرقمي 2020 إلى الاستراتيجية الوطنية',
  'مهنة المدرب الترابي',
];
const MODULE_1_QUIZ = 'اختبار: الرقمنة والمجالات الترابية';

/** `YYYY-MM-DD`, `days` from today. */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post(`${API}/auth/sign-in`, { data: { email, password: DEMO_PASSWORD } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** The trainer, through the API: a cohort of the demo course (module 1 due yesterday) with the demo coach. */
async function cohortWithDemoCoach(request: APIRequestContext, name: string): Promise<void> {
  const headers = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const courses = (await (await request.get(`${API}/courses?scope=published`, { headers })).json()) as {
    id: string;
    slug: string;
  }[];
  const course = courses.find((c) => c.slug === COURSE_SLUG);
  expect(course).toBeTruthy();
  const me = (await (await request.get(`${API}/me`, { headers })).json()) as {
    roles: { role: string; territoryId: string }[];
  };
  const territoryId = me.roles.find((r) => r.role === 'trainer')?.territoryId;
  expect(territoryId).toBeTruthy();
  const created = await request.post(`${API}/cohorts`, {
    headers,
    data: {
      name,
      courseId: course?.id,
      courseVersion: 1,
      territoryId,
      startsOn: dayFromToday(-10),
      endsOn: dayFromToday(80),
      deadlines: [{ moduleKey: 'm1', dueOn: dayFromToday(-1) }],
    },
  });
  expect(created.ok()).toBe(true);
  const cohort = (await created.json()) as { id: string };
  const enrolled = await request.post(`${API}/cohorts/${cohort.id}/enrolments`, {
    headers,
    data: { emails: ['coach@example.org'] },
  });
  expect(enrolled.ok()).toBe(true);
}

test.use({ viewport: { width: 390, height: 844 } });

// The coach's language is saved on their profile: put French back for the other specs.
test.afterEach(async ({ request }) => {
  const token = await tokenOf(request, 'coach@example.org');
  await request.patch(`${API}/me`, {
    headers: { authorization: `Bearer ${token}` },
    data: { preferredLanguage: 'fr' },
  });
});

test('a coach on a phone, in Arabic, reads module 1 and passes its quiz', async ({ page, request }) => {
  test.setTimeout(120_000);
  const cohortName = `Oriental learn ${Date.now()}-${Math.floor(Math.random() * 1e4)}`;
  await cohortWithDemoCoach(request, cohortName);

  await signIn(page, 'coach@example.org');
  await expectSignedIn(page);
  await page.getByRole('button', { name: /^Langue/ }).click();
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

  // My courses, from the phone menu.
  await page.getByRole('button', { name: 'القائمة' }).click();
  await page
    .getByRole('navigation', { name: 'التنقل الرئيسي' })
    .getByRole('link', { name: 'دوراتي' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'دوراتي' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: cohortName });
  await expect(card.getByRole('heading', { level: 2, name: COURSE_AR })).toBeVisible();
  await expect(card.getByText('0 / 17 دروس')).toBeVisible();
  // Module 1 was due yesterday: overdue, in words.
  await expect(card.getByText('متأخر', { exact: true })).toBeVisible();

  await card.getByRole('link', { name: COURSE_AR, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: COURSE_AR })).toBeVisible();
  // The outline comes first; the start self-assessment after it, a card saying how long it takes
  // (15 competences at about 20 s each).
  const assessment = page.getByRole('region', { name: 'قبل البدء: كفاءاتك الرقمية' });
  await expect(assessment).toContainText('حوالي 5 دقائق');
  const firstLesson = page.getByRole('link', { name: new RegExp(MODULE_1_LESSONS[0]) });
  const lessonTop = (await firstLesson.boundingBox())?.y ?? Infinity;
  expect(lessonTop).toBeLessThan((await assessment.boundingBox())?.y ?? -Infinity);

  // One competence at a time: its 8 levels, the card down to "next" within a phone screen under
  // the 56 px top bar.
  await assessment.getByRole('button', { name: 'تقييم كفاءاتي' }).click();
  const step = (n: number) => assessment.getByText(`الكفاءة ${n} من 15`);
  await expect(page.locator(':focus')).toContainText('الكفاءة 1 من 15');
  await expect(assessment.getByRole('radio')).toHaveCount(8);
  const next = assessment.getByRole('button', { name: 'التالية' });
  const top = (await assessment.boundingBox())?.y ?? 0;
  const box = await next.boundingBox();
  expect((box?.y ?? Infinity) + (box?.height ?? 0) - top).toBeLessThanOrEqual(844 - 56);
  await assessment.getByRole('radio', { name: /^المستوى 3/ }).check();
  await next.click();
  // The next competence is brought up whole: its heading and "next" both on screen.
  await expect(step(2)).toBeInViewport();
  await expect(next).toBeInViewport();
  await assessment.getByRole('radio', { name: /^المستوى 2/ }).check();

  // Leaving and coming back resumes at the first competence not rated.
  await page.reload();
  await expect(assessment.getByText('تم تقييم 2 من 15')).toBeVisible();
  await assessment.getByRole('button', { name: 'متابعة تقييمي' }).click();
  await expect(step(3)).toBeVisible();
  await assessment.getByRole('button', { name: 'السابقة' }).click();
  await expect(assessment.getByRole('radio', { name: /^المستوى 2/ })).toBeChecked();

  // Skipped here: the offer is gone.
  const skip = assessment.getByRole('button', { name: 'تخطي' });
  await skip.click();
  await expect(assessment).toHaveCount(0);

  // The three lessons: "I have read this" on the first, "Next" (which also marks done) on the others.
  await page.getByRole('link', { name: new RegExp(MODULE_1_LESSONS[0]) }).click();
  await expect(page.getByRole('heading', { level: 1, name: MODULE_1_LESSONS[0] })).toBeVisible();
  await expect(page.getByText('الدرس 1 من 17')).toBeVisible();
  await page.getByRole('button', { name: 'قرأت هذا الدرس' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'منجز' })).toBeVisible();
  for (const next of [MODULE_1_LESSONS[1], MODULE_1_LESSONS[2], MODULE_1_QUIZ]) {
    await page.getByRole('button', { name: new RegExp(`^التالي`) }).click();
    await expect(page.getByRole('heading', { level: 1, name: next })).toBeVisible();
  }

  // The quiz, with the right answers (from the demo course: b; a+b+c; false; b; DigComp).
  const question = (n: number) => page.getByRole('group', { name: new RegExp(`^السؤال ${n} `) });
  await question(1).getByRole('radio', { name: 'Maroc Digital 2020' }).check();
  for (const option of [
    'الربط بالشبكة، بما في ذلك في الوسط القروي',
    'الكفايات الرقمية للساكنة',
    'استعمالات تنطلق من الحاجات الفعلية للفاعلين',
  ]) {
    await question(2).getByRole('checkbox', { name: option }).check();
  }
  await question(3).getByRole('radio', { name: 'خطأ' }).check();
  await question(4).getByRole('radio', { name: 'تشخيص التجهيزات والكفايات والمشكلات' }).check();
  await question(5).getByRole('textbox', { name: 'جوابك' }).fill('DigComp');
  await page.getByRole('button', { name: 'إرسال أجوبتي' }).click();

  const result = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'ناجح' }) });
  await expect(result).toBeVisible();
  await expect(result).toContainText('100');
  await expect(page.getByText('جواب صحيح')).toHaveCount(5);

  // Back on the course: module 1 finished, the next module's lesson is where "Continue" leads.
  await page.getByRole('link', { name: 'العودة إلى الدورة' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: COURSE_AR })).toBeVisible();
  await expect(page.getByText('اكتملت الوحدة')).toBeVisible();
  await expect(page.getByText('4 / 17 دروس')).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(MODULE_1_QUIZ) })).toContainText('ناجح');

  // And on My courses: progress saved on the server, nothing overdue any more.
  await page.getByRole('link', { name: 'دوراتي' }).first().click();
  // The link routes in the page: reloading before it has would reload the course page.
  await page.waitForURL((url) => url.pathname === '/learn');
  await page.reload();
  const after = page.getByRole('listitem').filter({ hasText: cohortName });
  await expect(after.getByText('4 / 17 دروس')).toBeVisible();
  await expect(after.getByText('متأخر', { exact: true })).toHaveCount(0);
  await expect(after.getByRole('link', { name: /^متابعة/ })).toBeVisible();
});
