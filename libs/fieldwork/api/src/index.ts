export { FieldworkModule } from './lib/fieldwork.module';
export { refreshImpactFacts } from './lib/impact/impact-facts';
export { foldImpactCounts } from './lib/impact/impact-fold';
