export * from './lib/shared-ui/shared-ui';
