import type { Route } from '@angular/router';

/** Admin account management (the app guards it with `adminGuard`). */
export const usersRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./users/users-list.page').then((m) => m.UsersListPage),
  },
  {
    path: 'audit',
    loadComponent: () => import('./audit/audit-log.page').then((m) => m.AuditLogPage),
  },
  {
    path: 'erasure-requests',
    loadComponent: () => import('./users/erasure-requests.page').then((m) => m.ErasureRequestsPage),
  },
  {
    path: ':id',
    loadComponent: () => import('./users/user-detail.page').then((m) => m.UserDetailPage),
  },
];
