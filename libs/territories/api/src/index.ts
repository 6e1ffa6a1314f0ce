export * from './lib/territories-api.module';
