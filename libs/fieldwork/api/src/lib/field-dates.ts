import { validationProblem } from '@tc/shared/api';

/** The earliest day a field record may carry. */
export const FIELD_EPOCH = '2000-01-01';

/**
 * A record's day (`YYYY-MM-DD`, already shaped by its DTO): a real calendar day, not before
 * {@link FIELD_EPOCH}, not after today where the day starts first (UTC+14: a coach's phone ahead of the
 * server is not in the future), else a problem on `field`.
 */
export function assertFieldDay(day: string, field: string, now = new Date()): void {
  const at = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day)
    throw validationProblem([{ field, message: 'Not a calendar day', code: 'invalid-date' }]);
  if (day < FIELD_EPOCH)
    throw validationProblem([
      { field, message: `Not before ${FIELD_EPOCH}`, code: 'date-too-early', params: { min: FIELD_EPOCH } },
    ]);
  const latest = new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
  if (day > latest)
    throw validationProblem([{ field, message: 'Not in the future', code: 'date-in-future' }]);
}
