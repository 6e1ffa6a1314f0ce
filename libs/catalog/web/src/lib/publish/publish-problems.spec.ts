import type { CourseDraft } from '@tc/shared/contracts';
import { locateProblems, parseProblemField } from './publish-problems';

function lesson(id: string) {
  return {
    id,
    key: `k-${id}`,
    kind: 'text' as const,
    title: { fr: id },
    competences: [],
    estimatedMinutes: null,
    body: {},
    media: null,
    quiz: null,
  };
}

const draft: CourseDraft = {
  id: 'c-1',
  slug: 'budget',
  defaultLocale: 'fr',
  locales: ['fr', 'ar'],
  title: { fr: 'Budget' },
  summary: {},
  estimatedMinutes: null,
  coverImageHash: null,
  competences: [],
  status: 'active',
  ownerId: 'u-1',
  coAuthors: [],
  latestVersion: null,
  hasUnpublishedChanges: true,
  updatedAt: '2026-01-01T00:00:00Z',
  modules: [
    { id: 'm-a', key: 'ma', title: { fr: 'A' }, lessons: [lesson('l-a0'), lesson('l-a1')] },
    { id: 'm-b', key: 'mb', title: { fr: 'B' }, lessons: [lesson('l-b0'), lesson('l-b1'), lesson('l-b2')] },
    { id: 'm-c', key: 'mc', title: { fr: 'C' }, lessons: [] },
  ],
};

describe('parseProblemField', () => {
  it.each([
    ['modules[1].lessons[0].body.fr', 1, 0, 'body.fr'],
    ['modules[0].lessons[2].quiz.questions[1]', 0, 2, 'quiz.questions[1]'],
    ['modules[2]', 2, null, ''],
    ['modules[12].title.fr', 12, null, 'title.fr'],
    ['title.fr', null, null, 'title.fr'],
  ])('%s → module %s, lesson %s, rest %s', (field, moduleIndex, lessonIndex, rest) => {
    expect(parseProblemField(field)).toEqual({ moduleIndex, lessonIndex, rest });
  });
});

describe('locateProblems', () => {
  const problems = [
    { field: 'modules[1].lessons[0].body.fr', message: 'Texte manquant' },
    { field: 'modules[0].lessons[1].quiz.questions[1]', message: 'Aucune bonne réponse' },
    { field: 'modules[2]', message: 'Module vide' },
    { field: 'modules[1].lessons[2].title.fr', message: 'Titre manquant' },
    { field: 'title.fr', message: 'Titre du cours manquant' },
    { field: 'modules[7].lessons[0].body.fr', message: 'Hors du plan' },
  ];

  it('ties lesson paths to the lesson id, in order', () => {
    const located = locateProblems(draft, problems);
    expect(Object.keys(located.byLesson).sort()).toEqual(['l-a1', 'l-b0', 'l-b2']);
    expect(located.byLesson['l-b0'].map((p) => [p.moduleId, p.rest])).toEqual([['m-b', 'body.fr']]);
    expect(located.byLesson['l-a1'][0]).toMatchObject({
      moduleId: 'm-a',
      lessonId: 'l-a1',
      rest: 'quiz.questions[1]',
      message: 'Aucune bonne réponse',
    });
  });

  it('ties a bare module path to the module itself', () => {
    const located = locateProblems(draft, problems);
    expect(located.byModule).toEqual({
      'm-c': [expect.objectContaining({ field: 'modules[2]', moduleId: 'm-c', lessonId: null })],
    });
  });

  it('keeps course-level and out-of-outline problems at course level, none lost', () => {
    const located = locateProblems(draft, problems);
    expect(located.course.map((p) => p.field)).toEqual(['title.fr', 'modules[7].lessons[0].body.fr']);
    expect(located.all.map((p) => p.field)).toEqual(problems.map((p) => p.field));
  });
});
