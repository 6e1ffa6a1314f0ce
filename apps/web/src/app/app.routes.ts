import { ApplicationRef, Injector, computed, inject, provideEnvironmentInitializer } from '@angular/core';
import type { Route } from '@angular/router';
import {
  AuthService,
  COHORTS_ROLES,
  COURSES_ROLES,
  FIELD_ROLES,
  FIELD_SUPERVISION_ROLES,
  HOME_SECTIONS,
  type HomeSection,
  LEARN_ROLES,
  OBSERVATORY_ROLES,
  TERRITORIES_ROLES,
  accountRoutes,
  adminGuard,
  authGuard,
  authRoutes,
  roleGuard,
  usersRoutes,
} from '@tc/identity/web';
import { deadLettersRoutes, notificationsRoutes } from '@tc/notifications/web';

/** Territories know nothing of identity: the app tells them who may edit (admins). */
async function loadTerritories(): Promise<Route[]> {
  const territories = await import('@tc/territories/web');
  return [
    {
      path: '',
      providers: [
        {
          provide: territories.CAN_EDIT_TERRITORIES,
          useFactory: () => {
            const auth = inject(AuthService);
            return computed(() => auth.roles().includes('admin'));
          },
        },
      ],
      children: territories.territoriesRoutes,
    },
  ];
}

/**
 * Cohorts know nothing of identity: the app tells them where the person may place a cohort (the
 * territories of their trainer roles, and an admin's admin territories). Nor of practice: the app
 * gives the roster each coach's practical tasks (the practice domain's small roster entry).
 */
async function loadCohorts(): Promise<Route[]> {
  const [cohorts, practice] = await Promise.all([
    import('@tc/cohorts/web'),
    import('@tc/practice/web/roster'),
  ]);
  return [
    {
      path: '',
      providers: [
        { provide: cohorts.ROSTER_TASK_STATES, useFactory: practice.rosterTaskStates },
        {
          provide: cohorts.TRAINER_SCOPE,
          useFactory: () => {
            const auth = inject(AuthService);
            return computed(() => [
              ...new Set(
                (auth.me()?.roles ?? [])
                  .filter((r) => r.role === 'trainer' || r.role === 'admin')
                  .map((r) => r.territoryId),
              ),
            ]);
          },
        },
      ],
      children: cohorts.cohortsRoutes,
    },
  ];
}

/**
 * The help knows nothing of identity: the app tells it who reads (the roles, or `null` signed out).
 * Open to anyone, outside the guard: the sign-in page links to it.
 */
async function loadHelp(): Promise<Route[]> {
  const help = await import('@tc/help/web');
  return [
    {
      path: '',
      providers: [
        {
          provide: help.HELP_READER,
          useFactory: () => {
            const auth = inject(AuthService);
            return computed(() => (auth.signedIn() ? auth.roles() : null));
          },
        },
      ],
      children: help.helpRoutes,
    },
  ];
}

/** The privacy notice, from the help's library (its renderer), told likewise who reads. */
async function loadPrivacy(): Promise<Route[]> {
  const help = await import('@tc/help/web');
  return [
    {
      path: '',
      providers: [
        {
          provide: help.HELP_READER,
          useFactory: () => {
            const auth = inject(AuthService);
            return computed(() => (auth.signedIn() ? auth.roles() : null));
          },
        },
      ],
      children: help.privacyRoutes,
    },
  ];
}

/**
 * Learning knows nothing of practice: the app tells the lesson player what shows a task lesson (the
 * practice domain's hand-in, its own chunk, loaded when a task lesson opens).
 */
async function loadLearn(): Promise<Route[]> {
  const learning = await import('@tc/learning/web');
  return [
    {
      path: '',
      providers: [
        {
          provide: learning.TASK_LESSON_VIEW,
          useValue: () => import('@tc/practice/web/hand-in').then((m) => m.TaskHandInComponent),
        },
        {
          // Questions about a lesson, under it: the conversation domain's block, its own chunk.
          provide: learning.LESSON_DISCUSSION,
          useValue: () => import('@tc/conversation/web').then((m) => m.loadLessonQuestions()),
        },
        // Hand-ins queued offline go when the link returns, whichever learner page is open. Their
        // code loads once the first page is whole (as the learner sync's does), not with its chunks.
        provideEnvironmentInitializer(() => {
          const injector = inject(Injector);
          void inject(ApplicationRef)
            .whenStable()
            .then(() => import('@tc/practice/web/outbox'))
            .then((m) => injector.get(m.HandInOutboxService))
            .catch(() => undefined);
          // Questions and replies written offline likewise.
          void inject(ApplicationRef)
            .whenStable()
            .then(() => import('@tc/conversation/web'))
            .then((m) => injector.get(m.PostOutboxService))
            .catch(() => undefined);
        }),
      ],
      children: learning.learnRoutes,
    },
  ];
}

/**
 * What other domains add to the home page: for a coach, the next lesson, deadline and enrolments;
 * for a trainer, their cohorts, drafts and what waits; each in place of the text about the role and
 * from its own small entry, not the domain's pages.
 */
