export * from './lib/learning.routes';
// The app starts the learner's sync when it starts (lazily, like the routes above).
export { ProgressService } from './lib/data-access/progress.service';
