import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { HelpInfo, Locale } from '@tc/shared/contracts';
import { type Observable, catchError, forkJoin, map, of } from 'rxjs';
import type { HelpSection } from './help-sections';

export const HELP_API = '/api/v1/help';

/** One language's texts of the parts asked for, and the deployment's settings (null if unreachable). */
export interface HelpTexts {
  texts: Partial<Record<HelpSection, string>>;
  info: HelpInfo | null;
}

/**
 * The help's texts, static files of the app (`/help/<lang>/<part>.md`), and what the deployment says
 * (`GET /api/v1/help`). The service worker keeps both once read (ngsw-config.json), so the page
 * opens offline after a first visit.
 */
@Injectable({ providedIn: 'root' })
export class HelpTextsService {
  private readonly http = inject(HttpClient);

  load(lang: Locale, sections: readonly HelpSection[]): Observable<HelpTexts> {
    const texts = sections.map((s) =>
      this.http
        .get(`/help/${lang}/${s}.md`, { responseType: 'text' })
        .pipe(map((text) => [s, text] as const)),
    );
    // The texts say what to do even without the contact and threshold: those alone may be missing.
    const info = this.http.get<HelpInfo>(HELP_API).pipe(catchError(() => of(null)));
    return forkJoin([forkJoin(texts), info]).pipe(
      map(([pairs, settings]) => ({ texts: Object.fromEntries(pairs), info: settings })),
    );
  }
}
