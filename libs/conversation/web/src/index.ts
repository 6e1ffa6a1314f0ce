export * from './lib/announcements.routes';
export * from './lib/threads.routes';
export { AnnouncementsService } from './lib/data-access/announcements.service';
export { PostOutboxService } from './lib/offline/post-outbox.service';
