import { HttpErrorResponse, type HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { AUTH_API } from '@tc/identity/web';
import { from, map, of, switchMap } from 'rxjs';

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

/** The early answer as the XHR backend would have given it: a response, or the error thrown. */
function toResponse({ status, statusText, body }: EarlyRefresh, url: string): HttpResponse<unknown> {
  const value = parse(body);
  if (status >= 200 && status < 300)
    return new HttpResponse<unknown>({ status, statusText, body: value, url });
  throw new HttpErrorResponse({ status, statusText, error: value, url });
}

/**
 * The innermost interceptor: the app's first `POST /api/v1/auth/refresh` is answered by the
 * request `session-start.js` already sent with the same cookie, as an HttpResponse or
 * HttpErrorResponse like the XHR backend's, so the interceptors around it (the offline session,
 * the auth interceptor) treat it as they treat any refresh. Sending a second refresh instead would
 * present the same single-use token twice, which ends the session family. Likewise a GET of an
 * address `session-start.js` already read (the interface's texts, a deep link's course) takes that
 * answer, once; when that early read never reached the server (status 0), the GET is sent as usual.
 */
export const earlyRefreshInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.method === 'POST' && req.url === `${AUTH_API}/refresh`) {
    const early = claimEarlyRefresh();
    return early ? from(early).pipe(map((answer) => toResponse(answer, req.url))) : next(req);
  }
  const read = req.method === 'GET' ? claimEarlyRead(req.urlWithParams) : null;
  if (!read) return next(req);
  return from(read).pipe(
    switchMap((answer) => (answer.status === 0 ? next(req) : of(toResponse(answer, req.url)))),
  );
};
