export * from './lib/cohorts.module';
export { CohortsService, dueDate, addDays } from './lib/cohorts.service';
export { versionChanges } from './lib/version-changes';
export { EnrolmentsService } from './lib/enrolments.service';
export { RosterService, type CoachProgress } from './lib/roster.service';
export { parseEnrolmentCsv, neutraliseCell } from './lib/csv-import';
export { EnrolmentEntity } from './lib/entities/enrolment.entity';
export { LessonProgressEntity } from './lib/entities/lesson-progress.entity';
export { CohortEntity } from './lib/entities/cohort.entity';
export {
  LearnerRecords,
  type EnrolmentRecord,
  type DueModule,
  type ProgressRow,
  type ProgressChange,
} from './lib/learner-records.service';
