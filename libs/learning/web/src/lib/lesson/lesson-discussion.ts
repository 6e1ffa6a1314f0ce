import { InjectionToken, type Type } from '@angular/core';

/**
 * What the lesson player shows under a lesson for questions about it: the conversation domain's
 * block, which the app provides (learning knows nothing of conversation), loaded once a lesson
 * opens. It takes the inputs `enrolmentId` and `lessonKey`. Without it the player shows none.
 */
export const LESSON_DISCUSSION = new InjectionToken<() => Promise<Type<unknown>>>('LESSON_DISCUSSION');
