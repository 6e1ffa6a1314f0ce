import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page, chromium, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, dayFromToday, expectSignedIn, signIn, tokenOf } from './support';

/**
 * Field practice from end to end: a course with a required practical task (a file of its own), a
 * coach who hands in photos while offline, a trainer who returns it with feedback, the coach's
 * revision, the pass that completes the course and issues the certificate; and the hand-in page in
 * Arabic on a phone.
 */

const API = '/api/v1';
const COURSE = JSON.parse(readFileSync(join(__dirname, 'fixtures/practice-course.json'), 'utf8')) as {
  slug: string;
};
/** A photo whose EXIF block carries a GPS position (and orientation 6): it must not reach the server. */
const PHOTO = join(__dirname, '../../../libs/practice/web/src/lib/data-access/fixtures/exif-gps.jpg');

// The app's service worker would answer some requests itself, out of reach of `setOffline`.
test.use({ serviceWorkers: 'block' });

interface Seeded {
  cohortId: string;
  enrolmentId: string;
}

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** Through the API: the course published, a cohort with the demo coach, its first lesson done. */
async function seed(request: APIRequestContext, name: string): Promise<Seeded> {
  const trainer = { authorization: `Bearer ${await tokenOf(request, 'trainer@example.org')}` };
  const draft = await ok<{ id: string }>(
    await request.post(`${API}/courses/import`, {
      headers: trainer,
      data: { ...COURSE, slug: `${COURSE.slug}-${Date.now()}-${Math.floor(Math.random() * 1e4)}` },
    }),
    'import',
  );
  await ok(await request.post(`${API}/courses/${draft.id}/publish`, { headers: trainer }), 'publish');
  const me = await ok<{ roles: { role: string; territoryId: string }[] }>(
    await request.get(`${API}/me`, { headers: trainer }),
    'me',
  );
  const cohort = await ok<{ id: string }>(
    await request.post(`${API}/cohorts`, {
      headers: trainer,
      data: {
        name,
        courseId: draft.id,
        courseVersion: 1,
        territoryId: me.roles.find((r) => r.role === 'trainer')?.territoryId,
        startsOn: dayFromToday(-5),
        endsOn: dayFromToday(60),
      },
    }),
    'cohort',
  );
  await ok(
    await request.post(`${API}/cohorts/${cohort.id}/enrolments`, {
      headers: trainer,
      data: { emails: ['coach@example.org'] },
    }),
    'enrol',
  );
  const coach = { authorization: `Bearer ${await tokenOf(request, 'coach@example.org')}` };
  const mine = await ok<{ enrolmentId: string; cohortName: string }[]>(
    await request.get(`${API}/me/enrolments`, { headers: coach }),
    'enrolments',
  );
  const enrolmentId = mine.find((e) => e.cohortName === name)?.enrolmentId as string;
  await ok(
    await request.post(`${API}/progress/events`, {
      headers: coach,
      data: {
        events: [
          {
            id: randomUUID(),
            enrolmentId,
            lessonKey: 'visit',
            type: 'completed',
            occurredAt: new Date().toISOString(),
          },
        ],
      },
    }),
    'progress',
  );
  return { cohortId: cohort.id, enrolmentId };
}

async function setLanguage(request: APIRequestContext, email: string, lang: 'ar' | 'fr'): Promise<void> {
  const token = await tokenOf(request, email);
  await ok(
    await request.patch(`${API}/me`, {
      headers: { authorization: `Bearer ${token}` },
      data: { preferredLanguage: lang },
    }),
    'language',
  );
}

/** Whether JPEG bytes hold an APP1 segment starting `Exif` (where a GPS position lives). */
function hasExif(bytes: Buffer): boolean {
  for (let i = 2; i + 8 < bytes.length; i++) {
    if (
      bytes[i] === 0xff &&
      bytes[i + 1] === 0xe1 &&
      bytes.subarray(i + 4, i + 8).toString('latin1') === 'Exif'
    )
      return true;
  }
  return false;
}

