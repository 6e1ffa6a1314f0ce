export * from './lib/observatory.routes';
