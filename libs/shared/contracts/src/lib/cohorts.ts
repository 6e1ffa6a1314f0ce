import type { Locale, LocalizedName } from './locale';
import type { ActionLink } from './users';
import type { LocalizedText } from './catalog';

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

export interface EnrolmentResult {
  /** Already enrolled before this request (nothing changed for them). */
  alreadyEnrolled: string[];
  /** Existing accounts enrolled now. */
  enrolled: string[];
  /** New accounts, invited and enrolled; links present when no mail server is configured. */
  invited: (ActionLink & { email: string })[];
  /** Addresses that are not e-mail addresses. */
  invalid: string[];
}

export interface CsvRowProblem {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  field: 'email' | 'fullName' | 'territoryCode' | 'preferredLanguage' | 'row';
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

export interface Roster {
  cohortId: string;
  rows: RosterRow[];
  total: number;
}

export interface RosterQuery {
  sort?: 'name' | 'progress' | 'lastActivity';
  order?: 'asc' | 'desc';
  status?: 'active' | 'withdrawn';
  overdue?: boolean;
  q?: string;
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

export interface VersionChange {
  added: { key: string; title: LocalizedText }[];
  removed: { key: string; title: LocalizedText }[];
  changed: { key: string; title: LocalizedText }[];
}

export interface UpgradeCohortResponse {
  cohort: Cohort;
  changes: VersionChange;
}
