import { grade } from '@tc/shared/contracts';
import { isCourseComplete, type LessonFacts } from './completion';
import { course, quiz } from './fixtures';

describe('a quiz failed, then passed', () => {
  it('completes the course only with the passing attempt; the best score counts', () => {
    const content = course();
    const texts: [string, LessonFacts][] = ['l1', 'l2', 'l3'].map((k) => [
      k,
      { completed: true, passed: false },
    ]);
    const first = grade(quiz, { q1: 'b', q2: ['a'], q3: 'false', q4: 'non' });
    expect(first.passed).toBe(false);
    expect(
      isCourseComplete(content, new Map([...texts, ['quiz1', { completed: false, passed: first.passed }]])),
    ).toBe(false);
    const second = grade(quiz, { q1: 'a', q2: ['a', 'b'], q3: 'false', q4: 'non' });
    expect(second).toMatchObject({ percent: 80, passed: true });
    expect(isCourseComplete(content, new Map([...texts, ['quiz1', { completed: true, passed: true }]]))).toBe(
      true,
    );
    expect(Math.max(first.percent, second.percent)).toBe(80);
  });
});
