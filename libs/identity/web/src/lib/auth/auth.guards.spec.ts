import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  type ActivatedRouteSnapshot,
  type CanActivateFn,
  Router,
  type RouterStateSnapshot,
  UrlTree,
  provideRouter,
} from '@angular/router';
import type { Role } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { adminGuard, authGuard, guestGuard, roleGuard } from './auth.guards';
import { AuthService } from './auth.service';
import { sessionFor } from './testing';

describe('route guards', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LanguageService, useValue: { use: jest.fn() } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  function signInAs(roles: Role[]): void {
    TestBed.inject(AuthService).signIn({ email: 'a@example.org', password: 'p' }).subscribe();
    backend.expectOne('/api/v1/auth/sign-in').flush(sessionFor(roles));
  }

  async function run(guard: CanActivateFn, url = '/users'): Promise<string | true> {
    const result = await TestBed.runInInjectionContext(() =>
      guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    );
    if (result instanceof UrlTree) return TestBed.inject(Router).serializeUrl(result);
    expect(result).toBe(true);
    return true;
  }

  it('authGuard sends a signed-out person to /sign-in with the return URL', async () => {
    await expect(run(authGuard, '/profile')).resolves.toBe('/sign-in?returnUrl=%2Fprofile');
  });

  it('authGuard lets a signed-in person through', async () => {
    signInAs(['coach']);
    await expect(run(authGuard)).resolves.toBe(true);
  });

  it('authGuard waits for the start-up restore before deciding', async () => {
    const auth = TestBed.inject(AuthService);
    const restored = auth.restore();
    const decision = run(authGuard);
    backend.expectOne('/api/v1/auth/refresh').flush(sessionFor(['coach']));
    await restored;
    await expect(decision).resolves.toBe(true);
  });

  it('adminGuard: admin passes, a trainer is sent home, a signed-out person to sign-in', async () => {
    await expect(run(adminGuard)).resolves.toBe('/sign-in?returnUrl=%2Fusers');
    signInAs(['trainer', 'coach']);
    await expect(run(adminGuard)).resolves.toBe('/');
  });

  it('adminGuard lets an admin through', async () => {
    signInAs(['admin']);
    await expect(run(adminGuard)).resolves.toBe(true);
  });

  it('roleGuard accepts any of the listed roles', async () => {
    signInAs(['observer']);
    await expect(run(roleGuard('trainer', 'observer', 'admin'), '/territories')).resolves.toBe(true);
    await expect(run(roleGuard('trainer'), '/territories')).resolves.toBe('/');
  });

  it('guestGuard sends a signed-in person home', async () => {
    await expect(run(guestGuard, '/sign-in')).resolves.toBe(true);
    signInAs(['coach']);
    await expect(run(guestGuard, '/sign-in')).resolves.toBe('/');
  });
});
