import { expect, test } from '@playwright/test';
import { freshCoach, signIn } from './support';

/**
 * Consent where it is the legal basis, as a coach meets it in Arabic on a phone: giving their
 * optional demographics records the consent with its date and the exact words shown; withdrawing it
 * from "My consents" (after a confirmation) clears the demographics and keeps the history.
 */

const API = '/api/v1';
const PASSWORD = 'consentement-e2e-2026';

test.use({ viewport: { width: 390, height: 844 } });

test('a coach gives their demographics, sees the consent with its words, and withdraws it', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const coach = await freshCoach(request, `مدربة الموافقة ${Date.now()}`, PASSWORD);
  // Their interface in Arabic, as they chose it on their profile.
  const arabic = await request.patch(`${API}/me`, {
    headers: { authorization: `Bearer ${coach.accessToken}` },
    data: { preferredLanguage: 'ar' },
  });
  expect(arabic.ok()).toBe(true);

  await signIn(page, coach.email, PASSWORD);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.goto('/profile');
  const consents = page.locator('#consents');
  const demographics = consents.locator('[data-purpose="demographics"]');
  await expect(demographics).toContainText('لم تُمنح');

  // The words are shown beside the fields they are about.
  const wording = page.locator('.tc-demographics .tc-wording');
  await expect(wording).toBeVisible();
  const words = (await wording.textContent())?.trim() ?? '';
  expect(words.length).toBeGreaterThan(20);

  await page.getByRole('combobox', { name: 'الجنس' }).click();
  await page.getByRole('option', { name: 'أنثى' }).click();
  await page.getByRole('spinbutton', { name: 'سنة الازدياد' }).fill('1994');
  await page.getByRole('button', { name: 'حفظ', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'تم حفظ الملف الشخصي.' })).toBeVisible();

  // Recorded: given today, with the same words as shown.
  await expect(demographics).toContainText('مُنحت في');
  await expect(demographics.locator('blockquote')).toHaveText(words);
  const recorded = (await (
    await request.get(`${API}/me/consents`, { headers: { authorization: `Bearer ${coach.accessToken}` } })
  ).json()) as { current: { purpose: string; latest: { given: boolean; wordingText: string } | null }[] };
  const given = recorded.current.find((c) => c.purpose === 'demographics')?.latest;
  expect(given).toMatchObject({ given: true, wordingText: words });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Withdrawn after a confirmation: the demographics are gone, the history keeps both steps.
  await demographics.getByRole('button', { name: 'سحب الموافقة' }).click();
  const dialog = page.getByRole('dialog', { name: 'هل تريدون سحب هذه الموافقة؟' });
  await expect(dialog).toContainText('سيُحذف جنسكم وسنة ميلادكم من ملفكم الشخصي.');
  await dialog.getByRole('button', { name: 'سحب الموافقة' }).click();
  await expect(dialog).toBeHidden();
  await expect(demographics).toContainText('سُحبت في');
  await expect(page.getByRole('spinbutton', { name: 'سنة الازدياد' })).toHaveValue('');
  const me = (await (
    await request.get(`${API}/me`, { headers: { authorization: `Bearer ${coach.accessToken}` } })
  ).json()) as { gender: string | null; birthYear: number | null };
  expect(me).toMatchObject({ gender: null, birthYear: null });
  await consents.locator('details > summary').click();
  await expect(consents.locator('details li')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('consents-ar-390.png'), fullPage: true });
});
