import type { AchievementStatement, IssueCredentialRequest } from '@tc/credentials/api';
import type { CourseContent, Locale, PracticalTask } from '@tc/shared/contracts';

/** Where DigComp 2.2 is published (JRC128415): the alignments' target, the competence by its code. */
export const DIGCOMP_URL = 'https://publications.jrc.ec.europa.eu/repository/handle/JRC128415';

type Words = {
  criteria: (title: string, version: number, lessons: number, quizzes: number) => string;
  tasks: string;
  description: (title: string) => string;
  subtitle: (version: number) => string;
};

/** The achievement's words in each language (the credential is worded in the course's own language). */
const WORDS: Record<Locale, Words> = {
  fr: {
    criteria: (title, version, lessons, quizzes) =>
      `Suivre les ${lessons} leçons de la version ${version} du parcours « ${title} »` +
      (quizzes ? ` et réussir ses ${quizzes} quiz.` : '.'),
    tasks: 'Tâches de terrain réussies, validées par un formateur :',
    description: (title) => `Certificat de réussite du parcours « ${title} ».`,
    subtitle: (version) => `Version ${version}`,
  },
  ar: {
    criteria: (title, version, lessons, quizzes) =>
      `إتمام دروس الإصدار ${version} من المسار «${title}» (عددها ${lessons})` +
      (quizzes ? ` والنجاح في اختباراته القصيرة (عددها ${quizzes}).` : '.'),
    tasks: 'المهام الميدانية المنجزة بنجاح، بمصادقة مكوِّن:',
    description: (title) => `شهادة إتمام المسار «${title}».`,
    subtitle: (version) => `الإصدار ${version}`,
  },
  en: {
    criteria: (title, version, lessons, quizzes) =>
      `Complete the ${lessons} lessons of version ${version} of the course “${title}”` +
      (quizzes ? ` and pass its ${quizzes} quizzes.` : '.'),
    tasks: 'Field tasks passed, as judged by a trainer:',
    description: (title) => `Certificate of completion of the course “${title}”.`,
    subtitle: (version) => `Version ${version}`,
  },
};

export function badgeSubtitle(language: Locale, version: number): string {
  return WORDS[language].subtitle(version);
}

export interface CertificateFacts {
  code: string;
  holderName: string;
  courseId: string;
  courseVersion: number;
  issuedAt: Date;
  content: CourseContent;
  /** Keys of the lessons the holder has done (a task lesson: passed by a trainer). */
  doneLessons: Set<string>;
  /** DigComp 2.2 competence titles by code, per language. */
  competenceTitles: Map<string, Record<Locale, string>>;
}

/**
 * What a certificate's credential states: the course (title and version) in its own language, what had
 * to be done (every lesson, the quizzes, and the field tasks the holder passed), and the DigComp 2.2
 * competences the course and its lessons cover.
 */
export function certificateCredentialRequest(facts: CertificateFacts): IssueCredentialRequest {
  const content = facts.content;
  const language = content.defaultLocale;
  const words = WORDS[language];
  const title = content.title[language] ?? Object.values(content.title).find(Boolean) ?? '';
  const lessons = content.modules.flatMap((m) => m.lessons);
  const quizzes = lessons.filter((l) => l.kind === 'quiz').length;
  const passedTasks = lessons.filter(
    (l) => l.kind === 'task' && (l as { task?: PracticalTask | null }).task && facts.doneLessons.has(l.key),
  );
  const criteria = [words.criteria(title, facts.courseVersion, lessons.length, quizzes)];
  if (passedTasks.length) {
    criteria.push(
      '',
      words.tasks,
      ...passedTasks.map((l) => `- ${l.title[language] ?? Object.values(l.title).find(Boolean) ?? l.key}`),
    );
  }
  const codes = [...new Set([...content.competences, ...lessons.flatMap((l) => l.competences)])].sort(
    (a, b) => a.localeCompare(b, 'en', { numeric: true }),
  );
  const achievement: AchievementStatement = {
    id: `urn:tc:course:${facts.courseId}:v${facts.courseVersion}`,
    name: title,
    description: content.summary[language] || words.description(title),
    criteria: criteria.join('\n'),
    version: String(facts.courseVersion),
    language,
    alignments: codes
      .filter((code) => facts.competenceTitles.has(code))
      .map((code) => ({
        code,
        name: facts.competenceTitles.get(code)?.[language] ?? code,
        url: `${DIGCOMP_URL}#${code}`,
        framework: 'DigComp 2.2',
      })),
  };
  return {
    reference: `certificate:${facts.code}`,
    recipientName: facts.holderName,
    achievement,
    awardedAt: facts.issuedAt,
  };
}
