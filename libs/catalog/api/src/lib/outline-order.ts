import { HttpStatus } from '@nestjs/common';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { ProblemException } from '@tc/shared/api';
import { CourseLessonEntity } from './entities/course-lesson.entity';
import { CourseModuleEntity } from './entities/course-module.entity';

/** The modules of a course, or the lessons of a module: each numbered 0, 1, 2… in its parent. */
type Ordered = typeof CourseModuleEntity | typeof CourseLessonEntity;

/** Gives the rows these positions: the first id 0, the next 1… */
export async function renumber(manager: EntityManager, entity: Ordered, ids: string[]): Promise<void> {
  for (const [position, id] of ids.entries()) await manager.update(entity, { id }, { position });
}

/**
 * Deletes a module or lesson, or after a lesson moved to another module (`remove` absent), numbers the
 * rows left among its siblings 0, 1, 2… again in their order: no gap in the positions.
 */
export async function closeGap<E extends Ordered>(
  manager: EntityManager,
  entity: E,
  siblings: FindOptionsWhere<InstanceType<E>>,
  remove?: string,
): Promise<void> {
  if (remove !== undefined) await manager.delete(entity, { id: remove });
  const rest: { id: string }[] = await manager.find<CourseModuleEntity | CourseLessonEntity>(entity, {
    where: siblings,
    order: { position: 'ASC' },
  });
  await renumber(
    manager,
    entity,
    rest.map((r) => r.id),
  );
}

/** A new order must name every item of the parent exactly once (422 otherwise). */
export function assertSameSet(current: string[], proposed: string[]): void {
  const a = [...current].sort();
  const b = [...proposed].sort();
  if (a.length !== b.length || a.some((id, i) => id !== b[i])) {
    throw new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'reorder-mismatch',
      'Order does not match',
      undefined,
      [{ field: 'ids', message: 'List every item of the parent exactly once', code: 'reorder-mismatch' }],
    );
  }
}
