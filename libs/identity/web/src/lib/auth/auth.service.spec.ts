import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { LanguageService } from '@tc/shared/ui';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { SESSION_HINT } from './session-hint';
import { sessionFor } from './testing';

describe('AuthService', () => {
  let backend: HttpTestingController;
  let auth: AuthService;
  let language: { use: jest.Mock };

  beforeEach(() => {
    language = { use: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LanguageService, useValue: language },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
  });

  afterEach(() => {
    backend.verify();
    localStorage.clear();
  });

  it('restores the session from the refresh cookie on start and applies the preferred language', async () => {
    localStorage.setItem(SESSION_HINT, '1');
    const restored = auth.restore();
    backend
      .expectOne('/api/v1/auth/refresh')
      .flush(sessionFor(['trainer', 'observer'], 't', { preferredLanguage: 'ar' }));
    await restored;

    expect(auth.signedIn()).toBe(true);
    expect(auth.roles()).toEqual(['trainer', 'observer']);
    expect(language.use).toHaveBeenCalledWith('ar');
  });

  it('stays signed out, without failing, when the session to restore has ended; forgets the hint', async () => {
    localStorage.setItem(SESSION_HINT, '1');
    const restored = auth.restore();
    backend.expectOne('/api/v1/auth/refresh').flush('{}', { status: 401, statusText: 'Unauthorized' });
    await expect(restored).resolves.toBeUndefined();
    expect(auth.signedIn()).toBe(false);
    expect(language.use).not.toHaveBeenCalled();
    expect(localStorage.getItem(SESSION_HINT)).toBeNull();
  });

  it('asks for no session when this browser has no sign of one (no 401 on a signed-out page)', async () => {
    await expect(auth.restore()).resolves.toBeUndefined();
    backend.expectNone('/api/v1/auth/refresh');
    expect(auth.signedIn()).toBe(false);
  });

  it('asks when a coach is remembered for offline use (a session begun before the hint existed)', async () => {
    localStorage.setItem('tc.offline.me', JSON.stringify(sessionFor().me));
    const restored = auth.restore();
    backend.expectOne('/api/v1/auth/refresh').flush(sessionFor());
    await restored;
    expect(auth.signedIn()).toBe(true);
    expect(localStorage.getItem(SESSION_HINT)).toBe('1');
  });

  it('keeps the hint from sign-in to sign-out', () => {
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    auth.signIn({ email: 'a@example.org', password: 'p' }).subscribe();
    backend.expectOne('/api/v1/auth/sign-in').flush(sessionFor());
    expect(localStorage.getItem(SESSION_HINT)).toBe('1');

    auth.signOut().subscribe();
    backend.expectOne('/api/v1/auth/sign-out').flush(null, { status: 204, statusText: 'No Content' });
    expect(localStorage.getItem(SESSION_HINT)).toBeNull();
  });

  it('signs out: forgets the token and goes to the sign-in page', () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    auth.signIn({ email: 'a@example.org', password: 'p' }).subscribe();
    backend.expectOne('/api/v1/auth/sign-in').flush(sessionFor(['admin']));
    expect(auth.hasRole('admin')).toBe(true);

    auth.signOut().subscribe();
    backend.expectOne('/api/v1/auth/sign-out').flush(null, { status: 204, statusText: 'No Content' });

    expect(auth.accessToken()).toBeNull();
    expect(auth.hasRole('admin')).toBe(false);
    expect(navigate).toHaveBeenCalledWith('/sign-in');
  });
});
