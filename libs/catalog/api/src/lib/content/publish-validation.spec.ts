import type { CourseContent, LessonContent } from '@tc/shared/contracts';
import { publishProblems } from './publish-validation';

const text = (key: string, body: string | undefined): LessonContent => ({
  key,
  kind: 'text',
  title: { fr: key },
  competences: [],
  estimatedMinutes: null,
  body: body ? { fr: body } : {},
  media: null,
  quiz: null,
});

function course(modules: CourseContent['modules']): CourseContent {
  return {
    slug: 's',
    defaultLocale: 'fr',
    locales: ['fr', 'en'],
    title: { fr: 'Cours' },
    summary: {},
    estimatedMinutes: null,
    coverImageHash: null,
    competences: [],
    modules,
  };
}

describe('what stops a publish', () => {
  it('nothing for a complete course', () => {
    expect(
      publishProblems(course([{ key: 'm', title: { fr: 'M' }, lessons: [text('a', 'corps')] }]), () => true),
    ).toEqual([]);
  });

  it('a course without module, an empty module, a lesson without text in the default locale', () => {
    expect(publishProblems(course([]), () => true)).toEqual([
      { field: 'modules', message: expect.any(String), code: 'no-module' },
    ]);
    const problems = publishProblems(
      course([
        { key: 'm1', title: { fr: 'M1' }, lessons: [] },
        {
          key: 'm2',
          title: { en: 'only English' },
          lessons: [{ ...text('a', undefined), body: { en: 'english only' } }],
        },
      ]),
      () => true,
    );
    expect(problems.map(({ message: _english, ...p }) => p)).toEqual([
      { field: 'modules[0]', code: 'module-empty' },
      { field: 'modules[1].title.fr', code: 'module-title-missing', params: { locale: 'fr' } },
      { field: 'modules[1].lessons[0].body.fr', code: 'lesson-text-missing', params: { locale: 'fr' } },
    ]);
  });

  it('quiz rules: a question, exactly one correct for single and true/false, one or more for multiple, answers for short', () => {
    const quiz = (questions: NonNullable<LessonContent['quiz']>['questions']): LessonContent => ({
      ...text('q', undefined),
      kind: 'quiz',
      quiz: { passMark: 50, maxAttempts: null, revealAnswers: 'never', questions },
    });
    const opt = (key: string, correct: boolean) => ({ key, text: { fr: key }, correct });
    const problems = publishProblems(
      course([
        {
          key: 'm',
          title: { fr: 'M' },
          lessons: [
            quiz([]),
            quiz([
              {
                key: 'q1',
                type: 'single',
                prompt: { fr: '?' },
                points: 1,
                options: [opt('a', true), opt('b', true)],
                acceptedAnswers: [],
              },
              {
                key: 'q2',
                type: 'true_false',
                prompt: { fr: '?' },
                points: 1,
                options: [opt('true', false), opt('false', false)],
                acceptedAnswers: [],
              },
              {
                key: 'q3',
                type: 'multiple',
                prompt: { fr: '?' },
                points: 1,
                options: [opt('a', true), opt('b', true), opt('c', false)],
                acceptedAnswers: [],
              },
              {
                key: 'q4',
                type: 'short_answer',
                prompt: { fr: '?' },
                points: 1,
                options: [],
                acceptedAnswers: ['  '],
              },
            ]),
          ],
        },
      ]),
      () => true,
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['modules[0].lessons[0].quiz', 'quiz-empty'],
      ['modules[0].lessons[1].quiz.questions[0]', 'one-correct-option'],
      ['modules[0].lessons[1].quiz.questions[1]', 'one-correct-option'],
      ['modules[0].lessons[1].quiz.questions[3].acceptedAnswers', 'accepted-answer-missing'],
    ]);
  });

  it('media: a video needs a link and a transcript; a file must be uploaded', () => {
    const media = (m: LessonContent['media']): LessonContent => ({
      ...text('v', undefined),
      kind: 'media',
      media: m,
    });
    const problems = publishProblems(
      course([
        {
          key: 'm',
          title: { fr: 'M' },
          lessons: [
            media({ type: 'video', mediaHash: null, url: null, caption: {}, transcript: {} }),
            media({ type: 'pdf', mediaHash: 'f'.repeat(64), url: null, caption: {}, transcript: {} }),
          ],
        },
      ]),
      () => false,
    );
    expect(problems.map((p) => p.field)).toEqual([
      'modules[0].lessons[0].media.url',
      'modules[0].lessons[0].media.transcript.fr',
      'modules[0].lessons[1].media.mediaHash',
    ]);
  });
});
