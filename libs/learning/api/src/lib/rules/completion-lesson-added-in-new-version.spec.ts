import { isCourseComplete, lessonsDone, type LessonFacts } from './completion';
import { course, textLesson } from './fixtures';

describe('a lesson added in a new version', () => {
  const done: [string, LessonFacts][] = [
    ['l1', { completed: true, passed: false }],
    ['l2', { completed: true, passed: false }],
    ['l3', { completed: true, passed: false }],
    ['quiz1', { completed: true, passed: true }],
  ];

  it('a coach complete on version 1 is not complete on version 2 until the new lesson is done', () => {
    expect(isCourseComplete(course(), new Map(done))).toBe(true);
    const v2 = course([textLesson('l4')]);
    expect(lessonsDone(v2, new Map(done))).toBe(4);
    expect(isCourseComplete(v2, new Map(done))).toBe(false);
    expect(isCourseComplete(v2, new Map([...done, ['l4', { completed: true, passed: false }]]))).toBe(true);
  });

  it('progress on a lesson removed from the version does not count', () => {
    const v2 = course();
    v2.modules[0]!.lessons = v2.modules[0]!.lessons.filter((l) => l.key !== 'l2');
    expect(lessonsDone(v2, new Map(done))).toBe(3);
  });
});
