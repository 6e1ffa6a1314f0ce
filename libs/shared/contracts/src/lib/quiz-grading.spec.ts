import type { Quiz } from './catalog';
import { grade, isCorrect, normaliseAnswer } from './quiz-grading';

/** One question of each type, 5 points in all, a 70% pass mark. */
const quiz: Quiz = {
  passMark: 70,
  maxAttempts: 3,
  revealAnswers: 'after_pass_or_last_attempt',
  questions: [
    {
      key: 'q1',
      type: 'single',
      prompt: { fr: '?' },
      points: 2,
      options: [
        { key: 'a', text: { fr: 'A' }, correct: true },
        { key: 'b', text: { fr: 'B' }, correct: false },
      ],
      acceptedAnswers: [],
    },
    {
      key: 'q2',
      type: 'multiple',
      prompt: { fr: '?' },
      points: 1,
      options: [
        { key: 'a', text: { fr: 'A' }, correct: true },
        { key: 'b', text: { fr: 'B' }, correct: true },
        { key: 'c', text: { fr: 'C' }, correct: false },
      ],
      acceptedAnswers: [],
    },
    {
      key: 'q3',
      type: 'true_false',
      prompt: { fr: '?' },
      points: 1,
      options: [
        { key: 'true', text: { fr: 'Vrai' }, correct: false },
        { key: 'false', text: { fr: 'Faux' }, correct: true },
      ],
      acceptedAnswers: [],
    },
    {
      key: 'q4',
      type: 'short_answer',
      prompt: { fr: '?' },
      points: 1,
      options: [],
      acceptedAnswers: ['Site web', 'site internet', 'موقع إلكتروني'],
    },
  ],
};

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
