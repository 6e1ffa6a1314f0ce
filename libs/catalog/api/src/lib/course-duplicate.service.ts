import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CourseContent, CourseDraft, LocalizedText } from '@tc/shared/contracts';
import { AuthPrincipal } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { CourseAccess } from './course-access.service';
import { draftContent } from './course-draft-content';
import { CourseDraftReader } from './course-drafts.service';
import { CourseImportService } from './course-import.service';
import { CourseVersionEntity } from './entities/course-version.entity';

/** What a copy's title ends with, in each language. */
const COPY_SUFFIX = { fr: ' (copie)', ar: ' (نسخة)', en: ' (copy)' } as const;

/** Each language's title with that language's "(copy)" (a title stays within its 300 characters). */
export function copyTitle(title: LocalizedText): LocalizedText {
  const copy: LocalizedText = {};
  for (const [locale, text] of Object.entries(title) as [keyof typeof COPY_SUFFIX, string | undefined][]) {
    if (text) copy[locale] = `${text.slice(0, 300 - COPY_SUFFIX[locale].length)}${COPY_SUFFIX[locale]}`;
  }
  return copy;
}

/**
 * A course copied into a new draft of the caller's: from the draft when they may edit the course,
 * else from its latest published version. Keys are kept (a copy is a course of its own); the slug
 * gets "-copie" and a number if taken. The copy is written to the audit log, as publishing is: the
 * new course names the course it came from (and the version, when it was copied from one).
 */
@Injectable()
export class CourseDuplicateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CourseAccess,
    private readonly imports: CourseImportService,
    private readonly drafts: CourseDraftReader,
  ) {}

  async duplicate(principal: AuthPrincipal, courseId: string): Promise<CourseDraft> {
    const id = await this.dataSource.transaction(async (manager) => {
      let content: CourseContent;
      let version: number | null = null;
      try {
        await this.access.requireEditable(principal, courseId, manager);
        content = await draftContent(manager, courseId);
      } catch (e) {
        if (!(e instanceof NotFoundException)) throw e;
        const latest = await manager.findOne(CourseVersionEntity, {
          where: { courseId },
          order: { number: 'DESC' },
        });
        if (!latest) throw e;
        content = latest.content;
        version = latest.number;
      }
      const copyId = await this.imports.createFromContent(manager, principal.userId, {
        ...content,
        slug: `${content.slug.slice(0, 68)}-copie`,
        title: copyTitle(content.title),
      });
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'course.duplicated',
        subjectType: 'course',
        subjectId: copyId,
        details: { courseId, ...(version !== null ? { version } : {}) },
      });
      return copyId;
    });
    return this.drafts.draft(principal, id);
  }
}
