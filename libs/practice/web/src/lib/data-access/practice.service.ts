import { HttpClient, type HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Cohort,
  HandInRequest,
  ReviewQueuePage,
  ReviewQueueQuery,
  ReviewRequest,
  Submission,
  TaskState,
} from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

const API = '/api/v1';
const seg = encodeURIComponent;

/** Where evidence files are uploaded (tus 1.0). */
export const UPLOADS_ENDPOINT = `${API}/practice/uploads`;

/** The practice API: a coach's tasks and hand-ins, the evidence, a cohort's queue and reviews. */
@Injectable({ providedIn: 'root' })
export class PracticeService {
  private readonly http = inject(HttpClient);

  /** One task of one enrolment with every round, newest first (the coach, the cohort's trainers). */
  task(enrolmentId: string, lessonKey: string): Observable<TaskState> {
    return this.http.get<TaskState>(`${API}/enrolments/${seg(enrolmentId)}/tasks/${seg(lessonKey)}`);
  }

  /** `context`: the person the hand-in belongs to (the outbox's `FOR_USER`). */
  handIn(
    enrolmentId: string,
    lessonKey: string,
    request: HandInRequest,
    context?: HttpContext,
  ): Observable<Submission> {
    return this.http.post<Submission>(
      `${API}/enrolments/${seg(enrolmentId)}/tasks/${seg(lessonKey)}/submissions`,
      request,
      { context },
    );
  }

  /** Takes back a hand-in not yet reviewed. */
  withdraw(enrolmentId: string, lessonKey: string, submissionId: string): Observable<Submission> {
    return this.http.delete<Submission>(
      `${API}/enrolments/${seg(enrolmentId)}/tasks/${seg(lessonKey)}/submissions/${seg(submissionId)}`,
    );
  }

  /** An evidence file's bytes (sent with the session's token, shown through an object URL). */
  evidence(id: string): Observable<Blob> {
    return this.http.get(`${API}/practice/evidence/${seg(id)}`, { responseType: 'blob' });
  }

  /** A reviewer's voice comment (private like the round: the same token, an object URL). */
  voiceComment(id: string): Observable<Blob> {
    return this.http.get(`${API}/practice/voice-comments/${seg(id)}`, { responseType: 'blob' });
  }

  /** The cohort's name and modules (for the queue's heading and module filter). */
  cohort(cohortId: string): Observable<Cohort> {
    return this.http.get<Cohort>(`${API}/cohorts/${seg(cohortId)}`);
  }

  queue(cohortId: string, query: ReviewQueueQuery): Observable<ReviewQueuePage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query) as [string, string | number | undefined][]) {
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<ReviewQueuePage>(`${API}/cohorts/${seg(cohortId)}/practice/queue`, { params });
  }

  review(submissionId: string, request: ReviewRequest): Observable<Submission> {
    return this.http.post<Submission>(`${API}/practice/submissions/${seg(submissionId)}/review`, request);
  }
}
