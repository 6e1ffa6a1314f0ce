import type { Locale } from './locale';
import type { FieldError } from './problem';

/** A text in some of the course's locales; a missing locale falls back to the course default. */
export type LocalizedText = Partial<Record<Locale, string>>;

// ---------------------------------------------------------------- DigComp 2.2 (reference data)

export interface CompetenceArea {
  /** "1" … "5" */
  code: string;
  title: Record<Locale, string>;
  competences: Competence[];
}

export interface Competence {
  /** "1.1" … "5.4" */
  code: string;
  areaCode: string;
  title: Record<Locale, string>;
}

// ---------------------------------------------------------------- content (draft, version, file)

export const LESSON_KINDS = ['text', 'media', 'quiz', 'task'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export const QUESTION_TYPES = ['single', 'multiple', 'true_false', 'short_answer'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const MEDIA_TYPES = ['image', 'pdf', 'video'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export interface QuizOption {
  /** Stable within its question. */
  key: string;
  text: LocalizedText;
  correct: boolean;
  /** Shown after an answer (when the trainer allows answers to be shown). */
  feedback?: LocalizedText;
}

export interface QuizQuestion {
  /** Stable within its quiz. */
  key: string;
  type: QuestionType;
  prompt: LocalizedText;
  points: number;
  /** single / multiple / true_false (two options: true, false). */
  options: QuizOption[];
  /** short_answer: compared case- and accent-insensitively, spaces trimmed. */
  acceptedAnswers: string[];
  /** General explanation, shown with the correction. */
  explanation?: LocalizedText;
}

export interface Quiz {
  /** 0–100 */
  passMark: number;
  /** null: unlimited. */
  maxAttempts: number | null;
  /** When the correct answers may be shown to the coach. */
  revealAnswers: 'after_pass_or_last_attempt' | 'never';
  /**
   * Whether a coach who passed may answer again to improve the score (spending an attempt).
   * Absent: false, so files and drafts from before this choice keep their meaning.
   */
  allowImprove?: boolean;
  questions: QuizQuestion[];
}

export interface MediaContent {
  type: MediaType;
  /** image/pdf: the uploaded file's content hash (GET /api/v1/media/:hash). */
  mediaHash: string | null;
  /** video: a link (https) to the video. */
  url: string | null;
  caption: LocalizedText;
  /** video: required text transcript; image/pdf: optional description. */
  transcript: LocalizedText;
}

// ---------------------------------------------------------------- practical tasks (field practice)

/** What a coach may hand in for a practical task. */
export const EVIDENCE_KINDS = ['text', 'photo', 'audio', 'pdf'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** How much of one kind of evidence a task takes: `min` 0 makes it optional. */
export interface EvidenceRule {
  kind: EvidenceKind;
  min: number;
  /** text: 1; photo ≤ 10; audio ≤ 3; pdf ≤ 3. */
  max: number;
}

/** One level of a rubric criterion ("Partly", 1 point). */
export interface RubricLevel {
  /** Stable within its criterion. */
  key: string;
  title: LocalizedText;
  /** What work at this level looks like. */
  descriptor: LocalizedText;
  /** ≥ 0; the levels of a criterion have distinct points. */
  points: number;
}

export interface RubricCriterion {
  /** Stable within its task. */
  key: string;
  title: LocalizedText;
  /** A DigComp 2.2 competence code ("3.1"), or null. */
  competence: string | null;
  /** Two to six levels, in ascending points. */
  levels: RubricLevel[];
}

/** A task from the field: instructions, the evidence it takes, and the rubric a trainer scores. */
export interface PracticalTask {
  /** Markdown per locale (sanitised like a text lesson). */
  instructions: LocalizedText;
  /** One rule per kind at most; at least one rule with min ≥ 1. */
  evidence: EvidenceRule[];
  /** One to ten criteria. */
  criteria: RubricCriterion[];
  /** Points needed to pass: 0 < passPoints ≤ the sum of each criterion's highest level. */
  passPoints: number;
  /** Whether the course completes (and the certificate is issued) only once this task is passed. */
  required: boolean;
}

/** A lesson as the trainer edits it and as a version freezes it (answers included). */
export interface LessonContent {
  /** Stable across edits and versions: progress is keyed on it. */
  key: string;
  kind: LessonKind;
  title: LocalizedText;
  competences: string[];
  estimatedMinutes: number | null;
  /** text: markdown per locale. media/quiz/task: optional introduction. */
  body: LocalizedText;
  media: MediaContent | null;
  quiz: Quiz | null;
  /** task: the practical task. Absent (files and drafts from before tasks): null. */
  task?: PracticalTask | null;
}

export interface ModuleContent {
  key: string;
  title: LocalizedText;
  lessons: LessonContent[];
}

/** Everything a version freezes, and the format of export/import files (`format: 'tc-course/1'`). */
export interface CourseContent {
  slug: string;
  defaultLocale: Locale;
  locales: Locale[];
  title: LocalizedText;
  summary: LocalizedText;
  estimatedMinutes: number | null;
  coverImageHash: string | null;
  competences: string[];
  modules: ModuleContent[];
}

export interface CourseFile extends CourseContent {
  format: 'tc-course/1';
  exportedAt: string;
  /** Where it came from: the draft, or version N. */
  source: { courseId: string; version: number | null };
}

// ---------------------------------------------------------------- the trainer's API

export type CourseStatus = 'active' | 'archived';

export interface CourseSummary {
  id: string;
  slug: string;
  title: LocalizedText;
  defaultLocale: Locale;
  locales: Locale[];
  status: CourseStatus;
  ownerId: string;
  ownerName: string;
  /** Highest published version number, or null before the first publish. */
  latestVersion: number | null;
  /** Whether the draft differs from the latest version. */
  hasUnpublishedChanges: boolean;
  updatedAt: string;
}

/** The draft, with database ids for editing (lessons also carry their stable key). */
export interface CourseDraft extends Omit<CourseContent, 'modules'> {
  id: string;
  status: CourseStatus;
  ownerId: string;
  coAuthors: { id: string; displayName: string; email: string }[];
  latestVersion: number | null;
  hasUnpublishedChanges: boolean;
  updatedAt: string;
  modules: (Omit<ModuleContent, 'lessons'> & { id: string; lessons: (LessonContent & { id: string })[] })[];
}

export interface CreateCourseRequest {
  slug: string;
  title: LocalizedText;
  defaultLocale: Locale;
  locales: Locale[];
  summary?: LocalizedText;
  estimatedMinutes?: number | null;
  competences?: string[];
}

export type UpdateCourseRequest = Partial<CreateCourseRequest> & { coverImageHash?: string | null };

export interface CreateModuleRequest {
  title: LocalizedText;
}
export type UpdateModuleRequest = Partial<CreateModuleRequest>;

export interface CreateLessonRequest {
  kind: LessonKind;
  title: LocalizedText;
  body?: LocalizedText;
  media?: MediaContent | null;
  quiz?: Quiz | null;
  task?: PracticalTask | null;
  competences?: string[];
  estimatedMinutes?: number | null;
}

export type UpdateLessonRequest = Partial<Omit<CreateLessonRequest, 'kind'>> & {
  /** Move to another module of the same course. */
  moduleId?: string;
};

/** New order: every id of the parent, once. */
export interface ReorderRequest {
  ids: string[];
}

export interface AddCoAuthorRequest {
  email: string;
}

/**
 * One thing that stops a publish, with where it is (`modules[1].lessons[0].body.fr`), its code and what
 * fills its text (`{ locale: 'fr' }`): a field error of the 422.
 */
export type PublishProblem = FieldError;

export interface CourseVersionSummary {
  courseId: string;
  number: number;
  contentHash: string;
  publishedAt: string;
  publishedBy: string;
  publishedByName: string;
}

export interface CourseVersion extends CourseVersionSummary {
  content: CourseContent;
}

/** `POST /api/v1/catalog/render`: markdown as coaches get it, rendered and sanitised. */
export interface RenderedMarkdown {
  html: string;
}

export interface MediaUpload {
  hash: string;
  type: Exclude<MediaType, 'video'>;
  mimeType: string;
  size: number;
  url: string;
}

// ---------------------------------------------------------------- what a coach receives

/** A quiz without its answers: options carry no `correct`, no feedback; no accepted answers. */
export interface CoachQuiz {
  passMark: number;
  maxAttempts: number | null;
  /** Whether another attempt is allowed after a pass (absent in copies from before: false). */
  allowImprove?: boolean;
  questions: {
    key: string;
    type: QuestionType;
    prompt: string;
    points: number;
    options: {
      key: string;
      text: string;
      /** The locale of `text` (absent in copies from before: the lesson's `locale`). */
      locale?: Locale;
    }[];
    /** The locale of `prompt` (absent in copies from before: the lesson's `locale`). */
    locale?: Locale;
  }[];
}

/** A practical task as a coach reads it in one locale: instructions rendered and sanitised. */
export interface CoachTask {
  instructionsHtml: string;
  /** The locale of the instructions. */
  locale: Locale;
  evidence: EvidenceRule[];
  criteria: {
    key: string;
    title: string;
    competence: string | null;
    levels: { key: string; title: string; descriptor: string; points: number }[];
  }[];
  passPoints: number;
  /** The sum of each criterion's highest level. */
  maxPoints: number;
  required: boolean;
}

/** How a page loads one of the platform's own raster images: resized variants, intrinsic size. */
export interface ResponsiveImage {
  /** The phone-size variant (also what an offline copy keeps). */
  src: string;
  srcset: string;
  sizes: string;
  width: number;
  height: number;
  /** Bytes of `src` as a WebP-capable browser receives it. */
  bytes: number;
}

/** A lesson as shown to a coach in one locale, markdown already rendered and sanitised. */
export interface CoachLesson {
  key: string;
  kind: LessonKind;
  title: string;
  /** The locale the text is in (the requested one, else the course default). */
  locale: Locale;
  /** True when the requested locale was missing and the default was used. */
  fallback: boolean;
  /**
   * The locale each text is actually in, which differs from `locale` when only some texts fell
   * back (absent in copies from before: `locale`). `media`: caption and transcript.
   */
  textLocales?: { title: Locale; body: Locale; media: Locale };
  html: string;
  media: {
    type: MediaType;
    url: string;
    caption: string;
    transcriptHtml: string;
    /** For a stored raster image: its resized variants and size (absent for old copies and other media). */
    image?: ResponsiveImage | null;
  } | null;
  quiz: CoachQuiz | null;
  /** A task lesson's task (absent in copies from before tasks: null). */
  task?: CoachTask | null;
  estimatedMinutes: number | null;
  competences: string[];
}

export interface CoachCourse {
  courseId: string;
  version: number | null;
  slug: string;
  locale: Locale;
  title: string;
  summary: string;
  coverImageUrl: string | null;
  competences: string[];
  modules: { key: string; title: string; lessons: CoachLesson[] }[];
}
