export * from './lib/shared-api.module';
