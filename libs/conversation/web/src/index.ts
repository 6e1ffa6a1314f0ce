export * from './lib/announcements.routes';
export { AnnouncementsService } from './lib/data-access/announcements.service';
