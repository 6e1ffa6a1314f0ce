// What the demo coach's phone downloads for a first text-lesson view (the weight budgets).
//
//   npx nx build web && npm run serve:e2e          (or `npm start`), then in another shell:
//   node tools/scripts/weight.mjs                  (BASE_URL=http://127.0.0.1:3100 by default)
//
// Loads the real lesson page in headless chromium with an empty cache, signed in as the demo coach,
// and adds up the JavaScript, CSS, fonts and JSON it fetched, each counted as its body compressed
// with gzip level 9 (what a compressing server or proxy sends; the API does not compress itself).
// "Initial" JavaScript is what index.html references (scripts and modulepreloads); the rest is
// lazy. The service worker is blocked: this measures the page, not the worker's install prefetch.
// Exits 1 when initial JS > 150 kB or the total > 300 kB.
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
const EMAIL = process.env.COACH_EMAIL ?? 'coach@example.org';
const PASSWORD = process.env.COACH_PASSWORD ?? 'demo-password-2026';
const BUDGET = { initialJs: 150 * 1024, total: 300 * 1024 };
const kB = (n) => (n / 1024).toFixed(1).padStart(7) + ' kB';

async function healthy() {
  try {
    return (await fetch(`${BASE_URL}/api/health`)).ok;
  } catch {
    return false;
  }
}

if (!(await healthy())) {
  console.error(`No server at ${BASE_URL}: start one (npm run serve:e2e, or npm start) or set BASE_URL.`);
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});

/** A context signed in as the coach: the API's refresh cookie lands in the context's jar. */
async function signedInContext() {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    serviceWorkers: 'block',
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  const res = await context.request.post('/api/v1/auth/sign-in', {
    data: { email: EMAIL, password: PASSWORD },
  });
  if (!res.ok()) throw new Error(`sign-in as ${EMAIL}: HTTP ${res.status()}`);
  return context;
}

/** The first text lesson of the coach's first course (found in a throwaway context). */
async function firstLessonUrl() {
  const context = await signedInContext();
  const page = await context.newPage();
  await page.goto('/learn');
  const course = page.locator('main a[href^="/learn/"]').first();
  await course.waitFor();
  await page.goto((await course.getAttribute('href')) ?? '/learn');
  const lesson = page.locator('main a.tc-lesson').first();
  await lesson.waitFor();
  const url = await lesson.getAttribute('href');
  await context.close();
  return url;
}

const lessonUrl = await firstLessonUrl();
const index = await (await fetch(`${BASE_URL}/`)).text();
const initial = new Set(
  [...index.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g)].map(
    (m) => new URL(m[1], `${BASE_URL}/`).pathname,
  ),
);

const context = await signedInContext();
const page = await context.newPage();
const rows = [];
const pending = [];
page.on('response', (response) => {
  pending.push(
    (async () => {
      const url = new URL(response.url());
      const type = response.request().resourceType();
      const contentType = response.headers()['content-type'] ?? '';
      let kind = null;
      if (type === 'script' || /javascript/.test(contentType))
        kind = initial.has(url.pathname) ? 'initial JS' : 'lazy JS';
      else if (type === 'stylesheet' || /text\/css/.test(contentType)) kind = 'CSS';
      else if (type === 'font' || /font/.test(contentType)) kind = 'fonts';
      else if (/json/.test(contentType))
        kind = url.pathname.startsWith('/api/') ? 'JSON (API)' : 'JSON (i18n)';
      if (!kind) return;
      const body = await response.body().catch(() => Buffer.alloc(0));
      rows.push({ kind, path: url.pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    })(),
  );
});
await page.goto(lessonUrl);
await page.locator('h1').first().waitFor();
await page.waitForLoadState('networkidle');
await Promise.all(pending);
const title = (await page.locator('h1').first().textContent())?.trim();
await browser.close();

const sum = (list) => list.reduce((a, r) => a + r.gzip, 0);
const kinds = ['initial JS', 'lazy JS', 'CSS', 'fonts', 'JSON (i18n)', 'JSON (API)'];
console.log(`First text-lesson view of ${EMAIL}: ${lessonUrl}\n  “${title}”\n`);
console.log(`${'what'.padEnd(14)} ${'files'.padStart(5)} ${'raw'.padStart(10)} ${'gzip -9'.padStart(10)}`);
for (const kind of kinds) {
  const list = rows.filter((r) => r.kind === kind);
  const raw = list.reduce((a, r) => a + r.raw, 0);
  console.log(`${kind.padEnd(14)} ${String(list.length).padStart(5)} ${kB(raw)} ${kB(sum(list))}`);
}
const initialJs = sum(rows.filter((r) => r.kind === 'initial JS'));
const total = sum(rows);
console.log(
  `${'total'.padEnd(14)} ${String(rows.length).padStart(5)} ${kB(rows.reduce((a, r) => a + r.raw, 0))} ${kB(total)}\n`,
);
if (process.env.VERBOSE)
  for (const r of rows.sort((a, b) => b.gzip - a.gzip))
    console.log(`  ${kB(r.gzip)}  ${r.kind.padEnd(12)} ${r.path}`);

const checks = [
  ['initial JavaScript', initialJs, BUDGET.initialJs],
  ['total (JS, CSS, fonts, JSON)', total, BUDGET.total],
];
let over = false;
for (const [name, value, budget] of checks) {
  const ok = value <= budget;
  over ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name}: ${kB(value).trim()} (budget ${kB(budget).trim()})`);
}
process.exit(over ? 1 : 0);
