import { InjectionToken, type Type } from '@angular/core';

/**
 * What the lesson player shows for a `task` lesson: the practice domain's hand-in, which the app
 * provides (learning knows nothing of practice), loaded only when a task lesson opens. It takes the
 * inputs `enrolmentId`, `lessonKey`, `task` (the lesson's `CoachTask`) and `disabled`. Without it
 * the player shows the task's instructions alone.
 */
export const TASK_LESSON_VIEW = new InjectionToken<() => Promise<Type<unknown>>>('TASK_LESSON_VIEW');
