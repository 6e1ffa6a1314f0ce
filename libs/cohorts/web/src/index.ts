export * from './lib/cohorts.routes';
export * from './lib/data-access/cohorts.service';
export * from './lib/data-access/trainer-scope';
export * from './lib/my-enrolments/my-enrolments.component';
export * from './lib/data-access/roster-task-states';
