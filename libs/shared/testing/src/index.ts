export * from './lib/test-app';
export * from './lib/pdf-text';
export * from './lib/practice';
export * from './lib/people';
