import { type HttpContext, HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateThreadPostRequest,
  CreateThreadRequest,
  HideThreadPostRequest,
  LockThreadRequest,
  MyEnrolment,
  ReportThreadPostRequest,
  ThreadDetail,
  ThreadPage,
  ThreadPost,
  ThreadsQuery,
  UpdateThreadPostRequest,
} from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

const API = '/api/v1';
const seg = encodeURIComponent;

/** What a send from the outbox adds: whose post it is (sent only with its author's session). */
export interface SendOptions {
  context?: HttpContext;
}

/** The questions and discussions API of a cohort: its threads, their posts, moderation. */
@Injectable({ providedIn: 'root' })
export class ThreadsService {
  private readonly http = inject(HttpClient);

  private base(cohortId: string): string {
    return `${API}/cohorts/${seg(cohortId)}/threads`;
  }

  private post(cohortId: string, threadId: string, postId: string): string {
    return `${this.base(cohortId)}/${seg(threadId)}/posts/${seg(postId)}`;
  }

  page(cohortId: string, query: ThreadsQuery = {}, context?: HttpContext): Observable<ThreadPage> {
    let params = new HttpParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params = params.set(k, v);
    return this.http.get<ThreadPage>(this.base(cohortId), { params, context });
  }

  get(cohortId: string, threadId: string, context?: HttpContext): Observable<ThreadDetail> {
    return this.http.get<ThreadDetail>(`${this.base(cohortId)}/${seg(threadId)}`, { context });
  }

  create(
    cohortId: string,
    request: CreateThreadRequest,
    options: SendOptions = {},
  ): Observable<ThreadDetail> {
    return this.http.post<ThreadDetail>(this.base(cohortId), request, options);
  }

  reply(
    cohortId: string,
    threadId: string,
    request: CreateThreadPostRequest,
    options: SendOptions = {},
  ): Observable<ThreadPost> {
    return this.http.post<ThreadPost>(`${this.base(cohortId)}/${seg(threadId)}/posts`, request, options);
  }

  edit(
    cohortId: string,
    threadId: string,
    postId: string,
    request: UpdateThreadPostRequest,
  ): Observable<ThreadPost> {
    return this.http.patch<ThreadPost>(this.post(cohortId, threadId, postId), request);
  }

  remove(cohortId: string, threadId: string, postId: string): Observable<void> {
    return this.http.delete<void>(this.post(cohortId, threadId, postId));
  }

  report(
    cohortId: string,
    threadId: string,
    postId: string,
    request: ReportThreadPostRequest,
  ): Observable<void> {
    return this.http.post<void>(`${this.post(cohortId, threadId, postId)}/reports`, request);
  }

  /** A trainer marks (or unmarks) the reply that settles the question. */
  markAnswer(cohortId: string, threadId: string, postId: string, answer: boolean): Observable<unknown> {
    const url = `${this.post(cohortId, threadId, postId)}/answer`;
    return answer ? this.http.put(url, {}) : this.http.delete(url);
  }

  hide(
    cohortId: string,
    threadId: string,
    postId: string,
    request: HideThreadPostRequest,
  ): Observable<unknown> {
    return this.http.put(`${this.post(cohortId, threadId, postId)}/hidden`, request);
  }

  unhide(cohortId: string, threadId: string, postId: string): Observable<unknown> {
    return this.http.delete(`${this.post(cohortId, threadId, postId)}/hidden`);
  }

  lock(cohortId: string, threadId: string, request: LockThreadRequest): Observable<unknown> {
    return this.http.put(`${this.base(cohortId)}/${seg(threadId)}/lock`, request);
  }

  unlock(cohortId: string, threadId: string): Observable<unknown> {
    return this.http.delete(`${this.base(cohortId)}/${seg(threadId)}/lock`);
  }

  /** The coach's enrolments: which cohort a lesson's enrolment belongs to. */
  myEnrolments(): Observable<MyEnrolment[]> {
    return this.http.get<MyEnrolment[]>(`${API}/me/enrolments`);
  }
}
