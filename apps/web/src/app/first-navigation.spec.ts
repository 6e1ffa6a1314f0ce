import { ApplicationRef, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withDisabledInitialNavigation } from '@angular/router';
import { navigateAfterShell } from './first-navigation';

@Component({ template: 'home' })
class HomeStub {}

describe('navigateAfterShell', () => {
  it('navigates in a later task, and the app is never stable before the first page is there', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: '', component: HomeStub }], withDisabledInitialNavigation())],
    });
    const router = TestBed.inject(Router);
    const appRef = TestBed.inject(ApplicationRef);
    const stableBeforeFirstPage: boolean[] = [];
    appRef.isStable.subscribe((stable) => {
      if (stable && !router.navigated) stableBeforeFirstPage.push(stable);
    });
    stableBeforeFirstPage.length = 0; // stable before the listener ran: nothing had started yet

    TestBed.runInInjectionContext(navigateAfterShell)();
    expect(router.navigated).toBe(false); // not in this task
    await appRef.whenStable();

    expect(router.navigated).toBe(true);
    expect(router.url).toBe('/');
    expect(stableBeforeFirstPage).toEqual([]);
  });
});