/** The texts of the drafts kept in the browser's IndexedDB (written a little after typing stops). */
function draftTexts(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    // Not made by the app yet: nothing kept (and opening it here would make it without its stores).
    if (!(await indexedDB.databases()).some((d) => d.name === 'tc-practice')) return [];
    return new Promise<string[]>((resolve, reject) => {
      const open = indexedDB.open('tc-practice');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const all = db.transaction('drafts').objectStore('drafts').getAll();
        all.onerror = () => reject(all.error);
        all.onsuccess = () => {
          resolve((all.result as { text: string }[]).map((d) => d.text));
          db.close();
        };
      };
    });
  });
}

/** A JPEG's pixel size, from its start-of-frame segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return null;
}

/** No axe violation of impact serious or critical against WCAG 2.0/2.1 A and AA (as a11y.spec.ts). */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking).toEqual([]);
}

async function openTask(page: Page, enrolmentId: string): Promise<void> {
  await page.goto(`/learn/${enrolmentId}/lessons/shop-task`);
  await expect(page.getByRole('heading', { name: 'Consignes' })).toBeVisible();
}

test('a coach hands in photos offline; the trainer returns it, then passes the revision; the certificate follows', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const name = `Pratique ${Date.now()}`;
  const { cohortId, enrolmentId } = await seed(request, name);

  // The coach, on a phone.
  const coachContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'block',
  });
  const coach = await coachContext.newPage();
  await signIn(coach, 'coach@example.org');
  await expectSignedIn(coach);
  await openTask(coach, enrolmentId);
  await expect(coach.getByText('Photographiez la vitrine des produits')).toBeVisible();

  // The draft is kept on the device: a reload loses nothing.
  await coach.getByRole('textbox', { name: 'Texte' }).fill('Huile d’argan et amlou : ils iraient en ligne.');
  await expect(coach.getByText('Brouillon enregistré sur cet appareil.')).toBeVisible();
  await expectAccessible(coach);
  await expect.poll(() => draftTexts(coach)).toEqual(['Huile d’argan et amlou : ils iraient en ligne.']);
  await openTask(coach, enrolmentId);
  await expect(coach.getByRole('textbox', { name: 'Texte' })).toHaveValue(
    'Huile d’argan et amlou : ils iraient en ligne.',
  );

  // The link drops: a photo compressed on the device, then handed in.
  await coachContext.setOffline(true);
  await coach.getByLabel('Choisir dans la galerie').setInputFiles(PHOTO);
  await expect(coach.getByRole('img', { name: /^Photo ajoutée/ })).toBeVisible();
  await expect(coach.getByText('Brouillon enregistré sur cet appareil.')).toBeVisible();
  await coach.getByRole('button', { name: 'Remettre' }).click();
  await expect(coach.getByText(/^Remis, en attente d'envoi/)).toBeVisible();

  // Back online: the photo uploads, then the hand-in goes.
  await coachContext.setOffline(false);
  await coach.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(coach.getByText('Remis. En attente de la relecture du formateur.')).toBeVisible({
    timeout: 30_000,
  });

  // What reached the server is a JPEG without the EXIF block (no GPS position), upright.
  const coachApi = { authorization: `Bearer ${await tokenOf(request, 'coach@example.org')}` };
  const state = await ok<{ submissions: { files: { id: string; mediaType: string }[] }[] }>(
    await request.get(`${API}/enrolments/${enrolmentId}/tasks/shop-task`, { headers: coachApi }),
    'task state',
  );
  const [file] = state.submissions[0].files;
  expect(file.mediaType).toBe('image/jpeg');
  const bytes = await (
    await request.get(`${API}/practice/evidence/${file.id}`, { headers: coachApi })
  ).body();
  expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(hasExif(bytes)).toBe(false);
  expect(hasExif(readFileSync(PHOTO))).toBe(true);
  // The fixture is 32×16 with orientation 6 (turn a quarter): stored upright, 16×32.
  expect(jpegSize(bytes)).toEqual({ width: 16, height: 32 });
  expect(jpegSize(readFileSync(PHOTO))).toEqual({ width: 32, height: 16 });

  // The trainer returns it: the pass stays closed below the mark.
  const trainerContext = await browser.newContext({ serviceWorkers: 'block' });
  const trainer = await trainerContext.newPage();
  await signIn(trainer, 'trainer@example.org');
  await expectSignedIn(trainer);
  await trainer.goto(`/cohorts/${cohortId}/reviews`);
  await expect(trainer.getByRole('heading', { name: 'Tâches à relire' })).toBeVisible();
  await trainer.getByRole('link', { name: /Photographier la vitrine/ }).click();
  await expect(trainer.getByRole('img', { name: 'Photo 1' })).toBeVisible();
  const products = trainer.getByRole('group', { name: 'Les produits se voient' });
  const plan = trainer.getByRole('group', { name: 'Ce qui irait en ligne' });
  await products.getByRole('radio', { name: /^Non/ }).check();
  await plan.getByRole('radio', { name: /^Vague/ }).check();
  await expect(trainer.getByText('1 / 4 points')).toBeVisible();
  await expect(trainer.getByRole('button', { name: 'Valider' })).toBeDisabled();
  await expect(trainer.getByText('Valider demande au moins 3 points.')).toBeVisible();
  await expectAccessible(trainer);
  await trainer
    .getByRole('textbox', { name: 'Commentaire pour le coach' })
    .fill('Les prix ne se voient pas.');
  await trainer.getByRole('button', { name: 'Renvoyer pour révision' }).click();
  // Nothing else waits: back to the queue.
  await expect(trainer.getByText('Rien à relire pour le moment.')).toBeVisible();

  // The coach reads the feedback and hands in a revision.
  await openTask(coach, enrolmentId);
  await expect(
    coach.getByText('Renvoyé avec des remarques : révisez puis remettez à nouveau.'),
  ).toBeVisible();
  await expect(coach.getByText('Les prix ne se voient pas.')).toBeVisible();
  await expect(coach.getByRole('heading', { name: 'Révision (tour 2)' })).toBeVisible();
  // The revision starts from the text of round 1.
  await expect(coach.getByRole('textbox', { name: 'Texte' })).toHaveValue(
    'Huile d’argan et amlou : ils iraient en ligne.',
  );
  await coach.getByRole('textbox', { name: 'Texte' }).fill('Les prix sont sur les étiquettes, photo jointe.');
  await coach.getByLabel('Choisir dans la galerie').setInputFiles(PHOTO);
  await expect(coach.getByRole('img', { name: /^Photo ajoutée/ })).toBeVisible();
  await coach.getByRole('button', { name: 'Remettre' }).click();
  await expect(coach.getByText('Remis. En attente de la relecture du formateur.')).toBeVisible({
    timeout: 30_000,
  });

  // The trainer passes round 2 (the levels of round 1 are where they were).
  await trainer.goto(`/cohorts/${cohortId}/reviews`);
  await trainer.getByRole('link', { name: /Photographier la vitrine/ }).click();
  await expect(trainer.getByText(/Tour 2/).first()).toBeVisible();
  await expect(
    trainer.getByRole('group', { name: 'Les produits se voient' }).getByRole('radio', { name: /^Non/ }),
  ).toBeChecked();
  await trainer
    .getByRole('group', { name: 'Les produits se voient' })
    .getByRole('radio', { name: /^Oui/ })
    .check();
  await trainer
    .getByRole('group', { name: 'Ce qui irait en ligne' })
    .getByRole('radio', { name: /^Précis/ })
    .check();
  await expect(trainer.getByText('Seuil atteint')).toBeVisible();
  await trainer.getByRole('button', { name: 'Valider' }).click();
  await expect(trainer.getByText('Rien à relire pour le moment.')).toBeVisible();

  // The coach sees the pass and every round; the course is complete, the certificate issued.
  await openTask(coach, enrolmentId);
  await expect(coach.getByText('Validé. Bravo !')).toBeVisible();
  await expect(coach.locator('.tc-history > li')).toHaveCount(2);
  const certificate = await request.get(`${API}/enrolments/${enrolmentId}/certificate`, {
    headers: coachApi,
  });
  expect(certificate.status()).toBe(200);
  await coach.goto(`/learn/${enrolmentId}`);
  await expect(coach.getByText('Cours terminé. Félicitations !')).toBeVisible();

  await coachContext.close();
  await trainerContext.close();
});

