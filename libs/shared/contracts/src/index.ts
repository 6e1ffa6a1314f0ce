export * from './lib/locale';
export * from './lib/roles';
export * from './lib/territories';
export * from './lib/users';
export * from './lib/auth';
export * from './lib/problem';
export * from './lib/health';
export * from './lib/catalog';
