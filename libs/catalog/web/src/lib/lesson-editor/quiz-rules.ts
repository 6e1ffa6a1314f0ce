import type {
  Locale,
  LocalizedText,
  Quiz,
  QuizOption,
  QuizQuestion,
  QuestionType,
} from '@tc/shared/contracts';

/** The two fixed options of a true/false question; their text is part of the content. */
const TRUE_FALSE_TEXT: Record<'true' | 'false', Record<Locale, string>> = {
  true: { fr: 'Vrai', ar: 'صحيح', en: 'True' },
  false: { fr: 'Faux', ar: 'خطأ', en: 'False' },
};

export function newQuiz(): Quiz {
  return { passMark: 70, maxAttempts: null, revealAnswers: 'after_pass_or_last_attempt', questions: [] };
}

/** The next free key `<prefix><n>` among `taken`. */
export function nextKey(taken: readonly string[], prefix: string): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

function textFor(locales: readonly Locale[], all: Record<Locale, string>): LocalizedText {
  return Object.fromEntries(locales.map((l) => [l, all[l]])) as LocalizedText;
}

function trueFalseOptions(locales: readonly Locale[], correct: 'true' | 'false' = 'true'): QuizOption[] {
  return (['true', 'false'] as const).map((key) => ({
    key,
    text: textFor(locales, TRUE_FALSE_TEXT[key]),
    correct: key === correct,
  }));
}

function blankOption(key: string, correct: boolean): QuizOption {
  return { key, text: {}, correct };
}

/** A new question of a type, already valid in shape (single: the first option is the correct one). */
export function newQuestion(
  type: QuestionType,
  taken: readonly string[],
  locales: readonly Locale[],
): QuizQuestion {
  const base = { key: nextKey(taken, 'q'), type, prompt: {}, points: 1, acceptedAnswers: [] as string[] };
  switch (type) {
    case 'true_false':
      return { ...base, options: trueFalseOptions(locales) };
    case 'short_answer':
      return { ...base, options: [], acceptedAnswers: [''] };
    case 'single':
      return { ...base, options: [blankOption('o1', true), blankOption('o2', false)] };
    case 'multiple':
      return { ...base, options: [blankOption('o1', true), blankOption('o2', false)] };
  }
}

/** Changes a question's type, keeping what still makes sense (prompt, points, option texts). */
export function changeType(
  question: QuizQuestion,
  type: QuestionType,
  locales: readonly Locale[],
): QuizQuestion {
  if (question.type === type) return question;
  const kept = { ...question, type };
  if (type === 'true_false') {
    return { ...kept, options: trueFalseOptions(locales), acceptedAnswers: [] };
  }
  if (type === 'short_answer') {
    return {
      ...kept,
      options: [],
      acceptedAnswers: question.acceptedAnswers.length ? question.acceptedAnswers : [''],
    };
  }
  // single / multiple: free options (true/false's fixed ones do not carry over).
  let options =
    question.type === 'true_false' || question.type === 'short_answer'
      ? [blankOption('o1', true), blankOption('o2', false)]
      : question.options;
  if (type === 'single') options = exactlyOneCorrect(options);
  return { ...kept, options, acceptedAnswers: [] };
}

/** Single choice keeps exactly one correct option: the first correct one, else the first option. */
function exactlyOneCorrect(options: QuizOption[]): QuizOption[] {
  if (!options.length) return options;
  const first = Math.max(
    0,
    options.findIndex((o) => o.correct),
  );
  return options.map((o, i) => ({ ...o, correct: i === first }));
}

/**
 * Marks an option correct or not. Single choice and true/false: choosing one un-chooses the others,
 * and the chosen one cannot be un-chosen (there is always exactly one). Multiple: independent.
 */
export function setCorrect(question: QuizQuestion, key: string, correct: boolean): QuizQuestion {
  if (question.type === 'multiple') {
    return { ...question, options: question.options.map((o) => (o.key === key ? { ...o, correct } : o)) };
  }
  if (question.type === 'short_answer' || !correct) return question;
  return { ...question, options: question.options.map((o) => ({ ...o, correct: o.key === key })) };
}

/** Adds a blank option (not for true/false, whose two options are fixed). */
export function addOption(question: QuizQuestion): QuizQuestion {
  if (question.type !== 'single' && question.type !== 'multiple') return question;
  const key = nextKey(
    question.options.map((o) => o.key),
    'o',
  );
  return { ...question, options: [...question.options, blankOption(key, false)] };
}

/** Removes an option; a single-choice question that lost its correct one gets the first as correct. */
export function removeOption(question: QuizQuestion, key: string): QuizQuestion {
  if (question.type !== 'single' && question.type !== 'multiple') return question;
  const options = question.options.filter((o) => o.key !== key);
  return { ...question, options: question.type === 'single' ? exactlyOneCorrect(options) : options };
}

/** Whether the options may be added/removed and their text edited. */
export function hasFreeOptions(question: QuizQuestion): boolean {
  return question.type === 'single' || question.type === 'multiple';
}

export type QuestionIssue =
  'noPrompt' | 'tooFewOptions' | 'noCorrect' | 'notOneCorrect' | 'optionText' | 'noAnswer';

/** What is still wrong with a question (in the default locale), as translation suffixes. */
export function questionIssues(question: QuizQuestion, defaultLocale: Locale): QuestionIssue[] {
  const issues: QuestionIssue[] = [];
  if (!question.prompt[defaultLocale]?.trim()) issues.push('noPrompt');
  if (question.type === 'short_answer') {
    if (!question.acceptedAnswers.some((a) => a.trim())) issues.push('noAnswer');
    return issues;
  }
  const correct = question.options.filter((o) => o.correct).length;
  if (question.options.length < 2) issues.push('tooFewOptions');
  if (question.type === 'multiple' && correct === 0) issues.push('noCorrect');
  if (question.type !== 'multiple' && correct !== 1) issues.push('notOneCorrect');
  if (question.options.some((o) => !o.text[defaultLocale]?.trim())) issues.push('optionText');
  return issues;
}

/** Moves an item of a list by `delta` places (clamped), returning a new list. */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = Math.min(list.length - 1, Math.max(0, index + delta));
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item);
  return copy;
}
