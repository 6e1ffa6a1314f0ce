import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  Announcement,
  AnnouncementPage,
  AnnouncementsQuery,
  CoachAnnouncements,
  CreateAnnouncementRequest,
  UpdateAnnouncementRequest,
} from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

const API = '/api/v1';
const seg = encodeURIComponent;

/** The announcements API: a cohort's list, one announcement, writing, pinning, reading. */
@Injectable({ providedIn: 'root' })
export class AnnouncementsService {
  private readonly http = inject(HttpClient);

  private base(cohortId: string): string {
    return `${API}/cohorts/${seg(cohortId)}/announcements`;
  }

  page(cohortId: string, query: AnnouncementsQuery = {}): Observable<AnnouncementPage> {
    let params = new HttpParams();
    if (query.cursor) params = params.set('cursor', query.cursor);
    if (query.limit) params = params.set('limit', query.limit);
    return this.http.get<AnnouncementPage>(this.base(cohortId), { params });
  }

  get(cohortId: string, id: string): Observable<Announcement> {
    return this.http.get<Announcement>(`${this.base(cohortId)}/${seg(id)}`);
  }

  create(cohortId: string, request: CreateAnnouncementRequest): Observable<Announcement> {
    return this.http.post<Announcement>(this.base(cohortId), request);
  }

  update(cohortId: string, id: string, request: UpdateAnnouncementRequest): Observable<Announcement> {
    return this.http.patch<Announcement>(`${this.base(cohortId)}/${seg(id)}`, request);
  }

  remove(cohortId: string, id: string): Observable<void> {
    return this.http.delete<void>(`${this.base(cohortId)}/${seg(id)}`);
  }

  pin(cohortId: string, id: string, pinned: boolean): Observable<Announcement> {
    const url = `${this.base(cohortId)}/${seg(id)}/pin`;
    return pinned ? this.http.put<Announcement>(url, null) : this.http.delete<Announcement>(url);
  }

  /** Marks it read by the signed-in coach (idempotent). */
  read(cohortId: string, id: string): Observable<void> {
    return this.http.put<void>(`${this.base(cohortId)}/${seg(id)}/read`, null);
  }

  /** The coach's cohorts with something unread, for the home page. */
  unread(): Observable<CoachAnnouncements> {
    return this.http.get<CoachAnnouncements>(`${API}/announcements/unread`);
  }
}
