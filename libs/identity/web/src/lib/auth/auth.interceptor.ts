import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';
import { AUTH_API, AuthService } from './auth.service';

/**
 * For calls to our API: adds `Authorization: Bearer <token>` and sends cookies. On a 401 from any
 * call but the auth endpoints, refreshes the session once and retries the call once; if the
 * refresh fails, the session is over.
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

  if (req.url.startsWith(`${AUTH_API}/`)) return next(withToken(req));

  return next(withToken(req)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      return auth.refresh().pipe(
        catchError(() => {
          auth.sessionExpired();
          return throwError(() => error);
        }),
        // The retry is not caught again: a second 401 goes to the caller, no loop.
        switchMap(() => next(withToken(req))),
      );
    }),
  );
};
