import { HttpClient, type HttpEvent, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CertificateVerification,
  CoachRecord,
  Cohort,
  CohortInvitation,
  CohortInvitationList,
  CohortSummary,
  CourseSummary,
  CreateCohortRequest,
  CsvImportReport,
  EnrolByEmailRequest,
  EnrolmentResult,
  Locale,
  MyEnrolment,
  ResendInvitationsRequest,
  ResentInvitation,
  ResentInvitations,
  Roster,
  RosterQuery,
  UpdateCohortRequest,
  UpgradeCohortResponse,
  UpgradePreview,
} from '@tc/shared/contracts';
import { filenameOf } from '@tc/shared/ui';
import { type Observable, map } from 'rxjs';

export const COHORTS_API = '/api/v1/cohorts';
const MY_ENROLMENTS_API = '/api/v1/me/enrolments';
const MY_INVITATIONS_API = '/api/v1/me/cohort-invitations';
const COURSES_API = '/api/v1/courses';
const CERTIFICATES_API = '/api/v1/certificates';

const seg = encodeURIComponent;

/** The roster query as URL parameters (only what is set). */
export function rosterParams(query: RosterQuery): HttpParams {
  let params = new HttpParams();
  if (query.sort) params = params.set('sort', query.sort);
  if (query.order) params = params.set('order', query.order);
  if (query.status) params = params.set('status', query.status);
  if (query.overdue !== undefined) params = params.set('overdue', String(query.overdue));
  if (query.q?.trim()) params = params.set('q', query.q.trim());
  return params;
}

/** The cohorts API: cohorts, enrolment (e-mails, CSV, join code), roster, a coach's enrolments. */
@Injectable({ providedIn: 'root' })
export class CohortsService {
  private readonly http = inject(HttpClient);

  list(): Observable<CohortSummary[]> {
    return this.http.get<CohortSummary[]>(COHORTS_API);
  }

  /** Courses with a published version, to run a cohort of. */
  publishedCourses(): Observable<CourseSummary[]> {
    return this.http.get<CourseSummary[]>(COURSES_API, {
      params: new HttpParams().set('scope', 'published'),
    });
  }

  create(request: CreateCohortRequest): Observable<Cohort> {
    return this.http.post<Cohort>(COHORTS_API, request);
  }

  get(id: string): Observable<Cohort> {
    return this.http.get<Cohort>(`${COHORTS_API}/${seg(id)}`);
  }

  update(id: string, request: UpdateCohortRequest): Observable<Cohort> {
    return this.http.patch<Cohort>(`${COHORTS_API}/${seg(id)}`, request);
  }

  /** A new planned cohort like this one (version, territory, dates, deadlines), nobody enrolled. */
  duplicate(id: string, name?: string): Observable<Cohort> {
    return this.http.post<Cohort>(`${COHORTS_API}/${seg(id)}/duplicate`, name ? { name } : {});
  }

  /** What moving to `version` would change, and for whom (nothing changes yet). */
  upgradePreview(id: string, version: number): Observable<UpgradePreview> {
    return this.http.get<UpgradePreview>(`${COHORTS_API}/${seg(id)}/upgrade-preview`, {
      params: new HttpParams().set('version', String(version)),
    });
  }

  upgrade(id: string, version: number): Observable<UpgradeCohortResponse> {
    return this.http.post<UpgradeCohortResponse>(`${COHORTS_API}/${seg(id)}/upgrade`, { version });
  }

  enrol(id: string, request: EnrolByEmailRequest): Observable<EnrolmentResult> {
    return this.http.post<EnrolmentResult>(`${COHORTS_API}/${seg(id)}/enrolments`, request);
  }

  /** The CSV file as the raw `text/csv` body; every event, for the upload progress. */
  importCsv(id: string, csv: string, dryRun: boolean): Observable<HttpEvent<CsvImportReport>> {
    return this.http.post<CsvImportReport>(`${COHORTS_API}/${seg(id)}/enrolments/import`, csv, {
      params: new HttpParams().set('dryRun', String(dryRun)),
      headers: { 'Content-Type': 'text/csv' },
      reportProgress: true,
      observe: 'events',
    });
  }

