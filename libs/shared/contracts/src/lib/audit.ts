import type { Locale } from './locale';

/** What the audit log records: changes of rights and content, and data leaving the platform. */
export const AUDIT_ACTIONS = [
  'role.granted',
  'role.revoked',
  'account.disabled',
  'account.enabled',
  'account.locked',
  'account.unlocked',
  'course.published',
  'certificate.revoked',
  'certificate.reissued',
  'cohort.csv-imported',
  'cohort.roster-exported',
  'observatory.exported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_SUBJECT_TYPES = ['user', 'course', 'certificate', 'cohort', 'territory'] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

/** One line of the append-only audit log. `details` holds ids and facts, never secrets or personal data. */
export interface AuditEntry {
  /** Increasing with time of writing. */
  id: string;
  /**
   * Who did it; null when the platform did (a sign-in lockout).
   * @format uuid
   */
  actorId: string | null;
  /** The actor's display name when the reader may see it (not stored in the log). */
  actorName: string | null;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string;
  /**
   * What the subject is called now, in the language asked for (a person's name, a course's title
   * — in the course's default language when it has none in that one —, a cohort's or a territory's
   * name); null for a certificate (its id is its code) and for a subject since deleted.
   */
  subjectLabel: string | null;
  /** @format uuid */
  territoryId: string | null;
  /** Ids and facts of the change (no secrets, no personal data beyond ids). */
  details: Record<string, unknown>;
  /** @format date-time */
  occurredAt: string;
}

export interface AuditPage {
  /** Newest first. */
  items: AuditEntry[];
  /** Pass as `cursor` to read the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditQuery {
  actorId?: string;
  action?: AuditAction;
  subjectType?: AuditSubjectType;
  /** ISO date-time, inclusive. */
  from?: string;
  /** ISO date-time, exclusive. */
  to?: string;
  limit?: number;
  cursor?: string;
  /** The language of the subjects' names (French by default). */
  locale?: Locale;
}

/** `GET /api/v1/users/:id/lockout`: the sign-in lockout of an account, as the admin sees it. */
export interface SignInLockout {
  /** Failed passwords since the last success or lockout. */
  failures: number;
  /** Lockouts since the last successful sign-in (each one doubles the next). */
  lockouts: number;
  /** ISO date-time; null when the account is not locked now. */
  lockedUntil: string | null;
}
