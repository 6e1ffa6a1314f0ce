import type { CourseContent, EvidenceKind, LessonContent, PracticalTask } from '@tc/shared/contracts';

/** A task lesson of a version, with the module it sits in. */
export interface TaskLesson {
  moduleKey: string;
  lesson: LessonContent;
  task: PracticalTask;
}

/** A lesson's practical task: set on task lessons only (versions frozen before tasks have none). */
export function taskOf(lesson: LessonContent): PracticalTask | null {
  return lesson.kind === 'task' ? ((lesson as { task?: PracticalTask | null }).task ?? null) : null;
}

/** The task lesson `lessonKey` of a version, or null when the version has no such task. */
export function findTask(content: CourseContent | undefined, lessonKey: string): TaskLesson | null {
  for (const m of content?.modules ?? [])
    for (const lesson of m.lessons) {
      if (lesson.key !== lessonKey) continue;
      const task = taskOf(lesson);
      return task ? { moduleKey: m.key, lesson, task } : null;
    }
  return null;
}

/** How many of `kind` the task takes, or null when it takes none. */
export function evidenceRule(task: PracticalTask, kind: EvidenceKind): { min: number; max: number } | null {
  const rule = task.evidence.find((r) => r.kind === kind);
  return rule && rule.max > 0 ? { min: rule.min, max: rule.max } : null;
}
