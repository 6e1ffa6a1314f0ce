// `@tc/observatory/api/testing`: what specs and tools use to check the observatory's write side. A
// separate entry from `src/index.ts`, which the app imports, so the production build leaves it out.
export { EXACT, rollupDifferences } from './lib/testing/recount';
export { ROLLUP_FUNCTIONS, ROLLUP_TRIGGERS } from './lib/rollups/rollup-triggers';
