import { HttpClient, HttpErrorResponse } from '@angular/common/http';
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
import { hasSessionHint, setSessionHint } from './session-hint';

export const AUTH_API = '/api/v1/auth';

/** An access token this close to its end is renewed before a call rather than refused by the server. */
const EXPIRY_MARGIN_MS = 30_000;

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
  /** When the access token ends (ms since the epoch); an offline start's empty token has ended. */
  private expiresAt = 0;
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

  /**
   * On app start: try the refresh cookie; being signed out is not an error. A browser with no sign
   * of a session (session-hint.ts) does not ask: a signed-out visitor's page sends no refresh.
   */
  restore(): Promise<void> {
    if (!hasSessionHint()) {
      this.restored = Promise.resolve();
      return this.restored;
    }
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

  /**
   * True when a signed-in session's access token is missing (an offline start) or about to end: the
   * auth interceptor renews it before sending a call, instead of learning it from a 401.
   */
  accessTokenExpired(now = Date.now()): boolean {
    if (this.session() === null) return false;
    return !this.accessToken() || now >= this.expiresAt - EXPIRY_MARGIN_MS;
  }

  /** One refresh at a time: concurrent callers share the same request; a refused one ends the hint. */
  refresh(): Observable<Session> {
    if (!this.refreshInFlight) {
      this.refreshInFlight = this.http
        .post<Session>(`${AUTH_API}/refresh`, null, { withCredentials: true })
        .pipe(
          tap({
            next: (s) => this.start(s),
            error: (e: unknown) => {
              if (e instanceof HttpErrorResponse && e.status === 401) setSessionHint(false);
            },
          }),
          finalize(() => (this.refreshInFlight = null)),
          shareReplay({ bufferSize: 1, refCount: false }),
        );
    }
    return this.refreshInFlight;
  }

  signOut(): Observable<void> {
    return this.http.post<void>(`${AUTH_API}/sign-out`, null, { withCredentials: true }).pipe(
      finalize(() => {
        setSessionHint(false);
        this.session.set(null);
        void this.router.navigateByUrl('/sign-in');
      }),
    );
  }

  /** The refresh failed after a 401: the session is over, go and sign in again. */
  sessionExpired(): void {
    const hadSession = this.session() !== null;
    setSessionHint(false);
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
    this.expiresAt = Date.now() + session.expiresIn * 1000;
    setSessionHint(true);
    this.session.set(session);
    if (!wasSignedIn) this.language.use(session.me.preferredLanguage);
  }
}
