export * from './lib/help-reader';
export * from './lib/help.routes';
