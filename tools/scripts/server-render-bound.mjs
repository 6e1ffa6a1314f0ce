// What rendering the first view on the server would buy, measured before building it. Serves the
// DOM the app itself renders for the coach's signed-in pages (home, course page, first text lesson,
// first quiz) as those pages' HTML, and passes every other request through to a running server:
//
//   MODE=static  the rendered HTML without any script: the floor of server rendering (a page whose
//                JavaScript does nothing at load, as incremental hydration leaves a block until used);
//   MODE=full    the rendered HTML with the app's scripts, which start and render over it as today
//                (server rendering without hydration's savings: the paint comes early, the work stays).
//
//   npm run serve:e2e                                   (or `npm start`; the server measured against)
//   MODE=static node tools/scripts/server-render-bound.mjs      (BASE_URL, default :3100; PORT, default 3199)
//   BASE_URL=http://127.0.0.1:3199 BASELINE_URL=http://127.0.0.1:3100 \
//     PAGES=learner-home,course-page,text-lesson,quiz node tools/scripts/lighthouse.mjs
//
// The pages are captured once at start, as the demo coach, at Lighthouse's phone size, after their
// data came and the page went quiet. The server's content security policy is dropped from answers
// passed through: the captured HTML carries Angular's component styles inline, as a server render's
// would (a real one sends them with a per-response nonce). A measuring aid, not a way to serve users.
import http from 'node:http';
import { chromium } from 'playwright-core';
import { coursePaths, signIn } from './demo-coach.mjs';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
const PORT = Number(process.env.PORT ?? 3199);
const MODE = process.env.MODE ?? 'static';
if (MODE !== 'static' && MODE !== 'full') {
  console.error(`MODE must be static or full (got ${MODE}).`);
  process.exit(2);
}

/** The same four pages as tools/scripts/lighthouse.mjs measures once signed in. */
async function signedInPaths() {
  const { course, text, quiz } = await coursePaths(BASE_URL);
  return ['/', course, text, quiz];
}

/** Each page's HTML as the app rendered it, signed in as after a reload (refresh cookie and hint). */
async function capture(paths) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const pages = new Map();
  try {
    for (const path of paths) {
      const context = await browser.newContext({
        viewport: { width: 412, height: 823 },
        deviceScaleFactor: 1.75,
      });
      const [name, value] = (await signIn(BASE_URL)).cookie.split('=');
      await context.addCookies([{ name, value, domain: new URL(BASE_URL).hostname, path: '/api/v1/auth' }]);
      const page = await context.newPage();
      await page.goto(`${BASE_URL}/api/health`);
      await page.evaluate(() => localStorage.setItem('tc.session', '1'));
      await page.goto(`${BASE_URL}${path}`, { waitUntil: 'networkidle' });
      if (new URL(page.url()).pathname !== path) throw new Error(`${path} ended on ${page.url()}`);
      await page.waitForTimeout(1500);
      let html = `<!doctype html>\n${await page.evaluate(() => document.documentElement.outerHTML)}`;
      if (MODE === 'static') {
        html = html
          .replace(/<script\b[\s\S]*?<\/script>/g, '')
          .replace(/<link rel="modulepreload"[^>]*>/g, '');
      }
      pages.set(path, html);
      console.log(`${path}: ${html.length} characters of HTML`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return pages;
}

const pages = await capture(await signedInPaths());
const upstream = new URL(BASE_URL);

http
  .createServer((req, res) => {
    const path = new URL(req.url ?? '/', BASE_URL).pathname;
    const html =
      req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') ? pages.get(path) : null;
    if (html) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        const headers = { ...answer.headers };
        delete headers['content-security-policy'];
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  })
  .listen(PORT, '127.0.0.1', () =>
    console.log(
      `The captured pages (${MODE}) on http://127.0.0.1:${PORT}, everything else from ${BASE_URL}.`,
    ),
  );
