import type {
  CoachCourse,
  CoachLesson,
  CoachQuiz,
  CoachTask,
  CourseContent,
  LessonContent,
  Locale,
  LocalizedText,
  PracticalTask,
  Quiz,
} from '@tc/shared/contracts';
import { renderMarkdown } from './markdown';
import { type ImageLookup, mediaUrl, responsiveImage } from './responsive-image';

export { mediaUrl } from './responsive-image';

/** The text in `locale`, else in the course default (and whether it fell back). */
function pick(
  text: LocalizedText | undefined,
  locale: Locale,
  fallbackLocale: Locale,
): { value: string; fallback: boolean; locale: Locale } {
  const wanted = text?.[locale]?.trim();
  if (wanted) return { value: wanted, fallback: false, locale };
  return {
    value: text?.[fallbackLocale]?.trim() ?? '',
    fallback: locale !== fallbackLocale,
    locale: fallbackLocale,
  };
}

/** A quiz as a coach receives it: no correct flags, no feedback, no accepted answers, no explanations. */
export function coachQuiz(
  quiz: Quiz,
  locale: Locale,
  fallbackLocale: Locale,
): { quiz: CoachQuiz; fallback: boolean } {
  let fallback = false;
  const text = (t: LocalizedText | undefined) => {
    const p = pick(t, locale, fallbackLocale);
    fallback ||= p.fallback;
    return p;
  };
  return {
    quiz: {
      passMark: quiz.passMark,
      maxAttempts: quiz.maxAttempts,
      allowImprove: quiz.allowImprove === true,
      questions: quiz.questions.map((q) => {
        const prompt = text(q.prompt);
        return {
          key: q.key,
          type: q.type,
          prompt: prompt.value,
          locale: prompt.locale,
          points: q.points,
          options:
            q.type === 'short_answer'
              ? []
              : q.options.map((o) => {
                  const t = text(o.text);
                  return { key: o.key, text: t.value, locale: t.locale };
                }),
        };
      }),
    },
    fallback,
  };
}

/** The sum of each criterion's highest level: the most a task can score. */
export function taskMaxPoints(task: Pick<PracticalTask, 'criteria'>): number {
  return task.criteria.reduce((sum, c) => sum + Math.max(0, ...c.levels.map((l) => l.points)), 0);
}

/** A task as a coach reads it: instructions rendered and sanitised, the rubric in one locale. */
export function coachTask(
  task: PracticalTask,
  locale: Locale,
  fallbackLocale: Locale,
  images?: ImageLookup,
): { task: CoachTask; fallback: boolean } {
  let fallback = false;
  const text = (t: LocalizedText | undefined) => {
    const p = pick(t, locale, fallbackLocale);
    fallback ||= p.value !== '' && p.fallback;
    return p;
  };
  const instructions = text(task.instructions);
  return {
    task: {
      instructionsHtml: renderMarkdown(instructions.value, images),
      locale: instructions.locale,
      evidence: task.evidence.map((e) => ({ ...e })),
      criteria: task.criteria.map((c) => ({
        key: c.key,
        title: text(c.title).value,
        competence: c.competence,
        levels: c.levels.map((l) => ({
          key: l.key,
          title: text(l.title).value,
          descriptor: text(l.descriptor).value,
          points: l.points,
        })),
      })),
      passPoints: task.passPoints,
      maxPoints: taskMaxPoints(task),
      required: task.required,
    },
    fallback,
  };
}

/** `images`: what the media store knows of the course's images (their resized variants and sizes). */
export function coachLesson(
  lesson: LessonContent,
  locale: Locale,
  fallbackLocale: Locale,
  images?: ImageLookup,
): CoachLesson {
  const title = pick(lesson.title, locale, fallbackLocale);
  const body = pick(lesson.body, locale, fallbackLocale);
  let fallback = title.fallback || (body.value !== '' && body.fallback);
  let quiz: CoachQuiz | null = null;
  if (lesson.kind === 'quiz' && lesson.quiz) {
    const q = coachQuiz(lesson.quiz, locale, fallbackLocale);
    quiz = q.quiz;
    fallback ||= q.fallback;
  }
  let task: CoachTask | null = null;
  if (lesson.kind === 'task' && lesson.task) {
    const t = coachTask(lesson.task, locale, fallbackLocale, images);
    task = t.task;
    fallback ||= t.fallback;
  }
  let media: CoachLesson['media'] = null;
  let mediaLocale = locale;
  if (lesson.kind === 'media' && lesson.media) {
    const caption = pick(lesson.media.caption, locale, fallbackLocale);
    const transcript = pick(lesson.media.transcript, locale, fallbackLocale);
    fallback ||=
      (caption.value !== '' && caption.fallback) || (transcript.value !== '' && transcript.fallback);
    mediaLocale = (caption.value !== '' ? caption : transcript).locale;
    const url =
      lesson.media.type === 'video'
        ? (lesson.media.url ?? '')
        : lesson.media.mediaHash
          ? mediaUrl(lesson.media.mediaHash)
          : '';
    const hash = lesson.media.type === 'image' ? lesson.media.mediaHash : null;
    const info = hash ? images?.(hash) : undefined;
    media = {
      type: lesson.media.type,
      url,
      caption: caption.value,
      transcriptHtml: renderMarkdown(transcript.value, images),
      image: hash && info ? responsiveImage(hash, info) : null,
    };
  }
  return {
    key: lesson.key,
    kind: lesson.kind,
    title: title.value,
    locale: fallback ? fallbackLocale : locale,
    fallback,
    textLocales: { title: title.locale, body: body.locale, media: mediaLocale },
    html: renderMarkdown(body.value, images),
    media,
    quiz,
    task,
    estimatedMinutes: lesson.estimatedMinutes,
    competences: lesson.competences,
  };
}

/**
 * Exactly what a coach sees of a course in a locale: markdown rendered and sanitised, answers removed.
 * A locale the course does not offer is served in the default locale.
 */
export function coachCourse(
  content: CourseContent,
  requested: Locale,
  meta: { courseId: string; version: number | null },
  images?: ImageLookup,
): CoachCourse {
  const fallbackLocale = content.defaultLocale;
  const locale = content.locales.includes(requested) ? requested : fallbackLocale;
  return {
    courseId: meta.courseId,
    version: meta.version,
    slug: content.slug,
    locale,
    title: pick(content.title, locale, fallbackLocale).value,
    summary: pick(content.summary, locale, fallbackLocale).value,
    coverImageUrl: content.coverImageHash ? mediaUrl(content.coverImageHash) : null,
    competences: content.competences,
    modules: content.modules.map((m) => ({
      key: m.key,
      title: pick(m.title, locale, fallbackLocale).value,
      lessons: m.lessons.map((l) => coachLesson(l, locale, fallbackLocale, images)),
    })),
  };
}
