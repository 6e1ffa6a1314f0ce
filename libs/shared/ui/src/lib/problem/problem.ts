import { HttpErrorResponse } from '@angular/common/http';
import type { FieldError, ProblemDetails } from '@tc/shared/contracts';

/** The RFC 9457 problem carried by an HTTP error, or a minimal one built from the status. */
export function problemOf(error: unknown): ProblemDetails {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = error.error;
    if (body && typeof body === 'object' && 'status' in body && 'title' in body) {
      return body as ProblemDetails;
    }
    return { type: 'about:blank', title: error.statusText || 'Error', status: error.status };
  }
  return { type: 'about:blank', title: 'Error', status: 0 };
}

/** The message the server gave for one field, if any. */
export function fieldError(problem: ProblemDetails | null, field: string): string | null {
  return problem?.errors?.find((e: FieldError) => e.field === field)?.message ?? null;
}

/** Errors not tied to one of the given form fields (shown above the form). */
export function otherErrors(problem: ProblemDetails | null, fields: readonly string[]): FieldError[] {
  return (problem?.errors ?? []).filter((e) => !fields.includes(e.field));
}
