import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { MyEnrolment } from '@tc/shared/contracts';
import { JoinCohortPage } from './join-cohort.page';

const enrolment: MyEnrolment = {
  enrolmentId: 'e-1',
  cohortId: 'k-1',
  cohortName: 'Oriental 2026',
  courseId: 'c-1',
  courseVersion: 1,
  courseTitle: { fr: 'Le numérique', ar: 'الرقمنة' },
  status: 'active',
  startsOn: '2026-03-01',
  endsOn: '2026-06-30',
  lessonsDone: 2,
  lessonsTotal: 8,
};

describe('JoinCohortPage', () => {
  let http: HttpTestingController;
  let host: HTMLElement;
  let detectChanges: () => Promise<void>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        JoinCohortPage,
        TranslocoTestingModule.forRoot({
          langs: { fr: {} },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(JoinCohortPage);
    host = fixture.nativeElement as HTMLElement;
    detectChanges = () => fixture.whenStable();
    await detectChanges();
    http.expectOne('/api/v1/me/enrolments').flush([]);
    await detectChanges();
  });

  afterEach(() => http.verify());

  async function submit(code: string): Promise<void> {
    const input = host.querySelector('input') as HTMLInputElement;
    input.value = code;
    input.dispatchEvent(new Event('input'));
    const form = host.querySelector('form') as HTMLFormElement;
    const event = new Event('submit', { cancelable: true });
    form.dispatchEvent(event);
    // Handled by Angular, never a native submit (which would reload the page).
    expect(event.defaultPrevented).toBe(true);
    await detectChanges();
  }

  it('sends the code as the server compares it: capitals, no spaces or dashes', async () => {
    await submit(' k7m3-qx9 pta ');
    const req = http.expectOne('/api/v1/cohorts/join');
    expect(req.request.body).toEqual({ code: 'K7M3QX9PTA' });
    req.flush(enrolment);
    await detectChanges();
    expect(host.querySelector('[role="status"]')?.textContent).toContain('cohorts.join.done');
    // The list of enrolments is fetched again, now with the new one.
    http.expectOne('/api/v1/me/enrolments').flush([enrolment]);
    await detectChanges();
    expect(host.querySelector('tc-my-enrolments h3')?.textContent).toContain('Oriental 2026');
    expect(host.querySelector('tc-my-enrolments progress')?.getAttribute('value')).toBe('2');
  });

  it('does not call the server for a code of the wrong length', async () => {
    await submit('ABC');
    http.expectNone('/api/v1/cohorts/join');
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('cohorts.join.errors.format');
  });

  it('says the code is unknown on 404 and the cohort closed on 409', async () => {
    await submit('ZZZZZZZZZZ');
    http.expectOne('/api/v1/cohorts/join').flush(
      {
        type: 'join-code-unknown',
        title: 'Unknown code',
        status: 404,
        errors: [{ field: 'code', message: 'x' }],
      },
      { status: 404, statusText: 'Not Found' },
    );
    await detectChanges();
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('cohorts.join.errors.unknown');

    await submit('ZZZZZZZZZY');
    http
      .expectOne('/api/v1/cohorts/join')
      .flush(
        { type: 'cohort-closed', title: 'Cohort closed', status: 409 },
        { status: 409, statusText: 'Conflict' },
      );
    await detectChanges();
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('cohorts.join.errors.closed');
  });
});
