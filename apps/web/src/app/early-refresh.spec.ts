import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { type EarlyRefresh, earlyRefreshInterceptor } from './early-refresh';

describe('earlyRefreshInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  const refresh = () => firstValueFrom(http.post('/api/v1/auth/refresh', null, { withCredentials: true }));

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([earlyRefreshInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

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
