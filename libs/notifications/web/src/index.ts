export { notificationsRoutes } from './lib/notifications.routes';
export { NotificationBellComponent, BELL_POLL_MS } from './lib/bell/notification-bell.component';
export { NotificationsService } from './lib/data-access/notifications.service';
export { deadLettersRoutes } from './lib/dead-letters/dead-letters.routes';
export { NotificationSettingsService } from './lib/data-access/notification-settings.service';
