export * from './lib/help-reader';
export * from './lib/help.routes';
export * from './lib/privacy.routes';
