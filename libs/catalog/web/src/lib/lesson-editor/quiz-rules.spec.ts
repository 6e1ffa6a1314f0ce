import type { QuizQuestion } from '@tc/shared/contracts';
import {
  addOption,
  changeType,
  lacksKey,
  moved,
  newQuestion,
  nextKey,
  questionIssues,
  removeOption,
  setCorrect,
} from './quiz-rules';

const locales = ['fr', 'ar'] as const;
const correctKeys = (q: QuizQuestion) => q.options.filter((o) => o.correct).map((o) => o.key);

describe('quiz rules: true/false', () => {
  it('gets exactly two fixed options, true and false, texts in each offered locale', () => {
    const q = newQuestion('true_false', [], locales);
    expect(q.options.map((o) => o.key)).toEqual(['true', 'false']);
    expect(q.options[0].text).toEqual({ fr: 'Vrai', ar: 'صحيح' });
    expect(q.options[1].text).toEqual({ fr: 'Faux', ar: 'خطأ' });
  });

  it('starts with neither true nor false marked correct', () => {
    const q = newQuestion('true_false', [], locales);
    expect(correctKeys(q)).toEqual([]);
    expect(lacksKey(q)).toBe(true);
    expect(questionIssues(q, 'fr')).toContain('noCorrect');
  });

  it('refuses to add or remove options', () => {
    const q = newQuestion('true_false', [], locales);
    expect(addOption(q).options).toHaveLength(2);
    expect(removeOption(q, 'true').options.map((o) => o.key)).toEqual(['true', 'false']);
  });

  it('switches the correct answer between true and false, never both, and once chosen never none', () => {
    const q = setCorrect(newQuestion('true_false', [], locales), 'false', true);
    expect(correctKeys(q)).toEqual(['false']);
    expect(correctKeys(setCorrect(q, 'true', true))).toEqual(['true']);
    expect(correctKeys(setCorrect(q, 'false', false))).toEqual(['false']);
  });

  it('replaces free options when a single-choice question becomes true/false', () => {
    const single = addOption(newQuestion('single', [], locales));
    const tf = changeType(single, 'true_false', locales);
    expect(tf.options.map((o) => o.key)).toEqual(['true', 'false']);
    expect(correctKeys(tf)).toEqual([]);
  });
});

describe('quiz rules: single choice has exactly one correct option, once marked', () => {
  it('starts with no option marked correct, single or multiple: a forgotten click cannot ship a key', () => {
    for (const type of ['single', 'multiple'] as const) {
      const q = newQuestion(type, [], locales);
      expect(correctKeys(q)).toEqual([]);
      expect(lacksKey(q)).toBe(true);
      expect(lacksKey(setCorrect(q, 'o2', true))).toBe(false);
    }
    expect(lacksKey(changeType(newQuestion('single', [], locales), 'short_answer', locales))).toBe(false);
  });

  it('choosing another option un-chooses the previous one', () => {
    const q = setCorrect(addOption(newQuestion('single', [], locales)), 'o3', true);
    expect(correctKeys(q)).toEqual(['o3']);
  });

  it('cannot un-choose the only correct option', () => {
    const q = setCorrect(newQuestion('single', [], locales), 'o1', true);
    expect(correctKeys(setCorrect(q, 'o1', false))).toEqual(['o1']);
  });

  it('removing the correct option leaves none marked rather than guessing another', () => {
    const q = setCorrect(addOption(newQuestion('single', [], locales)), 'o2', true);
    const after = removeOption(q, 'o2');
    expect(after.options.map((o) => o.key)).toEqual(['o1', 'o3']);
    expect(correctKeys(after)).toEqual([]);
    expect(correctKeys(removeOption(setCorrect(q, 'o1', true), 'o3'))).toEqual(['o1']);
  });

  it('keeps only the first correct option when a multiple-choice question becomes single', () => {
    let q = addOption(newQuestion('multiple', [], locales));
    q = setCorrect(setCorrect(q, 'o2', true), 'o3', true);
    expect(correctKeys(q)).toEqual(['o2', 'o3']);
    expect(correctKeys(changeType(q, 'single', locales))).toEqual(['o2']);
    expect(correctKeys(changeType(newQuestion('multiple', [], locales), 'single', locales))).toEqual([]);
  });

  it('multiple choice lets options be chosen independently', () => {
    const q = setCorrect(setCorrect(newQuestion('multiple', [], locales), 'o2', true), 'o1', true);
    expect(correctKeys(q)).toEqual(['o1', 'o2']);
    expect(correctKeys(setCorrect(q, 'o1', false))).toEqual(['o2']);
  });
});

describe('quiz rules: short answer and issues', () => {
  it('short answer has no options and one accepted answer to fill', () => {
    const q = changeType(newQuestion('single', [], locales), 'short_answer', locales);
    expect(q.options).toEqual([]);
    expect(q.acceptedAnswers).toEqual(['']);
    expect(questionIssues(q, 'fr')).toEqual(['noPrompt', 'noAnswer']);
  });

  it('reports a single-choice question without text in the default locale, or without its key', () => {
    const q = newQuestion('single', [], locales);
    expect(questionIssues(q, 'fr')).toEqual(['noPrompt', 'noCorrect', 'optionText']);
    const marked = setCorrect(q, 'o1', true);
    const filled: QuizQuestion = {
      ...marked,
      prompt: { fr: 'Qui vote le budget ?' },
      options: marked.options.map((o, i) => ({ ...o, text: { fr: `Réponse ${i}` } })),
    };
    expect(questionIssues(filled, 'fr')).toEqual([]);
    expect(
      questionIssues({ ...filled, options: filled.options.map((o) => ({ ...o, correct: true })) }, 'fr'),
    ).toEqual(['notOneCorrect']);
  });

  it('gives new questions keys not yet taken', () => {
    expect(nextKey(['q1', 'q2'], 'q')).toBe('q3');
    expect(nextKey(['q3'], 'q')).toBe('q2');
    expect(nextKey(['q2', 'q3'], 'q')).toBe('q4');
    expect(newQuestion('single', ['q1'], locales).key).toBe('q2');
  });

  it('moves questions up and down within bounds', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });
});
