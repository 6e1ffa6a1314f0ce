import type { CourseContent, PublishProblem } from '@tc/shared/contracts';

const has = (text: Record<string, string | undefined> | undefined, locale: string) =>
  !!text?.[locale]?.trim();

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
  const add = (field: string, message: string) => problems.push({ field, message });

  if (!has(content.title, d)) add(`title.${d}`, `The course needs a title in its default language (${d}).`);
  if (!content.locales.includes(d))
    add('locales', 'The offered languages must include the default language.');
  if (content.coverImageHash && !mediaExists(content.coverImageHash))
    add('coverImageHash', 'The cover image is not in the media store.');
  if (!content.modules.length) add('modules', 'The course has no module.');

  content.modules.forEach((module, i) => {
    const m = `modules[${i}]`;
    if (!has(module.title, d)) add(`${m}.title.${d}`, `Module ${i + 1} needs a title in ${d}.`);
    if (!module.lessons.length) add(m, `Module ${i + 1} has no lesson.`);
    module.lessons.forEach((lesson, j) => {
      const l = `${m}.lessons[${j}]`;
      if (!has(lesson.title, d))
        add(`${l}.title.${d}`, `Lesson ${j + 1} of module ${i + 1} needs a title in ${d}.`);
      if (lesson.kind === 'text' && !has(lesson.body, d))
        add(`${l}.body.${d}`, `This text lesson has no text in ${d}.`);
      if (lesson.kind === 'media') {
        const media = lesson.media;
        if (!media) add(`${l}.media`, 'This media lesson has no media.');
        else if (media.type === 'video') {
          if (!media.url) add(`${l}.media.url`, 'The video needs a link.');
          if (!has(media.transcript, d))
            add(`${l}.media.transcript.${d}`, `The video needs a text transcript in ${d}.`);
        } else if (!media.mediaHash || !mediaExists(media.mediaHash)) {
          add(`${l}.media.mediaHash`, 'The file has not been uploaded.');
        }
      }
      if (lesson.kind === 'quiz') {
        const quiz = lesson.quiz;
        if (!quiz || !quiz.questions.length) {
          add(`${l}.quiz`, 'The quiz has no question.');
          return;
        }
        quiz.questions.forEach((question, k) => {
          const q = `${l}.quiz.questions[${k}]`;
          if (!has(question.prompt, d)) add(`${q}.prompt.${d}`, `Question ${k + 1} needs a text in ${d}.`);
          if (question.type === 'short_answer') {
            if (!question.acceptedAnswers.some((a) => a.trim()))
              add(`${q}.acceptedAnswers`, `Question ${k + 1} needs at least one accepted answer.`);
            return;
          }
          const correct = question.options.filter((o) => o.correct).length;
          if (question.type === 'multiple' ? correct < 1 : correct !== 1) {
            add(
              q,
              `Question ${k + 1} needs ${question.type === 'multiple' ? 'at least one correct option' : 'exactly one correct option'}.`,
            );
          }
          if (question.options.length < 2)
            add(`${q}.options`, `Question ${k + 1} needs at least two options.`);
          question.options.forEach((option, o) => {
            if (!has(option.text, d))
              add(`${q}.options[${o}].text.${d}`, `An option of question ${k + 1} has no text in ${d}.`);
          });
        });
      }
    });
  });
  return problems;
}
