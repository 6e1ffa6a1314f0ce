import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import type {
  MarkAllReadRequest,
  Notification,
  NotificationPage,
  NotificationsMarkedRead,
  UnreadNotificationCount,
} from '@tc/shared/contracts';
import { type Observable, tap } from 'rxjs';

const API = '/api/v1/me/notifications';

/**
 * The person's own notifications, and their unread count, which the bell shows and the page keeps
 * up to date when it marks some read.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly http = inject(HttpClient);
  private readonly unreadCount = signal<number | null>(null);
  /** Null until first asked (and after a sign-out). */
  readonly unread = this.unreadCount.asReadonly();

  /** Asks the server for the unread count; a failure leaves the last one shown. */
  refreshUnread(): void {
    this.http.get<UnreadNotificationCount>(`${API}/unread-count`).subscribe({
      next: (r) => this.unreadCount.set(r.unread),
      error: () => undefined,
    });
  }

  /** Forgets the count (a sign-out: the next person's is not the previous one's). */
  forget(): void {
    this.unreadCount.set(null);
  }

  page(cursor: string | null, unreadOnly = false): Observable<NotificationPage> {
    let params = new HttpParams().set('limit', 20);
    if (cursor) params = params.set('cursor', cursor);
    if (unreadOnly) params = params.set('unread', 'true');
    return this.http.get<NotificationPage>(API, { params });
  }

  markRead(id: string): Observable<Notification> {
    return this.http
      .post<Notification>(`${API}/${encodeURIComponent(id)}/read`, {})
      .pipe(tap(() => this.refreshUnread()));
  }

  /** Marks read `throughId` (the newest shown) and every older one; the count is asked again after. */
  markAllRead(throughId: string): Observable<NotificationsMarkedRead> {
    const body: MarkAllReadRequest = { throughId };
    return this.http
      .post<NotificationsMarkedRead>(`${API}/read-all`, body)
      .pipe(tap(() => this.refreshUnread()));
  }
}
