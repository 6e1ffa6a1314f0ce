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

interface Words {
  course: string;
  lesson: string;
  title: string;
  module: string;
  date: string;
  thread: string;
  message: string;
  organisation: string;
}

type Texts = Record<PushLanguage, (p: Words) => PushText>;

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
  'task.waiting': {
    fr: ({ lesson }) => ({
      title: 'Travail à relire',
      body: `Une mise en pratique attend votre relecture : ${lesson}.`,
    }),
    ar: ({ lesson }) => ({
      title: 'عمل في انتظار المراجعة',
      body: `مهمة تطبيقية في انتظار مراجعتك: ${lesson}.`,
    }),
    en: ({ lesson }) => ({
      title: 'Work to review',
      body: `A practical task is waiting for your review: ${lesson}.`,
    }),
  },
  'question.answered': {
    fr: ({ thread }) => ({
      title: 'Nouvelle réponse',
      body: `Nouvelle réponse à votre discussion « ${thread} ».`,
    }),
    ar: ({ thread }) => ({ title: 'رد جديد', body: `رد جديد على نقاشك «${thread}».` }),
    en: ({ thread }) => ({ title: 'New reply', body: `New reply to your thread “${thread}”.` }),
  },
  'deadline.soon': {
    fr: ({ date, module, course }) => ({
      title: 'Échéance proche',
      body: `Échéance le ${date} : terminez le module ${module} du cours ${course}.`,
    }),
    ar: ({ date, module, course }) => ({
      title: 'موعد نهائي قريب',
      body: `الموعد النهائي ${date}: أكمِل الوحدة ${module} من دورة ${course}.`,
    }),
    en: ({ date, module, course }) => ({
      title: 'Deadline soon',
      body: `Deadline ${date}: finish the module ${module} of ${course}.`,
    }),
  },
  'module.overdue': {
    fr: ({ date, module, course }) => ({
      title: 'Module en retard',
      body: `Le module ${module} du cours ${course} était à terminer pour le ${date} : il ne l’est pas encore.`,
    }),
    ar: ({ date, module, course }) => ({
      title: 'وحدة متأخرة',
      body: `كان موعد إكمال الوحدة ${module} من دورة ${course} هو ${date}، ولم تكتمل بعد.`,
    }),
    en: ({ date, module, course }) => ({
      title: 'Module overdue',
      body: `The module ${module} of ${course} was due on ${date}: it is not finished yet.`,
    }),
  },
  'coach.nudged': {
    fr: ({ message }) => ({
      title: 'Message de votre formateur',
      body: `Votre formateur ou formatrice vous encourage à avancer dans votre cours. ${message}`.trim(),
    }),
    ar: ({ message }) => ({
      title: 'رسالة من المكوِّن',
      body: `يذكّرك المكوِّن بمواصلة دورتك. ${message}`.trim(),
    }),
    en: ({ message }) => ({
      title: 'From your trainer',
      body: `Your trainer reminds you to keep going with your course. ${message}`.trim(),
    }),
  },
  'fieldwork.commented': {
    fr: ({ organisation }) => ({
      title: 'Nouveau commentaire',
      body: `Un commentaire a été ajouté au carnet de terrain de « ${organisation} ».`,
    }),
    ar: ({ organisation }) => ({
      title: 'تعليق جديد',
      body: `أُضيف تعليق إلى السجل الميداني لـ«${organisation}».`,
    }),
    en: ({ organisation }) => ({
      title: 'New comment',
      body: `A comment was added to the field log of “${organisation}”.`,
    }),
  },
  'fieldwork.share-requested': {
    fr: ({ organisation }) => ({
      title: 'Demande de partage',
      body: `Un coach de votre territoire demande que vous partagiez « ${organisation} » avec lui.`,
    }),
    ar: ({ organisation }) => ({
      title: 'طلب مشاركة',
      body: `يطلب منك مدرّب من مجالك الترابي مشاركة «${organisation}» معه.`,
    }),
    en: ({ organisation }) => ({
      title: 'Share request',
      body: `A coach of your territory asks you to share “${organisation}” with them.`,
    }),
  },
  'fieldwork.shared': {
    fr: ({ organisation }) => ({
      title: 'Organisation partagée',
      body: `« ${organisation} » est maintenant partagée avec vous dans votre carnet de terrain.`,
    }),
    ar: ({ organisation }) => ({
      title: 'مؤسسة مشتركة',
      body: `أصبحت «${organisation}» مشتركة معك في سجلك الميداني.`,
    }),
    en: ({ organisation }) => ({
      title: 'Organisation shared',
      body: `“${organisation}” is now shared with you in your field log.`,
    }),
  },
  'announcement.posted': {
    fr: ({ title }) => ({ title: 'Nouvelle annonce', body: title }),
    ar: ({ title }) => ({ title: 'إعلان جديد', body: title }),
    en: ({ title }) => ({ title: 'New announcement', body: title }),
  },
  'account.inactive': {
    fr: ({ date }) => ({
      title: 'Compte inactif',
      body: `Votre compte est inactif depuis longtemps : sans connexion de votre part d’ici le ${date}, il sera anonymisé. Vous connecter suffit à le garder.`,
    }),
    ar: ({ date }) => ({
      title: 'حساب غير نشط',
      body: `حسابك غير نشط منذ مدة طويلة: إذا لم تسجّل الدخول قبل ${date}، ستُخفى هوية حسابك. يكفي أن تسجّل الدخول للاحتفاظ به.`,
    }),
    en: ({ date }) => ({
      title: 'Inactive account',
      body: `Your account has been inactive for a long time: unless you sign in by ${date}, it will be anonymised. Signing in is enough to keep it.`,
    }),
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
    module: inLanguage(n.params.moduleTitle, lang),
    date: n.params.dueOn ? dueDate(n.params.dueOn, lang) : '',
    // A thread's title and a trainer's message: one text, as its author wrote it.
    thread: n.params.threadTitle?.trim() ?? '',
    message: n.params.message?.trim() ?? '',
    organisation: n.params.organisationName?.trim() ?? '',
  });
  return text.body.trim() ? text : { ...text, body: GENERIC[lang].body };
}

const DATE_LOCALES: Record<PushLanguage, string> = { fr: 'fr-FR', ar: 'ar-MA', en: 'en-GB' };

/** A deadline (`YYYY-MM-DD`, a day in UTC) as the reader's language writes a date. */
function dueDate(day: string, lang: PushLanguage): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(DATE_LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** Where the push leads when opened: the subject's page, as the notifications page links it. */
export function pushUrl(n: PushSource): string {
  const id = encodeURIComponent;
  // A round waiting for review: the trainer's review queue of the cohort.
  if (n.kind === 'task.waiting')
    return n.params.cohortId ? `/cohorts/${id(n.params.cohortId)}/reviews` : '/notifications';
  switch (n.subject.type) {
    case 'enrolment':
      return `/learn/${id(n.subject.id)}`;
    case 'announcement':
      return n.params.cohortId ? `/cohorts/${id(n.params.cohortId)}/announcements` : '/notifications';
    case 'thread':
      return n.params.cohortId
        ? `/cohorts/${id(n.params.cohortId)}/threads/${id(n.subject.id)}`
        : '/notifications';
    case 'organisation':
      return `/field/organisations/${id(n.subject.id)}`;
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
