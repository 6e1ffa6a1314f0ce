import type { CourseContent, LessonContent, Quiz } from '@tc/shared/contracts';

export const quiz: Quiz = {
  passMark: 70,
  maxAttempts: 3,
  revealAnswers: 'after_pass_or_last_attempt',
  questions: [
    {
      key: 'q1',
      type: 'single',
      prompt: { fr: '?' },
      points: 2,
      options: [
        { key: 'a', text: { fr: 'A' }, correct: true },
        { key: 'b', text: { fr: 'B' }, correct: false },
      ],
      acceptedAnswers: [],
    },
    {
      key: 'q2',
      type: 'multiple',
      prompt: { fr: '?' },
      points: 1,
      options: [
        { key: 'a', text: { fr: 'A' }, correct: true },
        { key: 'b', text: { fr: 'B' }, correct: true },
        { key: 'c', text: { fr: 'C' }, correct: false },
      ],
      acceptedAnswers: [],
    },
    {
      key: 'q3',
      type: 'true_false',
      prompt: { fr: '?' },
      points: 1,
      options: [
        { key: 'true', text: { fr: 'Vrai' }, correct: false },
        { key: 'false', text: { fr: 'Faux' }, correct: true },
      ],
      acceptedAnswers: [],
    },
    {
      key: 'q4',
      type: 'short_answer',
      prompt: { fr: '?' },
      points: 1,
      options: [],
      acceptedAnswers: ['Site web', 'site internet', 'موقع إلكتروني'],
    },
  ],
};

const lesson = (key: string, kind: LessonContent['kind'] = 'text'): LessonContent => ({
  key,
  kind,
  title: { fr: key },
  competences: [],
  estimatedMinutes: null,
  body: { fr: 'x' },
  media: null,
  quiz: kind === 'quiz' ? quiz : null,
});

/** Two modules: m1 = two texts and a quiz, m2 = one text. */
export function course(extra: LessonContent[] = []): CourseContent {
  return {
    slug: 'c',
    defaultLocale: 'fr',
    locales: ['fr'],
    title: { fr: 'C' },
    summary: {},
    estimatedMinutes: null,
    coverImageHash: null,
    competences: [],
    modules: [
      { key: 'm1', title: { fr: 'M1' }, lessons: [lesson('l1'), lesson('l2'), lesson('quiz1', 'quiz')] },
      { key: 'm2', title: { fr: 'M2' }, lessons: [lesson('l3'), ...extra] },
    ],
  };
}

export const textLesson = lesson;
