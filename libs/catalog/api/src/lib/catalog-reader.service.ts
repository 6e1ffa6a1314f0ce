import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { poolQuery } from '@tc/shared/api';
import type { CourseContent, LocalizedText } from '@tc/shared/contracts';
import { CourseEntity } from './entities/course.entity';
import { CourseVersionEntity } from './entities/course-version.entity';

export interface PublishedVersion {
  courseId: string;
  number: number;
  contentHash: string;
  content: CourseContent;
}

/** Versions never change (a trigger forbids it), so they are cached for good; this many at most. */
const CACHE_SIZE = 200;

/** What other domains may read of the catalogue: published versions and course titles. No access rules: callers apply theirs. */
@Injectable()
export class CatalogReader {
  private readonly cache = new Map<string, PublishedVersion>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async version(
    courseId: string,
    number: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PublishedVersion | null> {
    const key = `${courseId}@${number}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Least recently used goes first: re-insert on every hit.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const v = await manager.findOne(CourseVersionEntity, { where: { courseId, number } });
    if (!v) return null;
    const version = { courseId, number, contentHash: v.contentHash, content: v.content };
    this.cache.set(key, version);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return version;
  }

  async isArchived(courseId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const course = await manager.findOne(CourseEntity, {
      where: { id: courseId },
      select: { id: true, archivedAt: true },
    });
    return !!course?.archivedAt;
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
    // A plain read on the pool: the learner home asks for it on every visit.
    const rows = await poolQuery<{ id: string; title: LocalizedText }>(
      this.dataSource,
      'SELECT id, title FROM courses WHERE id = ANY($1::uuid[])',
      [[...new Set(courseIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
