import { HttpErrorResponse } from '@angular/common/http';
import type { ProgressEvent, ProgressResult, QuizAttemptResult } from '@tc/shared/contracts';
import { problemOf } from '@tc/shared/ui';
import type { PendingAttempt, SyncRejection } from './outbox';
import { isRetryableStatus } from './sync-policy';

/** What became of one event. */
export interface ProgressOutcome {
  event: ProgressEvent;
  result: 'accepted' | 'duplicate' | 'rejected';
}

/** A quiz attempt from the outbox, graded by the server. */
export interface AttemptOutcome {
  attempt: PendingAttempt;
  result: QuizAttemptResult;
}

/**
 * Whether a failed send may succeed later: an HTTP status the sync policy retries, or no HTTP
 * answer at all.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof HttpErrorResponse ? isRetryableStatus(error.status) : true;
}

/** What the server answered for each event of a batch, by event id; the ones it did not mention are absent. */
export function answeredEvents(result: ProgressResult): Map<string, ProgressOutcome['result']> {
  return new Map<string, ProgressOutcome['result']>([
    ...result.accepted.map((id) => [id, 'accepted'] as const),
    ...result.duplicates.map((id) => [id, 'duplicate'] as const),
    ...result.rejected.map((r) => [r.id, 'rejected'] as const),
  ]);
}

/** The events of `batch` that the server rejected one by one, with its reason, in the batch's order. */
export function rejectedEvents(batch: readonly ProgressEvent[], result: ProgressResult): SyncRejection[] {
  const reasons = new Map(result.rejected.map((r) => [r.id, r.reason]));
  return batch
    .filter((e) => reasons.has(e.id))
    .map((e) => ({
      kind: 'progress' as const,
      id: e.id,
      lessonKey: e.lessonKey,
      code: reasons.get(e.id) ?? null,
      reason: String(reasons.get(e.id)),
      problem: null,
    }));
}

/** Items the server refused as a whole (a batch of events, or an attempt), with its words. */
export function refusedItems(
  items: readonly Omit<SyncRejection, 'code' | 'reason' | 'problem'>[],
  error: unknown,
): SyncRejection[] {
  const problem = problemOf(error);
  const reason = problem.detail || problem.title || String(problem.status);
  return items.map((i) => ({ ...i, code: null, reason, problem }));
}
