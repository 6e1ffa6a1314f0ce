import type { LearnerCourse } from '@tc/shared/contracts';
import { isDone } from './course-outline';

export type DeadlineStatus = 'overdue' | 'soon' | 'later';

/** Days a deadline counts as "soon". */
export const SOON_DAYS = 7;

/** Whole days from `today` to `day` (both YYYY-MM-DD): negative when `day` is past. */
export function daysUntil(day: string, today: string): number {
  const utc = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number);
    return Date.UTC(y, m - 1, dd);
  };
  return Math.round((utc(day) - utc(today)) / 86_400_000);
}

/** A module's deadline seen today: past (overdue), within a week (soon), or later. Due today is not overdue. */
export function deadlineStatus(dueOn: string, today: string): DeadlineStatus {
  const days = daysUntil(dueOn, today);
  if (days < 0) return 'overdue';
  return days <= SOON_DAYS ? 'soon' : 'later';
}

export interface ModuleDeadline {
  moduleKey: string;
  moduleTitle: string;
  dueOn: string;
  status: DeadlineStatus;
}

/** Whether every lesson of a module is done (quizzes passed). */
export function moduleDone(learner: LearnerCourse, moduleKey: string): boolean {
  const module = learner.course.modules.find((m) => m.key === moduleKey);
  return !!module && module.lessons.every((l) => isDone(learner, l));
}

/**
 * The deadline that matters now: the earliest due date among modules not yet done (an overdue one
 * first, as it is the earliest). Done modules and modules without a date are ignored.
 */
export function nextDeadline(learner: LearnerCourse, today: string): ModuleDeadline | null {
  let best: ModuleDeadline | null = null;
  for (const m of learner.course.modules) {
    const dueOn = learner.deadlines[m.key];
    if (!dueOn || moduleDone(learner, m.key)) continue;
    if (!best || dueOn < best.dueOn) {
      best = { moduleKey: m.key, moduleTitle: m.title, dueOn, status: deadlineStatus(dueOn, today) };
    }
  }
  return best;
}
