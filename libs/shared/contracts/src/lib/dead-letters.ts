/**
 * The job queue's dead letters, for platform admins: jobs that failed every attempt and wait in their
 * queue's dead-letter queue (`<queue>.dead`, kept 30 days) to be looked at and, once the cause is fixed,
 * queued again. A job's data is shown as ids only: any other value (a text, an e-mail, a number) is
 * withheld and only its field's name is listed.
 */
export interface DeadLetter {
  /**
   * The dead letter's own id (in `<queue>.dead`), the one to retry.
   * @format uuid
   */
  id: string;
  /** The queue whose handler failed (`notifications.deliver`). */
  queue: string;
  /**
   * When the job was first queued.
   * @format date-time
   */
  createdAt: string | null;
  /**
   * When its last attempt failed and it became a dead letter.
   * @format date-time
   */
  failedAt: string;
  /** How many times its handler ran (the first attempt and the retries). */
  attempts: number;
  /** The last attempt's error message, shortened to {@link DEAD_LETTER_ERROR_MAX} characters, e-mail addresses hidden. */
  error: string | null;
  /** The job's fields whose value is an id (or a list of ids). */
  ids: Record<string, string | string[]>;
  /** The names of the job's other fields, whose values are not shown. */
  withheld: string[];
}

/** The longest error message a dead letter shows. */
export const DEAD_LETTER_ERROR_MAX = 300;

/** The most dead letters one page holds. */
export const DEAD_LETTERS_PAGE_MAX = 100;

export interface DeadLetterPage {
  /** Newest failure first. */
  items: DeadLetter[];
  /** Pass as `cursor` for the next (older) page; null on the last. */
  nextCursor: string | null;
}

export interface DeadLetterQuery {
  /** Only this queue's dead letters (the failed job's queue, e.g. `notifications.deliver`). */
  queue?: string;
  limit?: number;
  cursor?: string;
}

/** `POST /admin/jobs/dead-letters/{id}/retry`: why the job may run again (kept in the audit log). */
export interface RetryDeadLetterRequest {
  /** Optional; at most 500 characters. */
  reason?: string;
}

/** The job queued again in its own queue, as a new job; the dead letter is gone. */
export interface RetriedDeadLetter {
  /** @format uuid */
  jobId: string;
  queue: string;
}
