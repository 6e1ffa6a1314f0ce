import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditExportQuery, AuditPage, AuditQuery } from '@tc/shared/contracts';
import { type Observable, map } from 'rxjs';

function paramsOf(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

/** The admin's read of the audit log, on screen and as a file. */
@Injectable({ providedIn: 'root' })
export class AuditService {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery): Observable<AuditPage> {
    return this.http.get<AuditPage>('/api/v1/audit', { params: paramsOf(query) });
  }

  /** The entries the filters select as a CSV or XLSX file, named as the server names it. */
  export(query: AuditExportQuery): Observable<{ blob: Blob; filename: string }> {
    return this.http
      .get('/api/v1/audit/export', { params: paramsOf(query), responseType: 'blob', observe: 'response' })
      .pipe(
        map((res) => ({
          blob: res.body ?? new Blob(),
          filename:
            /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ??
            `audit.${query.format}`,
        })),
      );
  }
}
