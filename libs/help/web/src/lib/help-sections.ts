import type { Role } from '@tc/shared/contracts';

/** The parts of the help: one for everyone, one per role. Each is a file per language. */
export const HELP_SECTIONS = ['general', 'coach', 'trainer', 'observer', 'admin'] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number];

/** The roles' sections in the order a person doing several things reads them. */
const ROLE_SECTIONS: readonly (HelpSection & Role)[] = ['coach', 'trainer', 'observer', 'admin'];

export interface HelpOutline {
  /** Shown open, in this order: the reader's own roles first, then the part for everyone. */
  first: HelpSection[];
  /** The other roles' parts, there to be opened. */
  others: HelpSection[];
}

/**
 * What the help shows to whom. A signed-out visitor (`null`) sees the part for everyone; a signed-in
 * person sees their roles' parts first, then the part for everyone, then the other roles' parts.
 */
export function helpOutline(roles: readonly Role[] | null): HelpOutline {
  if (roles === null) return { first: ['general'], others: [] };
  const own = ROLE_SECTIONS.filter((s) => roles.includes(s));
  return { first: [...own, 'general'], others: ROLE_SECTIONS.filter((s) => !own.includes(s)) };
}

/** Whether two outlines show the same parts in the same order. */
export function sameOutline(a: HelpOutline, b: HelpOutline): boolean {
  const key = (o: HelpOutline) => `${o.first.join()}|${o.others.join()}`;
  return key(a) === key(b);
}
