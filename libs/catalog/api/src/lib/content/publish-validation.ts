import type {
  CourseContent,
  EvidenceKind,
  PracticalTask,
  ProblemCode,
  ProblemParams,
  PublishProblem,
} from '@tc/shared/contracts';
import { taskMaxPoints } from './coach-view';

const has = (text: Record<string, string | undefined> | undefined, locale: string) =>
  !!text?.[locale]?.trim();

/** The most of each kind of evidence a task may ask for. */
export const EVIDENCE_MAX: Record<EvidenceKind, number> = { text: 1, photo: 10, audio: 3, pdf: 3 };

type Add = (field: string, code: ProblemCode, message: string, params?: ProblemParams) => void;

/**
 * What stops a task from being published: instructions and rubric titles in the default language `d`,
 * one to ten criteria of two to six levels with distinct points, a pass threshold the rubric can reach,
 * and evidence rules that ask for something, once per kind, within each kind's limits.
 */
function taskProblems(task: PracticalTask | null | undefined, at: string, d: string, add: Add): void {
  const locale = { locale: d };
  if (!task) {
    add(at, 'task-missing', 'This task lesson has no task.');
    return;
  }
  if (!has(task.instructions, d))
    add(
      `${at}.instructions.${d}`,
      'task-instructions-missing',
      `The task needs instructions in ${d}.`,
      locale,
    );
  const kinds = new Set<EvidenceKind>();
  task.evidence.forEach((rule, e) => {
    const max = EVIDENCE_MAX[rule.kind];
    if (kinds.has(rule.kind))
      add(
        `${at}.evidence[${e}].kind`,
        'evidence-kind-twice',
        `Evidence of kind ${rule.kind} is asked twice.`,
      );
    kinds.add(rule.kind);
    if (rule.max > max || rule.min > rule.max)
      add(
        `${at}.evidence[${e}]`,
        'evidence-out-of-range',
        `Evidence of kind ${rule.kind}: at most ${max}, and min no more than max.`,
        { max },
      );
  });
  if (!task.evidence.some((rule) => rule.min >= 1))
    add(`${at}.evidence`, 'evidence-none-required', 'The task must ask for at least one piece of evidence.');
  if (!task.criteria.length) add(`${at}.criteria`, 'task-no-criterion', 'The rubric has no criterion.');
  task.criteria.forEach((criterion, c) => {
    const cat = `${at}.criteria[${c}]`;
    const n = { criterion: c + 1 };
    if (!has(criterion.title, d))
      add(`${cat}.title.${d}`, 'criterion-title-missing', `Criterion ${c + 1} needs a title in ${d}.`, {
        ...n,
        ...locale,
      });
    if (criterion.levels.length < 2)
      add(`${cat}.levels`, 'levels-too-few', `Criterion ${c + 1} needs at least two levels.`, {
        ...n,
        min: 2,
      });
    const points = new Set<number>();
    criterion.levels.forEach((level, v) => {
      if (!has(level.title, d))
        add(
          `${cat}.levels[${v}].title.${d}`,
          'level-title-missing',
          `Level ${v + 1} of criterion ${c + 1} needs a title in ${d}.`,
          { ...n, ...locale },
        );
      if (points.has(level.points))
        add(
          `${cat}.levels[${v}].points`,
          'level-points-equal',
          `Two levels of criterion ${c + 1} give ${level.points} points.`,
          n,
        );
      points.add(level.points);
    });
  });
  const max = taskMaxPoints(task);
  if (task.criteria.length && (task.passPoints < 1 || task.passPoints > max))
    add(
      `${at}.passPoints`,
      'pass-points-out-of-range',
      `The pass threshold must be between 1 and ${max} points.`,
      { max },
    );
}

/**
 * Everything that stops a draft from being published, each with where it is. Empty means publishable.
 * `mediaExists` says whether an uploaded file is in the media store.
 */
