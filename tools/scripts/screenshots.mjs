// Screenshots of the running platform for the README (and a look as a user would have):
// `npm run serve:e2e` (or `npm start`) in one terminal, then `node tools/scripts/screenshots.mjs [baseUrl]`.
// Also prints every browser console error and failed request, which should be none.
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3100';
const out = 'docs/screenshots';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const problems = [];

async function session(viewport, lang) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: lang === 'ar' ? 'ar-MA' : 'fr-FR',
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`${lang} ${page.url()}: ${m.text()}`));
  page.on('requestfailed', (r) => problems.push(`${lang} failed ${r.url()}: ${r.failure()?.errorText}`));
  await page.addInitScript((l) => localStorage.setItem('tc.language', l), lang);
  return { context, page };
}

async function signIn(page, email) {
  await page.goto(`${base}/sign-in`);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill('demo-password-2026');
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await page.waitForLoadState('networkidle');
}

async function shot(page, name) {
  await page.waitForLoadState('networkidle');
  // Pages render after their data: wait for the page heading, and for no "loading" line.
  await page
    .getByRole('heading', { level: 1 })
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  await page
    .getByText(/^(Chargement…|جارٍ التحميل…|Loading…)$/)
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => undefined);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
  console.log(`${out}/${name}.png`);
}

const laptop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const tablet = { width: 820, height: 1180 };

