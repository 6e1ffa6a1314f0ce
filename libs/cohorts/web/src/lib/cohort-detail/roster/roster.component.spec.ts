import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Cohort, Roster } from '@tc/shared/contracts';
import { CohortStore } from '../../data-access/cohort.store';
import { RosterComponent } from './roster.component';

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
});
