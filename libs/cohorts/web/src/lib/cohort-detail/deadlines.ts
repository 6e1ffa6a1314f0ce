import type { Cohort, ModuleDeadline } from '@tc/shared/contracts';

export type DeadlineMode = 'none' | 'date' | 'days';

/** One module's line in the deadline editor. */
export interface DeadlineLine {
  moduleKey: string;
  mode: DeadlineMode;
  dueOn: string;
  days: number | null;
}

/** The editor's lines: every module of the pinned version, with its deadline if it has one. */
export function deadlineLines(cohort: Pick<Cohort, 'modules' | 'deadlines'>): DeadlineLine[] {
  return cohort.modules.map((m) => {
    const d = cohort.deadlines.find((x) => x.moduleKey === m.key);
    if (d?.dueOn) return { moduleKey: m.key, mode: 'date', dueOn: d.dueOn, days: null };
    if (d?.daysAfterStart !== null && d?.daysAfterStart !== undefined)
      return { moduleKey: m.key, mode: 'days', dueOn: '', days: d.daysAfterStart };
    return { moduleKey: m.key, mode: 'none', dueOn: '', days: null };
  });
}

/** What is sent: a deadline for each module that has one, a date or a number of days, never both. */
export function deadlinesOf(lines: readonly DeadlineLine[]): ModuleDeadline[] {
  return lines.flatMap((l): ModuleDeadline[] => {
    if (l.mode === 'date' && l.dueOn) return [{ moduleKey: l.moduleKey, dueOn: l.dueOn }];
    if (l.mode === 'days' && l.days !== null && l.days >= 0)
      return [{ moduleKey: l.moduleKey, daysAfterStart: l.days }];
    return [];
  });
}

/** `YYYY-MM-DD` plus a number of days, in calendar days (as the API resolves a relative deadline). */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The date a line stands for as typed, before it is saved: its date, or the cohort's start plus its
 * number of days; null when it sets no deadline (or an invalid number of days).
 */
export function dueOnOf(line: DeadlineLine, startsOn: string): string | null {
  if (line.mode === 'date') return line.dueOn || null;
  if (line.mode === 'days' && line.days !== null && Number.isInteger(line.days) && line.days >= 0)
    return addDays(startsOn, line.days);
  return null;
}
