import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SwUpdate } from '@angular/service-worker';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { AuthService, authInterceptor } from '@tc/identity/web';
import type { Role } from '@tc/shared/contracts';
import { NEVER } from 'rxjs';
import { App } from './app';
import { LearnerSync } from './shell/learner-sync';
import { sessionOf } from './testing';

@Component({ template: '' })
class Blank {}

const fr = {
  app: { name: 'Coaching', keptOnDevice: 'Gardés sur cet appareil : {{ count }}', dismiss: 'Fermer' },
  userMenu: { signOut: 'Se déconnecter' },
  nav: {
    home: 'Accueil',
    profile: 'Profil',
    learn: 'Mes cours',
    join: 'Rejoindre',
    field: 'Journal de terrain',
    help: 'Aide',
    privacy: 'Confidentialité',
    users: 'Utilisateurs',
    erasureRequests: "Demandes d'effacement",
    menu: 'Menu',
    label: 'Navigation',
  },
};

const session = (id = 'u-1') => sessionOf(['coach'], id);

/** The shell, with someone signed in; `waiting` is what the learner sync says stays on the device. */
async function renderShell(waiting: () => number = () => 0, roles: Role[] = ['coach']) {
  TestBed.configureTestingModule({
    imports: [
      App,
      TranslocoTestingModule.forRoot({
        langs: { fr },
        translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        preloadLangs: true,
      }),
    ],
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      provideRouter([{ path: '**', component: Blank }]),
      { provide: SwUpdate, useValue: { isEnabled: false, versionUpdates: NEVER } },
      { provide: LearnerSync, useValue: { waiting: () => Promise.resolve(waiting()) } },
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  TestBed.inject(AuthService).signIn({ email: 'a@example.org', password: 'x' }).subscribe();
  http.expectOne('/api/v1/auth/sign-in').flush(sessionOf(roles, 'u-1'));
  const fixture = TestBed.createComponent(App);
  await fixture.whenStable();
  return { host: fixture.nativeElement as HTMLElement, http, fixture };
}

describe('App shell: signing out with items waiting to sync', () => {
  let waiting: number;

  async function render() {
    const { host, http, fixture } = await renderShell(() => waiting);
    const signOut = async () => {
      host.querySelector<HTMLButtonElement>('tc-user-menu .tc-trigger')!.click();
      await fixture.whenStable();
      [...host.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Se déconnecter')!.click();
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
      http.expectOne('/api/v1/auth/sign-out').flush(null);
      await fixture.whenStable();
    };
    return { host, http, fixture, signOut };
  }

  const notice = (host: HTMLElement) => host.querySelector('.tc-kept')?.textContent?.trim() ?? '';

  it('tells the person how many items stay on this device until they sign in again', async () => {
    waiting = 3;
    const { host, http, fixture, signOut } = await render();
    expect(notice(host)).toBe('');
    await signOut();
    expect(host.querySelector('.tc-kept')?.getAttribute('role')).toBe('status');
    expect(notice(host)).toContain('Gardés sur cet appareil : 3');
    // The next person to sign in does not see it.
    TestBed.inject(AuthService).signIn({ email: 'b@example.org', password: 'x' }).subscribe();
    http.expectOne('/api/v1/auth/sign-in').flush(session('u-2'));
    await fixture.whenStable();
    expect(notice(host)).toBe('');
  });

  it('says nothing when nothing is waiting', async () => {
    waiting = 0;
    const { host, signOut } = await render();
    await signOut();
    expect(notice(host)).toBe('');
  });
});

describe('App shell: the navigation on a phone and on a wide screen', () => {
  /** A media query list whose `matches` the test switches, as a rotated phone or a resized window would. */
  function fakeMedia(initial: boolean) {
    const listeners = new Set<(e: MediaQueryListEvent) => void>();
    const list = {
      matches: initial,
      addEventListener: (_: string, l: (e: MediaQueryListEvent) => void) => listeners.add(l),
      removeEventListener: (_: string, l: (e: MediaQueryListEvent) => void) => listeners.delete(l),
    };
    const queries: string[] = [];
    window.matchMedia = ((query: string) => {
      queries.push(query);
      return list;
    }) as unknown as typeof window.matchMedia;
    const change = (matches: boolean) => {
      list.matches = matches;
      listeners.forEach((l) => l({ matches } as MediaQueryListEvent));
    };
    return { queries, change, listeners };
  }

  afterEach(() => {
    delete (window as { matchMedia?: unknown }).matchMedia;
  });

  async function render() {
    const { fixture, host } = await renderShell();
    const links = () => [...host.querySelectorAll('#tc-main-nav a')].map((a) => a.textContent?.trim());
    return { fixture, host, links };
  }

  it('renders the links on a phone only once the menu is opened', async () => {
    const media = fakeMedia(false);
    const { fixture, host, links } = await render();
    expect(media.queries).toEqual(['(min-width: 720px)']);
    expect(host.querySelector('#tc-main-nav')).not.toBeNull();
    expect(links()).toEqual([]);

    host.querySelector<HTMLButtonElement>('.tc-nav-toggle')!.click();
    await fixture.whenStable();
    expect(links()).toEqual([
      'Accueil',
      'Profil',
      'Mes cours',
      'Rejoindre',
      'Journal de terrain',
      'Aide',
      'Confidentialité',
    ]);
  });

  it('renders them at once on a wide screen, and follows the screen when it changes', async () => {
    const media = fakeMedia(true);
    const { fixture, links } = await render();
    expect(links()).toEqual([
      'Accueil',
      'Profil',
      'Mes cours',
      'Rejoindre',
      'Journal de terrain',
      'Aide',
      'Confidentialité',
    ]);

    media.change(false);
    await fixture.whenStable();
    expect(links()).toEqual([]);
    media.change(true);
    await fixture.whenStable();
    expect(links()).toHaveLength(7);

    fixture.destroy();
    expect(media.listeners.size).toBe(0);
  });

  it('marks the page shown as current, one link at most, also below its path', async () => {
    const { fixture } = await renderShell(undefined, ['admin']);
    const host = fixture.nativeElement as HTMLElement;
    const current = () =>
      [...host.querySelectorAll('#tc-main-nav a[aria-current="page"]')].map((a) => a.textContent?.trim());
    const router = TestBed.inject(Router);
    // "Users" is a prefix of "Erasure requests": only the closer one is the page shown.
    await router.navigateByUrl('/users/erasure-requests');
    await fixture.whenStable();
    expect(current()).toEqual([fr.nav.erasureRequests]);
    expect(host.querySelectorAll('#tc-main-nav a.tc-active')).toHaveLength(1);
    await router.navigateByUrl('/users/u-2');
    await fixture.whenStable();
    expect(current()).toEqual([fr.nav.users]);
    await router.navigateByUrl('/');
    await fixture.whenStable();
    expect(current()).toEqual(['Accueil']);
    await router.navigateByUrl('/verify/ABC');
    await fixture.whenStable();
    expect(current()).toEqual([]);
  });

  it('renders them at once where the browser cannot tell the width (no matchMedia)', async () => {
    expect(window.matchMedia).toBeUndefined();
    const { links } = await render();
    expect(links()).toEqual([
      'Accueil',
      'Profil',
      'Mes cours',
      'Rejoindre',
      'Journal de terrain',
      'Aide',
      'Confidentialité',
    ]);
  });
});
