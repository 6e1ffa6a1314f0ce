import type { Route } from '@angular/router';
import { CohortStore } from './data-access/cohort.store';

/**
 * `/cohorts` (the trainer's cohorts and the new-cohort wizard), `/cohorts/:id` (one cohort) and
 * `/cohorts/:id/coaches/:enrolmentId` (one coach of it).
 */
export const cohortsRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./cohort-list/cohort-list.page').then((m) => m.CohortListPage),
  },
  {
    // One coach of the cohort, reached from the roster.
    path: ':id/coaches/:enrolmentId',
    loadComponent: () => import('./coach-record/coach-record.page').then((m) => m.CoachRecordPage),
  },
  {
    path: ':id',
    providers: [CohortStore],
    loadComponent: () => import('./cohort-detail/cohort-detail.page').then((m) => m.CohortDetailPage),
  },
];

/**
 * `/join`: anyone signed in joins a cohort with its code, and sees their enrolments;
 * `/join/invitation/:token`: accepts an invitation into a cohort (where an enrolment link leads).
 */
export const joinRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./join/join-cohort.page').then((m) => m.JoinCohortPage),
  },
  {
    path: 'invitation/:token',
    loadComponent: () => import('./join/accept-invitation.page').then((m) => m.AcceptInvitationPage),
  },
];
