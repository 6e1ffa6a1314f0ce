import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthPrincipal, hasRole, ProblemException } from '@tc/shared/api';
import { refreshDraftHash } from './course-draft-content';
import { CourseCoAuthorEntity } from './entities/course-co-author.entity';
import { CourseEntity } from './entities/course.entity';

/**
 * Who may edit a course, and how an edit runs: in one transaction that locks the course row (edits
 * of one course are serialised), then refreshes the draft's content hash. Shared by every service that
 * reads or changes a draft.
 */
@Injectable()
export class CourseAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Owners, co-authors and admins edit; anyone else gets a 404, as if the course did not exist. */
  async requireEditable(
    principal: AuthPrincipal,
    courseId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<CourseEntity> {
    const course = await manager.findOne(CourseEntity, {
      where: { id: courseId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!course || !(await this.canEdit(principal, course, manager)))
      throw new NotFoundException('No such course.');
    return course;
  }

  /** Runs an edit on a locked, editable, not archived course, then refreshes the draft's hash. */
  async edit(
    principal: AuthPrincipal,
    courseId: string,
    change: (manager: EntityManager, course: CourseEntity) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.requireEditable(principal, courseId, manager, true);
      if (course.archivedAt) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'course-archived',
          'Course archived',
          'Unarchive the course to edit it.',
        );
      }
      await change(manager, course);
      await refreshDraftHash(manager, courseId);
    });
  }

  private async canEdit(
    principal: AuthPrincipal,
    course: CourseEntity,
    manager: EntityManager,
  ): Promise<boolean> {
    if (hasRole(principal, 'admin')) return true;
    if (!hasRole(principal, 'trainer')) return false;
    if (course.ownerId === principal.userId) return true;
    return manager.exists(CourseCoAuthorEntity, { where: { courseId: course.id, userId: principal.userId } });
  }
}
