import { grade, isCorrect, normaliseAnswer } from './grading';
import { quiz } from './fixtures';

describe('grading a quiz', () => {
  it('all right: full score, passed', () => {
    expect(grade(quiz, { q1: 'a', q2: ['b', 'a'], q3: ['false'], q4: '  SITE   Web ' })).toEqual({
      score: 5,
      maxScore: 5,
      percent: 100,
      passed: true,
      correct: { q1: true, q2: true, q3: true, q4: true },
    });
  });

  it('multiple choice is all or nothing: a missing or an extra option is wrong', () => {
    const q2 = quiz.questions[1]!;
    expect(isCorrect(q2, ['a'])).toBe(false);
    expect(isCorrect(q2, ['a', 'b', 'c'])).toBe(false);
    expect(isCorrect(q2, ['a', 'b'])).toBe(true);
  });

  it('single choice with two options ticked is wrong', () => {
    expect(isCorrect(quiz.questions[0]!, ['a', 'b'])).toBe(false);
  });

  it('short answers ignore case, accents, spaces and Arabic diacritics', () => {
    const q4 = quiz.questions[3]!;
    expect(isCorrect(q4, 'Sité Wéb')).toBe(true);
    expect(isCorrect(q4, 'مَوْقِع إلكترونـي')).toBe(true);
    expect(isCorrect(q4, 'site')).toBe(false);
    expect(isCorrect(q4, '')).toBe(false);
    expect(normaliseAnswer('  Économie   SOLIDAIRE ')).toBe('economie solidaire');
  });

  it('the pass mark is a percentage of points, rounded down: 3 of 5 (60%) fails a 70% mark', () => {
    const result = grade(quiz, { q1: 'a', q2: ['a'], q3: 'true', q4: 'site web' });
    expect(result).toMatchObject({ score: 3, maxScore: 5, percent: 60, passed: false });
  });

  it('unanswered questions count as wrong', () => {
    expect(grade(quiz, {})).toMatchObject({ score: 0, percent: 0, passed: false });
  });
});
