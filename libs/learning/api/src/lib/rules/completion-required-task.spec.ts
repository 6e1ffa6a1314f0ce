import type { LessonContent, PracticalTask } from '@tc/shared/contracts';
import { isCourseComplete, lessonsDone, type LessonFacts } from './completion';
import { course, textLesson } from './fixtures';

const task = (required: boolean): PracticalTask => ({
  instructions: { fr: 'Photographiez la vitrine de la coopérative.' },
  evidence: [{ kind: 'photo', min: 1, max: 3 }],
  criteria: [
    {
      key: 'c1',
      title: { fr: 'Lisible' },
      competence: null,
      levels: [
        { key: 'no', title: { fr: 'Non' }, descriptor: {}, points: 0 },
        { key: 'yes', title: { fr: 'Oui' }, descriptor: {}, points: 2 },
      ],
    },
  ],
  passPoints: 2,
  required,
});
const taskLesson = (key: string, required: boolean): LessonContent =>
  ({ ...textLesson(key, 'task'), task: task(required) }) as LessonContent;

const done = (keys: string[]): Map<string, LessonFacts> =>
  new Map(keys.map((k) => [k, { completed: true, passed: true }]));

describe('a required practical task gates completion', () => {
  it('does not complete the course until the required task is passed; its pass completes it', () => {
    const content = course([taskLesson('t1', true)]);
    const everythingElse = ['l1', 'l2', 'quiz1', 'l3'];
    expect(isCourseComplete(content, done(everythingElse))).toBe(false);
    expect(isCourseComplete(content, done([...everythingElse, 't1']))).toBe(true);
    expect(lessonsDone(content, done([...everythingElse, 't1']))).toBe(5);
  });

  it('completes without a task that is not required, and counts it once passed', () => {
    const content = course([taskLesson('t1', false)]);
    expect(isCourseComplete(content, done(['l1', 'l2', 'quiz1', 'l3']))).toBe(true);
    expect(lessonsDone(content, done(['l1', 'l2', 'quiz1', 'l3']))).toBe(4);
    expect(lessonsDone(content, done(['l1', 'l2', 'quiz1', 'l3', 't1']))).toBe(5);
  });
});
