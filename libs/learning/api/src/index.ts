export * from './lib/learning.module';
export { ProgressService } from './lib/progress.service';
export { QuizzesService } from './lib/quizzes.service';
export { grade, isCorrect, normaliseAnswer } from './lib/rules/grading';
export { isCourseComplete, lessonsDone } from './lib/rules/completion';
