import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { completedDemoCourse } from './fixtures/completed-course';
import { expectSignedIn, signIn, tokenOf } from './support';

const API = '/api/v1';
const COURSE_AR = 'الرقمنة في خدمة المجالات الترابية والاقتصاد الاجتماعي والتضامني';

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
  await completedDemoCourse(request, cohortName);

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
