import type { Locale, LocalizedName } from './locale';
import type { ActionLink } from './users';
import type { LocalizedText } from './catalog';
import type { CodedProblem } from './problem';

export const COHORT_STATUSES = ['planned', 'running', 'closed'] as const;
export type CohortStatus = (typeof COHORT_STATUSES)[number];

/** A module deadline: a date, or a number of days after the cohort starts. */
export interface ModuleDeadline {
  moduleKey: string;
  /** `YYYY-MM-DD` */
  dueOn?: string | null;
  daysAfterStart?: number | null;
}

export interface CohortSummary {
  id: string;
  name: string;
  courseId: string;
  courseTitle: LocalizedText;
  courseVersion: number;
  territoryId: string;
  territoryName: LocalizedName;
  status: CohortStatus;
  startsOn: string;
  endsOn: string;
  trainers: { id: string; displayName: string }[];
  enrolledCount: number;
}

export interface Cohort extends CohortSummary {
  deadlines: ModuleDeadline[];
  /** Modules of the pinned version, with their resolved due date, for the deadline editor. */
  modules: { key: string; title: LocalizedText; dueOn: string | null }[];
  /** null when switched off. */
  joinCode: string | null;
  /** Newer published versions the cohort could move to. */
  newerVersions: number[];
}

export interface CreateCohortRequest {
  name: string;
  courseId: string;
  courseVersion: number;
  territoryId: string;
  startsOn: string;
  endsOn: string;
  /** Other trainers running it with you (user ids); you are always one. */
  trainerIds?: string[];
  deadlines?: ModuleDeadline[];
}

/** A new planned cohort like this one (course version, territory, dates, deadlines), nobody enrolled. */
export interface DuplicateCohortRequest {
  /** The copy's name; the original's with " (copie)" when left out. */
  name?: string;
}

export interface UpdateCohortRequest {
  name?: string;
  status?: CohortStatus;
  startsOn?: string;
  endsOn?: string;
  trainerIds?: string[];
  deadlines?: ModuleDeadline[];
  /** true: a new join code; false: switched off. */
  joinCode?: boolean;
}

export interface EnrolByEmailRequest {
  emails: string[];
  /** Language of new accounts' invitations. */
  preferredLanguage?: Locale;
}

/**
 * What an enrolment did, address by address. Only coaches the cohort's territory already covers (a
 * coach role on it or on an ancestor) are enrolled at once; every other address, whether it has an
 * account or not, is invited and joins when the invitation is accepted, and the answer does not say
 * which of the two it was.
 */
export interface EnrolmentResult {
  /** Already enrolled before this request (nothing changed for them). */
  alreadyEnrolled: string[];
  /** Coaches of the cohort's territory enrolled now. */
  enrolled: string[];
  /** Invited now; links present when no mail server is configured. */
  invited: (ActionLink & { email: string })[];
  /** Invited earlier, the invitation still open (nothing sent again). */
  alreadyInvited: string[];
  /** Addresses that are not e-mail addresses. */
  invalid: string[];
}

/** What is wrong with one line of an enrolment file: its code, and what fills its text (the cell's `value`…). */
export interface CsvRowProblem extends CodedProblem {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  field: 'email' | 'fullName' | 'territoryCode' | 'preferredLanguage' | 'row';
  /** In English, for API clients. */
  message: string;
}

export interface CsvImportReport {
  dryRun: boolean;
  rows: number;
  /** Rows that would be (dry run) or were enrolled. */
  valid: number;
  problems: CsvRowProblem[];
  /** Present after a commit. */
  result?: EnrolmentResult;
}

export interface JoinCohortRequest {
  code: string;
}

export interface RosterRow {
  enrolmentId: string;
  userId: string;
  displayName: string;
  email: string;
  /** invited: has not set a password yet. */
  accountStatus: 'active' | 'invited' | 'disabled';
  enrolmentStatus: 'active' | 'withdrawn';
  enrolledAt: string;
  lessonsDone: number;
  lessonsTotal: number;
  lastActivityAt: string | null;
  /** Keys of modules past their deadline and not finished. */
  overdueModules: string[];
}

/** An invitation into a cohort not accepted yet: shown as the address invited, never as an account. */
export interface PendingInvitation {
  id: string;
  email: string;
  /** The name given with the invitation (a CSV file's full name); null from an e-mail list. */
  name: string | null;
  invitedAt: string;
  expiresAt: string;
  /** The link expired or was replaced: enrolling the address again sends a new one. */
  expired: boolean;
}

