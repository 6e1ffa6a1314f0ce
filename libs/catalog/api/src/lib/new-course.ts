import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CourseContent } from '@tc/shared/contracts';
import { ProblemException } from '@tc/shared/api';
import { CourseEntity } from './entities/course.entity';

/** What a new course starts with, whether written by hand or read from a file. */
export type NewCourseFields = Omit<CourseContent, 'slug' | 'modules'>;

/** A slug not taken yet: the requested one (409 when taken), or with `-2`, `-3`… when `suffix`. */
export async function freeSlug(
  manager: EntityManager,
  wanted: string,
  suffix: boolean,
  exceptCourseId?: string,
): Promise<string> {
  const taken = async (slug: string) => {
    const row = await manager.findOne(CourseEntity, { where: { slug }, select: { id: true } });
    return !!row && row.id !== exceptCourseId;
  };
  if (!(await taken(wanted))) return wanted;
  if (!suffix) {
    throw new ProblemException(HttpStatus.CONFLICT, 'course-slug-taken', 'Slug already used', undefined, [
      {
        field: 'slug',
        message: `Another course already uses "${wanted}"`,
        code: 'slug-taken',
        params: { slug: wanted },
      },
    ]);
  }
  for (let n = 2; ; n++) {
    const candidate = `${wanted.slice(0, 75)}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}

/**
 * Saves a new active, unpublished course (its draft hash still to refresh). The default language is
 * always among the offered ones.
 */
export function saveNewCourse(
  manager: EntityManager,
  ownerId: string,
  slug: string,
  fields: NewCourseFields,
): Promise<CourseEntity> {
  return manager.save(
    manager.create(CourseEntity, {
      slug,
      ownerId,
      defaultLocale: fields.defaultLocale,
      locales: fields.locales.includes(fields.defaultLocale)
        ? fields.locales
        : [fields.defaultLocale, ...fields.locales],
      title: fields.title,
      summary: fields.summary,
      estimatedMinutes: fields.estimatedMinutes,
      coverImageHash: fields.coverImageHash,
      competences: fields.competences,
      archivedAt: null,
      latestVersion: null,
      draftHash: '',
    }),
  );
}
