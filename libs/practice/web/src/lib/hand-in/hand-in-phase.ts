import type { SubmissionStatus } from '@tc/shared/contracts';

/**
 * Where a coach stands with a task, as the page says it:
 * new (nothing yet) · draft (kept on this device) · queued (handed in, waiting for the connection)
 * · sending (files and hand-in on their way) · waiting (with the trainer) · returned (to revise)
 * · passed.
 */
export type HandInPhase = 'new' | 'draft' | 'queued' | 'sending' | 'waiting' | 'returned' | 'passed';

export function handInPhase(s: {
  /** The latest round's status on the server. */
  latest: SubmissionStatus | null;
  /** A hand-in locked in the outbox on this device. */
  queued: boolean;
  sending: boolean;
  online: boolean;
  hasDraft: boolean;
}): HandInPhase {
  if (s.queued) return s.sending && s.online ? 'sending' : 'queued';
  if (s.latest === 'passed') return 'passed';
  if (s.latest === 'waiting') return 'waiting';
  if (s.hasDraft) return 'draft';
  if (s.latest === 'returned') return 'returned';
  return 'new';
}
