import { Module } from '@nestjs/common';
import { CohortsModule } from '@tc/cohorts/api';
import { AnnouncementsController, CoachAnnouncementsController } from './announcements.controller';
import { AnnouncementsService } from './announcements.service';

/** A cohort's conversation: its announcements (tables created by CreateAnnouncements, SQL only). */
@Module({
  imports: [CohortsModule],
  controllers: [AnnouncementsController, CoachAnnouncementsController],
  providers: [AnnouncementsService],
  exports: [AnnouncementsService],
})
export class ConversationModule {}
