export * from './lib/identity-web/identity-web';
