import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Cohort, Roster, RosterRow } from '@tc/shared/contracts';
import { CohortStore } from '../../data-access/cohort.store';
import { RosterComponent } from './roster.component';

const cohort = {
  id: 'k-1',
  name: 'Oujda',
  courseVersion: 1,
  newerVersions: [],
  modules: [],
} as unknown as Cohort;
const row = (
  id: string,
  name: string,
  late: boolean,
  status: RosterRow['enrolmentStatus'] = 'active',
): RosterRow => ({
  enrolmentId: id,
  userId: `u-${id}`,
  displayName: name,
  email: `${id}@example.org`,
  accountStatus: 'active',
  enrolmentStatus: status,
  enrolledAt: '2027-01-10T00:00:00Z',
  lessonsDone: 0,
  lessonsTotal: 4,
  lastActivityAt: null,
  overdueModules: late ? ['m1'] : [],
});
const roster: Roster = {
  cohortId: 'k-1',
  total: 3,
  invitations: [],
  rows: [row('e-1', 'Salma', true), row('e-2', 'Youssef', false), row('e-3', 'Nadia', true, 'withdrawn')],
};

describe('RosterComponent: picking late coaches for a nudge', () => {
  it('picks every active late coach with one button, and sends the nudge for them', async () => {
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
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectOne((r) => r.url === '/api/v1/cohorts/k-1/roster').flush(roster);
    http
      .match((r) => r.url === '/api/v1/cohorts/k-1/invitations')
      .forEach((r) => r.flush({ linksMailed: false, invitations: [] }));
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    // A box per active coach (the withdrawn one has none); no nudge panel until someone is picked.
    expect(el.querySelectorAll('input.tc-pick')).toHaveLength(2);
    expect(el.querySelector('tc-roster-nudge')).toBeNull();

    (el.querySelector('.tc-pick-late') as HTMLButtonElement).click();
    fixture.detectChanges();
    const boxes = [...el.querySelectorAll<HTMLInputElement>('input.tc-pick')];
    expect(boxes.map((b) => b.checked)).toEqual([true, false]);
    expect(el.querySelector('tc-roster-nudge')).not.toBeNull();

    (el.querySelector('.tc-nudge-send') as HTMLButtonElement).click();
    const req = http.expectOne('/api/v1/cohorts/k-1/nudges');
    expect(req.request.body).toEqual({ enrolmentIds: ['e-1'] });
  });
});
