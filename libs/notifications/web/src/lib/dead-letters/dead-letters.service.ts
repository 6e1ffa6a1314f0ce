import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  DeadLetterPage,
  DeadLetterQuery,
  RetriedDeadLetter,
  RetryDeadLetterRequest,
} from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

const API = '/api/v1/admin/jobs/dead-letters';

/** The platform admin's read of the job queue's dead letters, and the retry of one. */
@Injectable({ providedIn: 'root' })
export class DeadLettersService {
  private readonly http = inject(HttpClient);

  list(query: DeadLetterQuery): Observable<DeadLetterPage> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    return this.http.get<DeadLetterPage>(API, { params });
  }

  retry(id: string, body: RetryDeadLetterRequest = {}): Observable<RetriedDeadLetter> {
    return this.http.post<RetriedDeadLetter>(`${API}/${encodeURIComponent(id)}/retry`, body);
  }
}
