import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Cohort, Roster } from '@tc/shared/contracts';
import { CohortStore } from '../../data-access/cohort.store';
import { RosterComponent, narrowed } from './roster.component';
import { flushEmptyRoster } from './roster.testing';

const cohort = {
  id: 'k-1',
  name: 'Oujda',
  courseVersion: 1,
  newerVersions: [2],
  modules: [],
} as unknown as Cohort;
const roster = (total: number): Roster => ({
  cohortId: 'k-1',
  total: 1,
  invitations: [],
  rows: [
    {
      enrolmentId: 'e-1',
      userId: 'u-1',
      displayName: 'Salma',
      email: 'salma@example.org',
      accountStatus: 'active',
      enrolmentStatus: 'active',
      enrolledAt: '2027-01-10T00:00:00Z',
      lessonsDone: 0,
      lessonsTotal: total,
      lastActivityAt: null,
      overdueModules: [],
    },
  ],
});

describe('RosterComponent', () => {
  it('loads the roster again when the cohort moves to another version (lessons counted change)', async () => {
    TestBed.configureTestingModule({
      imports: [
        RosterComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr: { cohorts: { roster: { lessons: '{{ done }} / {{ total }} leçons' } } } },
          translocoConfig: {
            availableLangs: ['fr'],
            defaultLang: 'fr',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), CohortStore],
    });
    const store = TestBed.inject(CohortStore);
    const http = TestBed.inject(HttpTestingController);
    store.set(cohort);
    const fixture = TestBed.createComponent(RosterComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectOne((r) => r.url === '/api/v1/cohorts/k-1/roster').flush(roster(16));
    http
      .match((r) => r.url === '/api/v1/cohorts/k-1/invitations')
      .forEach((r) => r.flush({ linksMailed: false, invitations: [] }));
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('0 / 16 leçons');

    store.set({ ...cohort, courseVersion: 2, newerVersions: [] });
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectOne((r) => r.url === '/api/v1/cohorts/k-1/roster').flush(roster(17));
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('0 / 17 leçons');
  });

  function emptyRoster() {
    TestBed.configureTestingModule({
      imports: [
        RosterComponent,
        TranslocoTestingModule.forRoot({
          langs: { fr: {} },
          translocoConfig: {
            availableLangs: ['fr'],
            defaultLang: 'fr',
            missingHandler: { logMissingKey: false },
          },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), CohortStore],
    });
    TestBed.inject(CohortStore).set(cohort);
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(RosterComponent);
    const wanted: string[] = [];
    fixture.componentInstance.enrolWanted.subscribe((kind) => wanted.push(kind));
    const flush = async () => {
      await fixture.whenStable();
      flushEmptyRoster(http, 'k-1');
      fixture.detectChanges();
    };
    fixture.detectChanges();
    return { fixture, flush, wanted, el: fixture.nativeElement as HTMLElement };
  }

  it('invites to enrol, by e-mail or CSV, when nobody is enrolled yet (not "nobody matches")', async () => {
    const { flush, wanted, el } = emptyRoster();
    await flush();
    expect(el.textContent).toContain('cohorts.roster.nobodyYet');
    expect(el.textContent).not.toContain('cohorts.roster.empty');
    const actions = [...el.querySelectorAll<HTMLButtonElement>('.tc-nobody button')];
    expect(actions.map((b) => b.textContent?.trim())).toEqual(['cohorts.tabs.enrol', 'cohorts.tabs.import']);
    actions.forEach((b) => b.click());
    expect(wanted).toEqual(['enrol', 'import']);
  });

  it('says "nobody matches" when a search hides everyone', async () => {
    jest.useFakeTimers();
    try {
      const { fixture, flush, el } = emptyRoster();
      await flush();
      const search = el.querySelector<HTMLInputElement>('input[formcontrolname="q"]');
      if (!search) throw new Error('no search field');
      search.value = 'zzz';
      search.dispatchEvent(new Event('input'));
      jest.advanceTimersByTime(400);
      fixture.detectChanges();
      await flush();
      expect(el.textContent).toContain('cohorts.roster.empty');
      expect(el.querySelector('.tc-nobody')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('counts only what the trainer narrowed as a filter (active enrolments are the default)', () => {
    expect(narrowed({ q: '', status: 'active', overdue: '' })).toBe(false);
    expect(narrowed({ q: ' ', status: '', overdue: '' })).toBe(false);
    expect(narrowed({ q: 'salma', status: 'active', overdue: '' })).toBe(true);
    expect(narrowed({ q: '', status: 'withdrawn', overdue: '' })).toBe(true);
    expect(narrowed({ q: '', status: 'active', overdue: 'false' })).toBe(true);
  });
});
