import type { Role } from '@tc/shared/contracts';

export interface NavItem {
  path: string;
  /** Translation key of the link text. */
  labelKey: string;
  /** Who sees it: anyone signed in, or holders of one of these roles. */
  roles: 'any' | readonly Role[];
  /** Match the path exactly (the home page). */
  exact: boolean;
}

export const TERRITORIES_ROLES: readonly Role[] = ['trainer', 'observer', 'admin'];
export const USERS_ROLES: readonly Role[] = ['admin'];
export const COURSES_ROLES: readonly Role[] = ['trainer', 'admin'];
export const COHORTS_ROLES: readonly Role[] = ['trainer', 'admin'];
/** Coaches join cohorts with a code (the page is open to anyone signed in). */
export const JOIN_ROLES: readonly Role[] = ['coach'];
/** Coaches follow their courses. */
export const LEARN_ROLES: readonly Role[] = ['coach'];
/** The Observatory of Human Capital's dashboard (aggregates, scoped to the caller's territories). */
export const OBSERVATORY_ROLES: readonly Role[] = ['observer', 'admin'];
/** Coaches keep a field log of the organisations they accompany; trainers and admins supervise it. */
export const FIELD_ROLES: readonly Role[] = ['coach'];
export const FIELD_SUPERVISION_ROLES: readonly Role[] = ['trainer', 'admin'];

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.home', roles: 'any', exact: true },
  { path: '/profile', labelKey: 'nav.profile', roles: 'any', exact: false },
  { path: '/learn', labelKey: 'nav.learn', roles: LEARN_ROLES, exact: false },
  { path: '/join', labelKey: 'nav.join', roles: JOIN_ROLES, exact: false },
  { path: '/field', labelKey: 'nav.field', roles: FIELD_ROLES, exact: false },
  { path: '/courses', labelKey: 'nav.courses', roles: COURSES_ROLES, exact: false },
  { path: '/cohorts', labelKey: 'nav.cohorts', roles: COHORTS_ROLES, exact: false },
  { path: '/field/coaches', labelKey: 'nav.fieldSupervision', roles: FIELD_SUPERVISION_ROLES, exact: false },
  { path: '/territories', labelKey: 'nav.territories', roles: TERRITORIES_ROLES, exact: false },
  { path: '/observatory', labelKey: 'nav.observatory', roles: OBSERVATORY_ROLES, exact: false },
  { path: '/users', labelKey: 'nav.users', roles: USERS_ROLES, exact: false },
  { path: '/users/erasure-requests', labelKey: 'nav.erasureRequests', roles: USERS_ROLES, exact: false },
  { path: '/help', labelKey: 'nav.help', roles: 'any', exact: false },
  { path: '/privacy', labelKey: 'nav.privacy', roles: 'any', exact: false },
];

/** The main navigation of a signed-in person: the union over all their role assignments. */
export function navigationFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === 'any' || item.roles.some((r) => roles.includes(r)));
}

/**
 * The item to mark as the current page for `url`: the one whose path matches it most closely, so that
 * on `/users/erasure-requests` only "Erasure requests" is marked, not also "Users" (a prefix of it).
 * An exact item matches only its own path; the others their path and what lies under it.
 */
export function activeNavPath(items: readonly NavItem[], url: string): string | null {
  const path = url.split(/[?#]/)[0] ?? '';
  let best: string | null = null;
  for (const item of items) {
    const matches = item.exact
      ? path === item.path
      : path === item.path || path.startsWith(item.path.endsWith('/') ? item.path : `${item.path}/`);
    if (matches && (best === null || item.path.length > best.length)) best = item.path;
  }
  return best;
}
