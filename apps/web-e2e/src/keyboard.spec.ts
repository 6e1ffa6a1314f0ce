import { type Locator, type Page, expect, test } from '@playwright/test';
import { DEMO_PASSWORD, cohortWithDemoCoach, fr } from './support';

/**
 * The demo coach with a keyboard only (Tab, Shift+Tab, Enter, Space and typing in text fields):
 * signs in, opens a course, reads a lesson (I have read this, next, previous), answers and submits
 * a quiz. At every stop the focused element shows a focus indicator (an outline or a box-shadow).
 */

const MAX_TABS = 80;

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement).catch(() => false);
}

/** The focused element draws a visible indicator: a non-zero outline or a box-shadow (or its Material field does). */
async function expectVisibleFocus(page: Page, what: string): Promise<void> {
  const style = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    // A Material text field draws its focus on the field around the input: a thicker outline in
    // the primary colour (class mat-focused), not on the input itself.
    const field = el.closest('.mat-mdc-form-field');
    const fieldOutline = field?.querySelector('.mdc-notched-outline__leading');
    const materialFocus =
      !!field?.classList.contains('mat-focused') &&
      !!fieldOutline &&
      parseFloat(getComputedStyle(fieldOutline).borderTopWidth) >= 2;
    return {
      tag: `${el.tagName.toLowerCase()} ${el.textContent?.trim().slice(0, 40) ?? ''}`,
      outline: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || materialFocus,
      shadow: s.boxShadow !== 'none',
      detail: `outline: ${s.outlineStyle} ${s.outlineWidth}; box-shadow: ${s.boxShadow}`,
    };
  });
  expect(style, `something has the focus on ${what}`).not.toBeNull();
  expect(style?.outline || style?.shadow, `visible focus on ${what} (${style?.tag}): ${style?.detail}`).toBe(
    true,
  );
}

/** Presses Tab (or Shift+Tab) until the target has the focus, then checks the focus shows. */
async function tabTo(page: Page, target: Locator, what: string, backwards = false): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < MAX_TABS; i++) {
    if (await isFocused(target)) {
      await expectVisibleFocus(page, what);
      return;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${what}: not reached with ${MAX_TABS} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test.use({ viewport: { width: 1280, height: 800 } });

test('the demo coach reads a lesson and takes a quiz with the keyboard only', async ({ page, request }) => {
  test.setTimeout(150_000);
  const cohortName = `Keyboard ${Date.now()}-${Math.floor(Math.random() * 1e4)}`;
  await cohortWithDemoCoach(request, cohortName);

  // Sign in: Tab to each field, type, Enter.
  await page.goto('/sign-in');
  await tabTo(page, page.getByLabel(fr.email), 'email');
  await page.keyboard.type('coach@example.org');
  await tabTo(page, page.getByLabel(fr.password), 'password');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(h1(page)).toHaveText(fr.greeting);

  // My courses, from the main navigation.
  await tabTo(
    page,
    page.getByRole('navigation', { name: fr.mainNav }).getByRole('link', { name: 'Mes cours' }),
    'my courses',
  );
  await page.keyboard.press('Enter');
  await expect(h1(page)).toHaveText('Mes cours');

  // The course of the new cohort.
  const card = page.getByRole('listitem').filter({ hasText: cohortName });
  const courseLink = card.getByRole('heading', { level: 2 }).getByRole('link');
  const courseTitle = ((await courseLink.textContent()) ?? '').trim();
  await tabTo(page, courseLink, 'course card');
  await page.keyboard.press('Enter');
  await expect(h1(page)).toHaveText(courseTitle);

  // The start self-assessment is offered: skip it with Space.
  await tabTo(page, page.getByRole('button', { name: 'Passer' }), 'skip self-assessment');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Passer' })).toHaveCount(0);

  // The first lesson.
  const lessons = page.locator('main a.tc-lesson');
  const first = ((await lessons.nth(0).locator('.tc-lesson-title').textContent()) ?? '').trim();
  const second = ((await lessons.nth(1).locator('.tc-lesson-title').textContent()) ?? '').trim();
  await tabTo(page, lessons.nth(0), 'first lesson');
  await page.keyboard.press('Enter');
  await expect(h1(page)).toHaveText(first);

  await tabTo(page, page.getByRole('button', { name: "J'ai lu cette leçon" }), 'I have read this');
  await page.keyboard.press('Space');
  await expect(page.getByRole('status').filter({ hasText: 'Terminée' })).toBeVisible();

  const pager = page.getByRole('navigation', { name: 'Leçons' });
  await tabTo(page, pager.getByRole('button', { name: /^Suivante/ }), 'next');
  await page.keyboard.press('Enter');
  await expect(h1(page)).toHaveText(second);

  // Back with Shift+Tab from the next button to the previous link.
  await tabTo(page, pager.getByRole('button', { name: /^Suivante/ }), 'next (second lesson)');
  await tabTo(page, pager.getByRole('link', { name: /Précédente/ }), 'previous', true);
  await page.keyboard.press('Enter');
  await expect(h1(page)).toHaveText(first);

  // Forward to the quiz of module 1 (the fourth lesson).
  for (let i = 0; i < 3; i++) {
    await tabTo(page, pager.getByRole('button', { name: /^Suivante/ }), `next (${i + 1})`);
    await page.keyboard.press('Enter');
    await expect(page.getByText(new RegExp(`Leçon ${i + 2} sur `))).toBeVisible();
  }
  const quiz = page.locator('tc-quiz');
  await expect(quiz.getByRole('heading', { level: 2, name: 'Quiz' })).toBeVisible();

  // Answer every question: Space on the first choice (a radio group is one Tab stop), typing in text.
  const questions = quiz.getByRole('group');
  const count = await questions.count();
  expect(count).toBeGreaterThan(0);
  for (let q = 0; q < count; q++) {
    const group = questions.nth(q);
    const choice = group.locator('input[type=radio], input[type=checkbox]').first();
    if (await choice.count()) {
      await tabTo(page, choice, `question ${q + 1}`);
      await page.keyboard.press('Space');
      await expect(choice).toBeChecked();
    } else {
      await tabTo(page, group.getByRole('textbox'), `question ${q + 1}`);
      await page.keyboard.type('DigComp');
    }
  }
  await tabTo(page, quiz.getByRole('button', { name: 'Valider mes réponses' }), 'submit');
  await page.keyboard.press('Enter');
  await expect(
    quiz.getByRole('status').getByRole('heading', { name: /^(Réussi|Pas réussi)$/ }),
  ).toBeVisible();
});
