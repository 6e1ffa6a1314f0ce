import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../testing/test-app';

/** The built web app as the API serves it: cache headers, security headers, deep links. */
describe('serving the web build', () => {
  let t: TestApp;
  let dist: string;
  const INDEX = '<!doctype html><html><body><tc-root></tc-root></body></html>';
  /** A script large enough to be compressed, varied enough that quality matters. */
  const SCRIPT = Array.from(
    { length: 400 },
    (_, i) => `export function step${i}(v){return v*${i}+${(i * 7919) % 1000}}/* ${'ab'.repeat(i % 13)} */`,
  ).join('\n');
  const STYLES = Array.from({ length: 200 }, (_, i) => `.c${i}{margin:${i % 17}px ${i % 5}rem}`).join('');
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'tc-web-'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    for (const file of ['main-TQVQ3V6T.js', 'chunk-Ab1_c-D2.js', 'styles-QJFAUVDE.css', 'ngsw-worker.js'])
      writeFileSync(join(dist, file), '/* built */');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
    writeFileSync(join(dist, 'chunk-Big0_xy-.js'), SCRIPT);
    writeFileSync(join(dist, 'styles-Big0_xy-.css'), STYLES);
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

  it('sends a hashed script at brotli 11 once it has it, at 5 before, and plain to those who refuse br', async () => {
    const url = '/chunk-Big0_xy-.js';
    const get = (encoding: string) => t.request('GET', url, { headers: { 'accept-encoding': encoding } });
    const best = brotliCompressSync(Buffer.from(SCRIPT), {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: SCRIPT.length },
    });
    const first = await get('gzip, deflate, br');
    expect(first.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(first.raw).toString()).toBe(SCRIPT);
    // The best quality is made in the background after the first request.
    let later = first;
    for (let i = 0; i < 50 && later.raw.length !== best.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      later = await get('gzip, deflate, br');
    }
    expect(later.raw.length).toBe(best.length);
    expect(later.raw.length).toBeLessThan(first.raw.length);
    expect(brotliDecompressSync(later.raw).toString()).toBe(SCRIPT);
    expect(later.headers).toMatchObject({
      'content-encoding': 'br',
      'content-type': first.headers['content-type'],
      'cache-control': 'public, max-age=31536000, immutable',
      vary: expect.stringMatching(/accept-encoding/i),
    });
    expect(later.headers['content-security-policy']).toMatch(/script-src 'self'/);
    // Who does not take brotli gets what it asked for.
    const gzip = await get('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.raw).toString()).toBe(SCRIPT);
    const refused = await get('br;q=0, gzip');
    expect(refused.headers['content-encoding']).toBe('gzip');

    // Styles too, typed as before.
    const styles = async () =>
      t.request('GET', '/styles-Big0_xy-.css', { headers: { 'accept-encoding': 'br' } });
    const plainType = (await t.request('GET', '/styles-Big0_xy-.css')).headers['content-type'];
    await styles();
    await new Promise((r) => setTimeout(r, 300));
    const css = await styles();
    expect([css.headers['content-encoding'], css.headers['content-type']]).toEqual(['br', plainType]);
    expect(brotliDecompressSync(css.raw).toString()).toBe(STYLES);
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
