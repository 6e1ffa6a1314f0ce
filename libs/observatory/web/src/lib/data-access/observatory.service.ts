import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Locale,
  CompetenceReport,
  CompletionReport,
  ExportFormat,
  ObservatoryFilters,
  ObservatoryGroupBy,
  ObservatoryScope,
  PracticeReport,
} from '@tc/shared/contracts';
import { type Observable, map } from 'rxjs';

const API = '/api/v1/observatory';

export type ObservatoryTable = 'completion' | 'competences' | 'practice';

/** The filters of a report; the competences have no grouping. */
export type ReportFilters = Omit<ObservatoryFilters, 'groupBy'> & { groupBy?: ObservatoryGroupBy };

/** A file the server sent, with the name it suggested. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The query parameters of a report: empty filters are left out. */
export function reportParams(filters: ReportFilters): HttpParams {
  let params = new HttpParams().set('territoryId', filters.territoryId);
  if (filters.groupBy) params = params.set('groupBy', filters.groupBy);
  if (filters.from) params = params.set('from', filters.from);
  if (filters.to) params = params.set('to', filters.to);
  if (filters.courseId) params = params.set('courseId', filters.courseId);
  return params;
}

/**
 * The file name of a `Content-Disposition` header: the RFC 5987 `filename*` (UTF-8) when there is
 * one, else the plain `filename`; `null` when there is neither.
 */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
  const name = (plain?.[2] ?? plain?.[1])?.trim();
  return name || null;
}

/** The observatory's API: aggregates only, scoped by the server to the caller's territories. */
@Injectable({ providedIn: 'root' })
export class ObservatoryService {
  private readonly http = inject(HttpClient);

  scope(): Observable<ObservatoryScope> {
    return this.http.get<ObservatoryScope>(`${API}/scope`);
  }

  /** A page of the table (`limit` rows from `offset`). */
  completion(
    filters: ObservatoryFilters,
    page: { offset: number; limit: number },
  ): Observable<CompletionReport> {
    const params = reportParams(filters).set('offset', page.offset).set('limit', page.limit);
    return this.http.get<CompletionReport>(`${API}/completion`, { params });
  }

  competences(filters: Omit<ObservatoryFilters, 'groupBy'>): Observable<CompetenceReport> {
    return this.http.get<CompetenceReport>(`${API}/competences`, {
      params: reportParams({ ...filters, groupBy: undefined }),
    });
  }

  /** Field practice in a territory within the months and for the course asked, with a page of its cohorts. */
  practice(
    filters: Omit<ObservatoryFilters, 'groupBy'>,
    page: { offset: number; limit: number },
  ): Observable<PracticeReport> {
    const params = reportParams({ ...filters, groupBy: undefined })
      .set('offset', page.offset)
      .set('limit', page.limit);
    return this.http.get<PracticeReport>(`${API}/practice`, { params });
  }

  /**
   * The same table as a CSV or XLSX file. Fetched through HttpClient (the access token is a bearer
   * token held in memory, not a cookie the browser would send with a plain link).
   */
  download(
    table: ObservatoryTable,
    filters: ReportFilters,
    format: ExportFormat,
    lang: Locale,
  ): Observable<DownloadedFile> {
    const base: ReportFilters = table === 'completion' ? filters : { ...filters, groupBy: undefined };
    return this.http
      .get(`${API}/${table}`, {
        // The file's headings and names in the interface's language.
        params: reportParams(base).set('format', format).set('lang', lang),
        responseType: 'blob',
        observe: 'response',
      })
      .pipe(
        map((res: HttpResponse<Blob>) => ({
          blob: res.body ?? new Blob([]),
          filename:
            filenameOf(res.headers.get('Content-Disposition')) ??
            `observatory-${table === 'completion' ? (filters.groupBy ?? 'territory') : table}.${format}`,
        })),
      );
  }
}
