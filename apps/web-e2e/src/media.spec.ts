import { type APIRequestContext, type Page, type Response, expect, test } from '@playwright/test';
import { cohortWithDemoCoach, expectSignedIn, signIn } from './support';

const COACH = 'coach@example.org';
/** The demo photo in lesson m1-l1 (libs/demo/api/src/assets/demo-photo.jpg), 1280×853. */
const PHOTO = /^\/api\/v1\/media\/fd90f6dfbcc93aabac0e2d2cbe6e9750d300855a8168a3f29934952d9ace3030/;
const PHOTO_ALT = /^Un étal de miel au souk/;

// A phone: 390 CSS pixels at 2 device pixels each.
test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });

/** Every answer for the demo photo this page received. */
function photoResponses(page: Page): Response[] {
  const seen: Response[] = [];
  page.on('response', (res) => {
    if (PHOTO.test(new URL(res.url()).pathname)) seen.push(res);
  });
  return seen;
}

/** A fresh cohort for the coach, signed in; the enrolment id. */
async function enrolledCoach(page: Page, request: APIRequestContext, cohortName: string): Promise<string> {
  // Through the separate request context: the page's own would keep the trainer's cookie.
  await cohortWithDemoCoach(request, cohortName);
  await signIn(page, COACH);
  await expectSignedIn(page);
  await page.goto('/learn');
  const card = page.getByRole('listitem').filter({ hasText: cohortName });
  const href = (await card.getByRole('heading', { level: 2 }).getByRole('link').getAttribute('href')) ?? '';
  const enrolmentId = href.split('/').pop() ?? '';
  expect(enrolmentId).toMatch(/^[0-9a-f-]{36}$/);
  return enrolmentId;
}

/** The photo's pixels arrived (a broken image has no natural width; srcset divides it by the density). */
async function loadedWidth(page: Page): Promise<number> {
  return page.getByRole('img', { name: PHOTO_ALT }).evaluate((img: HTMLImageElement) => img.naturalWidth);
}