  withdraw(id: string, enrolmentId: string): Observable<void> {
    return this.http.post<void>(`${COHORTS_API}/${seg(id)}/enrolments/${seg(enrolmentId)}/withdraw`, null);
  }

  /** Every invitation of the cohort with its state (sent, opened, accepted, expired). */
  invitations(id: string): Observable<CohortInvitationList> {
    return this.http.get<CohortInvitationList>(`${COHORTS_API}/${seg(id)}/invitations`);
  }

  /** A new link for one invitation (e-mailed, or handed back); the previous one stops working. */
  resendInvitation(id: string, invitationId: string): Observable<ResentInvitation> {
    return this.http.post<ResentInvitation>(
      `${COHORTS_API}/${seg(id)}/invitations/${seg(invitationId)}/resend`,
      null,
    );
  }

  /** New links for these invitations (those not accepted yet); the previous ones stop working. */
  resendInvitations(id: string, invitationIds: string[]): Observable<ResentInvitations> {
    return this.http.post<ResentInvitations>(`${COHORTS_API}/${seg(id)}/invitations/resend`, {
      invitationIds,
    } satisfies ResendInvitationsRequest);
  }

  /** Takes back an invitation not accepted yet: its link stops working. */
  withdrawInvitation(id: string, invitationId: string): Observable<void> {
    return this.http.delete<void>(`${COHORTS_API}/${seg(id)}/invitations/${seg(invitationId)}`);
  }

  roster(id: string, query: RosterQuery = {}): Observable<Roster> {
    return this.http.get<Roster>(`${COHORTS_API}/${seg(id)}/roster`, { params: rosterParams(query) });
  }

  /**
   * The roster as a CSV file in `lang`, fetched with the session's token (a plain link would not carry
   * it), with the name the server gives it (the cohort and the day).
   */
  rosterCsv(id: string, query: RosterQuery, lang: Locale): Observable<{ blob: Blob; filename: string }> {
    return this.http
      .get(`${COHORTS_API}/${seg(id)}/roster`, {
        params: rosterParams(query).set('format', 'csv').set('lang', lang),
        responseType: 'blob',
        observe: 'response',
      })
      .pipe(
        map((res: HttpResponse<Blob>) => ({
          blob: res.body ?? new Blob([]),
          filename: filenameOf(res.headers.get('Content-Disposition')) ?? 'roster.csv',
        })),
      );
  }

  /** One coach of the cohort: lessons, quiz attempts, self-assessment. */
  coachRecord(id: string, enrolmentId: string): Observable<CoachRecord> {
    return this.http.get<CoachRecord>(`${COHORTS_API}/${seg(id)}/enrolments/${seg(enrolmentId)}`);
  }

  join(code: string): Observable<MyEnrolment> {
    return this.http.post<MyEnrolment>(`${COHORTS_API}/join`, { code });
  }

  myEnrolments(): Observable<MyEnrolment[]> {
    return this.http.get<MyEnrolment[]>(MY_ENROLMENTS_API);
  }

  /** The invitation an enrolment link stands for, as its signed-in invitee sees it. */
  invitation(token: string): Observable<CohortInvitation> {
    return this.http.get<CohortInvitation>(`${MY_INVITATIONS_API}/${seg(token)}`);
  }

  acceptInvitation(token: string): Observable<MyEnrolment> {
    return this.http.post<MyEnrolment>(`${MY_INVITATIONS_API}/accept`, { token });
  }

  /** A trainer of the cohort (or an admin) revokes a certificate, with a reason. */
  revokeCertificate(code: string, reason: string): Observable<CertificateVerification> {
    return this.http.post<CertificateVerification>(
      `${CERTIFICATES_API}/${seg(code.trim().toUpperCase())}/revoke`,
      { reason },
    );
  }

  /** The same people re-issue one: its name, course and territory as they are now, same code. */
  reissueCertificate(code: string): Observable<CertificateVerification> {
    return this.http.post<CertificateVerification>(
      `${CERTIFICATES_API}/${seg(code.trim().toUpperCase())}/reissue`,
      {},
    );
  }
}
