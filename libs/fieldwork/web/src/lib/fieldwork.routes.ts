import { inject } from '@angular/core';
import { Router, type Route } from '@angular/router';
import { AuthService, roleGuard } from '@tc/identity/web';

/** Who keeps a field log, and who supervises them. */
export const FIELD_COACH_ROLES = ['coach'] as const;
export const FIELD_SUPERVISOR_ROLES = ['trainer', 'admin'] as const;

/** A supervisor who is not also a coach has no log of their own: `/field` opens the coaches' list. */
function ownLogOrSupervision() {
  const auth = inject(AuthService);
  return auth.roles().includes('coach') ? true : inject(Router).parseUrl('/field/coaches');
}

/**
 * The field log (`/field`): the coach's organisations and each one's log, with its forms; and field
 * supervision (`/field/coaches`) for trainers and admins, who read a coach's log and comment. Each page
 * is its own chunk.
 */
export const fieldworkRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    canActivate: [ownLogOrSupervision],
    loadComponent: () => import('./pages/organisations/organisations.page').then((m) => m.OrganisationsPage),
  },
  {
    path: 'coaches',
    canActivate: [roleGuard(...FIELD_SUPERVISOR_ROLES)],
    loadComponent: () => import('./pages/coaches/coaches.page').then((m) => m.CoachesPage),
  },
  {
    path: 'coaches/:coachId',
    canActivate: [roleGuard(...FIELD_SUPERVISOR_ROLES)],
    loadComponent: () => import('./pages/organisations/organisations.page').then((m) => m.OrganisationsPage),
  },
  {
    path: 'organisations/new',
    canActivate: [roleGuard(...FIELD_COACH_ROLES)],
    loadComponent: () =>
      import('./pages/organisation-form/organisation-form.page').then((m) => m.OrganisationFormPage),
  },
  {
    path: 'organisations/:id',
    loadComponent: () =>
      import('./pages/organisation-log/organisation-log.page').then((m) => m.OrganisationLogPage),
  },
  {
    path: 'organisations/:id/edit',
    canActivate: [roleGuard(...FIELD_COACH_ROLES)],
    loadComponent: () =>
      import('./pages/organisation-form/organisation-form.page').then((m) => m.OrganisationFormPage),
  },
  {
    path: 'organisations/:id/checks/new',
    canActivate: [roleGuard(...FIELD_COACH_ROLES)],
    loadComponent: () => import('./pages/check-form/check-form.page').then((m) => m.CheckFormPage),
  },
  {
    path: 'organisations/:id/visits/:visitId',
    canActivate: [roleGuard(...FIELD_COACH_ROLES)],
    loadComponent: () => import('./pages/visit-form/visit-form.page').then((m) => m.VisitFormPage),
  },
  {
    path: 'organisations/:id/milestones/new',
    canActivate: [roleGuard(...FIELD_COACH_ROLES)],
    loadComponent: () =>
      import('./pages/milestone-form/milestone-form.page').then((m) => m.MilestoneFormPage),
  },
];
