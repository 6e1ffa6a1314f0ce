import type { CoachQuiz, QuizAnswers } from '@tc/shared/contracts';

type CoachQuestion = CoachQuiz['questions'][number];

/** What the coach has filled in for one question, as the form holds it. */
export interface QuestionDraft {
  /** single / true_false: the chosen option. */
  choice: string | null;
  /** multiple: the ticked options. */
  ticked: readonly string[];
  /** short_answer: the typed text. */
  text: string;
}

export type QuizDraft = Record<string, QuestionDraft>;

export const EMPTY_ANSWER: QuestionDraft = { choice: null, ticked: [], text: '' };

/** A choice question answered with radio buttons (one option), others with check boxes or text. */
export function isRadio(q: Pick<CoachQuestion, 'type'>): boolean {
  return q.type === 'single' || q.type === 'true_false';
}

/** The draft after ticking or unticking one option of a multiple-choice question. */
export function toggle(draft: QuestionDraft, optionKey: string, on: boolean): QuestionDraft {
  const rest = draft.ticked.filter((k) => k !== optionKey);
  return { ...draft, ticked: on ? [...rest, optionKey] : rest };
}

/** One question's answer as the API wants it, or null when it is not answered. */
export function answerOf(q: CoachQuestion, draft: QuestionDraft | undefined): string | string[] | null {
  const d = draft ?? EMPTY_ANSWER;
  if (isRadio(q)) return d.choice && q.options.some((o) => o.key === d.choice) ? d.choice : null;
  if (q.type === 'multiple') {
    // In the options' order, whatever the order of the clicks; unknown keys dropped.
    const ticked = q.options.filter((o) => d.ticked.includes(o.key)).map((o) => o.key);
    return ticked.length ? ticked : null;
  }
  const text = d.text.trim();
  return text ? text : null;
}

/** The request's `answers`: radio → option key, check boxes → option keys, short answer → text. */
export function buildAnswers(quiz: CoachQuiz, draft: QuizDraft): QuizAnswers {
  const answers: QuizAnswers = {};
  for (const q of quiz.questions) {
    const a = answerOf(q, draft[q.key]);
    if (a !== null) answers[q.key] = a;
  }
  return answers;
}

/** Keys of the questions still without an answer. */
export function unanswered(quiz: CoachQuiz, draft: QuizDraft): string[] {
  return quiz.questions.filter((q) => answerOf(q, draft[q.key]) === null).map((q) => q.key);
}
