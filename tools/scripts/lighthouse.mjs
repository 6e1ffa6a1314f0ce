// Lighthouse 12.8.2 (mobile preset: its default config, simulated slow 4G and a mid-range phone) on
// the sign-in page, the coach's home, a course page, a text lesson and a quiz, with Debian chromium
// (CHROME_PATH, default /usr/bin/chromium: nothing downloaded). Targets: performance ≥ 95,
// accessibility 100.
//
//   npx nx build web && npm run serve:e2e        (or `npm start`), then in another shell:
//   node tools/scripts/lighthouse.mjs            (BASE_URL=http://127.0.0.1:3100 by default)
//
// Signed-in pages: the script signs the demo coach in through the API and hands Lighthouse the
// refresh cookie as an extra header; the app turns it into a session on load, as after a reload.
// A fresh cookie per run (the server rotates refresh tokens). The app only asks for a session when
// the browser keeps its secret-free hint (localStorage `tc.session`, see session-start.js), so each
// signed-in run starts from an emptied origin (storage, service worker, HTTP cache, as Lighthouse's
// own reset does) holding that one flag, and Lighthouse is told not to reset it again. Every run
// must end on the page it asked for, not on the sign-in page: the script fails otherwise.
//
// Each page is measured RUNS times (default 5) and the median score is the page's figure: the
// simulated throttling (Lantern) still scales the CPU time it observes, so a machine busy with other
// work gives lower single runs. Exits 1 when a median is under target. LIGHTHOUSE_DIR=<folder> keeps
// every run's JSON report there (to read the audits).
//
// The preset's CPU slowdown is 4x whatever the host: Lighthouse's docs (docs/throttling.md) calibrate
// it for a high-end desktop, benchmark index 1,500–2,000, and a faster host makes a faster "phone".
// The index is printed per run; CPU_SLOWDOWN=<n> replaces the 4x, and CPU_SLOWDOWN=auto (the default)
// sets it to 4 × index / 1,750 so that every host simulates the same phone: the index is measured by
// three short Lighthouse runs before each page (their median), so a host whose load changes during
// the measurement is recalibrated page by page. CPU_SLOWDOWN=preset keeps the preset's 4x. The network
// stays the preset's. The targets are judged on whichever is asked for.
//
// Side by side: BASELINE_URL=<url of a server with the other build> measures each page on both
// servers in the same run, alternated (baseline then candidate, then candidate then baseline…) with
// the same CPU slowdown, so that a host whose load changes hurts both alike. It prints, per page,
// each side's median score, TBT, LCP and FCP and the ratios candidate / baseline. The targets are
// judged on the candidate (BASE_URL). Start the baseline's own server with its own DATA_DIR and port.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { throttling } from 'lighthouse/core/config/constants.js';
import { coursePaths, signIn } from './demo-coach.mjs';

const DEFAULT_MOBILE_THROTTLING = throttling.mobileSlow4G;

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
const BASELINE_URL = process.env.BASELINE_URL ?? null;
const TARGETS = { performance: 95, accessibility: 100 };
const METRICS = {
  FCP: 'first-contentful-paint',
  LCP: 'largest-contentful-paint',
  TBT: 'total-blocking-time',
  CLS: 'cumulative-layout-shift',
};
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu'];
const RUNS = Math.max(1, Number(process.env.RUNS ?? 5));
const REPORT_DIR = process.env.LIGHTHOUSE_DIR ?? null;
/** The benchmark index Lighthouse's 4x CPU slowdown is calibrated for (docs/throttling.md: 1,500–2,000). */
const CALIBRATED_INDEX = 1750;
const SLOWDOWN_SETTING = process.env.CPU_SLOWDOWN ?? 'auto';
const FIXED_SLOWDOWN =
  SLOWDOWN_SETTING === 'auto' ? null : SLOWDOWN_SETTING === 'preset' ? 4 : Number(SLOWDOWN_SETTING);
if (FIXED_SLOWDOWN !== null && !(FIXED_SLOWDOWN >= 1)) {
  console.error(`CPU_SLOWDOWN must be auto, preset or a number ≥ 1 (got ${SLOWDOWN_SETTING}).`);
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
};

async function healthy(base) {
  try {
    return (await fetch(`${base}/api/health`)).ok;
  } catch {
    return false;
  }
}

for (const base of [BASE_URL, BASELINE_URL].filter(Boolean)) {
  if (!(await healthy(base))) {
    console.error(`No server at ${base}: start one (npm run serve:e2e, or npm start) or set BASE_URL.`);
    process.exit(2);
  }
}

