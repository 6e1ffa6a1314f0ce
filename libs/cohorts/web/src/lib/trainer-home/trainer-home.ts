import type { CohortStatus, CohortSummary, CourseSummary } from '@tc/shared/contracts';

/** How far ahead "what waits" looks, in days. */
export const WAIT_HORIZON_DAYS = 7;

export type WaitKind = 'startsSoon' | 'endsSoon' | 'nobodyEnrolled';

export interface Waiting {
  kind: WaitKind;
  cohort: CohortSummary;
  /** The date the line is about (start or end), `YYYY-MM-DD`. */
  on: string;
}

export interface TrainerHome {
  /** Cohorts not closed yet: running first, then planned, by start date. */
  cohorts: CohortSummary[];
  /** How many cohorts of each status. */
  counts: Record<CohortStatus, number>;
  /** Courses whose draft is not published (never, or changed since). */
  drafts: CourseSummary[];
  /** What needs the trainer soon, soonest first. */
  waiting: Waiting[];
}

/** `day` plus `days` calendar days, `YYYY-MM-DD` (UTC arithmetic on a date without time). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The trainer's home, from their cohorts and courses as the API lists them. */
export function trainerHome(cohorts: CohortSummary[], courses: CourseSummary[], today: string): TrainerHome {
  const horizon = addDays(today, WAIT_HORIZON_DAYS);
  const counts: Record<CohortStatus, number> = { planned: 0, running: 0, closed: 0 };
  for (const c of cohorts) counts[c.status]++;
  const order = { running: 0, planned: 1, closed: 2 } as const;
  const open = cohorts
    .filter((c) => c.status !== 'closed')
    .sort((a, b) => order[a.status] - order[b.status] || a.startsOn.localeCompare(b.startsOn));
  const waiting: Waiting[] = [];
  for (const c of open) {
    if (c.status === 'planned' && c.startsOn >= today && c.startsOn <= horizon)
      waiting.push({ kind: 'startsSoon', cohort: c, on: c.startsOn });
    if (c.status === 'running' && c.endsOn >= today && c.endsOn <= horizon)
      waiting.push({ kind: 'endsSoon', cohort: c, on: c.endsOn });
    if (c.enrolledCount === 0) waiting.push({ kind: 'nobodyEnrolled', cohort: c, on: c.startsOn });
  }
  waiting.sort((a, b) => a.on.localeCompare(b.on));
  const drafts = courses
    .filter((c) => c.status === 'active' && (c.latestVersion === null || c.hasUnpublishedChanges))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { cohorts: open, counts, drafts, waiting };
}
