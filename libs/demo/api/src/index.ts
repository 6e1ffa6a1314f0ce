export {
  DEMO_ACCOUNTS,
  DEMO_COHORT,
  DEMO_PASSWORD,
  DEMO_PEERS,
  DEMO_POPULATION,
  seedDemoData,
} from './lib/demo-seed';
export { demoCourse, DEMO_PHOTO_HASH, DEMO_PHOTO_URL } from './lib/assets';
export { DEMO_COACH_ORGANISATIONS, type FieldworkSummary, seedDemoFieldwork } from './lib/demo-fieldwork';
export { seedDemoPractice, seedDemoQueue } from './lib/demo-practice';
export {
  type PopulationOptions,
  type PopulationSummary,
  seedSyntheticPopulation,
  SYNTHETIC_DOMAIN,
} from './lib/synthetic-population';
