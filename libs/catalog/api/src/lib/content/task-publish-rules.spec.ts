import type { CourseContent, LessonContent, PracticalTask } from '@tc/shared/contracts';
import { publishProblems } from './publish-validation';

const level = (key: string, points: number, title = key) => ({
  key,
  title: { fr: title },
  descriptor: {},
  points,
});

const task = (over: Partial<PracticalTask> = {}): PracticalTask => ({
  instructions: { fr: 'Photographiez trois produits.' },
  evidence: [
    { kind: 'photo', min: 3, max: 6 },
    { kind: 'text', min: 1, max: 1 },
  ],
  criteria: [
    {
      key: 'c1',
      title: { fr: 'Photos' },
      competence: '3.1',
      levels: [level('a', 0), level('b', 1), level('c', 2)],
    },
    { key: 'c2', title: { fr: 'Prix' }, competence: null, levels: [level('a', 0), level('b', 2)] },
  ],
  passPoints: 3,
  required: true,
  ...over,
});

function course(t: PracticalTask | null): CourseContent {
  const lesson: LessonContent = {
    key: 't',
    kind: 'task',
    title: { fr: 'Tâche' },
    competences: [],
    estimatedMinutes: null,
    body: {},
    media: null,
    quiz: null,
    task: t,
  };
  return {
    slug: 's',
    defaultLocale: 'fr',
    locales: ['fr', 'ar'],
    title: { fr: 'Cours' },
    summary: {},
    estimatedMinutes: null,
    coverImageHash: null,
    competences: [],
    modules: [{ key: 'm', title: { fr: 'M' }, lessons: [lesson] }],
  };
}

const problems = (t: PracticalTask | null) =>
  publishProblems(course(t), () => true).map(({ message: _english, ...p }) => p);

const at = 'modules[0].lessons[0].task';

describe('what stops a task from being published', () => {
  it('nothing for a complete task (other languages fall back to the default)', () => {
    expect(problems(task())).toEqual([]);
  });

  it('a task lesson without a task', () => {
    expect(problems(null)).toEqual([{ field: at, code: 'task-missing' }]);
  });

  it('instructions, criterion and level titles missing in the default language', () => {
    const t = task({ instructions: { ar: 'تعليمات' } });
    t.criteria[1] = { ...t.criteria[1], title: { ar: 'السعر' } };
    t.criteria[0].levels[2] = { ...level('c', 2), title: {} };
    expect(problems(t)).toEqual([
      { field: `${at}.instructions.fr`, code: 'task-instructions-missing', params: { locale: 'fr' } },
      {
        field: `${at}.criteria[0].levels[2].title.fr`,
        code: 'level-title-missing',
        params: { criterion: 1, locale: 'fr' },
      },
      {
        field: `${at}.criteria[1].title.fr`,
        code: 'criterion-title-missing',
        params: { criterion: 2, locale: 'fr' },
      },
    ]);
  });

  it('no criterion; a criterion with one level; two levels worth the same', () => {
    expect(problems(task({ criteria: [], passPoints: 1 }))).toEqual([
      { field: `${at}.criteria`, code: 'task-no-criterion' },
    ]);
    const t = task();
    t.criteria[0] = { ...t.criteria[0], levels: [level('a', 0), level('b', 1), level('c', 1)] };
    t.criteria[1] = { ...t.criteria[1], levels: [level('a', 2)] };
    expect(problems(t)).toEqual([
      { field: `${at}.criteria[0].levels[2].points`, code: 'level-points-equal', params: { criterion: 1 } },
      { field: `${at}.criteria[1].levels`, code: 'levels-too-few', params: { criterion: 2, min: 2 } },
    ]);
  });

  it('the pass threshold: above 0 and at most the sum of each criterion’s best level (2 + 2 = 4)', () => {
    expect(problems(task({ passPoints: 4 }))).toEqual([]);
    expect(problems(task({ passPoints: 5 }))).toEqual([
      { field: `${at}.passPoints`, code: 'pass-points-out-of-range', params: { max: 4 } },
    ]);
    expect(problems(task({ passPoints: 0 }))).toEqual([
      { field: `${at}.passPoints`, code: 'pass-points-out-of-range', params: { max: 4 } },
    ]);
  });

  it('evidence: something required, each kind once, within its limits and min ≤ max', () => {
    expect(problems(task({ evidence: [{ kind: 'photo', min: 0, max: 3 }] }))).toEqual([
      { field: `${at}.evidence`, code: 'evidence-none-required' },
    ]);
    expect(
      problems(
        task({
          evidence: [
            { kind: 'photo', min: 1, max: 11 },
            { kind: 'audio', min: 3, max: 2 },
            { kind: 'photo', min: 1, max: 2 },
            { kind: 'text', min: 1, max: 2 },
          ],
        }),
      ),
    ).toEqual([
      { field: `${at}.evidence[0]`, code: 'evidence-out-of-range', params: { max: 10 } },
      { field: `${at}.evidence[1]`, code: 'evidence-out-of-range', params: { max: 3 } },
      { field: `${at}.evidence[2].kind`, code: 'evidence-kind-twice' },
      { field: `${at}.evidence[3]`, code: 'evidence-out-of-range', params: { max: 1 } },
    ]);
  });
});