/** The five pages on one server (its own demo data: its own enrolment). */
async function pagesOf(base) {
  const paths = await coursePaths(base);
  return [
    { name: 'sign-in', path: '/sign-in', signedIn: false },
    { name: 'learner home', path: '/', signedIn: true },
    { name: 'course page', path: paths.course, signedIn: true },
    { name: 'text lesson', path: paths.text, signedIn: true },
    { name: 'quiz', path: paths.quiz, signedIn: true },
  ].map((page) => ({ ...page, base }));
}
const allPages = await pagesOf(BASE_URL);
const baselinePages = BASELINE_URL ? await pagesOf(BASELINE_URL) : null;
// PAGES=quiz,sign-in measures only those (names without spaces: learner-home, course-page…).
const only = process.env.PAGES?.split(',').map((p) => p.trim());
const pages = only ? allPages.filter((p) => only.includes(p.name.replace(/ /g, '-'))) : allPages;

const chrome = await launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: FLAGS,
});
const browser = await puppeteer.connect({
  browserURL: `http://127.0.0.1:${chrome.port}`,
  defaultViewport: null,
});
// A measurement stopped midway (Ctrl-C, kill) leaves no headless Chromium behind.
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    chrome.kill();
    process.exit(130);
  });
if (REPORT_DIR) mkdirSync(REPORT_DIR, { recursive: true });

/** One Lighthouse run of one page; a run whose trace came back broken (NO_NAVSTART, seen on a busy machine) is done again, up to three times in all. */
async function measure(page, run, cpuSlowdown, attempt = 1) {
  const extraHeaders = page.signedIn ? { Cookie: (await signIn(page.base)).cookie } : undefined;
  const tab = page.signedIn ? await tabWithSessionHint(page.base) : undefined;
  const runner = await lighthouse(
    `${page.base}${page.path}`,
    {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      extraHeaders,
      disableStorageReset: page.signedIn,
      throttling: { ...DEFAULT_MOBILE_THROTTLING, cpuSlowdownMultiplier: cpuSlowdown },
    },
    undefined,
    tab,
  );
  await tab?.close();
  const lhr = runner?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned nothing for ${page.path}`);
  if (lhr.runtimeError) {
    if (attempt < 3) return measure(page, run, cpuSlowdown, attempt + 1);
    throw new Error(`${page.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
  if (new URL(lhr.finalDisplayedUrl).pathname !== page.path) {
    throw new Error(
      `${page.path} ended on ${lhr.finalDisplayedUrl}: the page measured is not the one asked for`,
    );
  }
  if (REPORT_DIR) {
    const side = page.base === BASELINE_URL ? '-baseline' : '';
    writeFileSync(
      join(REPORT_DIR, `${page.name.replace(/\W+/g, '-')}${side}-${run}.json`),
      JSON.stringify(lhr),
    );
  }
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const failing = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
    .filter((a) => a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable')
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
  return {
    finalUrl: lhr.finalDisplayedUrl,
    performance: score('performance'),
    accessibility: score('accessibility'),
    metrics: Object.entries(METRICS)
      .map(([short, id]) => `${short} ${lhr.audits[id]?.displayValue ?? '?'}`)
      .join(', '),
    // The metrics in milliseconds (CLS unitless), for the side-by-side medians.
    values: Object.fromEntries(
      Object.entries(METRICS).map(([short, id]) => [short, lhr.audits[id]?.numericValue ?? NaN]),
    ),
    failing,
    // Lighthouse's CPU benchmark of this machine during the run (a mid-range desktop scores ~1000+;
    // below that the 4x CPU slowdown of the mobile preset overstates the phone's work).
    benchmarkIndex: Math.round(lhr.environment?.benchmarkIndex ?? 0),
    cpuSlowdown: lhr.configSettings.throttling.cpuSlowdownMultiplier,
  };
}

/**
 * A tab on an emptied origin (storage, service workers, cache, cookies) that holds only the session
 * hint, as a returning coach's browser would after its cache was cleared.
 */
async function tabWithSessionHint(base) {
  const tab = await browser.newPage();
  const cdp = await tab.createCDPSession();
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(base).origin, storageTypes: 'all' });
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.clearBrowserCookies');
  await tab.goto(`${base}/api/health`);
  await tab.evaluate(() => localStorage.setItem('tc.session', '1'));
  await cdp.detach();
  return tab;
}

/** The host's benchmark index now: the median of three short runs (FCP only) of the sign-in page. */
async function benchmarkIndex() {
  const indices = [];
  for (let i = 0; i < 3; i++) {
    const runner = await lighthouse(`${BASE_URL}/sign-in`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyAudits: ['first-contentful-paint'],
    });
    indices.push(runner?.lhr.environment?.benchmarkIndex ?? 0);
  }
  return median(indices);
}

