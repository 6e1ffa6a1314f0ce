import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Locale, Me, UpdateProfileRequest } from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { type Observable, tap } from 'rxjs';
import { AuthService } from '../auth/auth.service';

const PROFILE_FIELDS: readonly (keyof UpdateProfileRequest)[] = [
  'displayName',
  'preferredLanguage',
  'territoryId',
  'organisationType',
  'organisationName',
  'gender',
  'birthYear',
  'demographicsWithheld',
];

/** The signed-in person's own profile (`/api/v1/me`). */
@Injectable({ providedIn: 'root' })
export class MeService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly language = inject(LanguageService);

  load(): Observable<Me> {
    return this.http.get<Me>('/api/v1/me').pipe(tap((me) => this.auth.updateMe(me)));
  }

  /** Sends only the profile fields (the server rejects unknown ones). */
  update(changes: UpdateProfileRequest): Observable<Me> {
    const body: Record<string, unknown> = {};
    for (const field of PROFILE_FIELDS) {
      if (changes[field] !== undefined) body[field] = changes[field];
    }
    return this.http.patch<Me>('/api/v1/me', body).pipe(tap((me) => this.auth.updateMe(me)));
  }

  /** The language switch: applies at once; remembered on the profile when signed in. */
  changeLanguage(lang: Locale): void {
    this.language.use(lang);
    if (this.auth.signedIn() && this.auth.me()?.preferredLanguage !== lang) {
      this.update({ preferredLanguage: lang }).subscribe({ error: () => undefined });
    }
  }
}
