import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expectSignedIn, signIn, tokenOf } from './support';

/**
 * The field log from end to end: a coach registers a cooperative with the network cut, records a
 * maturity check and a visit, and reconnects; the writes waiting on the phone go; the trainer finds
 * the cooperative in the coach's log; the observer sees the province's count move by one, and the
 * new commune's own row hidden (one organisation, below k).
 */

const API = '/api/v1';

test.use({ viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' });

interface ImpactCounts {
  organisations: number | null;
  visits: number | null;
}
interface ImpactReport {
  k: number;
  totals: ImpactCounts;
  byTerritory: { key: string; label: string; counts: ImpactCounts }[];
}

async function bearer(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenOf(request, email)}` };
}

/** A new commune under Berkane (admins add communes under provinces), for this run alone. */
async function newCommune(
  request: APIRequestContext,
  name: string,
): Promise<{ id: string; berkaneId: string }> {
  const admin = await bearer(request, 'admin@example.org');
  const found = (await (
    await request.get(`${API}/territories/search?q=MA-BER`, { headers: admin })
  ).json()) as {
    id: string;
    code: string | null;
  }[];
  const berkaneId = found.find((t) => t.code === 'MA-BER')?.id;
  expect(berkaneId).toBeTruthy();
  const res = await request.post(`${API}/territories`, {
    headers: admin,
    data: { parentId: berkaneId, level: 'commune', name: { fr: name } },
  });
  expect(res.status()).toBe(201);
  return { id: ((await res.json()) as { id: string }).id, berkaneId: berkaneId as string };
}

async function impactOf(request: APIRequestContext, territoryId: string): Promise<ImpactReport> {
  const observer = await bearer(request, 'observer@example.org');
  const res = await request.get(`${API}/observatory/impact?territoryId=${territoryId}`, {
    headers: observer,
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as ImpactReport;
}

/** Picks an option of a Material select by the select's label. */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  // The keyboard opens it: an empty select's floating label lies over its trigger.
  const select = page.getByRole('combobox', { name: label });
  await select.focus();
  await select.press('Enter');
  await page.getByRole('option', { name: option }).click();
}

test('a coach logs a cooperative offline, the trainer sees it, the observatory counts it', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const tag = randomUUID().slice(0, 6);
  const communeName = `Zegzel ${tag}`;
  const cooperative = `Coopérative Zegzel des femmes ${tag}`;
  const commune = await newCommune(request, communeName);
  const before = await impactOf(request, commune.berkaneId);
  expect(before.totals.organisations).not.toBeNull();

  // Online: the coach signs in and opens the field log and the registration form once (the phone
  // keeps the pages and the coach's territories), with the service worker in control.
  const context = await browser.newContext();
  const coach = await context.newPage();
  await signIn(coach, 'coach@example.org');
  await expectSignedIn(coach);
  await coach.goto('/field');
  await expect(coach.getByRole('heading', { level: 1, name: 'Mon journal de terrain' })).toBeVisible();
  await coach.evaluate(async () => void (await navigator.serviceWorker.ready));
  await expect.poll(() => coach.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(coach.getByRole('link', { name: /Argane Beni Snassen/ })).toBeVisible();
  await coach.getByRole('link', { name: 'Enregistrer une organisation' }).click();
  await expect(coach.getByRole('heading', { level: 1, name: 'Enregistrer une organisation' })).toBeVisible();
  await choose(coach, 'Province', /Berkane/);
  await choose(coach, 'Commune', communeName);

  // Offline: register, check, visit.
  await context.setOffline(true);
  await coach.getByLabel('Nom de l’organisation').fill(cooperative);
  await choose(coach, 'Type', 'Coopérative');
  await choose(coach, 'Secteur', /Agroalimentaire/);
  await coach.getByLabel('Année de création').fill('2016');
  await coach.getByLabel('Membres', { exact: true }).fill('18');
  await coach.getByLabel('Membres femmes').fill('15');
  await coach.getByRole('checkbox', { name: 'Dirigée par une ou des femmes' }).check();
  await coach.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(coach.getByRole('heading', { level: 1, name: cooperative })).toBeVisible();
  await expect(coach.getByText('En attente de synchronisation').first()).toBeVisible();

  await coach.getByRole('link', { name: 'Diagnostic de maturité' }).click();
  await expect(
    coach.getByRole('heading', { level: 1, name: 'Diagnostic de maturité numérique' }),
  ).toBeVisible();
  const groups = coach.getByRole('radiogroup');
  await expect(groups).toHaveCount(12);
  for (let i = 0; i < 12; i++)
    await groups
      .nth(i)
      .getByRole('radio')
      .nth(i % 3)
      .check();
  await expect(coach.getByText('12 sur 12 répondues')).toBeVisible();
  await coach.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
  await expect(coach.getByRole('heading', { level: 1, name: cooperative })).toBeVisible();

  await coach.getByRole('link', { name: 'Noter une visite' }).click();
  await expect(coach.getByRole('heading', { level: 1, name: 'Noter une visite' })).toBeVisible();
  await coach.getByLabel('Durée (minutes)').fill('90');
  await coach.getByRole('radio', { name: 'Sur place' }).check();
  await coach.getByLabel('Notes').fill('Photos des produits et premier catalogue WhatsApp Business.');
  await coach.getByLabel('Prochaines étapes').fill('Publier dix produits avant la prochaine visite.');
  await coach.getByRole('button', { name: 'Enregistrer la visite' }).click();
  await expect(coach.getByRole('heading', { level: 1, name: cooperative })).toBeVisible();
  await expect(coach.getByText('Photos des produits et premier catalogue WhatsApp Business.')).toBeVisible();
  const organisationId = new URL(coach.url()).pathname.split('/').pop() ?? '';
  expect(organisationId).toMatch(/^[0-9a-f-]{36}$/);

  // Nothing reached the server while offline.
  const coachApi = await bearer(request, 'coach@example.org');
  expect(
    (await request.get(`${API}/fieldwork/organisations/${organisationId}`, { headers: coachApi })).status(),
  ).toBe(404);

  // Back online: the waiting writes go, in the order they were made.
  await context.setOffline(false);
  await expect
    .poll(
      async () => {
        const res = await request.get(`${API}/fieldwork/organisations/${organisationId}`, {
          headers: coachApi,
        });
        if (res.status() !== 200) return 'not yet';
        const log = (await res.json()) as { checks: unknown[]; visits: unknown[] };
        return `${log.checks.length} check, ${log.visits.length} visit`;
      },
      { timeout: 60_000 },
    )
    .toBe('1 check, 1 visit');
  await coach.reload();
  await expect(coach.getByRole('heading', { level: 1, name: cooperative })).toBeVisible();
  await expect(coach.getByText('En attente de synchronisation')).toHaveCount(0);
  await context.close();

  // The trainer, in field supervision: the coach, then the cooperative's log.
  const trainer = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  await signIn(trainer, 'trainer@example.org');
  await expectSignedIn(trainer);
  await trainer.goto('/field/coaches');
  await expect(trainer.getByRole('heading', { level: 1, name: 'Suivi de terrain' })).toBeVisible();
  const me = (await (await request.get(`${API}/me`, { headers: coachApi })).json()) as {
    displayName: string;
  };
  await trainer.getByLabel('Chercher un·e coach').fill(me.displayName);
  await trainer.getByRole('link', { name: me.displayName, exact: true }).click();
  await expect(
    trainer.getByRole('heading', { level: 1, name: `Journal de terrain de ${me.displayName}` }),
  ).toBeVisible();
  await trainer.getByRole('link', { name: cooperative }).click();
  await expect(trainer.getByRole('heading', { level: 1, name: cooperative })).toBeVisible();
  await expect(
    trainer.getByText('Photos des produits et premier catalogue WhatsApp Business.'),
  ).toBeVisible();

  // The observer: Berkane's count moved by one (once folded); the new commune's row is hidden.
  await expect
    .poll(async () => (await impactOf(request, commune.berkaneId)).totals.organisations, { timeout: 30_000 })
    .toBe((before.totals.organisations ?? 0) + 1);
  const after = await impactOf(request, commune.berkaneId);
  const row = after.byTerritory.find((r) => r.key === commune.id);
  expect(row?.counts.organisations).toBeNull();

  const observer = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  await signIn(observer, 'observer@example.org');
  await expectSignedIn(observer);
  await observer.goto(`/observatory/impact?territoryId=${commune.berkaneId}`);
  await expect(observer.getByRole('heading', { level: 1, name: /Berkane/ })).toBeVisible();
  const total = observer.locator('.tc-summary .tc-figure').filter({ hasText: 'Organisations accompagnées' });
  await expect(total.locator('dd')).toHaveText(String(after.totals.organisations));
  const communeRow = observer.getByRole('row').filter({ hasText: communeName });
  await expect(communeRow.getByText(/moins de 5 — masqué/).first()).toBeAttached();
});
