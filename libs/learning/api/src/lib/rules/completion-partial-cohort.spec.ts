import { isCourseComplete, lessonsDone, type LessonFacts } from './completion';
import { course } from './fixtures';

const facts = (entries: [string, Partial<LessonFacts>][]) =>
  new Map(entries.map(([k, f]) => [k, { completed: false, passed: false, ...f }]));

describe('completion in a cohort where coaches are at different points', () => {
  const content = course();

  it('a coach who has done nothing: 0 of 4, not complete', () => {
    expect(lessonsDone(content, facts([]))).toBe(0);
    expect(isCourseComplete(content, facts([]))).toBe(false);
  });

  it('a coach with every text done but the quiz not passed: 3 of 4, not complete', () => {
    const f = facts([
      ['l1', { completed: true }],
      ['l2', { completed: true }],
      ['l3', { completed: true }],
      ['quiz1', { completed: true }],
    ]);
    expect(lessonsDone(content, f)).toBe(3);
    expect(isCourseComplete(content, f)).toBe(false);
  });

  it('a coach with everything done and the quiz passed: complete', () => {
    const f = facts([
      ['l1', { completed: true }],
      ['l2', { completed: true }],
      ['l3', { completed: true }],
      ['quiz1', { passed: true }],
    ]);
    expect(lessonsDone(content, f)).toBe(4);
    expect(isCourseComplete(content, f)).toBe(true);
  });
});
