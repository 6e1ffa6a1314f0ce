import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CohortsModule } from '@tc/cohorts/api';
import { ProgressEventEntity } from './entities/progress-event.entity';
import { QuizAttemptEntity } from './entities/quiz-attempt.entity';
import { LearnerService } from './learner.service';
import { LearningController } from './learning.controller';
import { ProgressService } from './progress.service';
import { QuizzesService } from './quizzes.service';

export const LEARNING_ENTITIES = [ProgressEventEntity, QuizAttemptEntity];

@Module({
  imports: [TypeOrmModule.forFeature(LEARNING_ENTITIES), CohortsModule],
  controllers: [LearningController],
  providers: [ProgressService, QuizzesService, LearnerService],
  exports: [ProgressService, QuizzesService],
})
export class LearningModule {}
