/**
 * What a person is told, in their own feed. The text is not stored: the web app writes it in the
 * reader's language from `kind` and `params` (i18n keys `notifications.kinds.<kind>`), so a change of
 * language rewrites every notification, old ones included.
 */
export const NOTIFICATION_KINDS = [
  'certificate.issued',
  'task.reviewed',
  'announcement.posted',
  'question.answered',
  'deadline.soon',
  'module.overdue',
  'task.waiting',
  'coach.nudged',
  'fieldwork.commented',
  'fieldwork.share-requested',
  'fieldwork.shared',
  'account.inactive',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification is about; the web app links each type to its page. */
export const NOTIFICATION_SUBJECT_TYPES = [
  'enrolment',
  'submission',
  'announcement',
  'thread',
  'organisation',
  'account',
] as const;
export type NotificationSubjectType = (typeof NOTIFICATION_SUBJECT_TYPES)[number];

export interface NotificationSubject {
  type: NotificationSubjectType;
  id: string;
}

/**
 * What a text needs, by kind. Only what the recipient may see anyway (a course title they completed),
 * never another person's data they could not read elsewhere.
 */
export interface NotificationParams {
  /** certificate.issued: the course's title in each language, as the certificate states it. */
  courseTitle?: Record<string, string>;
  /** task.reviewed: the task lesson's title in each language. */
  lessonTitle?: Record<string, string>;
  /** task.reviewed: the trainer's decision on the coach's round. */
  decision?: 'pass' | 'revise';
  /** task.reviewed: where the coach's task is (their enrolment and the lesson), for the link. */
  enrolmentId?: string;
  lessonKey?: string;
  /** announcement.posted: its title in each language it has, and its cohort (for the link). */
  announcementTitle?: Record<string, string>;
  cohortId?: string;
  /**
   * deadline.soon, module.overdue: the module's title in each language, and its deadline (`YYYY-MM-DD`).
   * account.inactive (subject: the account): the day it is anonymised unless its holder signs in.
   */
  moduleTitle?: Record<string, string>;
  dueOn?: string;
  /** coach.nudged: the trainer's short message, if they wrote one. */
  message?: string;
  /**
   * question.answered: the thread's title (plain text, in the language its author wrote it); with
   * `cohortId`, and `lessonKey` when it is about a lesson. The thread is the subject's id.
   */
  threadTitle?: string;
  /**
   * fieldwork.commented, fieldwork.share-requested, fieldwork.shared: the organisation's name as its
   * coach wrote it (the recipient works with it, or asked to). The organisation is the subject's id.
   */
  organisationName?: string;
}

export interface Notification {
  id: string;
  kind: NotificationKind;
  subject: NotificationSubject;
  params: NotificationParams;
  createdAt: string;
  /** Null while unread. */
  readAt: string | null;
}

export interface NotificationPage {
  /** Newest first. */
  items: Notification[];
  /** Pass as `cursor` to read the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface NotificationQuery {
  /** `true`: unread ones only. */
  unread?: 'true' | 'false';
  limit?: number;
  cursor?: string;
}

export interface UnreadNotificationCount {
  unread: number;
}

/**
 * Mark all read, through the newest notification the person has seen (the first of their list): one
 * that arrives meanwhile stays unread.
 */
export interface MarkAllReadRequest {
  throughId: string;
}

/** Mark all read: how many were unread and are read now. */
export interface NotificationsMarkedRead {
  marked: number;
}
