import type { LessonContent, Quiz } from '@tc/shared/contracts';
import { coachLesson } from './coach-view';

/** A lesson translated in part: the payload says which language each text is in. */
describe('coachLesson: the locale of each text', () => {
  const quiz = {
    passMark: 50,
    maxAttempts: null,
    revealAnswers: 'never',
    questions: [
      {
        key: 'q1',
        type: 'single',
        prompt: { fr: 'Qu’est-ce qu’une coopérative ?' },
        points: 1,
        options: [
          { key: 'a', text: { fr: 'Un groupement', ar: 'تجمع أشخاص' }, correct: true },
          { key: 'b', text: { fr: 'Une banque' }, correct: false },
        ],
        acceptedAnswers: [],
      },
    ],
  } as unknown as Quiz;
  const lesson: LessonContent = {
    key: 'l1',
    kind: 'quiz',
    title: { fr: 'Quiz', ar: 'اختبار' },
    competences: [],
    estimatedMinutes: null,
    body: { fr: 'Introduction' },
    media: null,
    quiz,
  };

  it('an Arabic title over a French body and quiz: each keeps its own locale', () => {
    const l = coachLesson(lesson, 'ar', 'fr');
    expect(l.fallback).toBe(true);
    expect(l.locale).toBe('fr');
    expect(l.textLocales).toEqual({ title: 'ar', body: 'fr', media: 'ar' });
    const q = l.quiz?.questions[0];
    expect(q?.locale).toBe('fr');
    expect(q?.options.map((o) => [o.text, o.locale])).toEqual([
      ['تجمع أشخاص', 'ar'],
      ['Une banque', 'fr'],
    ]);
  });

  it('in the default locale, every text is in it', () => {
    const l = coachLesson(lesson, 'fr', 'fr');
    expect(l.textLocales).toEqual({ title: 'fr', body: 'fr', media: 'fr' });
    expect(l.quiz?.questions[0].options.map((o) => o.locale)).toEqual(['fr', 'fr']);
  });
});
