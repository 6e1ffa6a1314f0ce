import type { CourseContent, LessonContent, LocalizedText } from './catalog';
import type { Locale } from './locale';

/** Which text of a course, module or lesson a language lacks. */
export type TextPart =
  | 'title'
  | 'summary'
  | 'body'
  | 'caption'
  | 'transcript'
  | 'prompt'
  | 'option'
  | 'feedback'
  | 'explanation'
  | 'instructions'
  | 'criterion'
  | 'level'
  | 'descriptor';

export interface MissingText {
  part: TextPart;
  /** The text's path inside its course, module or lesson: `quiz.questions[0].options[1].feedback`. */
  field: string;
  /** Quiz texts: the question's and option's places (0-based). */
  question?: number;
  option?: number;
  /** Task texts: the rubric criterion's and level's places (0-based). */
  criterion?: number;
  level?: number;
}

/** The texts of one place (the course's own, a module's own, or a lesson) in one language. */
export interface PlaceCompleteness {
  /** null: the course's own texts (title, summary). */
  moduleIndex: number | null;
  /** null: the course's or the module's own texts. */
  lessonIndex: number | null;
  /** Texts the default language has here. */
  total: number;
  /** Of those, how many this language has too. */
  done: number;
  missing: MissingText[];
}

/** How much of a course an offered language has, counted against its default language. */
export interface LocaleCompleteness {
  locale: Locale;
  total: number;
  done: number;
  /** Every place with at least one text in the default language, in the outline's order. */
  places: PlaceCompleteness[];
}

/** What completeness is counted on: a course's content or its draft (which adds ids). */
export type CompletenessSource = Pick<CourseContent, 'defaultLocale' | 'locales' | 'title' | 'summary'> & {
  modules: readonly { title: LocalizedText; lessons: readonly LessonContent[] }[];
};

const has = (text: LocalizedText | null | undefined, locale: Locale) => !!text?.[locale]?.trim();

/** The texts of a lesson, each with where it is, as a coach reads them (quiz and task texts included). */
function lessonTexts(lesson: LessonContent): { text: LocalizedText | undefined; missing: MissingText }[] {
  const out: { text: LocalizedText | undefined; missing: MissingText }[] = [
    { text: lesson.title, missing: { part: 'title', field: 'title' } },
    { text: lesson.body, missing: { part: 'body', field: 'body' } },
  ];
  if (lesson.kind === 'media' && lesson.media) {
    out.push({ text: lesson.media.caption, missing: { part: 'caption', field: 'media.caption' } });
    out.push({ text: lesson.media.transcript, missing: { part: 'transcript', field: 'media.transcript' } });
  }
  if (lesson.kind === 'quiz' && lesson.quiz) {
    lesson.quiz.questions.forEach((q, question) => {
      const at = `quiz.questions[${question}]`;
      out.push({ text: q.prompt, missing: { part: 'prompt', field: `${at}.prompt`, question } });
      if (q.type !== 'short_answer') {
        q.options.forEach((o, option) => {
          const oat = `${at}.options[${option}]`;
          out.push({ text: o.text, missing: { part: 'option', field: `${oat}.text`, question, option } });
          out.push({
            text: o.feedback,
            missing: { part: 'feedback', field: `${oat}.feedback`, question, option },
          });
        });
      }
      out.push({
        text: q.explanation,
        missing: { part: 'explanation', field: `${at}.explanation`, question },
      });
    });
  }
  if (lesson.kind === 'task' && lesson.task) {
    out.push({
      text: lesson.task.instructions,
      missing: { part: 'instructions', field: 'task.instructions' },
    });
    lesson.task.criteria.forEach((c, criterion) => {
      const at = `task.criteria[${criterion}]`;
      out.push({ text: c.title, missing: { part: 'criterion', field: `${at}.title`, criterion } });
      c.levels.forEach((l, level) => {
        const lat = `${at}.levels[${level}]`;
        out.push({ text: l.title, missing: { part: 'level', field: `${lat}.title`, criterion, level } });
        out.push({
          text: l.descriptor,
          missing: { part: 'descriptor', field: `${lat}.descriptor`, criterion, level },
        });
      });
    });
  }
  return out;
}

function place(
  texts: { text: LocalizedText | undefined; missing: MissingText }[],
  locale: Locale,
  defaultLocale: Locale,
  moduleIndex: number | null,
  lessonIndex: number | null,
): PlaceCompleteness {
  const counted = texts.filter((t) => has(t.text, defaultLocale));
  const missing = counted.filter((t) => !has(t.text, locale)).map((t) => t.missing);
  return { moduleIndex, lessonIndex, total: counted.length, done: counted.length - missing.length, missing };
}

/**
 * How complete each offered language other than the default is: every text the default language has
 * (titles, summary, lesson texts and introductions, media captions and transcripts, each quiz question,
 * option, feedback and explanation, each task's instructions and rubric texts), and whether this language has it too. A text missing in a language
 * falls back to the default language for coaches who read it.
 */
export function localeCompleteness(content: CompletenessSource): LocaleCompleteness[] {
  const d = content.defaultLocale;
  return content.locales
    .filter((l) => l !== d)
    .map((locale) => {
      const places: PlaceCompleteness[] = [
        place(
          [
            { text: content.title, missing: { part: 'title', field: 'title' } },
            { text: content.summary, missing: { part: 'summary', field: 'summary' } },
          ],
          locale,
          d,
          null,
          null,
        ),
      ];
      content.modules.forEach((m, mi) => {
        places.push(
          place([{ text: m.title, missing: { part: 'title', field: 'title' } }], locale, d, mi, null),
        );
        m.lessons.forEach((l, li) => places.push(place(lessonTexts(l), locale, d, mi, li)));
      });
      const shown = places.filter((p) => p.total > 0);
      return {
        locale,
        total: shown.reduce((n, p) => n + p.total, 0),
        done: shown.reduce((n, p) => n + p.done, 0),
        places: shown,
      };
    });
}

/** The offered languages in which some text is missing (their coaches would read it in the default). */
export function incompleteLocales(content: CompletenessSource): Locale[] {
  return localeCompleteness(content)
    .filter((c) => c.done < c.total)
    .map((c) => c.locale);
}
