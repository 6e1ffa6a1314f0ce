export { PracticeModule } from './lib/practice.module';
export { SubmissionsService } from './lib/submissions.service';
export { EvidenceService } from './lib/evidence.service';
export { scoreReview } from './lib/rubric';
export { findTask, taskOf } from './lib/task-content';
export { UPLOADS_PATH, EVIDENCE_ID_HEADER } from './lib/tus-uploads';
export {
  foldPracticeCounts,
  appendPracticeCounts,
  appendPracticeReviewDays,
  REVIEW_DAYS_BEYOND,
  type PracticeCountMove,
} from './lib/practice-counts';
