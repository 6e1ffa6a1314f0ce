export * from './lib/catalog.module';
export type { CatalogOptions } from './lib/catalog.options';
export { CoursesService } from './lib/courses.service';
export { PublishingService } from './lib/publishing.service';
export { coachCourse, coachLesson, coachQuiz } from './lib/content/coach-view';
export { renderMarkdown } from './lib/content/markdown';
export { contentHash } from './lib/content/canonical';
export { DIGCOMP_AREAS } from './lib/reference/digcomp';
