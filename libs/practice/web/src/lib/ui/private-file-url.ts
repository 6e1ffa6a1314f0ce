import { DestroyRef, type Signal, effect, inject, signal, untracked } from '@angular/core';
import { type Observable, firstValueFrom } from 'rxjs';

/** A private file shown from memory: its object URL once fetched, whether the fetch failed, a retry. */
export interface PrivateFileUrl {
  url: Signal<string | null>;
  failed: Signal<boolean>;
  load(): Promise<void>;
}

/**
 * The object URL of a private file fetched with the reader's credentials (evidence, a voice comment;
 * an `<img>` or `<audio>` cannot send the token itself). Fetched again when `id` changes, a late answer
 * for an earlier id dropped; the URL revoked when replaced and when the component goes. Call in an
 * injection context (a component's field or constructor).
 */
export function privateFileUrl(id: () => string, fetch: (id: string) => Observable<Blob>): PrivateFileUrl {
  const url = signal<string | null>(null);
  const failed = signal(false);
  const release = () => {
    const current = untracked(url);
    if (current) URL.revokeObjectURL(current);
    url.set(null);
  };
  const load = async () => {
    release();
    failed.set(false);
    const wanted = untracked(id);
    try {
      const blob = await firstValueFrom(fetch(wanted));
      if (untracked(id) !== wanted) return;
      url.set(URL.createObjectURL(blob));
    } catch {
      if (untracked(id) === wanted) failed.set(true);
    }
  };
  effect(() => {
    id();
    untracked(() => void load());
  });
  inject(DestroyRef).onDestroy(release);
  return { url: url.asReadonly(), failed: failed.asReadonly(), load };
}
