export * from './lib/catalog-web/catalog-web';
