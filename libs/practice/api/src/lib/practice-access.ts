import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CourseContent } from '@tc/shared/contracts';
import { ProblemException, type AuthPrincipal } from '@tc/shared/api';
import { CatalogReader } from '@tc/catalog/api';
import { CohortsService, LearnerRecords, type EnrolmentRecord } from '@tc/cohorts/api';
import { findTask, type TaskLesson } from './task-content';

/**
 * Who may do what with one enrolment's practice:
 * - `coach`: the enrolment's coach only (uploading, handing in, withdrawing, deleting a draft file);
 * - `read`: the coach, the trainers who run the cohort and the admins of its territory (whoever may
 *   manage the cohort, as the cohorts domain decides);
 * - `review`: those trainers and admins, never the coach themself.
 * Anyone else is told the enrolment does not exist (404), so its existence is not revealed.
 */
export type PracticeRight = 'coach' | 'read' | 'review';

export interface TaskContext {
  enrolment: EnrolmentRecord;
  content: CourseContent;
  task: TaskLesson;
}

export const notFound = (what = 'No such enrolment.') =>
  new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'Not found', what);

@Injectable()
export class PracticeAccess {
  constructor(
    private readonly records: LearnerRecords,
    private readonly cohorts: CohortsService,
    private readonly catalog: CatalogReader,
  ) {}

  /** The enrolment, if the person has the right; `lock` holds its row until the transaction ends. */
  async enrolment(
    manager: EntityManager,
    principal: AuthPrincipal,
    enrolmentId: string,
    right: PracticeRight,
    lock = false,
  ): Promise<EnrolmentRecord> {
    const enrolment = (await this.records.enrolments(manager, [enrolmentId], lock)).get(enrolmentId);
    if (!enrolment) throw notFound();
    const own = enrolment.userId === principal.userId;
    if (right === 'coach' ? own : right === 'read' && own) return enrolment;
    if (right === 'coach' || (right === 'review' && own)) throw notFound();
    if (!(await this.manages(manager, principal, enrolment.cohortId))) throw notFound();
    return enrolment;
  }

  /** Whether the person runs the cohort (a trainer over its territory, or an admin of it). */
  async manages(manager: EntityManager, principal: AuthPrincipal, cohortId: string): Promise<boolean> {
    try {
      await this.cohorts.requireManageable(principal, cohortId, manager);
      return true;
    } catch (error) {
      if (error instanceof NotFoundException) return false;
      throw error;
    }
  }

  /** Who reviews the cohort's rounds: its listed trainers whose role still covers it. */
  async reviewers(manager: EntityManager, cohortId: string): Promise<string[]> {
    return this.cohorts.activeTrainers(cohortId, manager);
  }

  /** The cohort, if the person runs it; anyone else is told it does not exist (404). */
  async cohort(
    manager: EntityManager,
    principal: AuthPrincipal,
    cohortId: string,
  ): Promise<{ id: string; courseId: string; courseVersion: number }> {
    try {
      return await this.cohorts.requireManageable(principal, cohortId, manager);
    } catch (error) {
      if (error instanceof NotFoundException) throw notFound('No such cohort.');
      throw error;
    }
  }

  /** The enrolment with its version's content and the task `lessonKey` of that version (else 404). */
  async task(
    manager: EntityManager,
    principal: AuthPrincipal,
    enrolmentId: string,
    lessonKey: string,
    right: PracticeRight,
    lock = false,
  ): Promise<TaskContext> {
    const enrolment = await this.enrolment(manager, principal, enrolmentId, right, lock);
    const content = await this.content(manager, enrolment);
    const task = findTask(content, lessonKey);
    if (!content || !task)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'task-unknown',
        'No such task',
        `Lesson ${lessonKey} is not a practical task of this enrolment's course version.`,
      );
    return { enrolment, content, task };
  }

  async content(manager: EntityManager, enrolment: EnrolmentRecord): Promise<CourseContent | undefined> {
    return (await this.catalog.version(enrolment.courseId, enrolment.courseVersion, manager))?.content;
  }
}
