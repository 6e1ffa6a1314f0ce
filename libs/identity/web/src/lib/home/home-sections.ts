import { InjectionToken, type Type } from '@angular/core';
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
  load: () => Promise<Type<unknown>>;
}

export const HOME_SECTIONS = new InjectionToken<readonly HomeSection[]>('HOME_SECTIONS', {
  factory: () => [],
});
