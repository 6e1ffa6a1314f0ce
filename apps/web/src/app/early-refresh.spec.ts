import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { type EarlyRefresh, earlyRefreshInterceptor } from './early-refresh';

function setUp(): { http: HttpClient; backend: HttpTestingController } {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(withInterceptors([earlyRefreshInterceptor])), provideHttpClientTesting()],
  });
  return { http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController) };
}

describe('earlyRefreshInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  const refresh = () => firstValueFrom(http.post('/api/v1/auth/refresh', null, { withCredentials: true }));

  beforeEach(() => ({ http, backend } = setUp()));

  afterEach(() => {
    delete window.tcEarlyRefresh;
    backend.verify();
  });

  const early = (answer: EarlyRefresh): void => {
    window.tcEarlyRefresh = Promise.resolve(answer);
  };

  it('answers the first refresh with the early one, and sends later ones to the server', async () => {
    early({ status: 200, statusText: 'OK', body: '{"accessToken":"a"}' });
    await expect(refresh()).resolves.toEqual({ accessToken: 'a' });
    backend.expectNone('/api/v1/auth/refresh');

    const second = refresh();
    backend.expectOne('/api/v1/auth/refresh').flush({ accessToken: 'b' });
    await expect(second).resolves.toEqual({ accessToken: 'b' });
  });

  it('turns a refused early refresh into the HttpErrorResponse the backend would give', async () => {
    early({ status: 401, statusText: 'Unauthorized', body: '{"title":"Unauthorized"}' });
    await expect(refresh()).rejects.toMatchObject({ status: 401, error: { title: 'Unauthorized' } });
  });

  it('reports an unreachable server as status 0 (the offline start takes it from there)', async () => {
    early({ status: 0, statusText: 'Unknown Error', body: '' });
    await expect(refresh()).rejects.toMatchObject({ status: 0 });
  });

  it('leaves every other request alone', async () => {
    early({ status: 200, statusText: 'OK', body: '{}' });
    const me = firstValueFrom(http.get('/api/v1/me'));
    backend.expectOne('/api/v1/me').flush({ id: 'u' });
    await expect(me).resolves.toEqual({ id: 'u' });
    expect(window.tcEarlyRefresh).toBeDefined();
  });
});

describe('earlyRefreshInterceptor, early reads', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  const URL = '/api/v1/enrolments/0b6a4f4e-6f0d-4a4e-9d3c-2f1e0c9b8a7d';
  const course = (locale: string) => firstValueFrom(http.get(URL, { params: { locale } }));

  beforeEach(() => ({ http, backend } = setUp()));

  afterEach(() => {
    delete window.tcEarlyReads;
    backend.verify();
  });

  const early = (locale: string, answer: EarlyRefresh): void => {
    window.tcEarlyReads = { [`${URL}?locale=${locale}`]: Promise.resolve(answer) };
  };

  it('answers the GET of the same address (query included) with the early read, once', async () => {
    early('ar', { status: 200, statusText: 'OK', body: '{"enrolmentId":"e"}' });
    await expect(course('ar')).resolves.toEqual({ enrolmentId: 'e' });
    backend.expectNone((r) => r.url === URL);

    const again = course('ar');
    backend.expectOne((r) => r.url === URL).flush({ enrolmentId: 'fresh' });
    await expect(again).resolves.toEqual({ enrolmentId: 'fresh' });
  });

  it('leaves another language to the server, the early read unused', async () => {
    early('fr', { status: 200, statusText: 'OK', body: '{}' });
    const en = course('en');
    backend.expectOne((r) => r.urlWithParams === `${URL}?locale=en`).flush({ enrolmentId: 'en' });
    await expect(en).resolves.toEqual({ enrolmentId: 'en' });
    expect(Object.keys(window.tcEarlyReads ?? {})).toEqual([`${URL}?locale=fr`]);
  });

  it('turns a refused early read into the HttpErrorResponse the backend would give', async () => {
    early('fr', { status: 404, statusText: 'Not Found', body: '{"status":404,"title":"Not Found"}' });
    await expect(course('fr')).rejects.toMatchObject({ status: 404, error: { title: 'Not Found' } });
  });

  it('sends the GET itself when the early read never reached the server', async () => {
    early('fr', { status: 0, statusText: 'Unknown Error', body: '' });
    const fr = course('fr');
    await Promise.resolve();
    backend.expectOne((r) => r.urlWithParams === `${URL}?locale=fr`).flush({ enrolmentId: 'from-server' });
    await expect(fr).resolves.toEqual({ enrolmentId: 'from-server' });
    expect(window.tcEarlyReads).toEqual({});
  });
});
