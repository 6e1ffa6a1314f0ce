import {
  HttpClient,
  HttpContext,
  HttpErrorResponse,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { LanguageService } from '@tc/shared/ui';
import { FOR_USER, NOT_THIS_USER, authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { sessionFor } from './testing';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LanguageService, useValue: { use: jest.fn() } },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  afterEach(() => backend.verify());

  function signIn(token = 'token-1'): void {
    auth.signIn({ email: 'person@example.org', password: 'x' }).subscribe();
    const req = backend.expectOne('/api/v1/auth/sign-in');
    expect(req.request.withCredentials).toBe(true);
    req.flush(sessionFor(['coach'], token));
  }

  function unauthorized(): [string, { status: number; statusText: string }] {
    return ['{"status":401}', { status: 401, statusText: 'Unauthorized' }];
  }

  it('adds the bearer token and credentials to API calls, not to other URLs', () => {
    signIn('abc');
    http.get('/api/v1/me').subscribe();
    http.get('/i18n/fr.json').subscribe();

    const api = backend.expectOne('/api/v1/me');
    expect(api.request.headers.get('Authorization')).toBe('Bearer abc');
    expect(api.request.withCredentials).toBe(true);
    const asset = backend.expectOne('/i18n/fr.json');
    expect(asset.request.headers.has('Authorization')).toBe(false);
    api.flush({});
    asset.flush({});
  });

  it('on a 401 refreshes once and retries the call with the new token', () => {
    signIn('old');
    let body: unknown;
    http.get('/api/v1/users').subscribe((b) => (body = b));

    backend.expectOne('/api/v1/users').flush(...unauthorized());
    const refresh = backend.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.withCredentials).toBe(true);
    refresh.flush(sessionFor(['coach'], 'new'));

    const retry = backend.expectOne('/api/v1/users');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush({ items: [] });
    expect(body).toEqual({ items: [] });
    expect(auth.accessToken()).toBe('new');
  });

  it('does not loop: a second 401 after the retry goes to the caller', () => {
    signIn();
    let error: HttpErrorResponse | undefined;
    http.get('/api/v1/users').subscribe({ error: (e: HttpErrorResponse) => (error = e) });

    backend.expectOne('/api/v1/users').flush(...unauthorized());
    backend.expectOne('/api/v1/auth/refresh').flush(sessionFor(['coach'], 'new'));
    backend.expectOne('/api/v1/users').flush(...unauthorized());

    backend.expectNone('/api/v1/auth/refresh');
    backend.expectNone('/api/v1/users');
    expect(error?.status).toBe(401);
  });

  it('when the refresh fails, ends the session and sends the person to sign-in', () => {
    signIn();
    let error: HttpErrorResponse | undefined;
    http.get('/api/v1/me').subscribe({ error: (e: HttpErrorResponse) => (error = e) });

    backend.expectOne('/api/v1/me').flush(...unauthorized());
    backend.expectOne('/api/v1/auth/refresh').flush(...unauthorized());

    backend.expectNone('/api/v1/me');
    expect(error?.status).toBe(401);
    expect(auth.signedIn()).toBe(false);
    expect(auth.accessToken()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], expect.anything());
  });

  it('shares one refresh between calls that fail together', () => {
    signIn();
    http.get('/api/v1/me').subscribe();
    http.get('/api/v1/users').subscribe();

    backend.expectOne('/api/v1/me').flush(...unauthorized());
    backend.expectOne('/api/v1/users').flush(...unauthorized());
    backend.expectOne('/api/v1/auth/refresh').flush(sessionFor(['coach'], 'new'));

    backend.expectOne('/api/v1/me').flush({});
    backend.expectOne('/api/v1/users').flush({});
  });

  it('never refreshes on a 401 from the auth endpoints themselves (wrong password)', () => {
    let error: HttpErrorResponse | undefined;
    auth
      .signIn({ email: 'a@example.org', password: 'wrong' })
      .subscribe({ error: (e: HttpErrorResponse) => (error = e) });

    backend.expectOne('/api/v1/auth/sign-in').flush(...unauthorized());

    backend.expectNone('/api/v1/auth/refresh');
    expect(error?.status).toBe(401);
    expect(auth.signedIn()).toBe(false);
  });

  describe('an access token known to have ended', () => {
    /** An offline start: the remembered profile, no access token (app.config's offline session). */
    function startOffline(): void {
      auth.refresh().subscribe();
      backend.expectOne('/api/v1/auth/refresh').flush({ accessToken: '', expiresIn: 0, me: sessionFor().me });
    }

    it('after an offline start, is renewed before the call goes: no 401 first', () => {
      startOffline();
      http.post('/api/v1/progress/events', {}).subscribe();

      backend.expectNone('/api/v1/progress/events');
      backend.expectOne('/api/v1/auth/refresh').flush(sessionFor(['coach'], 'fresh'));
      const sent = backend.expectOne('/api/v1/progress/events');
      expect(sent.request.headers.get('Authorization')).toBe('Bearer fresh');
      sent.flush({});
    });

    it('once its lifetime is over, is renewed before the call goes', () => {
      jest.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z') });
      try {
        signIn('short');
        jest.setSystemTime(new Date('2026-12-06T10:15:00Z'));
        http.get('/api/v1/me').subscribe();
        backend.expectOne('/api/v1/auth/refresh').flush(sessionFor(['coach'], 'fresh'));
        expect(backend.expectOne('/api/v1/me').request.headers.get('Authorization')).toBe('Bearer fresh');
      } finally {
        jest.useRealTimers();
      }
    });

    it('when the renewal is refused, the call fails with it and the session ends, without a second try', () => {
      startOffline();
      let error: HttpErrorResponse | undefined;
      http.get('/api/v1/me').subscribe({ error: (e: HttpErrorResponse) => (error = e) });

      backend.expectOne('/api/v1/auth/refresh').flush(...unauthorized());
      backend.expectNone('/api/v1/me');
      backend.expectNone('/api/v1/auth/refresh');
      expect(error?.status).toBe(401);
      expect(auth.signedIn()).toBe(false);
    });

    it('when the server cannot be reached, the call still goes (and fails offline as before)', () => {
      startOffline();
      let error: HttpErrorResponse | undefined;
      http.get('/api/v1/me').subscribe({ error: (e: HttpErrorResponse) => (error = e) });

      backend.expectOne('/api/v1/auth/refresh').error(new ProgressEvent('error'), { status: 0 });
      backend.expectOne('/api/v1/me').error(new ProgressEvent('error'), { status: 0 });
      expect(error?.status).toBe(0);
      expect(auth.signedIn()).toBe(true);
    });
  });

  describe('a request for one person (FOR_USER)', () => {
    const forUser = (id: string) => ({ context: new HttpContext().set(FOR_USER, id) });

    it("goes with that person's token", () => {
      signIn('mine');
      http.post('/api/v1/progress/events', {}, forUser('u-1')).subscribe();
      expect(backend.expectOne('/api/v1/progress/events').request.headers.get('Authorization')).toBe(
        'Bearer mine',
      );
    });

    it("never leaves with another person's token, nor with none", () => {
      const errors: HttpErrorResponse[] = [];
      http
        .post('/api/v1/progress/events', {}, forUser('u-1'))
        .subscribe({ error: (e: HttpErrorResponse) => errors.push(e) });
      signIn('theirs');
      auth.updateMe({ ...sessionFor().me, id: 'u-2' });
      http
        .post('/api/v1/progress/events', {}, forUser('u-1'))
        .subscribe({ error: (e: HttpErrorResponse) => errors.push(e) });
      backend.expectNone('/api/v1/progress/events');
      backend.expectNone('/api/v1/auth/refresh');
      expect(errors.map((e) => [e.status, e.statusText])).toEqual([
        [0, NOT_THIS_USER],
        [0, NOT_THIS_USER],
      ]);
    });

    it('is not retried with a session that a refresh brought for someone else', () => {
      signIn('old');
      let error: HttpErrorResponse | undefined;
      http
        .post('/api/v1/progress/events', {}, forUser('u-1'))
        .subscribe({ error: (e: HttpErrorResponse) => (error = e) });
      backend.expectOne('/api/v1/progress/events').flush(...unauthorized());
      // Meanwhile another person signed in on this device: the refresh cookie is theirs.
      backend.expectOne('/api/v1/auth/refresh').flush(sessionFor(['coach'], 'other', { id: 'u-2' }));
      backend.expectNone('/api/v1/progress/events');
      expect(error?.statusText).toBe(NOT_THIS_USER);
      expect(auth.accessToken()).toBe('other');
    });
  });
});
