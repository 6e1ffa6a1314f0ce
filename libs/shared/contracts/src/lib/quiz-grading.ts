import type { Quiz, QuizQuestion } from './catalog';
import type { QuizAnswers } from './learning';

// How a quiz is graded: by the server for a coach's attempt, and in the browser for a trainer's
// preview (which records nothing), so that both give the same score for the same answers.

/**
 * A short answer as compared: trimmed, spaces folded, lower-case, without accents (é → e) and without
 * Arabic diacritics (harakat) or tatweel, so "Site Web", "site web" and "sité  web" are one answer.
 */
export function normaliseAnswer(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function selected(answer: string[] | string | undefined): string[] {
  if (answer === undefined) return [];
  return Array.isArray(answer) ? answer : [answer];
}

/** Whether one answer is right. Multiple choice: exactly the set of correct options. */
export function isCorrect(question: QuizQuestion, answer: string[] | string | undefined): boolean {
  if (question.type === 'short_answer') {
    const given = normaliseAnswer(Array.isArray(answer) ? (answer[0] ?? '') : (answer ?? ''));
    return given !== '' && question.acceptedAnswers.some((a) => normaliseAnswer(a) === given);
  }
  const chosen = new Set(selected(answer));
  const correct = new Set(question.options.filter((o) => o.correct).map((o) => o.key));
  if (question.type !== 'multiple' && chosen.size !== 1) return false;
  return chosen.size === correct.size && [...chosen].every((k) => correct.has(k));
}

export interface Grade {
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  correct: Record<string, boolean>;
}

/** Points of the right answers over all points; passed when the percentage reaches the pass mark. */
export function grade(quiz: Quiz, answers: QuizAnswers): Grade {
  let score = 0;
  let maxScore = 0;
  const correct: Record<string, boolean> = {};
  for (const q of quiz.questions) {
    maxScore += q.points;
    correct[q.key] = isCorrect(q, answers[q.key]);
    if (correct[q.key]) score += q.points;
  }
  const percent = maxScore ? Math.floor((score * 100) / maxScore) : 0;
  return { score, maxScore, percent, passed: percent >= quiz.passMark, correct };
}
