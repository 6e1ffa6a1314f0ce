import type { LessonKind, LocalizedText } from './catalog';
import type { Locale, LocalizedName } from './locale';
import type { ProficiencyLevel } from './learning';

/** A lesson of the cohort's course version, as far as this coach went in it. */
export interface CoachLessonRecord {
  key: string;
  kind: LessonKind;
  title: LocalizedText;
  startedAt: string | null;
  completedAt: string | null;
  /** Quizzes: graded attempts so far (0 for other lessons). */
  attempts: number;
  /** Quizzes: the best percentage (the best score counts); null before any attempt. */
  bestPercent: number | null;
  /** Quizzes: the pass mark (0–100); null for other lessons. */
  passMark: number | null;
}

export interface CoachModuleRecord {
  key: string;
  title: LocalizedText;
  /** The module's deadline, worked out (YYYY-MM-DD); null without one. */
  dueOn: string | null;
  /** Past its deadline with a lesson not done (never for a withdrawn coach). */
  overdue: boolean;
  lessons: CoachLessonRecord[];
}

/** One graded quiz attempt (no answers: the score is what a trainer follows). */
export interface CoachQuizAttempt {
  lessonKey: string;
  attemptNumber: number;
  answeredAt: string;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  /** The course version it was graded against. */
  courseVersion: number;
}

/** A DigComp competence the course covers, as the coach rated it at the start and the end (1–8). */
export interface CoachCompetenceRating {
  code: string;
  title: Record<Locale, string>;
  start: number | null;
  end: number | null;
}

/**
 * `GET /api/v1/cohorts/:id/enrolments/:enrolmentId`: one coach's record in a cohort, for the trainers
 * of the cohort's territory and its admins. Only what following the coach needs: a name and the
 * territory they work in, no e-mail or demographics.
 */
export interface CoachRecord {
  cohortId: string;
  cohortName: string;
  courseTitle: LocalizedText;
  courseVersion: number;
  /** Titles missing in a language fall back to this one. */
  defaultLocale: Locale;
  enrolmentId: string;
  displayName: string;
  /** Where the coach works, as their account says; null when not stated. */
  territory: { name: LocalizedName; code: string | null } | null;
  enrolmentStatus: 'active' | 'withdrawn';
  enrolledAt: string;
  completedAt: string | null;
  lastActivityAt: string | null;
  lessonsDone: number;
  lessonsTotal: number;
  modules: CoachModuleRecord[];
  /** Every graded attempt, oldest first; a lesson no longer in the course keeps its key. */
  quizAttempts: CoachQuizAttempt[];
  selfAssessment: {
    competences: CoachCompetenceRating[];
    levels: ProficiencyLevel[];
  };
}
