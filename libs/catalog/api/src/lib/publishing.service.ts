import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type {
  CoachCourse,
  CourseContent,
  CourseFile,
  CourseVersion,
  CourseVersionSummary,
  Locale,
  PublishProblem,
} from '@tc/shared/contracts';
import { incompleteLocales } from '@tc/shared/contracts';
import { AuthPrincipal, ProblemException } from '@tc/shared/api';
import { writeAudit } from '@tc/audit/api';
import { UserDirectory } from '@tc/identity/api';
import { contentHash } from './content/canonical';
import { coachCourse } from './content/coach-view';
import { MediaService } from './media.service';
import { publishProblems } from './content/publish-validation';
import { unknownCompetences } from './content/competences';
import { CourseAccess } from './course-access.service';
import { draftContent, refreshDraftHash } from './course-draft-content';
import { CourseEntity } from './entities/course.entity';
import { CourseVersionEntity } from './entities/course-version.entity';
import { MediaEntity } from './entities/media.entity';

/** Publishing drafts as numbered immutable versions, and reading them: versions, previews, exports. */
@Injectable()
export class PublishingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CourseAccess,
    private readonly directory: UserDirectory,
    private readonly media: MediaService,
  ) {}

  /**
   * Validates the draft and freezes it as version N+1, or answers 422 with every problem. Publishing an
   * unchanged draft again is refused (409): it would be the same version twice. The `stopOffering`
   * languages are first removed from the offered ones (all or nothing, with the publication); an
   * offered language that still lacks texts is published anyway, its coaches reading those texts in
   * the default language, and the audit entry names it.
   */
  async publish(
    principal: AuthPrincipal,
    courseId: string,
    stopOffering: readonly Locale[] = [],
  ): Promise<CourseVersion> {
    const version = await this.dataSource.transaction(async (manager) => {
      const course = await this.access.requireEditable(principal, courseId, manager, true);
      if (course.archivedAt) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'course-archived',
          'Course archived',
          'Unarchive the course to publish it.',
        );
      }
      if (stopOffering.includes(course.defaultLocale)) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'course-locales',
          'Default language not offered',
          undefined,
          [
            {
              field: 'stopOffering',
              message: `The default language (${course.defaultLocale}) is always offered`,
              code: 'locales-without-default',
              params: { locale: course.defaultLocale },
            },
          ],
        );
      }
      const dropped = course.locales.filter((l) => stopOffering.includes(l));
      if (dropped.length) {
        await manager.update(
          CourseEntity,
          { id: courseId },
          { locales: course.locales.filter((l) => !dropped.includes(l)) },
        );
        await refreshDraftHash(manager, courseId);
      }
      const content = await draftContent(manager, courseId);
      const hashes = referencedMedia(content);
      const known = new Set(
        hashes.length
          ? (await manager.find(MediaEntity, { where: { hash: In(hashes) }, select: { hash: true } })).map(
              (m) => m.hash,
            )
          : [],
      );
      const problems = [
        ...publishProblems(content, (h) => known.has(h)),
        ...unknownCompetences(content).map((field): PublishProblem => ({
          field,
          message: 'Not a DigComp 2.2 competence',
          code: 'unknown-competence',
        })),
      ];
      if (problems.length) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'publish-invalid',
          'The draft cannot be published yet',
          `${problems.length} problem(s) to fix before publishing.`,
          problems,
          { count: problems.length },
        );
      }
      const hash = contentHash(content);
      if (course.latestVersion !== null) {
        const latest = await manager.findOneOrFail(CourseVersionEntity, {
          where: { courseId, number: course.latestVersion },
        });
        if (latest.contentHash === hash) {
          throw new ProblemException(
            HttpStatus.CONFLICT,
            'publish-unchanged',
            'Nothing new to publish',
            `Version ${latest.number} already has this content.`,
            undefined,
            { version: latest.number },
          );
        }
      }
      const number = (course.latestVersion ?? 0) + 1;
      const fallback = incompleteLocales(content);
      const saved = await manager.save(
        manager.create(CourseVersionEntity, {
          courseId,
          number,
          content,
          contentHash: hash,
          publishedAt: new Date(),
          publishedBy: principal.userId,
        }),
      );
      await manager.update(CourseEntity, { id: courseId }, { latestVersion: number });
      await writeAudit(manager, {
        actorId: principal.userId,
        action: 'course.published',
        subjectType: 'course',
        subjectId: courseId,
        details: {
          version: number,
          versionId: saved.id,
          contentHash: hash,
          ...(dropped.length ? { droppedLocales: dropped } : {}),
          ...(fallback.length ? { fallbackLocales: fallback } : {}),
        },
      });
      return saved;
    });
    return (await this.withNames([version]))[0] as CourseVersion;
  }

  async versions(principal: AuthPrincipal, courseId: string): Promise<CourseVersionSummary[]> {
    await this.access.requireEditable(principal, courseId);
    const rows = await this.dataSource.manager.find(CourseVersionEntity, {
      where: { courseId },
      order: { number: 'DESC' },
      select: {
        id: true,
        courseId: true,
        number: true,
        contentHash: true,
        publishedAt: true,
        publishedBy: true,
      },
    });
    return (await this.withNames(rows)).map(({ content: _content, ...summary }) => summary);
  }

  async version(principal: AuthPrincipal, courseId: string, number: number): Promise<CourseVersion> {
    await this.access.requireEditable(principal, courseId);
    return (await this.withNames([await this.requireVersion(courseId, number)]))[0] as CourseVersion;
  }

  /** What a coach will see, of the draft or of a version. */
  async preview(
    principal: AuthPrincipal,
    courseId: string,
    locale: Locale | undefined,
    version?: number,
  ): Promise<CoachCourse> {
    const course = await this.access.requireEditable(principal, courseId);
    const content = version
      ? (await this.requireVersion(courseId, version)).content
      : await draftContent(this.dataSource.manager, courseId);
    return coachCourse(
      content,
      locale ?? content.defaultLocale,
      { courseId: course.id, version: version ?? null },
      await this.media.imagesOf(content),
    );
  }

  async exportFile(principal: AuthPrincipal, courseId: string, version?: number): Promise<CourseFile> {
    await this.access.requireEditable(principal, courseId);
    const content = version
      ? (await this.requireVersion(courseId, version)).content
      : await draftContent(this.dataSource.manager, courseId);
    return {
      format: 'tc-course/1',
      exportedAt: new Date().toISOString(),
      source: { courseId, version: version ?? null },
      ...content,
    };
  }

  private async requireVersion(courseId: string, number: number): Promise<CourseVersionEntity> {
    const v = await this.dataSource.manager.findOne(CourseVersionEntity, { where: { courseId, number } });
    if (!v) throw new NotFoundException(`No version ${number} of this course.`);
    return v;
  }

  private async withNames(rows: CourseVersionEntity[]): Promise<CourseVersion[]> {
    const people = await this.directory.entries(rows.map((r) => r.publishedBy));
    return rows.map((r) => ({
      courseId: r.courseId,
      number: r.number,
      contentHash: r.contentHash,
      publishedAt: r.publishedAt.toISOString(),
      publishedBy: r.publishedBy,
      publishedByName: people.get(r.publishedBy)?.displayName ?? '',
      content: r.content,
    }));
  }
}

function referencedMedia(content: CourseContent): string[] {
  const hashes = new Set<string>();
  if (content.coverImageHash) hashes.add(content.coverImageHash);
  for (const m of content.modules)
    for (const l of m.lessons) if (l.media?.mediaHash) hashes.add(l.media.mediaHash);
  return [...hashes];
}
