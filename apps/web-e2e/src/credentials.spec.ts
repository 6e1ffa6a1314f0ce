import { type Locator, type Page, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { completedDemoCourse } from './fixtures/completed-course';
import { expectSignedIn, signIn } from './support';

/**
 * Portable credentials, end to end: the coach downloads the signed Open Badges 3.0 credential and the
 * badge with it baked in; anyone checks them without signing in (the certificate's page, or the file
 * on /verify); a copy whose recipient was changed fails its signature; a revoked certificate's
 * credential fails its status check.
 */

const COURSE = "Le numérique au service des territoires et de l'économie sociale et solidaire";
const CHECKS = ['Format', 'Signature', 'Émetteur', 'Statut (révocation)', 'Période de validité'];

/** The list item of a check, found by its name (the item's first words). */
function check(page: Page, name: string): Locator {
  return page.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });
}

async function expectAllPassed(page: Page): Promise<void> {
  await expect(page.getByText('Ce justificatif est authentique et valide.')).toBeVisible();
  for (const name of CHECKS) await expect(check(page, name)).toContainText('Réussi');
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page
    .getByLabel('Choisir le fichier du justificatif', { exact: true })
    .setInputFiles({ name, mimeType, buffer });
  await expect(page.getByRole('heading', { level: 2, name: 'Résultat de la vérification' })).toBeVisible();
  await expect(page.getByText(`Fichier : ${name}`)).toBeVisible();
}

test.use({ viewport: { width: 390, height: 844 } });

test('a coach takes the credential away; anyone verifies it; a tampered copy and a revoked one fail', async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(180_000);
  const cohortName = `Justificatif ${Date.now()}`;
  const { cohortId } = await completedDemoCourse(request, cohortName);

  // The coach, on a phone: the credential beside the PDF.
  await signIn(page, 'coach@example.org');
  await expectSignedIn(page);
  await page.goto('/learn');
  const card = page.getByRole('listitem').filter({ hasText: cohortName });
  await card.getByRole('link', { name: COURSE, exact: true }).click();
  const portable = page.getByRole('group', { name: 'Version numérique signée (Open Badges)' });
  await expect(portable).toContainText('Une preuve qui voyage');

  let downloading = page.waitForEvent('download');
  await portable.getByRole('button', { name: 'Télécharger le justificatif (JSON)' }).click();
  let download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^credential-[A-Z0-9]{12}\.json$/);
  const json = readFileSync(await download.path());
  const credential = JSON.parse(json.toString('utf8')) as {
    type: string[];
    credentialSubject: { name: string };
  };
  expect(credential.type).toContain('OpenBadgeCredential');
  expect(credential.credentialSubject.name).toBe('Salma Ouazzani');

  downloading = page.waitForEvent('download');
  await portable.getByRole('button', { name: 'Télécharger le badge (PNG)' }).click();
  download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^badge-[A-Z0-9]{12}\.png$/);
  const png = readFileSync(await download.path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.includes('openbadgecredential')).toBe(true);

  const linkedIn = portable.getByRole('link', { name: /^Ajouter à LinkedIn/ });
  await expect(linkedIn).toHaveAttribute('href', /^https:\/\/www\.linkedin\.com\/profile\/add\?/);
  await expect(linkedIn).toHaveAttribute('target', '_blank');
  await expect(linkedIn).toHaveAttribute('rel', /noopener/);

  const verifyHref = await page.getByRole('link', { name: 'Le vérifier en ligne' }).getAttribute('href');
  const code = (verifyHref as string).split('/').pop() as string;
  expect(code).toMatch(/^[A-Z0-9]{12}$/);

  // A stranger (an employer), signed out: the certificate's page checks its credential.
  const stranger = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const publicPage = await stranger.newPage();
  await publicPage.goto(`/verify/${code}`);
  await expect(publicPage.getByText('Ce certificat est valide.')).toBeVisible();
  await expect(
    publicPage.getByRole('heading', { level: 2, name: 'Justificatif numérique (Open Badges 3.0)' }),
  ).toBeVisible();
  await expectAllPassed(publicPage);

  // The files the coach handed over, checked on /verify: the JSON, then the PNG badge.
  await publicPage.getByRole('link', { name: /^Vérifier un justificatif numérique/ }).click();
  await expect(publicPage).toHaveURL(/\/verify$/);
  await expect(
    publicPage.getByRole('heading', { level: 1, name: 'Vérifier un justificatif numérique' }),
  ).toBeVisible();
  await upload(publicPage, `credential-${code}.json`, 'application/ld+json', json);
  await expectAllPassed(publicPage);
  await expect(publicPage.getByRole('definition').filter({ hasText: 'Salma Ouazzani' })).toBeVisible();
  await upload(publicPage, `badge-${code}.png`, 'image/png', png);
  await expectAllPassed(publicPage);

  // A copy whose recipient was changed: the signature no longer holds.
  const tampered = structuredClone(credential);
  tampered.credentialSubject.name = 'Quelqu’un d’autre';
  await upload(
    publicPage,
    'credential-copie.json',
    'application/json',
    Buffer.from(JSON.stringify(tampered)),
  );
  await expect(publicPage.getByText('Ce justificatif ne passe pas toutes les vérifications.')).toBeVisible();
  await expect(check(publicPage, 'Signature')).toContainText('Échoué');
  await expect(check(publicPage, 'Signature')).toContainText('La signature ne correspond pas');

  // A file with no credential in it is said so in words.
  await publicPage
    .getByLabel('Choisir le fichier du justificatif', { exact: true })
    .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png.subarray(0, 33) });
  await expect(publicPage.getByRole('alert')).toContainText(
    'Ce fichier ne contient pas de justificatif Open Badges.',
  );

  // The trainer revokes the certificate (the cohort's page); its credential's status check then fails.
  const trainerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const trainerPage = await trainerContext.newPage();
  await signIn(trainerPage, 'trainer@example.org');
  await expectSignedIn(trainerPage);
  await trainerPage.goto(`/cohorts/${cohortId}`);
  const revoke = trainerPage.getByRole('region', { name: 'Révoquer un certificat' });
  await revoke.getByLabel('Code du certificat').fill(code);
  await revoke.getByLabel('Motif').fill('Certificat délivré par erreur.');
  await revoke.getByRole('button', { name: 'Révoquer' }).click();
  await expect(revoke.getByRole('status')).toHaveText(`Certificat ${code} de Salma Ouazzani révoqué.`);
  await trainerContext.close();

  await publicPage.goto(`/verify/${code}`);
  await expect(publicPage.getByText(/^Ce certificat a été révoqué le /)).toBeVisible();
  await expect(check(publicPage, 'Statut (révocation)')).toContainText('Échoué');
  await expect(check(publicPage, 'Statut (révocation)')).toContainText("L'émetteur l'a révoqué.");
  await expect(publicPage.getByText('Ce justificatif ne passe pas toutes les vérifications.')).toBeVisible();
  await stranger.close();
});
