/**
 * A trainer's nudge: some of a cohort's late coaches told to keep going, each by a `coach.nudged`
 * notification (with the trainer's short message, if any). Rate-limited per coach and per trainer.
 */

/** The longest message a nudge carries. */
export const NUDGE_MESSAGE_MAX = 280;
/** The most coaches one nudge names. */
export const NUDGE_RECIPIENTS_MAX = 500;
/** A coach is nudged at most once in this many hours per cohort; sooner, they are skipped. */
export const NUDGE_COACH_INTERVAL_HOURS = 24;
/** A trainer sends at most this many nudges an hour (all cohorts); then 429 with `Retry-After`. */
export const NUDGES_PER_TRAINER_PER_HOUR = 10;

/** `POST /api/v1/cohorts/{cohortId}/nudges` */
export interface NudgeRequest {
  enrolmentIds: string[];
  /** Up to 280 characters (`NUDGE_MESSAGE_MAX`), shown to each coach as written. */
  message?: string;
}

/**
 * Why a coach named was not nudged: nudged in this cohort within the last
 * {@link NUDGE_COACH_INTERVAL_HOURS} hours, withdrawn or finished, or not an enrolment of the cohort.
 */
export const NUDGE_SKIP_REASONS = ['nudged-recently', 'not-active', 'not-in-cohort'] as const;
export type NudgeSkipReason = (typeof NUDGE_SKIP_REASONS)[number];

export interface NudgeResult {
  /** The nudge, when it told anyone; null when every coach named was skipped. */
  nudgeId: string | null;
  /** Enrolments told. */
  nudged: string[];
  skipped: { enrolmentId: string; reason: NudgeSkipReason }[];
}
