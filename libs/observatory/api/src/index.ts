export * from './lib/observatory.module';
