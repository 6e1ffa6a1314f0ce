import { readFileSync } from 'node:fs';
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { expectSignedIn, signIn, tokenOf } from './support';

const API = '/api/v1';

/** The id of a territory found by its code, through the API (as the admin). */
async function territoryId(request: APIRequestContext, code: string): Promise<string> {
  const headers = { authorization: `Bearer ${await tokenOf(request, 'admin@example.org')}` };
  const found = (await (await request.get(`${API}/territories/search?q=${code}`, { headers })).json()) as {
    id: string;
    code: string | null;
  }[];
  return found.find((t) => t.code === code)?.id as string;
}

async function openUser(page: Page, search: string, name: string): Promise<void> {
  await page.goto('/users');
  await page.getByLabel('Rechercher (nom ou e-mail)').fill(search);
  await page.getByRole('link', { name }).first().click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.describe('admin: roles, accounts, the audit log, territories', () => {
  test('removing a coach role asks first, warns of the running cohort, keeps the reason, and can be undone', async ({
    page,
  }) => {
    await signIn(page, 'admin@example.org');
    await expectSignedIn(page);
    await openUser(page, 'coach@example.org', 'Salma Ouazzani');

    await page.getByRole('button', { name: "Retirer le rôle Coach (L'Oriental)" }).click();
    const dialog = page.getByRole('dialog', { name: 'Retirer le rôle « Coach » ?' });
    await expect(dialog).toBeVisible();
    // The demo coach follows the demo cohort of L'Oriental, which only this role covers.
    await expect(dialog.getByRole('alert')).toContainText(/\d+ cohorte\(s\) en cours/);
    await dialog.getByLabel('Motif (facultatif)').fill('Mission terminée');
    await dialog.getByRole('button', { name: 'Retirer le rôle' }).click();

    const coachRole = page.getByRole('button', { name: "Retirer le rôle Coach (L'Oriental)" });
    await expect(coachRole).toHaveCount(0);
    await page.getByRole('button', { name: 'Annuler', exact: true }).click();
    await expect(coachRole).toHaveCount(1);

    // The log says it in a sentence, with the reason; the author found by name.
    await page.goto('/users/audit');
    await page.getByLabel('Auteur (nom ou e-mail)').fill('nadia');
    const removal = page.locator('.tc-entries li', { hasText: 'Motif : Mission terminée' }).first();
    // Names are isolated (U+2068…U+2069): each keeps its direction inside the sentence.
    // The author filter searches after a pause in typing; a busy host can take longer than 5 s.
    await expect(removal.locator('.tc-sentence')).toHaveText(
      "\u2068Nadia El Amrani\u2069 a retiré à \u2068Salma Ouazzani\u2069 le rôle « Coach » sur \u2068L'Oriental\u2069.",
      { timeout: 15_000 },
    );
  });

  test('a role changes in one step, its territory found by name from the admin’s scope', async ({
    page,
    request,
  }) => {
    const headers = { authorization: `Bearer ${await tokenOf(request, 'admin@example.org')}` };
    const email = `changement-${Date.now()}@example.org`;
    const invited = await request.post(`${API}/users/invitations`, {
      headers,
      data: {
        email,
        displayName: 'Amal Berrada',
        role: 'coach',
        territoryId: await territoryId(request, 'MA-BER'),
      },
    });
    expect(invited.ok()).toBe(true);

    await signIn(page, 'admin@example.org');
    await expectSignedIn(page);
    await openUser(page, email, 'Amal Berrada');
    await page.getByRole('button', { name: 'Changer le rôle Coach (Berkane)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changer un rôle : Amal Berrada' });
    await dialog.getByRole('combobox', { name: 'Rôle' }).click();
    await page.getByRole('option', { name: 'Formateur·rice' }).click();
    await dialog.getByRole('combobox', { name: 'Rechercher par nom ou code' }).fill('oujda');
    await page.getByRole('option', { name: /Oujda-Angad/ }).click();
    await dialog.getByRole('button', { name: 'Changer le rôle' }).click();

    await expect(page.locator('.tc-assignments')).toHaveText(/Formateur·rice · Oujda-Angad/);
    await expect(page.locator('.tc-assignments li')).toHaveCount(1);

    await page.goto('/users/audit');
    await expect(page.locator('.tc-sentence').first()).toHaveText(
      '\u2068Nadia El Amrani\u2069 a remplacé, pour \u2068Amal Berrada\u2069, le rôle « Coach » sur \u2068Berkane\u2069 par « Formateur·rice » sur \u2068Oujda-Angad\u2069.',
    );
  });

  test('a commune takes one name and a local code; the log reads it in Arabic on a phone and exports it', async ({
    page,
    request,
  }) => {
    const berkane = await territoryId(request, 'MA-BER');
    const code = `MA-BER-${Math.floor(100 + Math.random() * 900)}`;
    await signIn(page, 'admin@example.org');
    await expectSignedIn(page);
    await page.goto(`/territories/${berkane}`);
    await page.getByRole('button', { name: 'Ajouter une subdivision' }).click();
    await expect(page.getByText('Un seul nom suffit pour une commune')).toBeVisible();
    await page.getByLabel('Nom en français').fill('Aïn Reggada');
    await page.getByLabel('Code', { exact: true }).fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('link', { name: new RegExp(`Aïn Reggada\\s*${code}`) })).toBeVisible();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: /^Langue/ }).click();
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.goto('/users/audit');
    await expect(page.locator('.tc-sentence').first()).toHaveText(
      'إنشاء المجال الترابي «\u2068Aïn Reggada\u2069» (الجماعة) ضمن \u2068بركان\u2069، من طرف \u2068Nadia El Amrani\u2069.',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'تصدير CSV' }).click(),
    ]);
    const text = readFileSync((await download.path()) as string, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('التاريخ;المنفّذ (الاسم أو البريد الإلكتروني);الإجراء;');
    expect(text).toContain('إنشاء المجال الترابي «Aïn Reggada» (الجماعة) ضمن بركان، من طرف Nadia El Amrani.');

    // French again for the other specs (the choice is kept on the profile).
    await page.getByRole('button', { name: /^اللغة/ }).click();
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });
});
