import type { NotificationParams, NotificationSubject } from '@tc/shared/contracts';

export const PUSH_LANGUAGES = ['fr', 'ar', 'en'] as const;
export type PushLanguage = (typeof PUSH_LANGUAGES)[number];

/** What a push shows, in one language. */
export interface PushText {
  title: string;
  body: string;
}

/** The notification's fields the text and its link are made of. */
export interface PushSource {
  kind: string;
  subject: NotificationSubject;
  params: NotificationParams;
}

type Texts = Record<PushLanguage, (p: { course: string; lesson: string; title: string }) => PushText>;

/**
 * The texts of each kind, in each language: the in-app sentence (apps/web/public/i18n,
 * `notifications.kinds.*`) as the body, a short title above it. A kind missing here (added to the
 * platform before its push text) reads as {@link GENERIC}.
 */
const KINDS: Record<string, Texts> = {
  'certificate.issued': {
    fr: ({ course }) => ({
      title: 'Certificat délivré',
      body: `Votre certificat du cours ${course} est délivré.`,
    }),
    ar: ({ course }) => ({ title: 'تم إصدار الشهادة', body: `تم إصدار شهادتك لدورة ${course}.` }),
    en: ({ course }) => ({
      title: 'Certificate issued',
      body: `Your certificate for the course ${course} has been issued.`,
    }),
  },
  'task.reviewed.pass': {
    fr: ({ lesson }) => ({ title: 'Travail validé', body: `Votre travail « ${lesson} » est validé.` }),
    ar: ({ lesson }) => ({ title: 'تمّ قبول العمل', body: `تمّ قبول عملك «${lesson}».` }),
    en: ({ lesson }) => ({ title: 'Work passed', body: `Your work “${lesson}” has passed.` }),
  },
  'task.reviewed.revise': {
    fr: ({ lesson }) => ({
      title: 'Travail à reprendre',
      body: `Votre travail « ${lesson} » est à reprendre : lisez le retour du formateur.`,
    }),
    ar: ({ lesson }) => ({
      title: 'عمل بحاجة إلى مراجعة',
      body: `عملك «${lesson}» بحاجة إلى مراجعة: اطّلع على ملاحظات المكوِّن.`,
    }),
    en: ({ lesson }) => ({
      title: 'Work to revise',
      body: `Your work “${lesson}” needs another round: read the trainer’s feedback.`,
    }),
  },
  'announcement.posted': {
    fr: ({ title }) => ({ title: 'Nouvelle annonce', body: title }),
    ar: ({ title }) => ({ title: 'إعلان جديد', body: title }),
    en: ({ title }) => ({ title: 'New announcement', body: title }),
  },
};

const GENERIC: Record<PushLanguage, PushText> = {
  fr: { title: 'Coaching territorial', body: 'Vous avez une nouvelle notification.' },
  ar: { title: 'Coaching territorial', body: 'لديك إشعار جديد.' },
  en: { title: 'Coaching territorial', body: 'You have a new notification.' },
};

export function pushLanguage(preferred: string | null | undefined): PushLanguage {
  return (PUSH_LANGUAGES as readonly string[]).includes(preferred ?? '') ? (preferred as PushLanguage) : 'fr';
}

/** A title in the reader's language, else in any language it has. */
function inLanguage(titles: Record<string, string> | undefined, lang: PushLanguage): string {
  const all = titles ?? {};
  return (
    all[lang]?.trim() ||
    Object.values(all)
      .find((t) => t.trim())
      ?.trim() ||
    ''
  );
}

export function pushText(n: PushSource, lang: PushLanguage): PushText {
  const key =
    n.kind === 'task.reviewed' ? `task.reviewed.${n.params.decision === 'pass' ? 'pass' : 'revise'}` : n.kind;
  const texts = KINDS[key];
  if (!texts) return GENERIC[lang];
  const text = texts[lang]({
    course: inLanguage(n.params.courseTitle, lang),
    lesson: inLanguage(n.params.lessonTitle, lang),
    title: inLanguage(n.params.announcementTitle, lang),
  });
  return text.body.trim() ? text : { ...text, body: GENERIC[lang].body };
}

/** Where the push leads when opened: the subject's page, as the notifications page links it. */
export function pushUrl(n: PushSource): string {
  const id = encodeURIComponent;
  switch (n.subject.type) {
    case 'enrolment':
      return `/learn/${id(n.subject.id)}`;
    case 'announcement':
      return n.params.cohortId ? `/cohorts/${id(n.params.cohortId)}/announcements` : '/notifications';
    case 'submission':
      return n.params.enrolmentId && n.params.lessonKey
        ? `/learn/${id(n.params.enrolmentId)}/lessons/${id(n.params.lessonKey)}`
        : '/notifications';
    default:
      return '/notifications';
  }
}

/**
 * The message in the shape Angular's service worker shows (`{ notification: … }`): its title and
 * options, and what a click does (`navigateLastFocusedOrOpen` the subject's page).
 */
export function pushPayload(n: PushSource, lang: PushLanguage): string {
  const { title, body } = pushText(n, lang);
  return JSON.stringify({
    notification: {
      title,
      body,
      icon: '/icons/icon-192.png',
      lang,
      dir: lang === 'ar' ? 'rtl' : 'ltr',
      data: { onActionClick: { default: { operation: 'navigateLastFocusedOrOpen', url: pushUrl(n) } } },
    },
  });
}
