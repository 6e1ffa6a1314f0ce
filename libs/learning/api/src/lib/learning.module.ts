import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CohortsModule } from '@tc/cohorts/api';
import { TerritoriesModule } from '@tc/territories/api';
import { CertificatesService, LEARNING_PUBLIC_URL } from './certificates/certificates.service';
import { CoachRecordController } from './coach-record/coach-record.controller';
import { CoachRecordService } from './coach-record/coach-record.service';
import { CertificateEntity } from './entities/certificate.entity';
import { ProgressEventEntity } from './entities/progress-event.entity';
import { QuizAttemptEntity } from './entities/quiz-attempt.entity';
import { SelfAssessmentEntity } from './entities/self-assessment.entity';
import { LearnerService } from './learner.service';
import { CertificatesController, LearningController } from './learning.controller';
import { ProgressService } from './progress.service';
import { QuizzesService } from './quizzes.service';
import {
  DEFAULT_REMINDER_SCAN_CRON,
  REMINDERS_OPTIONS,
  RemindersService,
} from './reminders/reminders.service';
import { SelfAssessmentService } from './self-assessment.service';

export const LEARNING_ENTITIES = [
  ProgressEventEntity,
  QuizAttemptEntity,
  CertificateEntity,
  SelfAssessmentEntity,
];

@Module({})
export class LearningModule {
  /**
   * `publicUrl`: where the public certificate page lives (the QR code points there).
   * `reminderScanCron`: when the deadline-reminder scan runs (null: never; default every 15 minutes).
   */
  static forRoot(options: { publicUrl: string; reminderScanCron?: string | null }): DynamicModule {
    return {
      module: LearningModule,
      // Global: the practice domain re-decides completion (ProgressService) after a trainer's pass.
      global: true,
      imports: [TypeOrmModule.forFeature(LEARNING_ENTITIES), CohortsModule, TerritoriesModule],
      controllers: [LearningController, CertificatesController, CoachRecordController],
      providers: [
        { provide: LEARNING_PUBLIC_URL, useValue: options.publicUrl },
        {
          provide: REMINDERS_OPTIONS,
          useValue: {
            scanCron:
              options.reminderScanCron === undefined ? DEFAULT_REMINDER_SCAN_CRON : options.reminderScanCron,
          },
        },
        RemindersService,
        ProgressService,
        QuizzesService,
        LearnerService,
        CertificatesService,
        SelfAssessmentService,
        CoachRecordService,
      ],
      exports: [ProgressService, QuizzesService, RemindersService],
    };
  }
}
