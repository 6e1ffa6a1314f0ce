export * from './lib/catalog.module';
export type { CatalogOptions } from './lib/catalog.options';
export { CourseImportService } from './lib/course-import.service';
export { PublishingService } from './lib/publishing.service';
/** The course file's body (`tc-course/1`), for whoever imports a file without the HTTP route. */
export { CourseFileDto } from './lib/dto/catalog.dto';
export { MediaService } from './lib/media.service';
export { coachCourse, coachLesson, coachQuiz } from './lib/content/coach-view';
export { renderMarkdown } from './lib/content/markdown';
export { contentHash } from './lib/content/canonical';
export { DIGCOMP_AREAS } from './lib/reference/digcomp';
export { CatalogReader, type PublishedVersion } from './lib/catalog-reader.service';
export { CourseVersionEntity } from './lib/entities/course-version.entity';
export { DIGCOMP_LEVELS } from './lib/reference/digcomp';
