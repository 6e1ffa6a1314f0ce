import { HttpClient, type HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AssessmentPhase,
  CertificateVerification,
  CredentialVerification,
  LearnerCourse,
  Locale,
  MyCertificate,
  MyEnrolment,
  ProgressBatch,
  ProgressResult,
  QuizAnswers,
  QuizAttemptResult,
  SelfAssessment,
} from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

const API = '/api/v1';
const seg = encodeURIComponent;

/** The coach's learning API: enrolments, the course as followed, progress, quizzes, certificates. */
@Injectable({ providedIn: 'root' })
export class LearningService {
  private readonly http = inject(HttpClient);

  myEnrolments(): Observable<MyEnrolment[]> {
    return this.http.get<MyEnrolment[]>(`${API}/me/enrolments`);
  }

  /** The course of one enrolment, its texts in `locale` where the course has them. */
  course(enrolmentId: string, locale: Locale): Observable<LearnerCourse> {
    return this.http.get<LearnerCourse>(`${API}/enrolments/${seg(enrolmentId)}`, {
      params: new HttpParams().set('locale', locale),
    });
  }

  /** `context`: e.g. the person the batch belongs to (the outbox's `FOR_USER`). */
  sendProgress(batch: ProgressBatch, context?: HttpContext): Observable<ProgressResult> {
    return this.http.post<ProgressResult>(`${API}/progress/events`, batch, { context });
  }

  attempt(
    enrolmentId: string,
    lessonKey: string,
    attemptId: string,
    answers: QuizAnswers,
    locale: Locale,
    answeredAt = new Date().toISOString(),
    context?: HttpContext,
  ): Observable<QuizAttemptResult> {
    return this.http.post<QuizAttemptResult>(
      `${API}/enrolments/${seg(enrolmentId)}/quizzes/${seg(lessonKey)}/attempts`,
      { attemptId, answers, answeredAt },
      { params: new HttpParams().set('locale', locale), context },
    );
  }

  /** 404 before the course is completed. */
  certificate(enrolmentId: string): Observable<MyCertificate> {
    return this.http.get<MyCertificate>(`${API}/enrolments/${seg(enrolmentId)}/certificate`);
  }

  /** The PDF behind the bearer token, as a blob to save. */
  certificatePdf(pdfUrl: string, locale: Locale): Observable<Blob> {
    const url = new URL(pdfUrl, 'http://x');
    url.searchParams.set('locale', locale);
    return this.http.get(`${url.pathname}${url.search}`, { responseType: 'blob' });
  }

  /** One of the certificate's credential files (JSON, baked PNG or SVG) behind the bearer token, as a blob. */
  credentialFile(url: string): Observable<Blob> {
    const { pathname, search } = new URL(url, 'http://x');
    return this.http.get(`${pathname}${search}`, { responseType: 'blob' });
  }

  /** Public: checks an Open Badges 3.0 credential as a third party would (signature, issuer, status, dates). */
  verifyCredential(credential: Record<string, unknown>): Observable<CredentialVerification> {
    return this.http.post<CredentialVerification>(`${API}/credentials/verify`, { credential });
  }

  /** Public: anyone can check a certificate by its code. */
  verify(code: string): Observable<CertificateVerification> {
    return this.http.get<CertificateVerification>(`${API}/certificates/${seg(code)}`);
  }

  selfAssessment(enrolmentId: string): Observable<SelfAssessment> {
    return this.http.get<SelfAssessment>(`${API}/enrolments/${seg(enrolmentId)}/self-assessment`);
  }

  /** An empty `ratings` object records the phase as skipped. */
  rate(
    enrolmentId: string,
    phase: AssessmentPhase,
    ratings: Record<string, number>,
  ): Observable<SelfAssessment> {
    return this.http.put<SelfAssessment>(`${API}/enrolments/${seg(enrolmentId)}/self-assessment/${phase}`, {
      ratings,
    });
  }
}
