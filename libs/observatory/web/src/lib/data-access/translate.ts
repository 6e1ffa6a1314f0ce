import { type Signal, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import type { Translate } from './labels';

/**
 * Transloco's `translate` as a signal that changes once the active language's translations are
 * loaded, so that computed chart options and labels follow a language switch. Call in an injection
 * context.
 */
export function injectTranslate(): Signal<Translate> {
  const transloco = inject(TranslocoService);
  const translation = toSignal(transloco.selectTranslation(), { initialValue: null });
  return computed<Translate>(() => {
    translation();
    return (key, params) => transloco.translate(key, params);
  });
}
