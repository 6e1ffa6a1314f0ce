import type { LocalizedName } from './locale';

/** What a person may do; every assignment is scoped to a territory and covers its subtree. */
export const ROLES = ['admin', 'trainer', 'coach', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleAssignment {
  id: string;
  role: Role;
  territoryId: string;
  /** Name of the territory the role is scoped to, for display. */
  territoryName: LocalizedName;
}
