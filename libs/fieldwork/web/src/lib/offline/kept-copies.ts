import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { AuthService } from '@tc/identity/web';
import { type Observable, firstValueFrom } from 'rxjs';
import { FIELD_STORE } from './field-store';

/** A failure that says the server could not be reached (offline, timeout, server trouble). */
export function isUnreachable(error: unknown): boolean {
  return !(error instanceof HttpErrorResponse) || error.status === 0 || error.status >= 500;
}

/** What a page shows: fresh from the server (`savedAt` null), or the copy kept at `savedAt`. */
export interface Loaded<T> {
  value: T;
  savedAt: string | null;
}

export type KeptCopies = <T>(key: string, request: Observable<T>) => Promise<Loaded<T>>;

/**
 * Loads through the server and keeps what it answers on the device for the signed-in person; when
 * the server cannot be reached, answers the copy kept last time (or fails as the request did when
 * there is none). Call it in an injection context.
 */
export function injectKeptCopies(): KeptCopies {
  const store = inject(FIELD_STORE);
  const auth = inject(AuthService);
  return async <T>(key: string, request: Observable<T>): Promise<Loaded<T>> => {
    const user = auth.me()?.id ?? null;
    try {
      const value = await firstValueFrom(request);
      if (user) void store.keep(user, key, value).catch(() => undefined);
      return { value, savedAt: null };
    } catch (error: unknown) {
      const kept = user && isUnreachable(error) ? await store.read<T>(user, key).catch(() => null) : null;
      if (!kept) throw error;
      return kept;
    }
  };
}