/**
 * What became of an invitation's current link: sent (not opened yet), opened (its page was loaded),
 * accepted (the person is in the cohort), expired (past its date, or replaced by a newer link).
 */
export const INVITATION_STATES = ['sent', 'opened', 'accepted', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/** An invitation into a cohort and what became of it, by the address invited (never the account). */
export interface CohortInvitationStatus {
  id: string;
  email: string;
  /** The name given with the invitation (a CSV file's full name); null from an e-mail list. */
  name: string | null;
  state: InvitationState;
  /** When the address was invited. */
  invitedAt: string;
  /** When its current link was issued: a re-send issues a new one. */
  sentAt: string;
  /** When the current link was first opened; null until then. */
  openedAt: string | null;
  acceptedAt: string | null;
  /** When the current link stops (or stopped) working. */
  expiresAt: string;
}

/** `GET /api/v1/cohorts/:id/invitations`: every invitation of the cohort, the ones still open first. */
export interface CohortInvitationList {
  /**
   * true: links go by e-mail and are never shown; false (no mail server): each new link comes back to
   * whoever asked for it, to pass on.
   */
  linksMailed: boolean;
  invitations: CohortInvitationStatus[];
}

/** A new link for one invitation (the previous one stops working): e-mailed, or handed back. */
export interface ResentInvitation {
  invitation: CohortInvitationStatus;
  link: ActionLink;
}

/**
 * `POST /api/v1/cohorts/:id/invitations/resend`: new links for these invitations (those the trainer
 * saw still open); one accepted or withdrawn meanwhile is left out.
 */
export interface ResendInvitationsRequest {
  invitationIds: string[];
}

/**
 * New links for the invitations asked for, not accepted yet (their previous links stop working):
 * e-mailed, or, without a mail server, handed back to be exported.
 */
export interface ResentInvitations {
  links: (ActionLink & { invitationId: string; email: string; name: string | null })[];
}

export interface Roster {
  cohortId: string;
  rows: RosterRow[];
  total: number;
  /** Invitations not accepted yet (not on the roster, whatever the filters), by address. */
  invitations: PendingInvitation[];
}

export interface RosterQuery {
  sort?: 'name' | 'progress' | 'lastActivity';
  order?: 'asc' | 'desc';
  status?: 'active' | 'withdrawn';
  overdue?: boolean;
  q?: string;
}

/** `GET /api/v1/me/cohort-invitations/:token`: what the signed-in invitee is asked to accept. */
export interface CohortInvitation {
  cohortId: string;
  cohortName: string;
  courseTitle: LocalizedText;
  startsOn: string;
  endsOn: string;
  email: string;
  expiresAt: string;
}

export interface AcceptCohortInvitationRequest {
  token: string;
}

/** A coach's own enrolment (`GET /api/v1/me/enrolments`). */
export interface MyEnrolment {
  enrolmentId: string;
  cohortId: string;
  cohortName: string;
  courseId: string;
  courseVersion: number;
  courseTitle: LocalizedText;
  status: 'active' | 'withdrawn';
  startsOn: string;
  endsOn: string;
  lessonsDone: number;
  lessonsTotal: number;
}

/** A lesson of a version change, with the module it sits in (in the version that has it). */
export interface ChangedLesson {
  key: string;
  title: LocalizedText;
  moduleKey: string;
  moduleTitle: LocalizedText;
}

/** What changed between two versions, by stable key: lessons, and whole modules. */
export interface VersionChange {
  /** Lessons new in the target version (those of a new module included). */
  added: ChangedLesson[];
  /** Lessons the target version no longer has. */
  removed: ChangedLesson[];
  /** Lessons in both whose content differs. */
  changed: ChangedLesson[];
  modulesAdded: { key: string; title: LocalizedText }[];
  modulesRemoved: { key: string; title: LocalizedText }[];
}

/** `GET /api/v1/cohorts/:id/upgrade-preview?version=`: what a move would change, and for whom. */
export interface UpgradePreview {
  from: number;
  to: number;
  changes: VersionChange;
  /** Active coaches of the cohort: all of them follow the new version at once. */
  coaches: number;
  /** Active coaches who finished every lesson of the current version: added lessons are new work. */
  finished: number;
  /** Active coaches with lessons done that the target version removes: those no longer count. */
  losingLessons: number;
  /** Modules of the current version with a deadline, gone in the target version (the deadline goes too). */
  deadlinesDropped: { key: string; title: LocalizedText }[];
}

export interface UpgradeCohortResponse {
  cohort: Cohort;
  changes: VersionChange;
}
