export * from './lib/identity-api.module';
