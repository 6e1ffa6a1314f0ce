import type { Route } from '@angular/router';

/** `/notifications`: the signed-in person's notifications (its code loads with the route). */
export const notificationsRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./page/notifications.page').then((m) => m.NotificationsPage),
  },
  {
    path: 'settings',
    loadComponent: () =>
      import('./settings/notification-settings.page').then((m) => m.NotificationSettingsPage),
  },
];
