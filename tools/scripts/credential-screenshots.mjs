// Screenshots of portable credentials for the README: the coach's certificate panel (French, laptop)
// and a certificate's public page with its credential's checks (Arabic, phone). With `all`, also the
// panel in Arabic on a phone, the public page in French on a laptop and the credential check page with
// a result, to look at. Needs the platform running and the demo coach holding a valid certificate
// issued with a credential (e.g. after `certificate.spec.ts`):
// `node tools/scripts/credential-screenshots.mjs [baseUrl] [outDir] [all]`.
// Prints every browser console error and failed request, which should be none.
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3100';
const out = process.argv[3] ?? 'docs/screenshots';
const all = process.argv[4] === 'all';
const API = `${base}/api/v1`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const problems = [];

async function json(url, init = {}) {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status}`);
  return res.json();
}

/** The demo coach's latest valid certificate that carries a credential, through the API. */
async function certificateWithCredential() {
  const { accessToken } = await json(`${API}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'coach@example.org', password: 'demo-password-2026' }),
  });
  const headers = { authorization: `Bearer ${accessToken}` };
  const enrolments = await json(`${API}/me/enrolments`, { headers });
  const found = [];
  for (const e of enrolments) {
    const res = await fetch(`${API}/enrolments/${e.enrolmentId}/certificate`, { headers });
    if (!res.ok) continue;
    const c = await res.json();
    if (c.status === 'valid' && c.credential) found.push({ enrolmentId: e.enrolmentId, ...c });
  }
  found.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  if (!found.length) throw new Error('the demo coach holds no valid certificate with a credential');
  return { ...found[0], headers };
}

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

async function shot(page, name, fullPage = false) {
  await page.waitForLoadState('networkidle');
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${out}/${name}.png`, fullPage });
  console.log(`${out}/${name}.png`);
}

const laptop = { width: 1280, height: 800 };
const phone = { width: 412, height: 823 };
const cert = await certificateWithCredential();

/** The coach's panel, in the coach's language switched as a person would (and back to French after). */
async function panel(lang, viewport, name) {
  const { context, page } = await session(viewport, lang);
  await page.goto(`${base}/sign-in`);
  await page.locator('input[type=email]').fill('coach@example.org');
  await page.locator('input[type=password]').fill('demo-password-2026');
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await page.waitForLoadState('networkidle');
  if (lang !== 'fr') {
    await page.locator('tc-language-switch button.tc-trigger').click();
    await page.locator(`tc-language-switch button[lang=${lang}]`).click();
    await page.waitForLoadState('networkidle');
  }
  await page.goto(`${base}/learn/${cert.enrolmentId}`);
  const section = page.locator('tc-certificate-panel section');
  await section.waitFor();
  await section.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await shot(page, name);
  await context.close();
  await fetch(`${API}/me`, {
    method: 'PATCH',
    headers: { ...cert.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ preferredLanguage: 'fr' }),
  });
}

/** A certificate's public page (the whole page: the checks are below the fold on a phone). */
async function verifyPage(lang, viewport, name) {
  const { context, page } = await session(viewport, lang);
  await page.goto(`${base}/verify/${cert.code}`);
  await page.locator('tc-credential-checks li').first().waitFor();
  await shot(page, name, true);
  await context.close();
}

await panel('fr', laptop, 'credential-panel-fr-laptop');
await verifyPage('ar', phone, 'credential-verify-ar-phone');
if (all) {
  await panel('ar', phone, 'credential-panel-ar-phone');
  await verifyPage('fr', laptop, 'credential-verify-fr-laptop');
}

// The check page with the downloaded credential, in French on a laptop.
if (all) {
  const res = await fetch(new URL(cert.credential.jsonUrl, base), { headers: cert.headers });
  const file = `/tmp/credential-${cert.code}.json`;
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const { context, page } = await session(laptop, 'fr');
  await page.goto(`${base}/verify`);
  await page.locator('#tc-credential-file').setInputFiles(file);
  await page.locator('tc-credential-checks dl').waitFor();
  await shot(page, 'credential-check-fr-laptop', true);
  await context.close();
}

await browser.close();
if (problems.length) console.log(`Browser problems:\n${problems.join('\n')}`);
