import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../testing/test-app';

/** The built web app as the API serves it: cache headers, security headers, deep links. */
describe('serving the web build', () => {
  let t: TestApp;
  let dist: string;
  const INDEX = '<!doctype html><html><body><tc-root></tc-root></body></html>';
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'tc-web-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    for (const file of ['main-TQVQ3V6T.js', 'chunk-Ab1_c-D2.js', 'styles-QJFAUVDE.css', 'ngsw-worker.js'])
      writeFileSync(join(dist, file), '/* built */');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
    t = await createTestApp({ WEB_DIST: dist, DEMO_SEED: 'false' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('keeps hashed scripts and styles a year, asks again for everything else', async () => {
    const cache = async (url: string) => (await t.request('GET', url)).headers['cache-control'];
    for (const hashed of ['/main-TQVQ3V6T.js', '/chunk-Ab1_c-D2.js', '/styles-QJFAUVDE.css'])
      expect([hashed, await cache(hashed)]).toEqual([hashed, 'public, max-age=31536000, immutable']);
    for (const fresh of ['/', '/ngsw-worker.js', '/manifest.webmanifest'])
      expect([fresh, await cache(fresh)]).toEqual([fresh, 'no-cache']);
  });

  it("sends helmet's security headers with files and pages too", async () => {
    for (const url of ['/', '/main-TQVQ3V6T.js']) {
      const res = await t.request('GET', url);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
      // Private recordings play from object URLs (fetched with the session's token).
      expect(res.headers['content-security-policy']).toMatch(/media-src 'self' blob:/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers a browser deep link with the app, and an API miss with a problem', async () => {
    const page = await t.request('GET', '/learn/some-enrolment/lessons/m1-l1', {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect([page.status, page.body, page.headers['cache-control']]).toEqual([200, INDEX, 'no-cache']);
    const api = await t.request('GET', '/api/v1/nothing-here', { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
