export * from './lib/learning.routes';
export { TASK_LESSON_VIEW } from './lib/lesson/task-lesson-view';
export { LESSON_DISCUSSION } from './lib/lesson/lesson-discussion';
