export * from './lib/courses.routes';
export * from './lib/data-access/courses.service';
