export { ConversationModule } from './lib/conversation.module';
export { AnnouncementsService, announcementTexts } from './lib/announcements.service';
export { ThreadsService, POST_EDIT_MINUTES } from './lib/threads.service';