const homeSections: HomeSection[] = [
  {
    // The coach's next step first: the button they came for stays where it first shows. It draws
    // once its courses answered; the sections below wait for it, so its growth moves none of them.
    roles: ['coach'],
    replaces: 'coach',
    grows: true,
    load: () => import('@tc/learning/web/home').then((m) => m.CoachTodayComponent),
  },
  {
    // Then their unread announcements. Sections fetch their data after the first render, so one
    // placed above the next step pushed it down when its data came (a layout shift of ~0.1).
    roles: ['coach'],
    load: () => import('@tc/conversation/web/home').then((m) => m.AnnouncementsCardComponent),
  },
  {
    // A trainer's cohorts, drafts and what waits this week; its own small entry, as the coach's.
    roles: ['trainer'],
    replaces: 'trainer',
    load: () => import('@tc/cohorts/web/home').then((m) => m.TrainerHomeComponent),
  },
];

/**
 * Identity's route arrays are tiny and imported directly (the shell needs identity's session
 * service anyway, and Nx forbids importing a lib both statically and lazily); every identity page
 * is lazy through `loadComponent`. Territories, the catalog (course authoring), cohorts and the
 * observatory (with its charts), which the shell does not need, load as a whole.
 */
export const appRoutes: Route[] = [
  ...authRoutes,
  {
    // Public: anyone holding a certificate's code can check it.
    path: 'verify',
    loadChildren: () => import('@tc/learning/web').then((m) => m.verifyRoutes),
  },
  { path: 'help', loadChildren: loadHelp },
  // Public, as the help: the sign-in page links to it. It reads who is signed in the same way.
  { path: 'privacy', loadChildren: loadPrivacy },
  {
    path: '',
    canActivate: [authGuard],
    providers: [
      // A coach's field-log writes left waiting (written offline) go once the app is open and
      // whole, whichever page: the outbox's code loads then, in its own chunk, for coaches only.
      provideEnvironmentInitializer(() => {
        const injector = inject(Injector);
        const auth = inject(AuthService);
        void inject(ApplicationRef)
          .whenStable()
          .then(() => (auth.roles().includes('coach') ? import('@tc/fieldwork/web') : null))
          .then((m) => m && injector.get(m.FieldOutboxService))
          .catch(() => undefined);
      }),
    ],
    children: [
      {
        path: 'courses',
        canActivate: [roleGuard(...COURSES_ROLES)],
        loadChildren: () => import('@tc/catalog/web').then((m) => m.coursesRoutes),
      },
      {
        // A cohort's practical tasks to review (before the cohorts' own pages, which it sits among).
        path: 'cohorts/:cohortId/reviews',
        canActivate: [roleGuard(...COHORTS_ROLES)],
        loadChildren: () => import('@tc/practice/web').then((m) => m.practiceReviewRoutes),
      },
      {
        // A cohort's announcements: its trainers write, its coaches read (the API says who sees what).
        path: 'cohorts/:cohortId/announcements',
        canActivate: [roleGuard(...COHORTS_ROLES, ...LEARN_ROLES)],
        loadChildren: () => import('@tc/conversation/web').then((m) => m.announcementsRoutes),
      },
      {
        // A cohort's questions and discussions: its coaches ask, its trainers answer and moderate.
        path: 'cohorts/:cohortId/threads',
        canActivate: [roleGuard(...COHORTS_ROLES, ...LEARN_ROLES)],
        loadChildren: () => import('@tc/conversation/web').then((m) => m.threadsRoutes),
      },
      {
        path: 'cohorts',
        canActivate: [roleGuard(...COHORTS_ROLES)],
        loadChildren: loadCohorts,
      },
      {
        path: 'join',
        loadChildren: () => import('@tc/cohorts/web').then((m) => m.joinRoutes),
      },
      {
        // Everyone's own notifications (the bell in the top bar leads here); the page's code loads
        // with the route (the routes themselves are a few bytes the bell brings anyway).
        path: 'notifications',
        children: notificationsRoutes,
      },
      {
        path: 'learn',
        canActivate: [roleGuard(...LEARN_ROLES)],
        loadChildren: loadLearn,
      },
      {
        // The field log of coaches, and its supervision by trainers and admins.
        path: 'field',
        canActivate: [roleGuard(...FIELD_ROLES, ...FIELD_SUPERVISION_ROLES)],
        loadChildren: () => import('@tc/fieldwork/web').then((m) => m.fieldworkRoutes),
      },
      {
        path: 'territories',
        canActivate: [roleGuard(...TERRITORIES_ROLES)],
        loadChildren: loadTerritories,
      },
      {
        path: 'observatory',
        canActivate: [roleGuard(...OBSERVATORY_ROLES)],
        loadChildren: () => import('@tc/observatory/web').then((m) => m.observatoryRoutes),
      },
      {
        // The job queue's failed jobs, among the admin pages (the API answers the platform's admins).
        path: 'users/jobs',
        canActivate: [adminGuard],
        children: deadLettersRoutes,
      },
      {
        path: 'users',
        canActivate: [adminGuard],
        children: usersRoutes,
      },
      {
        path: '',
        providers: [{ provide: HOME_SECTIONS, useValue: homeSections }],
        children: accountRoutes,
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
