import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Locale, PrivacyInfo } from '@tc/shared/contracts';
import { type Observable, catchError, map, of, switchMap } from 'rxjs';

export const PRIVACY_API = '/api/v1/privacy';

/** The notice in one language, and what the deployment says (null if unreachable). */
export interface PrivacyTexts {
  text: string;
  info: PrivacyInfo | null;
}

/**
 * The privacy notice: the operator's own text when the deployment has one (`GET /api/v1/privacy`),
 * else the app's default, a static file (`/privacy/<lang>.md`). The service worker keeps both once
 * read, as it does the help's.
 */
@Injectable({ providedIn: 'root' })
export class PrivacyNoticeService {
  private readonly http = inject(HttpClient);

  load(lang: Locale): Observable<PrivacyTexts> {
    return this.http.get<PrivacyInfo>(PRIVACY_API, { params: { lang } }).pipe(
      catchError(() => of(null)),
      switchMap((info) =>
        info?.notice
          ? of({ text: info.notice, info })
          : this.http
              .get(`/privacy/${lang}.md`, { responseType: 'text' })
              .pipe(map((text) => ({ text, info }))),
      ),
    );
  }
}
