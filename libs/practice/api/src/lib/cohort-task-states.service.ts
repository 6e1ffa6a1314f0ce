import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CohortTask, CohortTaskStates, TaskStanding } from '@tc/shared/contracts';
import type { AuthPrincipal } from '@tc/shared/api';
import { CatalogReader } from '@tc/catalog/api';
import { PracticeAccess } from './practice-access';
import { SubmissionsService } from './submissions.service';
import { taskOf } from './task-content';

/**
 * The roster's task column: the practical tasks of the cohort's course version, and each coach's
 * latest round of each (withdrawn rounds skipped), for whoever runs the cohort.
 */
@Injectable()
export class CohortTaskStatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PracticeAccess,
    private readonly catalog: CatalogReader,
    private readonly submissions: SubmissionsService,
  ) {}

  async read(principal: AuthPrincipal, cohortId: string): Promise<CohortTaskStates> {
    const manager = this.dataSource.manager;
    const cohort = await this.access.cohort(manager, principal, cohortId);
    const content = (await this.catalog.version(cohort.courseId, cohort.courseVersion, manager))?.content;
    const tasks: CohortTask[] = [];
    for (const m of content?.modules ?? [])
      for (const lesson of m.lessons) {
        const task = taskOf(lesson);
        if (task)
          tasks.push({
            moduleKey: m.key,
            lessonKey: lesson.key,
            title: lesson.title,
            required: task.required,
          });
      }
    const states = await this.submissions.cohortTaskStates(cohortId);
    return {
      cohortId,
      tasks,
      enrolments: [...states].map(([enrolmentId, byLesson]) => ({
        enrolmentId,
        // The query leaves withdrawn rounds out.
        states: Object.fromEntries(byLesson) as Record<string, TaskStanding>,
      })),
    };
  }
}
