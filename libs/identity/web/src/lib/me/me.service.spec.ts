import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { UpdateProfileRequest } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { AuthService } from '../auth/auth.service';
import { sessionFor } from '../auth/testing';
import { MeService } from './me.service';

describe('MeService', () => {
  let backend: HttpTestingController;
  let language: { use: jest.Mock };

  beforeEach(() => {
    language = { use: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LanguageService, useValue: language },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('signed out: the language switch only applies locally', () => {
    TestBed.inject(MeService).changeLanguage('ar');
    expect(language.use).toHaveBeenCalledWith('ar');
    backend.expectNone('/api/v1/me');
  });

  it('signed in: the language switch is saved on the profile', () => {
    const auth = TestBed.inject(AuthService);
    auth.signIn({ email: 'a@example.org', password: 'p' }).subscribe();
    backend.expectOne('/api/v1/auth/sign-in').flush(sessionFor(['coach']));

    TestBed.inject(MeService).changeLanguage('en');

    const req = backend.expectOne('/api/v1/me');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ preferredLanguage: 'en' });
    req.flush({ ...sessionFor(['coach']).me, preferredLanguage: 'en' });
    expect(auth.me()?.preferredLanguage).toBe('en');
  });

  it('sends only profile fields', () => {
    const sneaky = { displayName: 'Amina', email: 'x@example.org', roles: [] } as UpdateProfileRequest;
    TestBed.inject(MeService).update(sneaky).subscribe();
    const req = backend.expectOne('/api/v1/me');
    expect(req.request.body).toEqual({ displayName: 'Amina' });
    req.flush(sessionFor().me);
  });
});
