import { readFile } from 'node:fs/promises';
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { DEMO_PASSWORD, expectSignedIn, signIn } from './support';

/**
 * The privacy page and "download my data", in Arabic on a phone: a visitor reaches the notice from
 * the sign-in page (right to left, the threshold as the e2e server configures it: 5), and the demo
 * coach asks for the archive of their data on their profile page, waits for it, downloads it and
 * finds their own address in its data.json, beside the photos they handed in.
 */

test.use({ viewport: { width: 390, height: 844 } });

async function arabic(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Langue/ }).click();
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
}

/** A demo account's saved language back to French, whatever the test did. */
async function resetLanguage(request: APIRequestContext, email = 'coach@example.org'): Promise<void> {
  const res = await request.post('/api/v1/auth/sign-in', {
    data: { email, password: DEMO_PASSWORD },
  });
  const { accessToken } = (await res.json()) as { accessToken: string };
  await request.patch('/api/v1/me', {
    headers: { authorization: `Bearer ${accessToken}` },
    data: { preferredLanguage: 'fr' },
  });
}

test('a visitor reads the privacy notice from the sign-in page, in Arabic, right to left', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await arabic(page);
  await page.getByRole('link', { name: 'الخصوصية ومعطياتك' }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole('heading', { level: 1, name: 'الخصوصية ومعطياتك' })).toBeVisible();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 2 })).toHaveText([
    'الجهة المسؤولة',
    'ما يُحفظ ولماذا',
    'من يطّلع عليها',
    'مدة الحفظ',
    'حقوقك',
    'بمن تتصل بشأن معطياتك',
  ]);
  // Observers see aggregates only, small counts hidden below the configured threshold.
  const observers = main.locator('li').filter({ hasText: 'ملاحِظو مرصد الرأسمال البشري' });
  await expect(observers).toContainText('لا يرون إلا معطيات مجمّعة');
  await expect(observers).toContainText('ويُحجب كل عدد يقل عن 5 (يظهر «< 5»)');
  // The app's own button words, and the archive's days.
  const access = main.locator('li').filter({ hasText: 'الولوج وقابلية النقل' });
  await expect(access).toContainText('يُعِدّ زر «تنزيل معطياتي»');
  await expect(access).toContainText('ويبقى الرابط صالحًا 7 أيام');
  expect(await observers.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('the coach downloads their data from the profile page, in Arabic on a phone', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  try {
    await signIn(page, 'coach@example.org');
    await expectSignedIn(page);
    await arabic(page);
    await page.goto('/profile');
    const myData = page.locator('#my-data');
    await expect(myData.getByRole('heading', { level: 2, name: 'معطياتي' })).toBeVisible();
    await myData.getByRole('button', { name: 'تنزيل معطياتي' }).click();
    // Prepared in the background; the list says when it is ready.
    const archive = myData.getByRole('button', { name: /^تنزيل الأرشيف/ });
    await expect(archive).toBeVisible({ timeout: 60_000 });
    await expect(myData.getByText('جاهز', { exact: true })).toBeVisible();
    await expect(myData.getByText(/^الرابط صالح حتى/)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const downloading = page.waitForEvent('download');
    await archive.click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = await JSZip.loadAsync(await readFile((await download.path()) as string));
    const data = JSON.parse(await (zip.file('data.json') as JSZip.JSZipObject).async('string')) as {
      person: { email: string };
      tables: Record<string, Record<string, { rows: unknown[] }>>;
      files: string[];
    };
    expect(data.person.email).toBe('coach@example.org');
    expect(data.tables['users']?.['id']?.rows).toEqual([
      expect.objectContaining({ email: 'coach@example.org' }),
    ]);
    // Every file the coach handed in (the demo's three photos, and those of any hand-in an earlier spec
    // made) is in the archive as a file, one per row of their evidence table.
    const evidenceRows = data.tables['practice_evidence_files']?.['coach_id']?.rows ?? [];
    expect(evidenceRows.length).toBeGreaterThanOrEqual(3);
    const listed = data.files.filter((f) => f.startsWith('evidence/'));
    expect(listed).toHaveLength(evidenceRows.length);
    expect(
      zip
        .file(/^evidence\//)
        .map((f) => f.name)
        .sort(),
    ).toEqual([...listed].sort());
  } finally {
    await resetLanguage(request);
  }
});

test('the observer asks to be erased from the profile page, in Arabic on a phone', async ({
  page,
  request,
}) => {
  try {
    await signIn(page, 'observer@example.org');
    await expectSignedIn(page);
    await arabic(page);
    await page.goto('/profile');
    const erasure = page.locator('#erasure');
    await expect(erasure.getByRole('heading', { level: 2, name: 'محو معطياتي' })).toBeVisible();
    const ask = erasure.getByRole('button', { name: 'طلب المحو' });
    await expect(ask).toBeDisabled();
    await erasure.getByLabel('أدرك أنه لا يمكن التراجع عن ذلك').check();
    await ask.click();
    await expect(erasure.getByRole('status')).toContainText('سيتولى مسؤول عن إدارة مجالك الترابي تنفيذه');
    await expect(erasure.getByRole('button')).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  } finally {
    await resetLanguage(request, 'observer@example.org');
  }
});
