import { addDays, trainerHome } from './trainer-home';
import { cohort, course } from './trainer-home.fixtures';

const TODAY = '2026-12-06';

describe('trainerHome', () => {
  it('adds days across a month end', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('lists the open cohorts, running first, and counts each status', () => {
    const home = trainerHome(
      [
        cohort('a', { status: 'planned', startsOn: '2027-01-10' }),
        cohort('b', { status: 'closed' }),
        cohort('c'),
      ],
      [],
      TODAY,
    );
    expect(home.cohorts.map((c) => c.id)).toEqual(['c', 'a']);
    expect(home.counts).toEqual({ running: 1, planned: 1, closed: 1 });
  });

  it('keeps as drafts the courses never published or changed since, not archived ones', () => {
    const home = trainerHome(
      [],
      [
        course('published'),
        course('new', { latestVersion: null, updatedAt: '2026-12-02T00:00:00.000Z' }),
        course('changed', { hasUnpublishedChanges: true, updatedAt: '2026-12-05T00:00:00.000Z' }),
        course('archived', { latestVersion: null, status: 'archived' }),
      ],
      TODAY,
    );
    expect(home.drafts.map((c) => c.id)).toEqual(['changed', 'new']);
  });

  it('says what waits in the coming week, soonest first, and cohorts nobody joined', () => {
    const home = trainerHome(
      [
        cohort('ends', { endsOn: '2026-12-10' }),
        cohort('later', { endsOn: '2026-12-20' }),
        cohort('starts', { status: 'planned', startsOn: '2026-12-08', endsOn: '2027-03-01' }),
        cohort('empty', { status: 'planned', startsOn: '2027-01-15', enrolledCount: 0 }),
        cohort('done', { status: 'closed', endsOn: '2026-12-07', enrolledCount: 0 }),
      ],
      [],
      TODAY,
    );
    expect(home.waiting.map((w) => [w.kind, w.cohort.id, w.on])).toEqual([
      ['startsSoon', 'starts', '2026-12-08'],
      ['endsSoon', 'ends', '2026-12-10'],
      ['nobodyEnrolled', 'empty', '2027-01-15'],
    ]);
  });
});
