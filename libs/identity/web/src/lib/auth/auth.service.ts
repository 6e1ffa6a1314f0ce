import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type {
  AcceptLinkRequest,
  ActionLinkInfo,
  Me,
  PasswordResetRequest,
  Role,
  Session,
  SignInRequest,
} from '@tc/shared/contracts';
import { LanguageService } from '@tc/shared/ui';
import { type Observable, finalize, shareReplay, tap } from 'rxjs';

export const AUTH_API = '/api/v1/auth';

/**
 * The signed-in session. The access token lives only in memory (this signal); the refresh token is
 * an httpOnly cookie the browser sends to `/api/v1/auth/refresh`.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly language = inject(LanguageService);

  private readonly session = signal<Session | null>(null);
  private refreshInFlight: Observable<Session> | null = null;
  private restored: Promise<void> = Promise.resolve();

  readonly accessToken = computed(() => this.session()?.accessToken ?? null);
  readonly me = computed<Me | null>(() => this.session()?.me ?? null);
  readonly signedIn = computed(() => this.session() !== null);
  /** The person's roles, each once, whatever territory they are scoped to. */
  readonly roles = computed<Role[]>(() => [...new Set((this.me()?.roles ?? []).map((a) => a.role))]);

  hasRole(...roles: Role[]): boolean {
    const mine = this.roles();
    return roles.some((r) => mine.includes(r));
  }

  /** On app start: try the refresh cookie; being signed out is not an error. */
  restore(): Promise<void> {
    this.restored = new Promise<void>((resolve) => {
      this.refresh().subscribe({ next: () => resolve(), error: () => resolve() });
    });
    return this.restored;
  }

  /** Resolves once the start-up session restore has finished (guards wait for it). */
  whenRestored(): Promise<void> {
    return this.restored;
  }

  signIn(request: SignInRequest): Observable<Session> {
    return this.http
      .post<Session>(`${AUTH_API}/sign-in`, request, { withCredentials: true })
      .pipe(tap((s) => this.start(s)));
  }

  /** One refresh at a time: concurrent callers share the same request. */
  refresh(): Observable<Session> {
    if (!this.refreshInFlight) {
      this.refreshInFlight = this.http
        .post<Session>(`${AUTH_API}/refresh`, null, { withCredentials: true })
        .pipe(
          tap((s) => this.start(s)),
          finalize(() => (this.refreshInFlight = null)),
          shareReplay({ bufferSize: 1, refCount: false }),
        );
    }
    return this.refreshInFlight;
  }

  signOut(): Observable<void> {
    return this.http.post<void>(`${AUTH_API}/sign-out`, null, { withCredentials: true }).pipe(
      finalize(() => {
        this.session.set(null);
        void this.router.navigateByUrl('/sign-in');
      }),
    );
  }

  /** The refresh failed after a 401: the session is over, go and sign in again. */
  sessionExpired(): void {
    const hadSession = this.session() !== null;
    this.session.set(null);
    if (hadSession) void this.router.navigate(['/sign-in'], { queryParams: { returnUrl: this.router.url } });
  }

  linkInfo(token: string): Observable<ActionLinkInfo> {
    return this.http.get<ActionLinkInfo>(`${AUTH_API}/links/${encodeURIComponent(token)}`);
  }

  acceptLink(request: AcceptLinkRequest): Observable<Session> {
    return this.http
      .post<Session>(`${AUTH_API}/links/accept`, request, { withCredentials: true })
      .pipe(tap((s) => this.start(s)));
  }

  requestPasswordReset(request: PasswordResetRequest): Observable<void> {
    return this.http.post<void>(`${AUTH_API}/password-reset`, request);
  }

  /** After the profile changed on the server. */
  updateMe(me: Me): void {
    this.session.update((s) => (s ? { ...s, me } : s));
  }

  private start(session: Session): void {
    const wasSignedIn = this.session()?.me.id === session.me.id;
    this.session.set(session);
    if (!wasSignedIn) this.language.use(session.me.preferredLanguage);
  }
}
