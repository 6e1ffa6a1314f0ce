import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SwUpdate, type VersionEvent } from '@angular/service-worker';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { Subject } from 'rxjs';
import { RELOAD_PAGE, UpdateBannerComponent } from './update-banner.component';

@Component({ template: '' })
class Blank {}

const fr = { app: { update: { ready: 'Nouvelle version', reload: 'Recharger', later: 'Plus tard' } } };

describe('UpdateBannerComponent (new version prompt)', () => {
  let versions: Subject<VersionEvent>;
  let activateUpdate: jest.Mock;
  let reload: jest.Mock;

  async function render(enabled = true): Promise<{ host: HTMLElement; settle: () => Promise<void> }> {
    versions = new Subject();
    activateUpdate = jest.fn().mockResolvedValue(true);
    reload = jest.fn();
    TestBed.configureTestingModule({
      imports: [
        UpdateBannerComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
      providers: [
        provideRouter([
          { path: '', component: Blank },
          { path: 'learn/:enrolmentId', component: Blank },
          { path: 'learn/:enrolmentId/lessons/:lessonKey', component: Blank },
        ]),
        { provide: SwUpdate, useValue: { isEnabled: enabled, versionUpdates: versions, activateUpdate } },
        { provide: RELOAD_PAGE, useValue: reload },
      ],
    });
    const fixture = TestBed.createComponent(UpdateBannerComponent);
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    await settle();
    return { host: fixture.nativeElement as HTMLElement, settle };
  }

  const ready = (): VersionEvent => ({
    type: 'VERSION_READY',
    currentVersion: { hash: 'a' },
    latestVersion: { hash: 'b' },
  });
  const button = (host: HTMLElement, text: string) =>
    [...host.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);

  it('says nothing until a new version is ready, then offers to reload (a polite status)', async () => {
    const { host, settle } = await render();
    const status = host.querySelector('[role="status"]');
    expect(status?.textContent?.trim()).toBe('');
    versions.next({ type: 'VERSION_DETECTED', version: { hash: 'b' } });
    await settle();
    expect(status?.textContent?.trim()).toBe('');
    versions.next(ready());
    await settle();
    expect(host.querySelector('[role="status"] p')?.textContent).toBe('Nouvelle version');
    expect(button(host, 'Recharger')).toBeTruthy();
    // It does not take the focus from what the person was doing.
    expect(host.contains(document.activeElement)).toBe(false);
  });

  it('reloads only when asked, after activating the new version', async () => {
    const { host, settle } = await render();
    versions.next(ready());
    await settle();
    expect(reload).not.toHaveBeenCalled();
    button(host, 'Recharger')!.click();
    await settle();
    expect(activateUpdate).toHaveBeenCalled();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('never shows during a lesson or a quiz; shows once the coach leaves the player', async () => {
    const { host, settle } = await render();
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/learn/enr-1/lessons/quiz-1');
    versions.next(ready());
    await settle();
    expect(host.querySelector('p')).toBeNull();
    await router.navigateByUrl('/learn/enr-1/lessons/l2');
    await settle();
    expect(host.querySelector('p')).toBeNull();
    expect(reload).not.toHaveBeenCalled();
    await router.navigateByUrl('/learn/enr-1');
    await settle();
    expect(host.querySelector('p')?.textContent).toBe('Nouvelle version');
  });

  it('"Later" hides it until the next version', async () => {
    const { host, settle } = await render();
    versions.next(ready());
    await settle();
    button(host, 'Plus tard')!.click();
    await settle();
    expect(host.querySelector('p')).toBeNull();
    versions.next(ready());
    await settle();
    expect(host.querySelector('p')).not.toBeNull();
  });

  it('stays silent without a service worker (development, old browsers)', async () => {
    const { host, settle } = await render(false);
    versions.next(ready());
    await settle();
    expect(host.querySelector('p')).toBeNull();
  });
});
