export * from './lib/learning-web/learning-web';
