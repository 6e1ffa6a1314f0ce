import { isIn, isISO8601, isUUID, maxLength } from 'class-validator';
import { PROGRESS_EVENT_TYPES } from '@tc/shared/contracts';
import { MAX_LISTED_ERRORS, ProblemException, validateBody, validationProblem } from '@tc/shared/api';
import type { FieldError } from '@tc/shared/contracts';
import { MAX_BATCH, ProgressBatchDto, ProgressEventDto } from './learning.dto';

const EVENT_FIELDS = new Set(['id', 'enrolmentId', 'lessonKey', 'type', 'occurredAt']);
const EVENT_TYPES: readonly unknown[] = PROGRESS_EVENT_TYPES;

/**
 * The events of a `POST /progress/events` body: one event, or `{ events: [...] }`.
 *
 * Every request of the coach's app comes through here, so a well-formed body is checked by hand with
 * class-validator's own predicates (the same rules as the decorators of {@link ProgressEventDto}), which
 * costs a fraction of a class-validator run. Anything the hand check does not accept goes through the
 * DTOs with the strict pipe, so a refused body gets exactly the problem it always got (same field paths
 * and messages): the hand check can only say yes sooner, never decide a refusal.
 */
export async function progressEvents(body: unknown): Promise<ProgressEventDto[]> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationProblem([
      { field: 'body', message: 'Send one event, or { "events": [ … ] }', code: 'body-not-object' },
    ]);
  }
  if ('events' in body) {
    const events = wellFormedBatch(body);
    if (events) return events;
    await refuseManyIllFormed(body);
    return (await validateBody(ProgressBatchDto, body)).events;
  }
  const event = wellFormedEvent(body);
  return [event ?? (await validateBody(ProgressEventDto, body))];
}

function wellFormedBatch(body: object): ProgressEventDto[] | null {
  const keys = Object.keys(body);
  const events = (body as { events?: unknown }).events;
  if (
    keys.length !== 1 ||
    keys[0] !== 'events' ||
    !Array.isArray(events) ||
    events.length < 1 ||
    events.length > MAX_BATCH
  )
    return null;
  const out: ProgressEventDto[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = wellFormedEvent(events[i]);
    if (!event) return null;
    out[i] = event;
  }
  return out;
}

/**
 * A batch with more ill-formed events than a problem lists is refused from the first of them alone:
 * class-validator costs some 20 µs per field at fault, and 500 events with five wrong fields each held
 * the event loop ~100 ms to list 2,500 faults of which 20 are sent. The events are found by the hand
 * check; the first ones go through the DTO for their usual field paths and messages.
 */
async function refuseManyIllFormed(body: object): Promise<void> {
  const events = (body as { events?: unknown }).events;
  if (Object.keys(body).length !== 1 || !Array.isArray(events) || events.length > MAX_BATCH) return;
  const bad: number[] = [];
  for (let i = 0; i < events.length; i++) if (!wellFormedEvent(events[i])) bad.push(i);
  if (bad.length <= MAX_LISTED_ERRORS) return;
  const errors: FieldError[] = [];
  for (const i of bad) {
    if (errors.length >= MAX_LISTED_ERRORS) break;
    try {
      await validateBody(ProgressEventDto, events[i]);
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      for (const e of (error.getResponse() as { errors?: FieldError[] }).errors ?? [])
        errors.push({
          ...e,
          field: e.field === 'body' ? `events[${i}]` : `events[${i}].${e.field}`,
        });
    }
  }
  if (errors.length)
    throw validationProblem(
      errors,
      `The request has invalid fields: ${bad.length} of its ${events.length} events.`,
    );
}

/** The event as a DTO instance when it passes every rule of {@link ProgressEventDto}, else null. */
function wellFormedEvent(value: unknown): ProgressEventDto | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  if (Object.getPrototypeOf(value) !== Object.prototype) return null;
  const keys = Object.keys(value);
  if (keys.length !== EVENT_FIELDS.size || !keys.every((k) => EVENT_FIELDS.has(k))) return null;
  const { id, enrolmentId, lessonKey, type, occurredAt } = value as Record<string, unknown>;
  if (
    typeof id !== 'string' ||
    !isUUID(id) ||
    typeof enrolmentId !== 'string' ||
    !isUUID(enrolmentId) ||
    typeof lessonKey !== 'string' ||
    !maxLength(lessonKey, 64) ||
    !isIn(type, EVENT_TYPES) ||
    typeof occurredAt !== 'string' ||
    !isISO8601(occurredAt, { strict: true })
  ) {
    return null;
  }
  const event = new ProgressEventDto();
  event.id = id;
  event.enrolmentId = enrolmentId;
  event.lessonKey = lessonKey;
  event.type = type as ProgressEventDto['type'];
  event.occurredAt = occurredAt;
  return event;
}
