import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CourseDraft, CourseSummary } from '@tc/shared/contracts';
import { AuthPrincipal, hasRole } from '@tc/shared/api';
import { UserDirectory } from '@tc/identity/api';
import { CourseAccess } from './course-access.service';
import { courseFields, lessonContent, outlineRows } from './course-draft-content';
import { CourseCoAuthorEntity } from './entities/course-co-author.entity';
import { CourseEntity } from './entities/course.entity';
import { CourseVersionEntity } from './entities/course-version.entity';

/** Reading drafts for their authors: one whole draft, or the list of courses. */
@Injectable()
export class CourseDraftReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: UserDirectory,
    private readonly access: CourseAccess,
  ) {}

  async draft(principal: AuthPrincipal, courseId: string): Promise<CourseDraft> {
    const manager = this.dataSource.manager;
    const course = await this.access.requireEditable(principal, courseId, manager);
    const { modules, lessons } = await outlineRows(manager, courseId);
    const coAuthorIds = (await manager.find(CourseCoAuthorEntity, { where: { courseId } })).map(
      (c) => c.userId,
    );
    const people = await this.directory.entries(coAuthorIds);
    const latestHash = await this.latestHash(courseId, course.latestVersion);
    return {
      id: course.id,
      ...courseFields(course),
      status: course.archivedAt ? 'archived' : 'active',
      ownerId: course.ownerId,
      coAuthors: coAuthorIds.map((id) => people.get(id)).filter((p): p is NonNullable<typeof p> => !!p),
      latestVersion: course.latestVersion,
      hasUnpublishedChanges: latestHash !== course.draftHash,
      updatedAt: course.updatedAt.toISOString(),
      modules: modules.map((m) => ({
        id: m.id,
        key: m.key,
        title: m.title,
        lessons: lessons.filter((l) => l.moduleId === m.id).map((l) => ({ id: l.id, ...lessonContent(l) })),
      })),
    };
  }

  private async latestHash(courseId: string, latest: number | null): Promise<string | null> {
    if (latest === null) return null;
    const v = await this.dataSource.manager.findOne(CourseVersionEntity, {
      where: { courseId, number: latest },
      select: { contentHash: true },
    });
    return v?.contentHash ?? null;
  }

  /** Mine: owned or co-authored (admins: all). Published: every course with a version, not archived. */
  async list(principal: AuthPrincipal, scope: 'mine' | 'published'): Promise<CourseSummary[]> {
    const qb = this.dataSource
      .getRepository(CourseEntity)
      .createQueryBuilder('c')
      .leftJoin(CourseVersionEntity, 'v', 'v.course_id = c.id AND v.number = c.latest_version')
      .addSelect('v.content_hash', 'latest_hash')
      .orderBy('c.updated_at', 'DESC');
    if (scope === 'published') {
      qb.where('c.latest_version IS NOT NULL AND c.archived_at IS NULL');
    } else if (!hasRole(principal, 'admin')) {
      qb.where(
        '(c.owner_id = :me OR EXISTS (SELECT 1 FROM course_co_authors ca WHERE ca.course_id = c.id AND ca.user_id = :me))',
        {
          me: principal.userId,
        },
      );
    }
    const { entities, raw } = await qb.getRawAndEntities<{ latest_hash: string | null }>();
    const owners = await this.directory.entries(entities.map((c) => c.ownerId));
    return entities.map((c, i) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      defaultLocale: c.defaultLocale,
      locales: c.locales,
      status: c.archivedAt ? 'archived' : 'active',
      ownerId: c.ownerId,
      ownerName: owners.get(c.ownerId)?.displayName ?? '',
      latestVersion: c.latestVersion,
      hasUnpublishedChanges: (raw[i]?.latest_hash ?? null) !== c.draftHash,
      updatedAt: c.updatedAt.toISOString(),
    }));
  }
}
