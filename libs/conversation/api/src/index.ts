export { ConversationModule } from './lib/conversation.module';
export { AnnouncementsService, announcementTexts } from './lib/announcements.service';
