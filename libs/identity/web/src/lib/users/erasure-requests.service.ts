import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AdminErasureRequestList, ErasureResult, ListErasureRequestsQuery } from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

/** The admin's side of erasure: who asked to be erased, and carrying it out (the privacy domain's API). */
@Injectable({ providedIn: 'root' })
export class ErasureRequestsService {
  private readonly http = inject(HttpClient);

  list(query: ListErasureRequestsQuery): Observable<AdminErasureRequestList> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<AdminErasureRequestList>('/api/v1/admin/erasure-requests', { params });
  }

  /** Irreversible: the person's data is removed or anonymised. */
  erase(userId: string): Observable<ErasureResult> {
    return this.http.post<ErasureResult>(`/api/v1/admin/users/${encodeURIComponent(userId)}/erase`, null);
  }
}
