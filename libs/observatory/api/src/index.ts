export * from './lib/observatory.module';
export { medianDays } from './lib/suppression';
export { foldRollups } from './lib/rollups/rollup-fold';
