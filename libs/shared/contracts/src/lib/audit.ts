import type { Locale } from './locale';

/** What the audit log records: changes of rights and content, and data leaving the platform. */
export const AUDIT_ACTIONS = [
  'role.granted',
  'role.revoked',
  'role.changed',
  'account.disabled',
  'account.enabled',
  'account.locked',
  'account.unlocked',
  'course.published',
  'course.duplicated',
  'cohort.created',
  'cohort.version-changed',
  'cohort.join-code-changed',
  'cohort.invited',
  'certificate.revoked',
  'certificate.reissued',
  'cohort.csv-imported',
  'cohort.roster-exported',
  'cohort.invitation-resent',
  'cohort.invitations-resent',
  'cohort.nudged',
  'observatory.exported',
  'territory.created',
  'territory.updated',
  'territory.moved',
  'audit.exported',
  'practice.reviewed',
  'announcement.deleted',
  'thread.post-hidden',
  'thread.post-shown',
  'thread.locked',
  'thread.unlocked',
  'job.retried',
  'fieldwork.shared',
  'fieldwork.unshared',
  'fieldwork.organisation-deleted',
  'privacy.export-requested',
  'privacy.export-downloaded',
  'privacy.erasure-requested',
  'privacy.erased',
  'privacy.retention-run',
  'privacy.retention-anonymised',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_SUBJECT_TYPES = ['user', 'course', 'certificate', 'cohort', 'territory', 'job'] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

/**
 * The details that name another subject by its id, and that subject's type: the reader is given what
 * each is called now (`AuditEntry.detailLabels`), as it is for the entry's subject. A writer that
 * mentions a cohort, a course or a territory in its details uses one of these keys.
 */
export const AUDIT_DETAIL_REFERENCES = {
  cohortId: 'cohort',
  courseId: 'course',
  parentId: 'territory',
  previousParentId: 'territory',
  previousTerritoryId: 'territory',
} as const satisfies Record<string, AuditSubjectType>;

/** The longest reason an admin may give for a change (kept in the audit entry). */
export const AUDIT_REASON_MAX = 500;

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
  /**
   * What the entry's territory is called now, in the language asked for: where the change happened
   * (the territory a role covers, a cohort's territory); null without one or for one since deleted.
   */
  territoryLabel: string | null;
  /**
   * Ids and facts of the change (no secrets, no personal data beyond ids), and the reason an admin gave
   * (`reason`), when one was.
   */
  details: Record<string, unknown>;
  /**
   * What the subjects the details name by id are called now ({@link AUDIT_DETAIL_REFERENCES}), keyed
   * like the details (`{ cohortId: 'Berkane — printemps' }`); a key is missing when nobody names it.
   */
  detailLabels: Record<string, string>;
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
  /** Who did it, by part of their name or e-mail (case ignored). */
  actor?: string;
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

export const AUDIT_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** `GET /api/v1/audit/export`: the entries the filters select, newest first, as a file in `locale`. */
export type AuditExportQuery = Omit<AuditQuery, 'limit' | 'cursor'> & { format: AuditExportFormat };

/** `GET /api/v1/users/:id/lockout`: the sign-in lockout of an account, as the admin sees it. */
export interface SignInLockout {
  /** Failed passwords since the last success or lockout. */
  failures: number;
  /** Lockouts since the last successful sign-in (each one doubles the next). */
  lockouts: number;
  /** ISO date-time; null when the account is not locked now. */
  lockedUntil: string | null;
}
