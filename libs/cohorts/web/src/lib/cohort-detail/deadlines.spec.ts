import type { Cohort } from '@tc/shared/contracts';
import { deadlineLines, deadlinesOf, dueOnOf } from './deadlines';

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

  it('tells the date a line stands for while it is typed: the date, or the start plus the days', () => {
    const line = (mode: 'none' | 'date' | 'days', dueOn: string, days: number | null) => ({
      moduleKey: 'm1',
      mode,
      dueOn,
      days,
    });
    expect(dueOnOf(line('days', '', 14), '2026-12-20')).toBe('2027-01-03');
    expect(dueOnOf(line('days', '', 0), '2026-03-01')).toBe('2026-03-01');
    expect(dueOnOf(line('days', '', 1), '2028-02-28')).toBe('2028-02-29');
    expect(dueOnOf(line('date', '2026-05-01', 3), '2026-03-01')).toBe('2026-05-01');
    expect(dueOnOf(line('date', '', null), '2026-03-01')).toBeNull();
    expect(dueOnOf(line('days', '', null), '2026-03-01')).toBeNull();
    expect(dueOnOf(line('days', '', -2), '2026-03-01')).toBeNull();
    expect(dueOnOf(line('none', '2026-05-01', 3), '2026-03-01')).toBeNull();
  });
});
