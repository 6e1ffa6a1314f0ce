import { InjectionToken, type Type } from '@angular/core';
import type { Role } from '@tc/shared/contracts';

/**
 * A block another domain shows on the home page (a coach's enrolments…). Identity knows nothing
 * of those domains: the app provides the list, each component loaded lazily when its roles match.
 */
export interface HomeSection {
  /** Who sees it: anyone signed in, or holders of one of these roles. */
  roles: 'any' | readonly Role[];
  load: () => Promise<Type<unknown>>;
}

export const HOME_SECTIONS = new InjectionToken<readonly HomeSection[]>('HOME_SECTIONS', {
  factory: () => [],
});