export function publishProblems(
  content: CourseContent,
  mediaExists: (hash: string) => boolean,
): PublishProblem[] {
  const d = content.defaultLocale;
  const problems: PublishProblem[] = [];
  const add: Add = (field, code, message, params) =>
    problems.push({ field, code, message, ...(params ? { params } : {}) });
  const locale = { locale: d };

  if (!has(content.title, d))
    add(`title.${d}`, 'title-missing', `The course needs a title in its default language (${d}).`, locale);
  if (!content.locales.includes(d))
    add(
      'locales',
      'locales-without-default',
      'The offered languages must include the default language.',
      locale,
    );
  if (content.coverImageHash && !mediaExists(content.coverImageHash))
    add('coverImageHash', 'cover-missing', 'The cover image is not in the media store.');
  if (!content.modules.length) add('modules', 'no-module', 'The course has no module.');

  content.modules.forEach((module, i) => {
    const m = `modules[${i}]`;
    if (!has(module.title, d))
      add(`${m}.title.${d}`, 'module-title-missing', `Module ${i + 1} needs a title in ${d}.`, locale);
    if (!module.lessons.length) add(m, 'module-empty', `Module ${i + 1} has no lesson.`);
    module.lessons.forEach((lesson, j) => {
      const l = `${m}.lessons[${j}]`;
      if (!has(lesson.title, d))
        add(
          `${l}.title.${d}`,
          'lesson-title-missing',
          `Lesson ${j + 1} of module ${i + 1} needs a title in ${d}.`,
          locale,
        );
      if (lesson.kind === 'text' && !has(lesson.body, d))
        add(`${l}.body.${d}`, 'lesson-text-missing', `This text lesson has no text in ${d}.`, locale);
      if (lesson.kind === 'media') {
        const media = lesson.media;
        if (!media) add(`${l}.media`, 'lesson-media-missing', 'This media lesson has no media.');
        else if (media.type === 'video') {
          if (!media.url) add(`${l}.media.url`, 'video-url-missing', 'The video needs a link.');
          if (!has(media.transcript, d))
            add(
              `${l}.media.transcript.${d}`,
              'transcript-missing',
              `The video needs a text transcript in ${d}.`,
              locale,
            );
        } else if (!media.mediaHash || !mediaExists(media.mediaHash)) {
          add(`${l}.media.mediaHash`, 'file-not-uploaded', 'The file has not been uploaded.');
        }
      }
      if (lesson.kind === 'task') taskProblems(lesson.task, `${l}.task`, d, add);
      if (lesson.kind === 'quiz') {
        const quiz = lesson.quiz;
        if (!quiz || !quiz.questions.length) {
          add(`${l}.quiz`, 'quiz-empty', 'The quiz has no question.');
          return;
        }
        quiz.questions.forEach((question, k) => {
          const q = `${l}.quiz.questions[${k}]`;
          if (!has(question.prompt, d))
            add(
              `${q}.prompt.${d}`,
              'question-prompt-missing',
              `Question ${k + 1} needs a text in ${d}.`,
              locale,
            );
          if (question.type === 'short_answer') {
            if (!question.acceptedAnswers.some((a) => a.trim()))
              add(
                `${q}.acceptedAnswers`,
                'accepted-answer-missing',
                `Question ${k + 1} needs at least one accepted answer.`,
              );
            return;
          }
          const correct = question.options.filter((o) => o.correct).length;
          if (question.type === 'multiple' ? correct < 1 : correct !== 1) {
            if (question.type === 'multiple')
              add(q, 'correct-option-missing', `Question ${k + 1} needs at least one correct option.`);
            else add(q, 'one-correct-option', `Question ${k + 1} needs exactly one correct option.`);
          }
          if (question.options.length < 2)
            add(`${q}.options`, 'options-too-few', `Question ${k + 1} needs at least two options.`, {
              min: 2,
            });
          question.options.forEach((option, o) => {
            if (!has(option.text, d))
              add(
                `${q}.options[${o}].text.${d}`,
                'option-text-missing',
                `An option of question ${k + 1} has no text in ${d}.`,
                locale,
              );
          });
        });
      }
    });
  });
  return problems;
}
