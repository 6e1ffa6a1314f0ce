import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { Cohort, Roster } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { CohortStore } from '../../data-access/cohort.store';
import { RosterComponent } from './roster.component';

const cohort = {
  id: 'k-1',
  name: 'Oujda',
  courseVersion: 1,
  newerVersions: [],
  modules: [],
} as unknown as Cohort;
const roster: Roster = {
  cohortId: 'k-1',
  total: 1,
  invitations: [],
  rows: [
    {
      enrolmentId: 'e-1',
      userId: 'u-1',
      displayName: 'Salma Ouazzani',
      email: 'salma@example.org',
      accountStatus: 'active',
      enrolmentStatus: 'active',
      enrolledAt: '2027-01-10T00:00:00Z',
      lessonsDone: 3,
      lessonsTotal: 16,
      lastActivityAt: null,
      overdueModules: [],
    },
  ],
};

async function setup() {
  TestBed.configureTestingModule({
    imports: [
      RosterComponent,
      TranslocoTestingModule.forRoot({
        langs: {
          ar: { cohorts: { coach: { open: 'عرض مسار {{ name }}' }, roster: { export: 'تصدير بصيغة CSV' } } },
        },
        translocoConfig: {
          availableLangs: ['ar'],
          defaultLang: 'ar',
          missingHandler: { logMissingKey: false },
        },
      }),
    ],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), CohortStore],
  });
  TestBed.inject(LanguageService).use('ar');
  TestBed.inject(CohortStore).set(cohort);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(RosterComponent);
  fixture.detectChanges();
  await fixture.whenStable();
  http.expectOne((r) => r.url === '/api/v1/cohorts/k-1/roster' && !r.params.has('format')).flush(roster);
  http
    .match((r) => r.url === '/api/v1/cohorts/k-1/invitations')
    .forEach((r) => r.flush({ linksMailed: false, invitations: [] }));
  fixture.detectChanges();
  return { fixture, http, el: fixture.nativeElement as HTMLElement };
}

describe('the roster, towards each coach and out to a spreadsheet', () => {
  afterEach(() => jest.restoreAllMocks());

  it('links each coach to their page in the cohort', async () => {
    const { el } = await setup();
    const link = el.querySelector<HTMLAnchorElement>('a[href="/cohorts/k-1/coaches/e-1"]');
    expect(link?.textContent?.trim()).toBe('Salma Ouazzani');
    expect(link?.getAttribute('aria-label')).toBe('عرض مسار Salma Ouazzani');
  });

  it('asks for the file in the page’s language and saves it under the name the server gives', async () => {
    const { el, http } = await setup();
    const saved: string[] = [];
    URL.createObjectURL = () => 'blob:test';
    URL.revokeObjectURL = () => undefined;
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const button = [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('تصدير بصيغة CSV'));
    button?.click();
    const req = http.expectOne(
      (r) => r.url === '/api/v1/cohorts/k-1/roster' && r.params.get('format') === 'csv',
    );
    expect(req.request.params.get('lang')).toBe('ar');
    req.flush(new Blob(['\uFEFFالاسم;البريد الإلكتروني\r\n']), {
      headers: { 'Content-Disposition': 'attachment; filename="roster-oujda-2027-01-05.csv"' },
    });
    expect(saved).toEqual(['roster-oujda-2027-01-05.csv']);
  });
});
