// The learner's sync alone (`@tc/learning/web/sync`): what the app's shell starts on every page, without
// the learning pages the main entry brings (the lesson player among them), so starting the sync on the
// home page does not download and evaluate the player.
export { ProgressSyncService } from './lib/data-access/progress-sync/progress-sync.service';
