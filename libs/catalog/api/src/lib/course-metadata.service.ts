import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CourseDraft } from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { CourseAccess } from './course-access.service';
import { refreshDraftHash } from './course-draft-content';
import { CourseDraftReader } from './course-drafts.service';
import type { CreateCourseDto, UpdateCourseDto } from './dto/catalog.dto';
import { CourseEntity } from './entities/course.entity';
import { freeSlug, saveNewCourse } from './new-course';

/** A course as a whole: creating it, its own fields (slug, titles, languages…), archiving it. */
@Injectable()
export class CourseMetadataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CourseAccess,
    private readonly drafts: CourseDraftReader,
  ) {}

  async create(principal: AuthPrincipal, dto: CreateCourseDto): Promise<CourseDraft> {
    const id = await this.dataSource.transaction(async (manager) => {
      const slug = await freeSlug(manager, dto.slug, false);
      const course = await saveNewCourse(manager, principal.userId, slug, {
        defaultLocale: dto.defaultLocale,
        locales: dto.locales,
        title: { ...dto.title },
        summary: { ...(dto.summary ?? {}) },
        estimatedMinutes: dto.estimatedMinutes ?? null,
        coverImageHash: null,
        competences: dto.competences ?? [],
      });
      await refreshDraftHash(manager, course.id);
      return course.id;
    });
    return this.drafts.draft(principal, id);
  }

  async update(principal: AuthPrincipal, courseId: string, dto: UpdateCourseDto): Promise<CourseDraft> {
    await this.access.edit(principal, courseId, async (manager, course) => {
      if (dto.slug !== undefined && dto.slug !== course.slug)
        course.slug = await freeSlug(manager, dto.slug, false, course.id);
      if (dto.title) course.title = { ...course.title, ...dto.title };
      if (dto.summary) course.summary = { ...course.summary, ...dto.summary };
      if (dto.defaultLocale) course.defaultLocale = dto.defaultLocale;
      if (dto.locales) course.locales = dto.locales;
      if (!course.locales.includes(course.defaultLocale)) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'course-locales',
          'Default language not offered',
          undefined,
          [
            {
              field: 'locales',
              message: `The offered languages must include the default language (${course.defaultLocale})`,
              code: 'locales-without-default',
              params: { locale: course.defaultLocale },
            },
          ],
        );
      }
      if (dto.estimatedMinutes !== undefined) course.estimatedMinutes = dto.estimatedMinutes;
      if (dto.competences) course.competences = dto.competences;
      if (dto.coverImageHash !== undefined) course.coverImageHash = dto.coverImageHash;
      await manager.save(course);
    });
    return this.drafts.draft(principal, courseId);
  }

  /** Archived courses take no edit; archiving again keeps the first date. */
  async setArchived(principal: AuthPrincipal, courseId: string, archived: boolean): Promise<CourseDraft> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.access.requireEditable(principal, courseId, manager, true);
      await manager.update(
        CourseEntity,
        { id: course.id },
        { archivedAt: archived ? (course.archivedAt ?? new Date()) : null },
      );
    });
    return this.drafts.draft(principal, courseId);
  }
}
