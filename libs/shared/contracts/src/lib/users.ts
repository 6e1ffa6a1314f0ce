import type { Locale } from './locale';
import type { Role, RoleAssignment } from './roles';

export const ORGANISATION_TYPES = [
  'commune',
  'region_council',
  'province_council',
  'cooperative',
  'cooperative_union',
  'association',
  'public_agency',
  'private_company',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/** What each person edits about themselves. */
export interface Profile {
  displayName: string;
  preferredLanguage: Locale;
  territoryId: string | null;
  organisationType: OrganisationType | null;
  organisationName: string | null;
  /** Self-declared, optional, used only in aggregates. */
  gender: Gender | null;
  birthYear: number | null;
  /** When true, gender and birth year are never used, even in aggregates. */
  demographicsWithheld: boolean;
}

export type UpdateProfileRequest = Partial<Profile>;

/** `GET /api/v1/me`: the signed-in person. */
export interface Me extends Profile {
  id: string;
  email: string;
  roles: RoleAssignment[];
}

export type UserStatus = 'active' | 'invited' | 'disabled';

/** A row of the admin's user list. */
export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  status: UserStatus;
  roles: RoleAssignment[];
  territoryId: string | null;
  organisationName: string | null;
  createdAt: string;
}

export interface UserList {
  items: UserSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ListUsersQuery {
  q?: string;
  role?: Role;
  status?: UserStatus;
  page?: number;
  pageSize?: number;
}

export interface InviteUserRequest {
  email: string;
  displayName: string;
  role: Role;
  territoryId: string;
  preferredLanguage?: Locale;
}

/** A single-use link (invitation or password reset). */
export interface ActionLink {
  /** Present only when no mail server is configured: the admin passes it on. */
  url: string | null;
  expiresAt: string;
  /** Whether the link was sent by e-mail. */
  emailed: boolean;
}

export interface InviteUserResponse {
  user: UserSummary;
  link: ActionLink;
}

export interface AssignRoleRequest {
  role: Role;
  territoryId: string;
}

/**
 * What an admin may say about a change to an account or a role (removing a role, disabling an account):
 * why, for the other admins who read the audit log. Optional.
 */
export interface AdminActionRequest {
  /** At most AUDIT_REASON_MAX characters; kept in the audit entry of the change. */
  reason?: string;
}

/**
 * `PATCH /users/:id/roles/:assignmentId`: a role assignment changed in one step (its role, its territory
 * or both), audited as one `role.changed` entry.
 */
export interface ChangeRoleRequest extends AdminActionRequest {
  role?: Role;
  territoryId?: string;
}

/** `GET /users/:id/roles/:assignmentId/impact`: what removing (or changing) a role would leave behind. */
export interface RoleImpactQuery {
  /** The role and territory the assignment would become (a change); neither: a removal. */
  role?: Role;
  territoryId?: string;
}

export interface RoleImpact {
  /**
   * The person's enrolments still running (not withdrawn, not completed, the cohort not closed) in
   * cohorts that this coach role covers and that no other coach role of theirs (nor the changed one)
   * would cover. 0 for roles other than coach.
   */
  activeEnrolments: number;
}