test.describe('responsive images', () => {
  test.use({ serviceWorkers: 'block' });

  test('a phone loads the lesson photo at the width it needs, in WebP, with its place kept', async ({
    page,
    request,
  }) => {
    const enrolmentId = await enrolledCoach(page, request, `Médias ${Date.now()}`);
    const responses = photoResponses(page);
    await page.goto(`/learn/${enrolmentId}/lessons/m1-l1`);
    await expect(page.getByText('Leçon 1 sur 17')).toBeVisible();

    const photo = page.getByRole('img', { name: PHOTO_ALT });
    // The original is 1280 wide: variants below it, the original itself at 1280 (never an upscale).
    await expect(photo).toHaveAttribute(
      'srcset',
      /\?w=320 320w, \S+\?w=640 640w, \S+\?w=960 960w, \/api\/v1\/media\/[0-9a-f]{64} 1280w$/,
    );
    await expect(photo).toHaveAttribute('loading', 'lazy');
    // Its place is reserved before it loads (width and height), so nothing moves when it arrives.
    const before = await photo.boundingBox();
    expect(before?.height).toBeGreaterThan(100);
    await photo.scrollIntoViewIfNeeded();
    await expect.poll(() => loadedWidth(page)).toBeGreaterThan(0);
    const after = await photo.boundingBox();
    expect(Math.round(after?.height ?? 0)).toBe(Math.round(before?.height ?? -1));

    // 390 CSS px less the page's padding (358) × 2 = 716 device pixels: the 960 variant, not the
    // 1280 original.
    expect(await photo.evaluate((img: HTMLImageElement) => new URL(img.currentSrc).search)).toBe('?w=960');
    expect(responses.map((r) => new URL(r.url()).search)).toEqual(['?w=960']);
    const res = responses[0] as Response;
    expect(res.headers()['content-type']).toBe('image/webp');
    expect(res.headers()['cache-control']).toBe('private, max-age=31536000, immutable');
    expect((await res.body()).length).toBeLessThan(45_963);
  });

  test.describe('on a phone of 1.75 device pixels per CSS pixel', () => {
    test.use({ deviceScaleFactor: 1.75 });

    test('the photo comes in the 640 variant: its shown width, not the screen, is what it needs', async ({
      page,
      request,
    }) => {
      const enrolmentId = await enrolledCoach(page, request, `Médias 1.75 ${Date.now()}`);
      const responses = photoResponses(page);
      await page.goto(`/learn/${enrolmentId}/lessons/m1-l1`);
      const photo = page.getByRole('img', { name: PHOTO_ALT });
      await photo.scrollIntoViewIfNeeded();
      await expect.poll(() => loadedWidth(page)).toBeGreaterThan(0);
      // 358 CSS px × 1.75 = 627 device pixels (the whole 390 would have been 683, and the 960 variant).
      expect(await photo.evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width)).toBe(358);
      expect(await photo.evaluate((img: HTMLImageElement) => new URL(img.currentSrc).search)).toBe('?w=640');
      expect(responses.map((r) => new URL(r.url()).search)).toEqual(['?w=640']);
    });
  });

  test('data saver: the photo waits behind a button, loads when asked, and the choice is kept', async ({
    page,
    request,
  }) => {
    const enrolmentId = await enrolledCoach(page, request, `Économie ${Date.now()}`);
    await page.goto(`/learn/${enrolmentId}/lessons/m1-l1`);
    await expect(page.getByText('Leçon 1 sur 17')).toBeVisible();

    // The switch, with the keyboard.
    const saver = page.getByRole('switch', { name: /^Économiseur de données/ });
    await expect(saver).toHaveAttribute('aria-checked', 'false');
    await saver.focus();
    await page.keyboard.press('Space');
    await expect(saver).toHaveAttribute('aria-checked', 'true');
    await expect(saver).toContainText('Activé');

    // Kept on this device for this coach: a new visit starts with it on and loads no image.
    const responses = photoResponses(page);
    await page.reload();
    await expect(page.getByText('Leçon 1 sur 17')).toBeVisible();
    await expect(saver).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByRole('img', { name: PHOTO_ALT })).toHaveCount(0);
    const show = page.getByRole('button', {
      name: /^Afficher l’image \(≈ \d+ ko\)\s*Un étal de miel au souk/,
    });
    await show.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(500); // a lazy image, if any were there, would start now
    expect(responses).toHaveLength(0);

    await show.press('Enter');
    const photo = page.getByRole('img', { name: PHOTO_ALT });
    await expect(photo).toBeFocused();
    await expect.poll(() => loadedWidth(page)).toBeGreaterThan(0);
    expect(await photo.evaluate((img: HTMLImageElement) => new URL(img.currentSrc).search)).toMatch(
      /^\?w=\d+$/,
    );
  });
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' });

  test('an offline copy still shows the photo, though the phone would pick a variant it did not keep', async ({
    page,
    context,
    request,
  }) => {
    const cohortName = `Hors ligne médias ${Date.now()}`;
    const enrolmentId = await enrolledCoach(page, request, cohortName);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    const card = page.getByRole('listitem').filter({ hasText: cohortName });
    await card.getByRole('button', { name: /^Rendre disponible hors connexion/ }).click();
    await expect(card.getByRole('button', { name: /^Retirer de l'appareil/ })).toBeVisible({
      timeout: 30_000,
    });

    await context.setOffline(true);
    await page.goto(`/learn/${enrolmentId}/lessons/m1-l1`).catch(() => undefined);
    await expect(page.getByText('Leçon 1 sur 17')).toBeVisible();
    const photo = page.getByRole('img', { name: PHOTO_ALT });
    await photo.scrollIntoViewIfNeeded();
    // The 960 pick was never fetched: the photo still shows, from the kept phone-size src (640).
    await expect.poll(() => loadedWidth(page), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await photo.evaluate((img: HTMLImageElement) => new URL(img.currentSrc).search)).toBe('?w=640');
    await context.setOffline(false);
  });
});
