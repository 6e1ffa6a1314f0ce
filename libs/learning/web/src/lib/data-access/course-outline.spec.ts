import { continueKey, firstNotDone, lessonsInOrder, placeOf } from './course-outline';
import { course, learner } from './testing';

describe('the player: previous and next lesson', () => {
  it('lists the lessons of every module in reading order', () => {
    expect(lessonsInOrder(course()).map((p) => [p.moduleKey, p.lesson.key, p.index])).toEqual([
      ['m1', 'l1', 0],
      ['m1', 'l2', 1],
      ['m1', 'quiz', 2],
      ['m2', 'l3', 3],
    ]);
  });

  it('has no previous lesson on the first one', () => {
    const place = placeOf(course(), 'l1');
    expect(place?.previous).toBeNull();
    expect(place?.next?.lesson.key).toBe('l2');
    expect(place?.total).toBe(4);
  });

  it('crosses module boundaries both ways', () => {
    const quiz = placeOf(course(), 'quiz');
    expect(quiz?.next?.lesson.key).toBe('l3');
    expect(quiz?.next?.moduleKey).toBe('m2');
    const l3 = placeOf(course(), 'l3');
    expect(l3?.previous?.lesson.key).toBe('quiz');
    expect(l3?.previous?.moduleKey).toBe('m1');
  });

  it('has no next lesson on the last one', () => {
    const place = placeOf(course(), 'l3');
    expect(place?.next).toBeNull();
    expect(place?.current.index).toBe(3);
  });

  it('knows nothing of a lesson that is not in the course', () => {
    expect(placeOf(course(), 'gone')).toBeNull();
  });

  it('finds the first lesson not done; a completed but failed quiz is not done', () => {
    const l = learner({
      lessons: {
        l1: { state: 'completed', lastActivityAt: null },
        l2: { state: 'completed', lastActivityAt: null },
        quiz: { state: 'started', lastActivityAt: null },
        l3: { state: 'completed', lastActivityAt: null },
      },
      quizzes: { quiz: { attempts: 1, bestPercent: 40, passed: false, attemptsLeft: 2 } },
    });
    expect(firstNotDone(l)).toBe('quiz');
    expect(firstNotDone({ ...l, quizzes: { quiz: { ...l.quizzes['quiz'], passed: true } } })).toBeNull();
  });

  it('continues at the next lesson, or at the start once everything is done', () => {
    expect(continueKey(learner({ nextLessonKey: 'l2' }))).toBe('l2');
    expect(continueKey(learner({ nextLessonKey: null }))).toBe('l1');
  });
});
