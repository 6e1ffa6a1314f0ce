import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoTestingModule } from '@jsverse/transloco';
import type { CohortInvitation, MyEnrolment } from '@tc/shared/contracts';
import { AcceptInvitationPage } from './accept-invitation.page';

const invitation: CohortInvitation = {
  cohortId: 'k-1',
  cohortName: 'Oriental 2026',
  courseTitle: { fr: 'Le numérique' },
  startsOn: '2026-03-01',
  endsOn: '2026-06-30',
  email: 'karim@example.org',
  expiresAt: '2026-03-08T00:00:00Z',
};
const enrolment: MyEnrolment = {
  enrolmentId: 'e-1',
  cohortId: 'k-1',
  cohortName: 'Oriental 2026',
  courseId: 'c-1',
  courseVersion: 1,
  courseTitle: { fr: 'Le numérique' },
  status: 'active',
  startsOn: '2026-03-01',
  endsOn: '2026-06-30',
  lessonsDone: 0,
  lessonsTotal: 8,
};

describe('AcceptInvitationPage', () => {
  let http: HttpTestingController;
  let host: HTMLElement;
  let detectChanges: () => Promise<void>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [
        AcceptInvitationPage,
        TranslocoTestingModule.forRoot({
          langs: { fr: {} },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        }),
      ],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AcceptInvitationPage);
    fixture.componentRef.setInput('token', 'the/token');
    host = fixture.nativeElement as HTMLElement;
    detectChanges = () => fixture.whenStable();
    await detectChanges();
  });

  afterEach(() => http.verify());

  it('shows the cohort and the address invited, then accepts with the token', async () => {
    http.expectOne('/api/v1/me/cohort-invitations/the%2Ftoken').flush(invitation);
    await detectChanges();
    expect(host.textContent).toContain('karim@example.org');
    (host.querySelector('button') as HTMLButtonElement).click();
    const req = http.expectOne('/api/v1/me/cohort-invitations/accept');
    expect(req.request.body).toEqual({ token: 'the/token' });
    req.flush(enrolment);
    await detectChanges();
    expect(host.querySelector('[role="status"]')?.textContent).toContain('cohorts.join.done');
    http.expectOne('/api/v1/me/enrolments').flush([enrolment]);
  });

  it('says when the invitation is another account’s, or no longer valid', async () => {
    http
      .expectOne('/api/v1/me/cohort-invitations/the%2Ftoken')
      .flush(
        { status: 403, title: 'Invitation for another account' },
        { status: 403, statusText: 'Forbidden' },
      );
    await detectChanges();
    expect(host.querySelector('[role="alert"]')?.textContent).toContain(
      'cohorts.invitation.errors.otherAccount',
    );
    expect(host.querySelector('button')).toBeNull();
  });

  it('says when the cohort closed meanwhile', async () => {
    http.expectOne('/api/v1/me/cohort-invitations/the%2Ftoken').flush(invitation);
    await detectChanges();
    (host.querySelector('button') as HTMLButtonElement).click();
    http
      .expectOne('/api/v1/me/cohort-invitations/accept')
      .flush({ status: 409, title: 'Cohort closed' }, { status: 409, statusText: 'Conflict' });
    await detectChanges();
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('cohorts.invitation.errors.closed');
  });
});
