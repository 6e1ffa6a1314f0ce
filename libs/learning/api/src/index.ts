export * from './lib/learning.module';
export { CertificatesService } from './lib/certificates/certificates.service';
export { renderCertificate } from './lib/certificates/certificate-pdf';
export { ProgressService } from './lib/progress.service';
export { QuizzesService } from './lib/quizzes.service';
export { RemindersService, REMINDERS_QUEUE } from './lib/reminders/reminders.service';
export { isCourseComplete, lessonsDone } from './lib/rules/completion';
