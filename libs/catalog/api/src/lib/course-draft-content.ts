import type { EntityManager } from 'typeorm';
import type { CourseContent, LessonContent } from '@tc/shared/contracts';
import { contentHash } from './content/canonical';
import { CourseEntity } from './entities/course.entity';
import { CourseLessonEntity } from './entities/course-lesson.entity';
import { CourseModuleEntity } from './entities/course-module.entity';

/** A draft's modules and lessons as stored, each in the order of its positions. */
export async function outlineRows(
  manager: EntityManager,
  courseId: string,
): Promise<{ modules: CourseModuleEntity[]; lessons: CourseLessonEntity[] }> {
  const modules = await manager.find(CourseModuleEntity, {
    where: { courseId },
    order: { position: 'ASC' },
  });
  const lessons = await manager.find(CourseLessonEntity, {
    where: { courseId },
    order: { position: 'ASC' },
  });
  return { modules, lessons };
}

/**
 * Lesson fields as stored, shaped for the content snapshot. Only a task lesson carries `task`, so the
 * content (and the hash) of a course without tasks is what it was before tasks existed.
 */
export function lessonContent(l: CourseLessonEntity): LessonContent {
  return {
    key: l.key,
    kind: l.kind,
    title: l.title,
    competences: l.competences,
    estimatedMinutes: l.estimatedMinutes,
    body: l.body,
    media: l.media,
    quiz: l.quiz,
    ...(l.kind === 'task' ? { task: l.task } : {}),
  };
}

/** A course's own fields as stored, shaped for the content snapshot and the draft. */
export function courseFields(course: CourseEntity): Omit<CourseContent, 'modules'> {
  return {
    slug: course.slug,
    defaultLocale: course.defaultLocale,
    locales: course.locales,
    title: course.title,
    summary: course.summary,
    estimatedMinutes: course.estimatedMinutes,
    coverImageHash: course.coverImageHash,
    competences: course.competences,
  };
}

/** The draft's content, exactly what a publish would freeze. */
export async function draftContent(manager: EntityManager, courseId: string): Promise<CourseContent> {
  const course = await manager.findOneOrFail(CourseEntity, { where: { id: courseId } });
  const { modules, lessons } = await outlineRows(manager, courseId);
  return {
    ...courseFields(course),
    modules: modules.map((m) => ({
      key: m.key,
      title: m.title,
      lessons: lessons.filter((l) => l.moduleId === m.id).map(lessonContent),
    })),
  };
}

/** Stores the hash of the draft's content (what tells unpublished changes) and the time of the edit. */
export async function refreshDraftHash(manager: EntityManager, courseId: string): Promise<void> {
  const content = await draftContent(manager, courseId);
  await manager.update(
    CourseEntity,
    { id: courseId },
    { draftHash: contentHash(content), updatedAt: new Date() },
  );
}
