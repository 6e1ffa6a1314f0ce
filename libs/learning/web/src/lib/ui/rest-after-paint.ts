import {
  DOCUMENT,
  DestroyRef,
  Injector,
  PendingTasks,
  type Signal,
  afterNextRender,
  effect,
  inject,
  signal,
} from '@angular/core';

/**
 * Whether the lower part of a page may render: false until the page's top (once `ready` is truthy)
 * has been rendered and painted, then true for good. On a phone the top of the course page (its
 * title, progress and "continue") reaches the screen a long task sooner; the rest (the outline and
 * the self-assessment) renders in a task of its own right after, below what is already shown, so
 * nothing on screen moves. Not used by the lesson player: there, laying its text out twice cost
 * more than it saved (a later largest paint and more blocking time in Lighthouse). Angular counts the wait as pending work: the app is stable (and its
 * tests' `whenStable`) only once the rest is rendered. Call it in an injection context.
 */
export function restAfterPaint(ready: () => unknown): Signal<boolean> {
  const rest = signal(false);
  const injector = inject(Injector);
  const pendingTasks = inject(PendingTasks);
  const document = inject(DOCUMENT);
  let pending: (() => void) | null = null;
  const show = () => {
    rest.set(true);
    pending?.();
    pending = null;
  };
  inject(DestroyRef).onDestroy(() => pending?.());
  effect(() => {
    if (pending || rest() || !ready()) return;
    pending = pendingTasks.add();
    afterNextRender(
      () => {
        // A frame, then a task: the top is painted in between. A hidden tab paints nothing and runs
        // no frames: the rest renders at once.
        const view = document.defaultView;
        if (document.visibilityState === 'hidden' || !view?.requestAnimationFrame) setTimeout(show);
        else view.requestAnimationFrame(() => setTimeout(show));
      },
      { injector },
    );
  });
  return rest.asReadonly();
}
