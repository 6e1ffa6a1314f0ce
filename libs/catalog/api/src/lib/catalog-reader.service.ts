import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import type { CourseContent, LocalizedText } from '@tc/shared/contracts';
import { CourseEntity } from './entities/course.entity';
import { CourseVersionEntity } from './entities/course-version.entity';

export interface PublishedVersion {
  courseId: string;
  number: number;
  contentHash: string;
  content: CourseContent;
  courseArchived: boolean;
}

/** What other domains may read of the catalogue: published versions and course titles. No access rules: callers apply theirs. */
@Injectable()
export class CatalogReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async version(
    courseId: string,
    number: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PublishedVersion | null> {
    const v = await manager.findOne(CourseVersionEntity, { where: { courseId, number } });
    if (!v) return null;
    const course = await manager.findOneOrFail(CourseEntity, {
      where: { id: courseId },
      select: { id: true, archivedAt: true },
    });
    return {
      courseId,
      number,
      contentHash: v.contentHash,
      content: v.content,
      courseArchived: !!course.archivedAt,
    };
  }

  /** Numbers of the versions published after `number`. */
  async newerVersions(courseId: string, number: number): Promise<number[]> {
    const rows = await this.dataSource.manager.find(CourseVersionEntity, {
      where: { courseId, number: MoreThan(number) },
      select: { number: true },
      order: { number: 'ASC' },
    });
    return rows.map((r) => r.number);
  }

  async titles(courseIds: string[]): Promise<Map<string, LocalizedText>> {
    if (!courseIds.length) return new Map();
    const rows = await this.dataSource.manager.find(CourseEntity, {
      where: { id: In([...new Set(courseIds)]) },
      select: { id: true, title: true },
    });
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
