import type { Cohort } from '@tc/shared/contracts';
import { deadlineLines, deadlinesOf } from './deadlines';

const cohort: Pick<Cohort, 'modules' | 'deadlines'> = {
  modules: [
    { key: 'm1', title: { fr: 'Un' }, dueOn: '2026-04-01' },
    { key: 'm2', title: { fr: 'Deux' }, dueOn: '2026-04-15' },
    { key: 'm3', title: { fr: 'Trois' }, dueOn: null },
  ],
  deadlines: [
    { moduleKey: 'm1', dueOn: '2026-04-01' },
    { moduleKey: 'm2', daysAfterStart: 45 },
  ],
};

describe('module deadlines', () => {
  it('gives every module a line: a date, a number of days, or none', () => {
    expect(deadlineLines(cohort)).toEqual([
      { moduleKey: 'm1', mode: 'date', dueOn: '2026-04-01', days: null },
      { moduleKey: 'm2', mode: 'days', dueOn: '', days: 45 },
      { moduleKey: 'm3', mode: 'none', dueOn: '', days: null },
    ]);
  });

  it('keeps 0 days after the start as a deadline', () => {
    expect(deadlineLines({ ...cohort, deadlines: [{ moduleKey: 'm3', daysAfterStart: 0 }] })[2]).toEqual({
      moduleKey: 'm3',
      mode: 'days',
      dueOn: '',
      days: 0,
    });
  });

  it('sends back exactly what it read', () => {
    expect(deadlinesOf(deadlineLines(cohort))).toEqual(cohort.deadlines);
  });

  it('sends one of date or days, never both, and nothing for modules without a deadline', () => {
    expect(
      deadlinesOf([
        { moduleKey: 'm1', mode: 'days', dueOn: '2026-04-01', days: 10 },
        { moduleKey: 'm2', mode: 'date', dueOn: '2026-05-01', days: 3 },
        { moduleKey: 'm3', mode: 'none', dueOn: '2026-05-01', days: 3 },
        { moduleKey: 'm4', mode: 'date', dueOn: '', days: null },
        { moduleKey: 'm5', mode: 'days', dueOn: '', days: null },
      ]),
    ).toEqual([
      { moduleKey: 'm1', daysAfterStart: 10 },
      { moduleKey: 'm2', dueOn: '2026-05-01' },
    ]);
  });
});