test('a hand-in queued offline leaves from another page of the course once the link returns', async ({
  browser,
  request,
}) => {
  const name = `Pratique reprise ${Date.now()}`;
  const { enrolmentId } = await seed(request, name);
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    serviceWorkers: 'block',
  });
  const coach = await context.newPage();
  await signIn(coach, 'coach@example.org');
  await expectSignedIn(coach);
  await openTask(coach, enrolmentId);
  await context.setOffline(true);
  await coach.getByRole('textbox', { name: 'Texte' }).fill('Visite faite, photo jointe.');
  await coach.getByLabel('Choisir dans la galerie').setInputFiles(PHOTO);
  await expect(coach.getByRole('img', { name: /^Photo ajoutée/ })).toBeVisible();
  await coach.getByRole('button', { name: 'Remettre' }).click();
  await expect(coach.getByText(/^Remis, en attente d'envoi/)).toBeVisible();
  await coach.close();

  // Later, online, the coach opens the course page, not the task: the hand-in goes from there.
  await context.setOffline(false);
  const later = await context.newPage();
  await later.goto(`/learn/${enrolmentId}`);
  const coachApi = { authorization: `Bearer ${await tokenOf(request, 'coach@example.org')}` };
  await expect
    .poll(
      async () =>
        (
          await ok<{ status: string | null }>(
            await request.get(`${API}/enrolments/${enrolmentId}/tasks/shop-task`, { headers: coachApi }),
            'task state',
          )
        ).status,
      { timeout: 30_000 },
    )
    .toBe('waiting');
  const state = await ok<{ submissions: { files: unknown[]; text: string | null }[] }>(
    await request.get(`${API}/enrolments/${enrolmentId}/tasks/shop-task`, { headers: coachApi }),
    'task state',
  );
  expect(state.submissions).toHaveLength(1);
  expect(state.submissions[0].text).toBe('Visite faite, photo jointe.');
  expect(state.submissions[0].files).toHaveLength(1);

  // Not reviewed yet: the coach may take it back, and hand in again later.
  await openTask(later, enrolmentId);
  later.once('dialog', (dialog) => void dialog.accept());
  await later.getByRole('button', { name: 'Retirer ma remise' }).click();
  await expect(later.getByRole('heading', { name: 'Votre remise' })).toBeVisible();
  await expect(later.getByText(/Tour 1 · retiré/)).toBeVisible();
  await context.close();
});

