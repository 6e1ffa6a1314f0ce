export * from './lib/learning.module';
export { CertificatesService } from './lib/certificates/certificates.service';
export { renderCertificate } from './lib/certificates/certificate-pdf';
export { ProgressService } from './lib/progress.service';
export { QuizzesService } from './lib/quizzes.service';
export { grade, isCorrect, normaliseAnswer } from './lib/rules/grading';
export { isCourseComplete, lessonsDone } from './lib/rules/completion';
