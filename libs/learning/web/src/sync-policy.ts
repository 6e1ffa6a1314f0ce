// The learner's sync policy alone (`@tc/learning/web/sync-policy`): the batch size and the retry
// rules, plain TypeScript without Angular, so that node scripts (the load test) can use them as the
// web app does.
export * from './lib/data-access/progress-sync/sync-policy';
