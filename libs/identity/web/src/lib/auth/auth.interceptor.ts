import {
  HttpContextToken,
  HttpErrorResponse,
  type HttpEvent,
  type HttpInterceptorFn,
  type HttpRequest,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { type Observable, catchError, defer, of, switchMap, throwError } from 'rxjs';
import { AUTH_API, AuthService } from './auth.service';

/**
 * A request made for one person only (e.g. progress they queued on this device): it is never sent
 * with another person's session. When someone else is signed in (or nobody), it fails with status
 * 0 before leaving, as if offline, so the sender keeps it and tries again later.
 */
export const FOR_USER = new HttpContextToken<string | null>(() => null);

/** Why a `FOR_USER` request did not leave. */
export const NOT_THIS_USER = 'Not sent: the session belongs to someone else';

/**
 * For calls to our API: adds `Authorization: Bearer <token>` and sends cookies. A signed-in session
 * whose access token is known to have ended (or is empty, after an offline start) is refreshed
 * before the call goes, so the server is not asked with a token it must refuse. On a 401 from any
 * call but the auth endpoints, refreshes the session once and retries the call once; if the
 * refresh is refused, the session is over.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith('/api/')) return next(req);
  const auth = inject(AuthService);
  const withToken = (r: HttpRequest<unknown>): HttpRequest<unknown> => {
    const token = auth.accessToken();
    return r.clone({
      withCredentials: true,
      setHeaders: token ? { Authorization: `Bearer ${token}` } : {},
    });
  };

  // Checked each time the request goes (also the retry after a refresh, which may bring another
  // person's session if they signed in meanwhile).
  const send = (r: HttpRequest<unknown>): Observable<HttpEvent<unknown>> =>
    defer(() => {
      const owner = r.context.get(FOR_USER);
      if (owner !== null && auth.me()?.id !== owner) {
        return throwError(() => new HttpErrorResponse({ status: 0, statusText: NOT_THIS_USER, url: r.url }));
      }
      return next(withToken(r));
    });

  if (req.url.startsWith(`${AUTH_API}/`)) return next(withToken(req));

  const sendOrRenew = (): Observable<HttpEvent<unknown>> =>
    send(req).pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
        return auth.refresh().pipe(
          catchError(() => {
            auth.sessionExpired();
            return throwError(() => error);
          }),
          // The retry is not caught again: a second 401 goes to the caller, no loop.
          switchMap(() => send(req)),
        );
      }),
    );

  if (!auth.accessTokenExpired()) return sendOrRenew();
  // Renewed first when known to have ended. A refused refresh ends the session (and the call fails
  // with its 401); one that cannot reach the server lets the call go and fail as it will, offline.
  return auth.refresh().pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return of(null);
      auth.sessionExpired();
      return throwError(() => error);
    }),
    switchMap(() => sendOrRenew()),
  );
};
