import { computed, inject } from '@angular/core';
import type { Route } from '@angular/router';
import { AuthService, TERRITORIES_ROLES, adminGuard, authGuard, roleGuard } from '@tc/identity/web';

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

export const appRoutes: Route[] = [
  {
    path: '',
    loadChildren: () => import('@tc/identity/web').then((m) => m.authRoutes),
  },
  {
    path: '',
    canActivate: [authGuard],
    children: [
      {
        path: 'territories',
        canActivate: [roleGuard(...TERRITORIES_ROLES)],
        loadChildren: loadTerritories,
      },
      {
        path: 'users',
        canActivate: [adminGuard],
        loadChildren: () => import('@tc/identity/web').then((m) => m.usersRoutes),
      },
      {
        path: '',
        loadChildren: () => import('@tc/identity/web').then((m) => m.accountRoutes),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
