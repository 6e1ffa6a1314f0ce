export * from './lib/cohorts-web/cohorts-web';