/** A page's figure from its runs: the median score, and the run whose score is the median speaks for it. */
function summary(page, runs) {
  const performance = median(runs.map((r) => r.performance));
  const typical = runs.find((r) => r.performance === performance) ?? runs[0];
  return {
    ...page,
    ...typical,
    performance,
    accessibility: median(runs.map((r) => r.accessibility)),
    // Each metric's own median over the runs (side by side compares these).
    medians: Object.fromEntries(
      Object.keys(METRICS).map((short) => [short, median(runs.map((r) => r.values[short]))]),
    ),
    each: runs.map((r) => `${r.performance}/${r.accessibility}`).join(' '),
    benchmarks: runs.map((r) => r.benchmarkIndex).join(' '),
    cpuSlowdown: runs[0].cpuSlowdown,
  };
}

const results = [];
const baselineResults = [];
try {
  for (const page of pages) {
    const index = FIXED_SLOWDOWN === null ? await benchmarkIndex() : null;
    const cpuSlowdown = Math.max(1, FIXED_SLOWDOWN ?? Math.round(((4 * index) / CALIBRATED_INDEX) * 10) / 10);
    const baselinePage = baselinePages?.find((p) => p.name === page.name);
    const runs = [];
    const baselineRuns = [];
    for (let run = 1; run <= RUNS; run++) {
      // Side by side: the two builds take turns going first, with the same CPU slowdown.
      const order = !baselinePage ? [page] : run % 2 ? [baselinePage, page] : [page, baselinePage];
      for (const side of order) {
        const result = await measure(side, run, cpuSlowdown);
        (side === baselinePage ? baselineRuns : runs).push(result);
        const label = baselinePage ? (side === baselinePage ? ' (baseline)' : ' (candidate)') : '';
        console.error(
          `${page.name}${label} run ${run}: ${result.performance} (${result.metrics}; index ${result.benchmarkIndex})`,
        );
      }
    }
    results.push(summary(page, runs));
    if (baselinePage) baselineResults.push(summary(baselinePage, baselineRuns));
  }
} finally {
  await browser.disconnect();
  await chrome.kill();
}

let under = false;
console.log(
  `Lighthouse 12.8.2 mobile preset, CPU slowdown ${FIXED_SLOWDOWN === null ? `4 × index / ${CALIBRATED_INDEX} (calibrated per page)` : `${FIXED_SLOWDOWN}x`}, on ${BASE_URL}, median of ${RUNS} run(s) per page (targets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility})\n`,
);
console.log(
  `${'page'.padEnd(14)} ${'perf'.padStart(5)} ${'a11y'.padStart(5)}  metrics of the median run · every run perf/a11y`,
);
for (const r of results) {
  const ok = r.performance >= TARGETS.performance && r.accessibility >= TARGETS.accessibility;
  under ||= !ok;
  console.log(
    `${r.name.padEnd(14)} ${String(r.performance).padStart(5)} ${String(r.accessibility).padStart(5)}  ${r.metrics} · ${r.each}${ok ? '' : '   << under target'}`,
  );
  console.log(
    `${''.padEnd(14)} CPU benchmark index per run: ${r.benchmarks} (CPU slowdown applied: ${r.cpuSlowdown}x)`,
  );
  if (r.failing.length) console.log(`${''.padEnd(14)} audits under 90: ${r.failing.join(', ')}`);
}

if (BASELINE_URL) {
  const ms = (v) => `${Math.round(v)}`.padStart(5);
  const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '-').padStart(5);
  console.log(
    `\nSide by side, candidate ${BASE_URL} vs baseline ${BASELINE_URL}, alternated, medians of ${RUNS} run(s) each (ms; ratio = candidate / baseline)\n`,
  );
  console.log(
    `${'page'.padEnd(14)} ${'perf base→cand'.padStart(15)}  ${'TBT base→cand ratio'.padStart(21)}  ${'LCP base→cand ratio'.padStart(21)}  ${'FCP base→cand ratio'.padStart(21)}  every run base | cand`,
  );
  for (const c of results) {
    const b = baselineResults.find((r) => r.name === c.name);
    const cell = (short) =>
      `${ms(b.medians[short])}→${ms(c.medians[short])} ${ratio(c.medians[short], b.medians[short])}`;
    console.log(
      `${c.name.padEnd(14)} ${`${b.performance}→${c.performance}`.padStart(15)}  ${cell('TBT').padStart(21)}  ${cell('LCP').padStart(21)}  ${cell('FCP').padStart(21)}  ${b.each} | ${c.each}`,
    );
  }
}
process.exit(under ? 1 : 0);
