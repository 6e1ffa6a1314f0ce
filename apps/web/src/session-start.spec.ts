import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** session-start.js is a classic script: run as the browser would, against a fake fetch. */
const source = readFileSync(join(__dirname, 'session-start.js'), 'utf8');

describe('session-start.js', () => {
  let requests: { url: string; init?: RequestInit }[];
  let refresh: { status: number; body: string };
  /** Bodies of other addresses than the refresh (by default `{"asked":"<url>"}`). */
  let bodies: Record<string, string>;
  const original = window.fetch;

  beforeEach(() => {
    requests = [];
    refresh = { status: 401, body: '{"status":401}' };
    bodies = {};
    window.fetch = ((url: string, init?: RequestInit) => {
      requests.push({ url, init });
      const body = url === '/api/v1/auth/refresh' ? refresh.body : (bodies[url] ?? `{"asked":"${url}"}`);
      const status = url === '/api/v1/auth/refresh' ? refresh.status : 200;
      return Promise.resolve({ status, statusText: '', text: () => Promise.resolve(body) } as Response);
    }) as typeof window.fetch;
  });

  afterEach(() => {
    window.fetch = original;
    localStorage.clear();
    delete window.tcEarlyRefresh;
    delete window.tcEarlyReads;
    window.history.replaceState(null, '', '/');
  });

  const run = () => new Function(source)();

  it('sends the refresh and fetches the texts in the language remembered on this device', async () => {
    localStorage.setItem('tc.session', '1');
    localStorage.setItem('tc.language', 'ar');
    run();
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/auth/refresh', '/i18n/ar.json']);
    expect(requests[0].init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    await expect(window.tcEarlyReads?.['/i18n/ar.json']).resolves.toEqual({
      status: 200,
      statusText: '',
      body: '{"asked":"/i18n/ar.json"}',
    });
    await expect(window.tcEarlyRefresh).resolves.toMatchObject({ status: 401 });
  });

  it('sends no refresh when this browser has no sign of a session (no 401 on a signed-out page)', () => {
    run();
    expect(requests.map((r) => r.url)).toEqual(['/i18n/fr.json']);
    expect(window.tcEarlyRefresh).toBeUndefined();
  });

  it('sends the refresh for a coach remembered for offline use', () => {
    localStorage.setItem('tc.offline.me', '{"id":"u-1"}');
    run();
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/auth/refresh', '/i18n/fr.json']);
  });

  it('fetches the French texts when no language, or an unknown one, is remembered', () => {
    run();
    localStorage.setItem('tc.language', 'de');
    run();
    expect(requests.filter((r) => r.url.startsWith('/i18n/')).map((r) => r.url)).toEqual([
      '/i18n/fr.json',
      '/i18n/fr.json',
    ]);
  });

  it("on a lesson's address, reads the course in the account's language with the fresh token", async () => {
    const enrolment = '0b6a4f4e-6f0d-4a4e-9d3c-2f1e0c9b8a7d';
    window.history.replaceState(null, '', `/learn/${enrolment}/lessons/m1-l1`);
    refresh = { status: 200, body: '{"accessToken":"t0k","me":{"preferredLanguage":"en"}}' };
    localStorage.setItem('tc.session', '1');
    run();
    await window.tcEarlyRefresh;
    await new Promise((resolve) => setTimeout(resolve));
    const course = `/api/v1/enrolments/${enrolment}?locale=en`;
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/auth/refresh', '/i18n/fr.json', course]);
    expect(requests[2].init?.headers).toEqual({ authorization: 'Bearer t0k' });
    expect(Object.keys(window.tcEarlyReads ?? {}).sort()).toEqual([course, '/i18n/fr.json']);
  });

  const settle = async () => {
    await window.tcEarlyRefresh;
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve));
  };

  it("on the home page, reads a coach's enrolments, then their active courses in the account's language", async () => {
    const active = '0b6a4f4e-6f0d-4a4e-9d3c-2f1e0c9b8a7d';
    const withdrawn = '1c7b5f5f-7a1e-4b5f-8e4d-3a2f1d0c9b8e';
    refresh = {
      status: 200,
      body: '{"accessToken":"t0k","me":{"preferredLanguage":"ar","roles":[{"role":"coach"}]}}',
    };
    bodies['/api/v1/me/enrolments'] = JSON.stringify([
      { enrolmentId: active, status: 'active' },
      { enrolmentId: withdrawn, status: 'withdrawn' },
    ]);
    localStorage.setItem('tc.session', '1');
    run();
    await settle();
    const course = `/api/v1/enrolments/${active}?locale=ar`;
    expect(requests.map((r) => r.url)).toEqual([
      '/api/v1/auth/refresh',
      '/i18n/fr.json',
      '/api/v1/me/enrolments',
      course,
    ]);
    expect(requests[3].init?.headers).toEqual({ authorization: 'Bearer t0k' });
    expect(Object.keys(window.tcEarlyReads ?? {}).sort()).toEqual([
      course,
      '/api/v1/me/enrolments',
      '/i18n/fr.json',
    ]);
  });

  it('on the home page of someone who is not a coach, reads nothing more', async () => {
    refresh = {
      status: 200,
      body: '{"accessToken":"t0k","me":{"preferredLanguage":"fr","roles":[{"role":"trainer"}]}}',
    };
    localStorage.setItem('tc.session', '1');
    run();
    await settle();
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/auth/refresh', '/i18n/fr.json']);
  });

  it('on another page, reads nothing more', async () => {
    window.history.replaceState(null, '', '/cohorts');
    refresh = {
      status: 200,
      body: '{"accessToken":"t0k","me":{"preferredLanguage":"fr","roles":[{"role":"coach"}]}}',
    };
    localStorage.setItem('tc.session', '1');
    run();
    await settle();
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/auth/refresh', '/i18n/fr.json']);
  });
});
