export * from './lib/cohorts.routes';
export * from './lib/data-access/cohorts.service';
export * from './lib/my-enrolments/my-enrolments.component';
