export * from './lib/learning.routes';
export { TASK_LESSON_VIEW } from './lib/lesson/task-lesson-view';
