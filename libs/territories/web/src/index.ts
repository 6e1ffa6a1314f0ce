export * from './lib/territories-web/territories-web';
