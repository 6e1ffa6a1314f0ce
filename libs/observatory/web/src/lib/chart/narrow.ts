import { DOCUMENT, DestroyRef, type Signal, inject, signal } from '@angular/core';
import { NARROW_QUERY } from './chart-options';

/**
 * Whether the page is as narrow as a phone (`NARROW_QUERY`), following the window as it is resized
 * or turned; `false` where there is no window to ask (server, tests without `matchMedia`).
 */
export function injectNarrow(): Signal<boolean> {
  const query = inject(DOCUMENT).defaultView?.matchMedia?.(NARROW_QUERY);
  const narrow = signal(query?.matches ?? false);
  if (query) {
    const changed = (e: MediaQueryListEvent) => narrow.set(e.matches);
    query.addEventListener('change', changed);
    inject(DestroyRef).onDestroy(() => query.removeEventListener('change', changed));
  }
  return narrow.asReadonly();
}
