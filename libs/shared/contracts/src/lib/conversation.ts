import type { LocalizedText } from './catalog';

// ---------------------------------------------------------------- announcements

/**
 * A message from a cohort's trainers to its coaches: a title and a markdown body in some of the cohort
 * course's languages, rendered and sanitised on the server as lessons are. Coaches see it once
 * `publishAt` has come; pinned ones first, then the newest. Only the cohort's coaches, its trainers and
 * the admins of its territory may read it.
 */
export interface Announcement {
  id: string;
  cohortId: string;
  title: LocalizedText;
  /** The body as safe HTML, per language. */
  bodyHtml: LocalizedText;
  /** The markdown as written: for whoever may edit it only (absent for coaches). */
  body?: LocalizedText;
  pinned: boolean;
  /** When coaches see it (the moment it was posted, unless scheduled). */
  publishAt: string;
  /** Still waiting for `publishAt` (only ever true for the cohort's trainers and admins). */
  scheduled: boolean;
  createdAt: string;
  /** When it was last edited after posting (shown as "edited"), else null. */
  editedAt: string | null;
  authorName: string;
  /** For a coach: whether they have opened it. Null for whoever runs the cohort. */
  read: boolean | null;
  /** For whoever runs the cohort: how many of its coaches opened it, of how many. Null for coaches. */
  readBy: { count: number; of: number } | null;
}

/** A page of a cohort's announcements (pinned first, then newest), keyset-paged. */
export interface AnnouncementPage {
  items: Announcement[];
  /** Pass back as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
  /** Whether the reader runs the cohort (writes, edits, pins, deletes, sees what is scheduled). */
  canManage: boolean;
  cohortName: string;
  /** The languages announcements of this cohort may be written in (its course's). */
  locales: string[];
}

export interface AnnouncementsQuery {
  cursor?: string;
  limit?: number;
}

/** A new announcement: a title and a body in each language written (at least one). */
export interface CreateAnnouncementRequest {
  title: LocalizedText;
  body: LocalizedText;
  pinned?: boolean;
  /** Later than now: hidden from coaches until then. Absent or null: now. */
  publishAt?: string | null;
}

/** What changes; the texts replace the old ones whole (every language written). */
export interface UpdateAnnouncementRequest {
  title?: LocalizedText;
  body?: LocalizedText;
  publishAt?: string | null;
}

/** A coach's unread announcements in one of their cohorts, for the home page's card. */
export interface UnreadAnnouncements {
  cohortId: string;
  cohortName: string;
  unread: number;
  /** The newest unread one. */
  latest: Announcement;
}

/** The home card: the coach's cohorts with something unread, newest first. */
export interface CoachAnnouncements {
  items: UnreadAnnouncements[];
}