test('the hand-in page in Arabic on a phone: right to left, nothing wider than the screen', async ({
  browser,
  request,
}) => {
  const { enrolmentId } = await seed(request, `Pratique ar ${Date.now()}`);
  await setLanguage(request, 'coach@example.org', 'ar');
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel(/^Adresse e-mail/).fill('coach@example.org');
    await page.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.goto(`/learn/${enrolmentId}/lessons/shop-task`);
    await expect(page.getByRole('heading', { name: 'التعليمات' })).toBeVisible();
    await expect(page.getByText('صوِّر')).toBeVisible();
    await expect(page.getByLabel('التقاط صورة')).toBeAttached();
    await expect(page.getByRole('button', { name: 'تسليم' })).toBeVisible();
    // The rubric opens and shows the levels with their points.
    await page.getByText('شبكة تقييم المكوِّن').click();
    await expect(page.getByText('المنتجات واضحة', { exact: true })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await context.close();
  } finally {
    await setLanguage(request, 'coach@example.org', 'fr');
  }
});

test('the trainer returns a hand-in with a voice comment only; the coach hears it in the feedback', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const name = `Pratique voix ${Date.now()}`;
  const { cohortId, enrolmentId } = await seed(request, name);

  // The coach hands in through the API: a text and a photo (tus: create, then one PATCH).
  const coachApi = { authorization: `Bearer ${await tokenOf(request, 'coach@example.org')}` };
  const photo = readFileSync(
    join(__dirname, '../../../libs/practice/web/src/lib/data-access/fixtures/exif-gps.jpg'),
  );
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  // The fixture keeps its GPS position: the server refuses it, so send a copy without its EXIF block.
  const app1 = photo.indexOf(Buffer.from([0xff, 0xe1]));
  const clean = Buffer.concat([
    photo.subarray(0, app1),
    photo.subarray(app1 + 2 + photo.readUInt16BE(app1 + 2)),
  ]);
  const created = await request.post(`${API}/practice/uploads`, {
    headers: {
      ...coachApi,
      'tus-resumable': '1.0.0',
      'upload-length': String(clean.length),
      'upload-metadata': `enrolmentId ${b64(enrolmentId)},lessonKey ${b64('shop-task')},kind ${b64('photo')}`,
    },
  });
  expect(created.status()).toBe(201);
  const patched = await request.patch(created.headers()['location'] as string, {
    headers: {
      ...coachApi,
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    },
    data: clean,
  });
  expect(patched.status()).toBe(204);
  await ok(
    await request.post(`${API}/enrolments/${enrolmentId}/tasks/shop-task/submissions`, {
      headers: coachApi,
      data: { id: randomUUID(), text: 'La vitrine.', fileIds: [patched.headers()['upload-evidence-id']] },
    }),
    'hand in',
  );

  // The trainer records a voice comment, listens to it, and returns the hand-in with it alone.
  // Chromium's fake microphone (a tone) and no permission prompt: the trainer records for real.
  const withMicrophone = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
  const trainerContext = await withMicrophone.newContext({
    permissions: ['microphone'],
    serviceWorkers: 'block',
  });
  const trainer = await trainerContext.newPage();
  await signIn(trainer, 'trainer@example.org');
  await expectSignedIn(trainer);
  await trainer.goto(`/cohorts/${cohortId}/reviews`);
  await trainer.getByRole('link', { name: /Photographier la vitrine/ }).click();
  await trainer
    .getByRole('group', { name: 'Les produits se voient' })
    .getByRole('radio', { name: /^Non/ })
    .check();
  await trainer
    .getByRole('group', { name: 'Ce qui irait en ligne' })
    .getByRole('radio', { name: /^Vague/ })
    .check();
  await trainer.getByRole('button', { name: 'Enregistrer un commentaire vocal' }).click();
  await expect(trainer.getByRole('status').filter({ hasText: /^\s*Enregistrement 0:0[1-9]/ })).toBeVisible();
  await trainer.getByRole('button', { name: 'Arrêter' }).click();
  await expect(
    trainer.getByRole('group', { name: 'Commentaire vocal (facultatif)' }).locator('audio'),
  ).toHaveCount(1);
  await expectAccessible(trainer);
  await trainer.getByRole('button', { name: 'Renvoyer pour révision' }).click();
  await expect(trainer.getByText('Rien à relire pour le moment.')).toBeVisible();
  await withMicrophone.close();

  // What the server keeps is the WebM the browser recorded, referenced by the review.
  const state = await ok<{
    submissions: {
      review: { comment: string; voiceComment: { id: string; mediaType: string } | null } | null;
    }[];
  }>(
    await request.get(`${API}/enrolments/${enrolmentId}/tasks/shop-task`, { headers: coachApi }),
    'task state',
  );
  const review = state.submissions[0]?.review;
  expect(review?.comment).toBe('');
  expect(review?.voiceComment?.mediaType).toBe('audio/webm');
  const bytes = await (
    await request.get(`${API}/practice/voice-comments/${review?.voiceComment?.id}`, { headers: coachApi })
  ).body();
  expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));

  // The coach hears it in the feedback.
  const coachContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const coach = await coachContext.newPage();
  await signIn(coach, 'coach@example.org');
  await expectSignedIn(coach);
  await openTask(coach, enrolmentId);
  const feedback = coach.getByRole('figure', { name: /^Commentaire vocal de / });
  await expect(feedback.locator('audio')).toHaveAttribute('src', /^blob:/);
  await expect
    .poll(() => feedback.locator('audio').evaluate((a: HTMLAudioElement) => a.readyState), {
      timeout: 10_000,
    })
    .toBeGreaterThan(0);
});
