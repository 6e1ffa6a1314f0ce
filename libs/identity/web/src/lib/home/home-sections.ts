import { InjectionToken, type Type, signal } from '@angular/core';
import type { Role } from '@tc/shared/contracts';

/**
 * A block another domain shows on the home page (a coach's enrolments…). Identity knows nothing
 * of those domains: the app provides the list, each component loaded lazily when its roles match.
 */
export interface HomeSection {
  /** Who sees it: anyone signed in, or holders of one of these roles. */
  roles: 'any' | readonly Role[];
  /**
   * The role whose explanation this section stands in for: once the person sees what they need
   * now, the text about what the role offers is dropped (shown again if the section fails to load).
   */
  replaces?: Role;
  /**
   * The section draws its content in steps as its data come, and says when it is whole through the
   * `HomeSectionProgress` it is given. The sections after it stay hidden until then (or until
   * `HOME_SECTIONS_PATIENCE` ran out), so that its growth pushes nothing already on screen.
   */
  grows?: true;
  load: () => Promise<Type<unknown>>;
}

/** Given to each home section: `settle()` once its content is whole (only `grows` sections wait on it). */
export class HomeSectionProgress {
  private readonly whole = signal(false);
  readonly settled = this.whole.asReadonly();

  settle(): void {
    this.whole.set(true);
  }
}

/** How long (ms) the sections after a growing one wait for it before showing anyway. */
export const HOME_SECTIONS_PATIENCE = new InjectionToken<number>('HOME_SECTIONS_PATIENCE', {
  factory: () => 5000,
});

export const HOME_SECTIONS = new InjectionToken<readonly HomeSection[]>('HOME_SECTIONS', {
  factory: () => [],
});
