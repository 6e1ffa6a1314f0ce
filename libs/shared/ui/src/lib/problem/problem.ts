import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemCode, ProblemDetails } from '@tc/shared/contracts';

/** The code of a status when the answer carries none (a proxy's page, a dropped connection). */
const STATUS_CODES: Readonly<Record<number, ProblemCode>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  429: 'too-many-requests',
  502: 'service-unavailable',
  503: 'service-unavailable',
  504: 'service-unavailable',
};

function codeOf(status: number): ProblemCode {
  return STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'error');
}

/** The RFC 9457 problem carried by an HTTP error, or a minimal one built from the status. */
export function problemOf(error: unknown): ProblemDetails {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = error.error;
    if (body && typeof body === 'object' && 'status' in body && 'title' in body) {
      const problem = body as ProblemDetails;
      return problem.code ? problem : { ...problem, code: codeOf(problem.status) };
    }
    return {
      type: 'about:blank',
      title: error.statusText || 'Error',
      status: error.status,
      code: codeOf(error.status),
    };
  }
  return { type: 'about:blank', title: 'Error', status: 0, code: 'error' };
}
