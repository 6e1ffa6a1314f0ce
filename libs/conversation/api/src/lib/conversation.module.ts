import { Module } from '@nestjs/common';
import { CohortsModule } from '@tc/cohorts/api';
import { AnnouncementsController, CoachAnnouncementsController } from './announcements.controller';
import { AnnouncementsService } from './announcements.service';
import { NudgesController } from './nudges.controller';
import { NudgesService } from './nudges.service';
import { ThreadsController } from './threads.controller';
import { ThreadsService } from './threads.service';

/**
 * A cohort's conversation: its announcements (tables created by CreateAnnouncements) and its questions
 * and discussion threads (CreateThreads); SQL only.
 */
@Module({
  imports: [CohortsModule],
  controllers: [AnnouncementsController, CoachAnnouncementsController, ThreadsController, NudgesController],
  providers: [AnnouncementsService, ThreadsService, NudgesService],
  exports: [AnnouncementsService, ThreadsService],
})
export class ConversationModule {}