for (const [lang, viewport, suffix] of [
  ['fr', laptop, 'fr-laptop'],
  ['ar', phone, 'ar-phone'],
  ['en', laptop, 'en-laptop'],
]) {
  const { context, page } = await session(viewport, lang);
  await page.goto(`${base}/sign-in`);
  await shot(page, `sign-in-${suffix}`);
  await signIn(page, 'admin@example.org');
  // The account's own language applies after sign-in: switch it as a person would.
  await page.locator('tc-language-switch button.tc-trigger').click();
  await page.locator(`tc-language-switch button[lang=${lang}]`).click();
  await shot(page, `home-admin-${suffix}`);
  await page.goto(`${base}/users`);
  await shot(page, `users-${suffix}`);
  await page.goto(`${base}/territories`);
  await page.waitForLoadState('networkidle');
  await shot(page, `territories-${suffix}`);
  await page.goto(`${base}/profile`);
  await shot(page, `profile-${suffix}`);
  await context.close();
}
{
  // The coach's side, in Arabic on a phone: the demo cohort has module 1 read, its quiz to take.
  const { context, page } = await session(phone, 'ar');
  await signIn(page, 'coach@example.org');
  await page.locator('tc-language-switch button.tc-trigger').click();
  await page.locator('tc-language-switch button[lang=ar]').click();
  await shot(page, 'home-coach-ar-phone');
  await page.goto(`${base}/learn`);
  await shot(page, 'learn-ar-phone');
  await page.getByRole('listitem').first().getByRole('link').first().click();
  await page.waitForURL(/\/learn\/[0-9a-f-]+$/);
  const course = page.url();
  await shot(page, 'course-ar-phone');
  await page.goto(`${course}/lessons/m1-l1`);
  await shot(page, 'lesson-ar-phone');
  await page.goto(`${course}/lessons/m1-quiz`);
  await shot(page, 'quiz-ar-phone');
  // The demo's practical task: handed in once, returned by the trainer with feedback.
  await page.goto(`${course}/lessons/m3-task`);
  await shot(page, 'task-ar-phone');
  // The notification centre (the returned round, the trainer's announcement), then the announcement.
  await page.goto(`${base}/notifications`);
  await page.locator('.tc-list li').first().waitFor();
  await shot(page, 'notifications-ar-phone');
  await page.locator('.tc-list li a[href*="/announcements"]').first().click();
  await page.waitForURL(/\/announcements$/);
  await shot(page, 'announcements-ar-phone');
  // The cohort's questions, then the one about a lesson, asked and settled in Arabic.
  await page.goto(page.url().replace(/\/announcements$/, '/threads'));
  await page.locator('a.tc-thread-title').first().waitFor();
  await shot(page, 'threads-ar-phone');
  await page.locator('a.tc-thread-title', { hasText: 'الشهر الأول' }).click();
  await page.waitForURL(/\/threads\/[0-9a-f-]+$/);
  await page.getByText('زيارة ميدانية').first().waitFor();
  await shot(page, 'thread-ar-phone');
  await page.goto(`${base}/notifications/settings`);
  await page.locator('form').first().waitFor();
  await shot(page, 'notification-settings-ar-phone');
  // The field log: the two cooperatives, then the argan one's log with its maturity chart.
  await page.goto(`${base}/field`);
  await page.locator('.tc-card').first().waitFor();
  await shot(page, 'field-log-ar-phone');
  await page.locator('a.tc-card-title', { hasText: 'Argane' }).click();
  await page.waitForURL(/\/field\/organisations\/[0-9a-f-]+$/);
  await page.locator('#tc-visits-heading').waitFor();
  await page.waitForTimeout(500);
  await shot(page, 'organisation-ar-phone');
  // Back to French for the next runs.
  await page.locator('tc-language-switch button.tc-trigger').click();
  await page.locator('tc-language-switch button[lang=fr]').click();
  await page.waitForLoadState('networkidle');
  await context.close();
}
{
  // The trainer's side, in French on a laptop.
  const { context, page } = await session(laptop, 'fr');
  await signIn(page, 'trainer@example.org');
  await page.goto(`${base}/courses`);
  await shot(page, 'courses-fr-laptop');
  await page
    .getByRole('link', { name: /numérique au service/ })
    .first()
    .click();
  await page.waitForURL(/\/courses\/[0-9a-f-]+$/);
  await shot(page, 'course-editor-fr-laptop');
  await page.goto(`${base}/cohorts`);
  await shot(page, 'cohorts-fr-laptop');
  await page
    .getByRole('link', { name: /démonstration/ })
    .first()
    .click();
  await page.waitForURL(/\/cohorts\/[0-9a-f-]+$/);
  await shot(page, 'cohort-fr-laptop');
  // The demo's one round was returned to the coach: show it under its status.
  await page.goto(`${page.url()}/reviews?status=returned`);
  await shot(page, 'reviews-fr-laptop');
  await context.close();
}
{
  // The observatory's dashboard at Morocco: French on a laptop, Arabic on a tablet.
  for (const [lang, viewport, name] of [
    ['fr', laptop, 'observatory-fr'],
    ['ar', tablet, 'observatory-ar-tablet'],
  ]) {
    const { context, page } = await session(viewport, lang);
    await signIn(page, 'observer@example.org');
    await page.locator('tc-language-switch button.tc-trigger').click();
    await page.locator(`tc-language-switch button[lang=${lang}]`).click();
    await page.goto(`${base}/observatory`);
    await page.waitForLoadState('networkidle');
    // The observer's scope may start above Morocco (Africa): follow Morocco's row of the table.
    const morocco = page
      .locator('tc-completion-table')
      .getByRole('link', { name: lang === 'ar' ? 'المغرب' : 'Maroc', exact: true });
    if (await morocco.count()) {
      await morocco.click();
      await page.getByRole('heading', { level: 1, name: lang === 'ar' ? 'المغرب' : 'Maroc' }).waitFor();
    }
    await page.locator('tc-chart svg').first().waitFor({ timeout: 10_000 });
    await shot(page, name);
    // Back to French for the next runs.
    await page.locator('tc-language-switch button.tc-trigger').click();
    await page.locator('tc-language-switch button[lang=fr]').click();
    await page.waitForLoadState('networkidle');
    await context.close();
  }
}
{
  // The impact in the field, at L'Oriental: French on a laptop.
  const { context, page } = await session(laptop, 'fr');
  await signIn(page, 'observer@example.org');
  await page.goto(`${base}/observatory/impact`);
  await page.waitForLoadState('networkidle');
  // The observer's scope starts at Africa: Morocco's row, then L'Oriental's.
  for (const [name, heading] of [
    ['Maroc', 'Maroc'],
    [/Oriental/, /Oriental/],
  ]) {
    await page.locator('tc-impact-table').getByRole('link', { name }).first().click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.waitForLoadState('networkidle');
  }
  await page.waitForTimeout(500);
  await shot(page, 'impact-fr-laptop');
  await context.close();
}
await browser.close();
console.log(
  problems.length ? `Browser problems:\n${problems.join('\n')}` : 'No console errors, no failed requests.',
);
