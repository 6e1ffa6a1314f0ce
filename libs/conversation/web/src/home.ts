// The coach's home card alone (`@tc/conversation/web/home`): unread announcements of their cohorts,
// without the pages the main entry brings (the editor and its markdown preview among them).
export { AnnouncementsCardComponent } from './lib/home-card/announcements-card.component';
