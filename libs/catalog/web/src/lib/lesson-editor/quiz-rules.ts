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

/** True and false, neither marked correct: the trainer says which. */
function trueFalseOptions(locales: readonly Locale[]): QuizOption[] {
  return (['true', 'false'] as const).map((key) => ({
    key,
    text: textFor(locales, TRUE_FALSE_TEXT[key]),
    correct: false,
  }));
}

function blankOption(key: string): QuizOption {
  return { key, text: {}, correct: false };
}

/**
 * A new question of a type. No option starts marked correct: a key chosen in advance would ship wrong
 * whenever the trainer forgot to change it, so the question cannot be saved until one is marked.
 */
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
    case 'multiple':
      return { ...base, options: [blankOption('o1'), blankOption('o2')] };
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
      ? [blankOption('o1'), blankOption('o2')]
      : question.options;
  if (type === 'single') options = atMostOneCorrect(options);
  return { ...kept, options, acceptedAnswers: [] };
}

/** Single choice keeps at most one correct option: the first correct one (none stays none). */
function atMostOneCorrect(options: QuizOption[]): QuizOption[] {
  const first = options.findIndex((o) => o.correct);
  return options.map((o, i) => ({ ...o, correct: i === first }));
}

/**
 * Marks an option correct or not. Single choice and true/false: choosing one un-chooses the others,
 * and the chosen one cannot be un-chosen (once marked, there is exactly one). Multiple: independent.
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
  return { ...question, options: [...question.options, blankOption(key)] };
}

/** Removes an option; a question that lost its correct one has none marked until the trainer says. */
export function removeOption(question: QuizQuestion, key: string): QuizQuestion {
  if (question.type !== 'single' && question.type !== 'multiple') return question;
  return { ...question, options: question.options.filter((o) => o.key !== key) };
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
  if (correct === 0) issues.push('noCorrect');
  else if (question.type !== 'multiple' && correct > 1) issues.push('notOneCorrect');
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

/** Whether a choice question has no option marked correct: such a question is not saved. */
export function lacksKey(question: QuizQuestion): boolean {
  return question.type !== 'short_answer' && !question.options.some((o) => o.correct);
}
