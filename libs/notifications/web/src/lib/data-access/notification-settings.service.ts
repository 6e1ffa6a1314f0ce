import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { NotificationSettings, NotificationSettingsUpdate } from '@tc/shared/contracts';
import type { Observable } from 'rxjs';

const API = '/api/v1/me/notification-settings';

/** The signed-in person's notification settings. */
@Injectable({ providedIn: 'root' })
export class NotificationSettingsService {
  private readonly http = inject(HttpClient);

  get(): Observable<NotificationSettings> {
    return this.http.get<NotificationSettings>(API);
  }

  save(settings: NotificationSettingsUpdate): Observable<NotificationSettings> {
    return this.http.put<NotificationSettings>(API, settings);
  }
}
