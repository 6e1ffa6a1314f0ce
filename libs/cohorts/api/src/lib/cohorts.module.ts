import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TerritoriesModule } from '@tc/territories/api';
import { CohortsController, MyEnrolmentsController } from './cohorts.controller';
import { CohortsService } from './cohorts.service';
import { EnrolmentsService } from './enrolments.service';
import { CohortTrainerEntity } from './entities/cohort-trainer.entity';
import { CohortEntity } from './entities/cohort.entity';
import { EnrolmentEntity } from './entities/enrolment.entity';
import { LessonProgressEntity } from './entities/lesson-progress.entity';
import { ProgressCounterEntity } from './entities/progress-counter.entity';
import { RosterService } from './roster.service';
import { LearnerRecords } from './learner-records.service';

export const COHORTS_ENTITIES = [
  CohortEntity,
  CohortTrainerEntity,
  EnrolmentEntity,
  LessonProgressEntity,
  ProgressCounterEntity,
];

@Module({
  imports: [TypeOrmModule.forFeature(COHORTS_ENTITIES), TerritoriesModule],
  controllers: [CohortsController, MyEnrolmentsController],
  providers: [CohortsService, EnrolmentsService, RosterService, LearnerRecords],
  exports: [CohortsService, EnrolmentsService, RosterService, LearnerRecords],
})
export class CohortsModule {}
