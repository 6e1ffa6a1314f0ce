export * from './lib/catalog-api.module';
