import type { LessonContent } from './catalog';
import { type CompletenessSource, incompleteLocales, localeCompleteness } from './locale-completeness';

const lesson = (over: Partial<LessonContent>): LessonContent => ({
  key: 'l',
  kind: 'text',
  title: { fr: 'Titre' },
  competences: [],
  estimatedMinutes: null,
  body: {},
  media: null,
  quiz: null,
  ...over,
});

/** A course offered in French (default), Arabic and English, Arabic half done, English complete. */
const course: CompletenessSource = {
  defaultLocale: 'fr',
  locales: ['fr', 'ar', 'en'],
  title: { fr: 'Cours', ar: 'دورة', en: 'Course' },
  summary: {},
  modules: [
    {
      title: { fr: 'Module', ar: 'وحدة', en: 'Module' },
      lessons: [
        lesson({ title: { fr: 'Texte', ar: 'نص', en: 'Text' }, body: { fr: 'Bonjour', en: 'Hello' } }),
        lesson({
          kind: 'media',
          title: { fr: 'Photo', ar: 'صورة', en: 'Photo' },
          media: {
            type: 'image',
            mediaHash: null,
            url: null,
            caption: { fr: 'Légende', en: 'Caption' },
            transcript: {},
          },
        }),
        lesson({
          kind: 'quiz',
          title: { fr: 'Quiz', ar: 'اختبار', en: 'Quiz' },
          quiz: {
            passMark: 50,
            maxAttempts: null,
            revealAnswers: 'after_pass_or_last_attempt',
            questions: [
              {
                key: 'q1',
                type: 'single',
                prompt: { fr: 'Qui ?', ar: 'من؟', en: 'Who?' },
                points: 1,
                options: [
                  {
                    key: 'a',
                    text: { fr: 'A', ar: 'أ', en: 'A' },
                    correct: true,
                    feedback: { fr: 'Oui', en: 'Yes' },
                  },
                  { key: 'b', text: { fr: 'B', en: 'B' }, correct: false },
                ],
                acceptedAnswers: [],
                explanation: { fr: 'Parce que', en: 'Because' },
              },
              {
                key: 'q2',
                type: 'short_answer',
                prompt: { fr: 'Quoi ?', ar: 'ماذا؟', en: 'What?' },
                points: 1,
                options: [],
                acceptedAnswers: ['x'],
              },
            ],
          },
        }),
      ],
    },
  ],
};

describe('how complete the offered languages are', () => {
  it('counts, for each language but the default, the texts the default has and which it lacks', () => {
    const [ar, en] = localeCompleteness(course);
    expect(en).toMatchObject({ locale: 'en', total: 13, done: 13 });
    expect(ar).toMatchObject({ locale: 'ar', total: 13, done: 8 });
    expect(ar?.places.map((p) => [p.moduleIndex, p.lessonIndex, p.done, p.total])).toEqual([
      [null, null, 1, 1],
      [0, null, 1, 1],
      [0, 0, 1, 2],
      [0, 1, 1, 2],
      [0, 2, 4, 7],
    ]);
  });

  it('names each missing quiz text by question and option: option, feedback, explanation', () => {
    const quiz = localeCompleteness(course)[0]?.places.at(-1);
    expect(quiz?.missing).toEqual([
      { part: 'feedback', field: 'quiz.questions[0].options[0].feedback', question: 0, option: 0 },
      { part: 'option', field: 'quiz.questions[0].options[1].text', question: 0, option: 1 },
      { part: 'explanation', field: 'quiz.questions[0].explanation', question: 0 },
    ]);
    expect(localeCompleteness(course)[0]?.places[2]?.missing).toEqual([{ part: 'body', field: 'body' }]);
    expect(localeCompleteness(course)[0]?.places[3]?.missing).toEqual([
      { part: 'caption', field: 'media.caption' },
    ]);
  });

  it('lists the incomplete languages; a text only in another language, or blank, is not counted', () => {
    expect(incompleteLocales(course)).toEqual(['ar']);
    const blank = { ...course, summary: { fr: '  ', ar: 'ملخص' } };
    expect(localeCompleteness(blank)[0]).toMatchObject({ total: 13, done: 8 });
  });

  it('a course offered only in its default language has nothing to count', () => {
    expect(localeCompleteness({ ...course, locales: ['fr'] })).toEqual([]);
    expect(incompleteLocales({ ...course, locales: ['fr'] })).toEqual([]);
  });
});

describe('a task’s texts count like any other', () => {
  const level = (key: string, points: number, fr: string, ar?: string) => ({
    key,
    title: { fr, ...(ar ? { ar } : {}) },
    descriptor: { fr: `${fr}…` },
    points,
  });
  const withTask: CompletenessSource = {
    defaultLocale: 'fr',
    locales: ['fr', 'ar'],
    title: { fr: 'Cours', ar: 'دورة' },
    summary: {},
    modules: [
      {
        title: { fr: 'Module', ar: 'وحدة' },
        lessons: [
          lesson({
            kind: 'task',
            title: { fr: 'Tâche', ar: 'مهمة' },
            task: {
              instructions: { fr: 'Photographiez', ar: 'صوّروا' },
              evidence: [{ kind: 'photo', min: 1, max: 3 }],
              criteria: [
                {
                  key: 'c1',
                  title: { fr: 'Photos', ar: 'الصور' },
                  competence: null,
                  levels: [level('a', 0, 'Absent', 'غائب'), level('b', 1, 'Présent')],
                },
              ],
              passPoints: 1,
              required: true,
            },
          }),
        ],
      },
    ],
  };

  it('instructions, criterion and level titles, descriptors: each missing one named with its place', () => {
    const [ar] = localeCompleteness(withTask);
    const place = ar?.places.find((p) => p.lessonIndex === 0);
    // Title, instructions, the criterion, two level titles and two descriptors; Arabic has four.
    expect([place?.done, place?.total]).toEqual([4, 7]);
    expect(place?.missing).toEqual([
      { part: 'descriptor', field: 'task.criteria[0].levels[0].descriptor', criterion: 0, level: 0 },
      { part: 'level', field: 'task.criteria[0].levels[1].title', criterion: 0, level: 1 },
      { part: 'descriptor', field: 'task.criteria[0].levels[1].descriptor', criterion: 0, level: 1 },
    ]);
    expect(incompleteLocales(withTask)).toEqual(['ar']);
  });
});
