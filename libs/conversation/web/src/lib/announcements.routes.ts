import type { Route } from '@angular/router';

/**
 * A cohort's announcements, under `/cohorts/:cohortId/announcements` (the app mounts them there, for
 * its coaches, trainers and admins alike; the API decides who sees what): the list, a new one, an edit.
 */
export const announcementsRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./announcements/announcements.page').then((m) => m.AnnouncementsPage),
  },
  {
    path: 'new',
    loadComponent: () => import('./editor/announcement-editor.page').then((m) => m.AnnouncementEditorPage),
  },
  {
    path: ':id/edit',
    loadComponent: () => import('./editor/announcement-editor.page').then((m) => m.AnnouncementEditorPage),
  },
];
