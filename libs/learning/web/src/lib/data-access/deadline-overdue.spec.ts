import { daysUntil, deadlineStatus, nextDeadline } from './deadlines';
import { learner } from './testing';

const done = { state: 'completed' as const, lastActivityAt: null };

describe('deadlines: overdue, soon, later', () => {
  it('counts whole calendar days, across months and years', () => {
    expect(daysUntil('2026-03-01', '2026-02-28')).toBe(1);
    expect(daysUntil('2026-01-01', '2025-12-31')).toBe(1);
    expect(daysUntil('2026-05-10', '2026-05-12')).toBe(-2);
  });

  it('is not overdue on the due day itself, overdue the day after', () => {
    expect(deadlineStatus('2026-05-10', '2026-05-10')).toBe('soon');
    expect(deadlineStatus('2026-05-10', '2026-05-11')).toBe('overdue');
  });

  it('is soon within seven days, later beyond', () => {
    expect(deadlineStatus('2026-05-17', '2026-05-10')).toBe('soon');
    expect(deadlineStatus('2026-05-18', '2026-05-10')).toBe('later');
  });

  it('takes the earliest due date among modules not done', () => {
    const l = learner({ deadlines: { m1: '2026-05-01', m2: '2026-06-01' } });
    expect(nextDeadline(l, '2026-05-10')).toEqual({
      moduleKey: 'm1',
      moduleTitle: 'Module 1',
      dueOn: '2026-05-01',
      status: 'overdue',
    });
  });

  it('ignores a finished module, even past its date (quiz passed)', () => {
    const l = learner({
      deadlines: { m1: '2026-05-01', m2: '2026-06-01' },
      lessons: { l1: done, l2: done, quiz: done, l3: { state: 'not_started', lastActivityAt: null } },
      quizzes: { quiz: { attempts: 1, bestPercent: 100, passed: true, attemptsLeft: 2 } },
    });
    expect(nextDeadline(l, '2026-05-10')).toMatchObject({ moduleKey: 'm2', status: 'later' });
  });

  it('keeps a module overdue while its quiz is not passed', () => {
    const l = learner({
      deadlines: { m1: '2026-05-01', m2: null },
      lessons: { l1: done, l2: done, quiz: { state: 'started', lastActivityAt: null }, l3: done },
    });
    expect(nextDeadline(l, '2026-05-10')).toMatchObject({ moduleKey: 'm1', status: 'overdue' });
  });

  it('has no deadline when no module has a date', () => {
    expect(nextDeadline(learner(), '2026-05-10')).toBeNull();
  });
});
