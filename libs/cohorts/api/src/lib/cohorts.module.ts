import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TerritoriesModule } from '@tc/territories/api';
import { CohortsController, MyEnrolmentsController } from './cohorts.controller';
import { CohortsService } from './cohorts.service';
import {
  CohortInvitationsController,
  MyCohortInvitationsController,
} from './enrolment-invitations.controller';
import { EnrolmentInvitationsService } from './enrolment-invitations.service';
import { EnrolmentsService } from './enrolments.service';
import { CohortTrainerEntity } from './entities/cohort-trainer.entity';
import { CohortEntity } from './entities/cohort.entity';
import { EnrolmentInvitationEntity } from './entities/enrolment-invitation.entity';
import { EnrolmentEntity } from './entities/enrolment.entity';
import { LessonProgressEntity } from './entities/lesson-progress.entity';
import { ProgressCounterEntity } from './entities/progress-counter.entity';
import { RosterService } from './roster.service';
import { LearnerRecords } from './learner-records.service';
import { CohortAuditLabels } from './cohort-audit-labels';

export const COHORTS_ENTITIES = [
  CohortEntity,
  CohortTrainerEntity,
  EnrolmentEntity,
  EnrolmentInvitationEntity,
  LessonProgressEntity,
  ProgressCounterEntity,
];

@Module({
  imports: [TypeOrmModule.forFeature(COHORTS_ENTITIES), TerritoriesModule],
  controllers: [
    CohortsController,
    MyEnrolmentsController,
    CohortInvitationsController,
    MyCohortInvitationsController,
  ],
  providers: [
    CohortsService,
    EnrolmentsService,
    EnrolmentInvitationsService,
    RosterService,
    LearnerRecords,
    CohortAuditLabels,
  ],
  exports: [CohortsService, EnrolmentsService, RosterService, LearnerRecords],
})
export class CohortsModule {}
