export * from './lib/observatory.module';
export { medianDays } from './lib/suppression';
