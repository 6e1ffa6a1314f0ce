import type { Route } from '@angular/router';

export const observatoryRoutes: Route[] = [];
