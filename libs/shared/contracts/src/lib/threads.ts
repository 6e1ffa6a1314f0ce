import type { LocalizedText } from './catalog';
import type { Count, ObservatoryTerritory } from './observatory';

// ---------------------------------------------------------------- questions and discussion threads

/**
 * Who wrote a post, as the cohort sees it: one of its coaches, or one who runs it (its trainers and the
 * admins of its territory), as they were when they wrote it.
 */
export type ThreadAuthorRole = 'coach' | 'trainer';

/**
 * What a post shows: its text; `deleted` by its author (the text is gone, the place kept so that the
 * thread reads in order); `hidden` by a trainer (the text is shown to the cohort's trainers only).
 */
export type ThreadPostState = 'visible' | 'deleted' | 'hidden';

/**
 * A thread in a cohort's list: a question or a discussion, general to the cohort (`lessonKey` null) or
 * about one lesson of the cohort's pinned course version. Only the cohort's coaches (active enrolment),
 * its trainers and the admins of its territory may read it; to anyone else the cohort does not exist.
 */
export interface ThreadSummary {
  id: string;
  cohortId: string;
  /** The lesson it is about (a key of the cohort's pinned course version), or null for the cohort. */
  lessonKey: string | null;
  /** That lesson's title per language, or null. */
  lessonTitle: LocalizedText | null;
  /** Plain text, as its author wrote it (in whatever language). */
  title: string;
  authorName: string;
  authorRole: ThreadAuthorRole;
  /** Whether the reader started it. */
  mine: boolean;
  createdAt: string;
  /** The newest post's time (the thread's own at first): the list's order, newest first. */
  lastActivityAt: string;
  /** Replies that are not deleted (the opening post apart). */
  replyCount: number;
  /** A trainer marked a reply as the one that settles it. */
  answered: boolean;
  /** No more replies (a trainer locked it). */
  locked: boolean;
  /** For whoever moderates the cohort: how many of its posts were reported. Null for coaches. */
  reportedPosts: number | null;
}

/** A page of a cohort's threads, newest activity first, keyset-paged. */
export interface ThreadPage {
  items: ThreadSummary[];
  /** Pass back as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
  /** Whether the reader moderates the cohort (marks answers, hides posts, locks threads, sees reports). */
  canModerate: boolean;
  cohortName: string;
}

export interface ThreadsQuery {
  /** Only the threads about this lesson. */
  lessonKey?: string;
  /** `true`: only the cohort's general threads (no lesson). Not together with `lessonKey`. */
  general?: 'true' | 'false';
  /** `true`: only threads with a reported post (for whoever moderates the cohort). */
  reported?: 'true' | 'false';
  cursor?: string;
  limit?: number;
}

/** One post: the thread's opening post (`opening`) or a reply. */
export interface ThreadPost {
  id: string;
  threadId: string;
  /** The thread's first post: the question itself. */
  opening: boolean;
  state: ThreadPostState;
  /** Null once deleted. */
  authorName: string | null;
  authorRole: ThreadAuthorRole;
  /** Whether the reader wrote it. */
  mine: boolean;
  /**
   * The text as safe HTML (markdown rendered and sanitised as announcements are). Null once deleted,
   * and when hidden for whoever does not moderate the cohort.
   */
  bodyHtml: string | null;
  /** The markdown as written: for its author while they may still edit it, else absent. */
  body?: string;
  createdAt: string;
  /** When its author last edited it (shown as "edited"), else null. */
  editedAt: string | null;
  /** Until when its author may edit it (15 minutes after posting); null when they may not. */
  editableUntil: string | null;
  /** A trainer marked it as the reply that settles the question. */
  answer: boolean;
  /** Whether the reader has reported it (once per person). */
  reportedByMe: boolean;
  /** For whoever moderates the cohort: how many people reported it. Null for coaches. */
  reports: number | null;
  /** For whoever moderates the cohort: why it was hidden. Null otherwise, and when not hidden. */
  hiddenReason: string | null;
}

/** A thread with its posts in the order they were written. */
export interface ThreadDetail extends ThreadSummary {
  posts: ThreadPost[];
  /** The reply marked as the answer, or null. */
  answerPostId: string | null;
  /** For whoever moderates the cohort: why it was locked (null when not locked or no reason). */
  lockReason: string | null;
  canModerate: boolean;
  /** Whether the reader may reply now (a member, and the thread is not locked). */
  canReply: boolean;
  cohortName: string;
}

/** A new thread: a title, its opening post, and the lesson it is about (none: the cohort). */
export interface CreateThreadRequest {
  /**
   * The thread's id, made by the client (a UUID) so that sending again after a lost answer is safe:
   * the same author sending the same id again gets the thread as it is, never a second one. Absent: the
   * server makes one.
   */
  id?: string;
  title: string;
  /** Markdown. */
  body: string;
  lessonKey?: string | null;
}

/** A reply (markdown). */
export interface CreateThreadPostRequest {
  /** The reply's id, made by the client (a UUID): sent again by its author, it is the same reply. */
  id?: string;
  body: string;
}

/** The new text of one's own post, within 15 minutes of posting it (after: 409 post-edit-window-closed). */
export interface UpdateThreadPostRequest {
  body: string;
}

/** Reports a post to the cohort's trainers; once per person per post (again: 409 post-already-reported). */
export interface ReportThreadPostRequest {
  /** Optional, short. */
  reason?: string | null;
}

/** A trainer hides a post from the cohort, saying why (audited; reversible). */
export interface HideThreadPostRequest {
  reason: string;
}

/** A trainer locks a thread: no more replies (409 thread-locked); audited, reversible. */
export interface LockThreadRequest {
  reason?: string | null;
}

// ---------------------------------------------------------------- the observatory's figures

/**
 * Threads in a cohort (or in all of a territory's): how many were started, how many a trainer has
 * replied to, and the median hours from a thread's start to a trainer's first reply. Counts are
 * suppressed as counts of people are (below k, with a second cell beside a shown total); the median goes
 * with the replies it is taken from. No thread, post, coach or trainer is named.
 */
export interface ThreadActivityRow {
  /** A cohort id, or `total`. */
  key: string;
  /** The cohort's name ({ fr }), null for the total. */
  label: LocalizedText | null;
  threads: Count;
  /** Threads with at least one reply from a trainer. */
  repliedByTrainer: Count;
  /** Median whole hours from the start to a trainer's first reply; null when hidden or none. */
  medianHoursToFirstReply: number | null;
}

/** Threads per cohort of a territory's subtree (all time), in the order of the cohorts' names. */
export interface ThreadActivityReport {
  territory: ObservatoryTerritory;
  k: number;
  cohorts: ThreadActivityRow[];
  total: ThreadActivityRow;
  /** How many cells (counts, medians) were suppressed. */
  suppressedCells: number;
  generatedAt: string;
}

export interface ThreadActivityQuery {
  /** Default: the caller's own territory. */
  territoryId?: string;
}
