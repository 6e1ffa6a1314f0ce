import { HttpErrorResponse, type HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { AUTH_API } from '@tc/identity/web';
import { from, map } from 'rxjs';

/** The answer of the refresh that `session-start.js` sent while the scripts downloaded. */
export interface EarlyRefresh {
  status: number;
  statusText: string;
  body: string;
}

declare global {
  interface Window {
    tcEarlyRefresh?: Promise<EarlyRefresh>;
    /** GETs `session-start.js` sent early, by address with its query (a deep link's course). */
    tcEarlyReads?: Record<string, Promise<EarlyRefresh>>;
  }
}

/** Takes the early refresh, once: later refreshes (a new cookie) go to the server. */
export function claimEarlyRefresh(): Promise<EarlyRefresh> | null {
  if (typeof window === 'undefined') return null;
  const early = window.tcEarlyRefresh ?? null;
  delete window.tcEarlyRefresh;
  return early;
}

/** Takes an early read of this address, once. */
export function claimEarlyRead(urlWithParams: string): Promise<EarlyRefresh> | null {
  if (typeof window === 'undefined') return null;
  const early = window.tcEarlyReads?.[urlWithParams] ?? null;
  if (early) delete window.tcEarlyReads?.[urlWithParams];
  return early;
}

function parse(body: string): unknown {
  try {
    return body ? JSON.parse(body) : null;
  } catch {
    return body;
  }
}

/**
 * The innermost interceptor: the app's first `POST /api/v1/auth/refresh` is answered by the
 * request `session-start.js` already sent with the same cookie, as an HttpResponse or
 * HttpErrorResponse like the XHR backend's, so the interceptors around it (the offline session,
 * the auth interceptor) treat it as they treat any refresh. Sending a second refresh instead would
 * present the same single-use token twice, which ends the session family. Likewise a GET of an
 * address `session-start.js` already read (a deep link's course) takes that answer, once.
 */
export const earlyRefreshInterceptor: HttpInterceptorFn = (req, next) => {
  const early =
    req.method === 'POST' && req.url === `${AUTH_API}/refresh`
      ? claimEarlyRefresh()
      : req.method === 'GET'
        ? claimEarlyRead(req.urlWithParams)
        : null;
  if (!early) return next(req);
  return from(early).pipe(
    map(({ status, statusText, body }) => {
      const value = parse(body);
      if (status >= 200 && status < 300) {
        return new HttpResponse<unknown>({ status, statusText, body: value, url: req.url });
      }
      throw new HttpErrorResponse({ status, statusText, error: value, url: req.url });
    }),
  );
};
