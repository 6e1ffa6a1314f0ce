import { validateBody, validationProblem } from '@tc/shared/api';

jest.mock('@tc/shared/api', () => {
  const actual = jest.requireActual('@tc/shared/api');
  return { ...actual, validateBody: jest.fn(actual.validateBody) };
});
import { ProgressBatchDto, ProgressEventDto } from './learning.dto';
import { progressEvents } from './progress-body';

/** What the route did before the hand check: the DTOs through the strict pipe, every time. */
async function throughDtos(body: unknown): Promise<ProgressEventDto[]> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationProblem([
      { field: 'body', message: 'Send one event, or { "events": [ … ] }', code: 'body-not-object' },
    ]);
  }
  return 'events' in body
    ? (await validateBody(ProgressBatchDto, body)).events
    : [await validateBody(ProgressEventDto, body)];
}

async function outcome(parse: (body: unknown) => Promise<ProgressEventDto[]>, body: unknown) {
  try {
    const events = await parse(body);
    return { ok: events.map((e) => ({ instance: e instanceof ProgressEventDto, ...e })) };
  } catch (error) {
    return { refused: (error as { getResponse(): unknown }).getResponse() };
  }
}

const event = (over: Record<string, unknown> = {}) => ({
  id: '0b7f3c52-7a43-4c33-9d3e-2f1a6a0d8e11',
  enrolmentId: '6a1c2f4e-91b3-4d7e-8c55-0e2b9f3a7d40',
  lessonKey: 'm1-l1',
  type: 'started',
  occurredAt: '2027-01-12T09:30:00Z',
  ...over,
});
const without = (key: string) => {
  const e: Record<string, unknown> = event();
  delete e[key];
  return e;
};

const bodies: [string, unknown][] = [
  ['one event', event()],
  [
    'one completed event with milliseconds and an offset',
    event({ type: 'completed', occurredAt: '2027-01-12T09:30:00.123+01:00' }),
  ],
  [
    'a batch',
    { events: [event(), event({ id: '5e0c0d3a-3f0b-4b8e-9a59-8c1d4f2b6e77', lessonKey: 'm1-l2' })] },
  ],
  ['a batch of 500', { events: Array.from({ length: 500 }, () => event()) }],
  ['a batch of 501', { events: Array.from({ length: 501 }, () => event()) }],
  ['an empty batch', { events: [] }],
  ['events not an array', { events: event() }],
  ['a batch with an unknown field', { events: [event()], device: 'x' }],
  [
    'a batch whose fourth event is wrong',
    { events: [event(), event(), event(), event({ occurredAt: 'yesterday' })] },
  ],
  ['a batch with null inside', { events: [event(), null] }],
  ['a batch with a string inside', { events: ['x'] }],
  ['a batch with an array inside', { events: [[event()]] }],
  ['an unknown field', event({ isAdmin: true })],
  ['a missing id', without('id')],
  ['a missing occurredAt', without('occurredAt')],
  ['an id that is not a UUID', event({ id: 'abc' })],
  ['an upper-case UUID', event({ id: '0B7F3C52-7A43-4C33-9D3E-2F1A6A0D8E11' })],
  ['the nil UUID', event({ enrolmentId: '00000000-0000-0000-0000-000000000000' })],
  ['a numeric id', event({ id: 42 })],
  ['an unknown type', event({ type: 'finished' })],
  ['a type that is not a string', event({ type: ['started'] })],
  ['a lesson key of 64 characters', event({ lessonKey: 'k'.repeat(64) })],
  ['a lesson key of 65 characters', event({ lessonKey: 'k'.repeat(65) })],
  ['a lesson key of 64 emoji', event({ lessonKey: '😀'.repeat(64) })],
  ['a lesson key that is a number', event({ lessonKey: 7 })],
  ['an impossible date', event({ occurredAt: '2027-02-30T10:00:00Z' })],
  ['a date without time', event({ occurredAt: '2027-01-12' })],
  ['a date as a number', event({ occurredAt: 1768210200000 })],
  ['every field wrong', { id: 1, enrolmentId: null, lessonKey: {}, type: 3, occurredAt: false }],
  ['an empty object', {}],
  ['null', null],
  ['an array', [event()]],
  ['a string', 'started'],
];

describe('progress bodies: the hand check agrees with the DTOs', () => {
  it.each(bodies)('%s', async (_name, body) => {
    expect(await outcome(progressEvents, body)).toEqual(await outcome(throughDtos, body));
  });

  it('refuses with the field path of the event at fault', async () => {
    const result = await outcome(progressEvents, {
      events: [event(), event(), event(), event({ occurredAt: 'yesterday' })],
    });
    expect(result).toMatchObject({
      refused: { type: 'validation', errors: [{ field: 'events[3].occurredAt' }] },
    });
  });

  it('a well-formed event or batch never goes through class-validator', async () => {
    jest.mocked(validateBody).mockClear();
    await progressEvents(event());
    await progressEvents({ events: [event(), event({ type: 'completed' })] });
    expect(validateBody).not.toHaveBeenCalled();
    await progressEvents(event({ extra: 1 })).catch(() => undefined);
    expect(validateBody).toHaveBeenCalledTimes(1);
  });

  it('refuses a batch of many ill-formed events from the first ones alone, with their usual paths', async () => {
    const wrong = { id: 1, enrolmentId: 2, lessonKey: 3, type: 4, occurredAt: 5 };
    const many = { events: [event(), ...Array.from({ length: 499 }, () => wrong)] };
    jest.mocked(validateBody).mockClear();
    const result = (await outcome(progressEvents, many)) as {
      refused: { detail: string; errors: { field: string }[] };
    };
    // The DTOs name the same faults, all 2,495 of them; only the first events are validated here.
    const all = (await outcome(throughDtos, many)) as { refused: { errors: { field: string }[] } };
    expect(result.refused.errors.map((e) => e.field)).toEqual(
      all.refused.errors.slice(0, 20).map((e) => e.field),
    );
    expect(result.refused.detail).toContain('499 of its 500 events');
    expect(jest.mocked(validateBody).mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('hands back DTO instances', async () => {
    const [e] = await progressEvents(event());
    expect(e).toBeInstanceOf(ProgressEventDto);
    expect({ ...e }).toEqual(event());
  });
});
