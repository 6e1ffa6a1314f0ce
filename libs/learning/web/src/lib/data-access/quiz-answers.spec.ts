import type { CoachQuiz } from '@tc/shared/contracts';
import { EMPTY_ANSWER, buildAnswers, toggle, unanswered } from './quiz-answers';

const quiz: CoachQuiz = {
  passMark: 70,
  maxAttempts: 3,
  questions: [
    {
      key: 'q1',
      type: 'single',
      prompt: 'Which?',
      points: 1,
      options: ['a', 'b', 'c'].map((k) => ({ key: k, text: k })),
    },
    {
      key: 'q2',
      type: 'multiple',
      prompt: 'Which ones?',
      points: 2,
      options: ['a', 'b', 'c', 'd'].map((k) => ({ key: k, text: k })),
    },
    {
      key: 'q3',
      type: 'true_false',
      prompt: 'True?',
      points: 1,
      options: [
        { key: 'true', text: 'True' },
        { key: 'false', text: 'False' },
      ],
    },
    { key: 'q4', type: 'short_answer', prompt: 'Name?', points: 1, options: [] },
  ],
};

describe('quiz answers as the API wants them', () => {
  it('sends a radio choice as a string, check boxes as an array, short text as a trimmed string', () => {
    const answers = buildAnswers(quiz, {
      q1: { ...EMPTY_ANSWER, choice: 'b' },
      q2: { ...EMPTY_ANSWER, ticked: ['a', 'c'] },
      q3: { ...EMPTY_ANSWER, choice: 'false' },
      q4: { ...EMPTY_ANSWER, text: '  DigComp \n' },
    });
    expect(answers).toEqual({ q1: 'b', q2: ['a', 'c'], q3: 'false', q4: 'DigComp' });
  });

  it('sends one ticked box still as an array', () => {
    expect(buildAnswers(quiz, { q2: { ...EMPTY_ANSWER, ticked: ['d'] } })).toEqual({ q2: ['d'] });
  });

  it('orders ticked options as the question does, whatever the order of the clicks', () => {
    let d = EMPTY_ANSWER;
    d = toggle(d, 'c', true);
    d = toggle(d, 'a', true);
    d = toggle(d, 'b', true);
    d = toggle(d, 'b', false);
    expect(buildAnswers(quiz, { q2: d })).toEqual({ q2: ['a', 'c'] });
  });

  it('leaves out questions without an answer (blank text, nothing ticked) and lists them', () => {
    const draft = {
      q1: { ...EMPTY_ANSWER, choice: 'a' },
      q2: toggle(toggle(EMPTY_ANSWER, 'a', true), 'a', false),
      q4: { ...EMPTY_ANSWER, text: '   ' },
    };
    expect(buildAnswers(quiz, draft)).toEqual({ q1: 'a' });
    expect(unanswered(quiz, draft)).toEqual(['q2', 'q3', 'q4']);
  });

  it('ignores an option key the question does not have', () => {
    expect(
      buildAnswers(quiz, { q1: { ...EMPTY_ANSWER, choice: 'z' }, q2: { ...EMPTY_ANSWER, ticked: ['z'] } }),
    ).toEqual({});
  });
});
