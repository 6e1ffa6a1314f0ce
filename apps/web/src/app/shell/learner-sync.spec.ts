import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthService } from '@tc/identity/web';
import type { Role } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { sessionOf } from '../testing';
import { LearnerSync } from './learner-sync';

describe('LearnerSync (sync from app start)', () => {
  let load: jest.Mock;
  let sync: LearnerSync;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: LanguageService, useValue: { use: jest.fn() } },
      ],
    });
    load = jest.fn().mockResolvedValue({ waiting: () => Promise.resolve(3) });
    sync = TestBed.inject(LearnerSync);
    sync.load = load;
    sync.watch();
  });

  function signIn(roles: Role[]): void {
    TestBed.inject(AuthService).signIn({ email: 'a@example.org', password: 'x' }).subscribe();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/sign-in').flush(sessionOf(roles));
  }

  async function stable(): Promise<void> {
    TestBed.tick();
    await TestBed.inject(ApplicationRef).whenStable();
    await Promise.resolve();
  }

  it('starts the learning sync when a learner is signed in, whatever page is open', async () => {
    await stable();
    expect(load).not.toHaveBeenCalled();
    expect(await sync.waiting()).toBe(0);
    signIn(['coach']);
    await stable();
    expect(load).toHaveBeenCalledTimes(1);
    expect(await sync.waiting()).toBe(3);
  });

  it('does not download the learning code for people who cannot learn', async () => {
    signIn(['admin']);
    await stable();
    expect(load).not.toHaveBeenCalled();
    expect(await sync.waiting()).toBe(0);
  });

  it('tries again at the next sign-in when the learning code could not load (offline)', async () => {
    load.mockRejectedValueOnce(new Error('offline'));
    signIn(['coach']);
    await stable();
    expect(await sync.waiting()).toBe(0);
    TestBed.inject(AuthService).updateMe(sessionOf(['coach'], 'u-2').me);
    await stable();
    expect(load).toHaveBeenCalledTimes(2);
    expect(await sync.waiting()).toBe(3);
  });
});
