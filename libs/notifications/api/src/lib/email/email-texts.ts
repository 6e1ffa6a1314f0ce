import type { Locale, NotificationParams, NotificationSubject } from '@tc/shared/contracts';

/** What the e-mail says about one notification, in one language: a subject line and one sentence. */
interface KindText {
  subject: (p: Names) => string;
  line: (p: Names) => string;
}

/** The parameters a text names, already in the reader's language (empty when the notification has none). */
export interface Names {
  course: string;
  lesson: string;
  title: string;
  thread: string;
  module: string;
  date: string;
  message: string;
  decision: string;
  organisation: string;
}

/**
 * Texts by kind (`<kind>` or `<kind>:<variant>`) and language. A kind missing here (one added since)
 * reads as {@link GENERIC}: the e-mail still goes out and links to the notifications page.
 */
const TEXTS: Partial<Record<string, Record<Locale, KindText>>> = {
  'certificate.issued': {
    fr: {
      subject: (p) => `Votre certificat du cours ${p.course} est délivré`,
      line: (p) => `Votre certificat du cours « ${p.course} » est délivré.`,
    },
    ar: {
      subject: (p) => `تم إصدار شهادتك لدورة ${p.course}`,
      line: (p) => `تم إصدار شهادتك لدورة «${p.course}».`,
    },
    en: {
      subject: (p) => `Your certificate for ${p.course} has been issued`,
      line: (p) => `Your certificate for the course “${p.course}” has been issued.`,
    },
  },
  'task.reviewed:pass': {
    fr: {
      subject: (p) => `Votre travail « ${p.lesson} » est validé`,
      line: (p) => `Votre travail « ${p.lesson} » est validé.`,
    },
    ar: {
      subject: (p) => `تمّ قبول عملك «${p.lesson}»`,
      line: (p) => `تمّ قبول عملك «${p.lesson}».`,
    },
    en: {
      subject: (p) => `Your work “${p.lesson}” has passed`,
      line: (p) => `Your work “${p.lesson}” has passed.`,
    },
  },
  'task.reviewed:revise': {
    fr: {
      subject: (p) => `Votre travail « ${p.lesson} » est à reprendre`,
      line: (p) => `Votre travail « ${p.lesson} » est à reprendre : lisez le retour du formateur.`,
    },
    ar: {
      subject: (p) => `عملك «${p.lesson}» بحاجة إلى مراجعة`,
      line: (p) => `عملك «${p.lesson}» بحاجة إلى مراجعة: اطّلع على ملاحظات المكوِّن.`,
    },
    en: {
      subject: (p) => `Your work “${p.lesson}” needs another round`,
      line: (p) => `Your work “${p.lesson}” needs another round: read the trainer’s feedback.`,
    },
  },
  'announcement.posted': {
    fr: {
      subject: (p) => `Nouvelle annonce : ${p.title}`,
      line: (p) => `Nouvelle annonce dans votre cohorte : « ${p.title} ».`,
    },
    ar: {
      subject: (p) => `إعلان جديد: ${p.title}`,
      line: (p) => `إعلان جديد في فوجك: «${p.title}».`,
    },
    en: {
      subject: (p) => `New announcement: ${p.title}`,
      line: (p) => `New announcement in your cohort: “${p.title}”.`,
    },
  },
  'question.answered': {
    fr: {
      subject: (p) => `Nouvelle réponse à votre discussion « ${p.thread} »`,
      line: (p) => `Quelqu'un a répondu à votre discussion « ${p.thread} ».`,
    },
    ar: {
      subject: (p) => `ردّ جديد على نقاشك «${p.thread}»`,
      line: (p) => `ردّ أحدهم على نقاشك «${p.thread}».`,
    },
    en: {
      subject: (p) => `New reply to your discussion “${p.thread}”`,
      line: (p) => `Someone replied to your discussion “${p.thread}”.`,
    },
  },
  'task.waiting': {
    fr: {
      subject: (p) => `Un travail attend votre évaluation : ${p.lesson}`,
      line: (p) => `Un travail pratique attend votre évaluation : « ${p.lesson} ».`,
    },
    ar: {
      subject: (p) => `عمل في انتظار تقييمك: ${p.lesson}`,
      line: (p) => `عمل تطبيقي في انتظار تقييمك: «${p.lesson}».`,
    },
    en: {
      subject: (p) => `Work waiting for your review: ${p.lesson}`,
      line: (p) => `A practical task is waiting for your review: “${p.lesson}”.`,
    },
  },
  'deadline.soon': {
    fr: {
      subject: (p) => `Échéance le ${p.date} : ${p.module}`,
      line: (p) => `Échéance le ${p.date} : terminez le module « ${p.module} » du cours « ${p.course} ».`,
    },
    ar: {
      subject: (p) => `الموعد النهائي ${p.date}: ${p.module}`,
      line: (p) => `الموعد النهائي ${p.date}: أكمل الوحدة «${p.module}» من دورة «${p.course}».`,
    },
    en: {
      subject: (p) => `Deadline ${p.date}: ${p.module}`,
      line: (p) => `Deadline ${p.date}: finish the module “${p.module}” of “${p.course}”.`,
    },
  },
  'module.overdue': {
    fr: {
      subject: (p) => `Module en retard : ${p.module}`,
      line: (p) =>
        `Le module « ${p.module} » du cours « ${p.course} » était à terminer le ${p.date} : il ne l'est pas encore.`,
    },
    ar: {
      subject: (p) => `وحدة متأخرة: ${p.module}`,
      line: (p) => `كان يجب إكمال الوحدة «${p.module}» من دورة «${p.course}» في ${p.date}: لم تكتمل بعد.`,
    },
    en: {
      subject: (p) => `Module overdue: ${p.module}`,
      line: (p) => `The module “${p.module}” of “${p.course}” was due on ${p.date}: it is not finished yet.`,
    },
  },
  'coach.nudged': {
    fr: {
      subject: () => 'Votre formateur vous encourage à poursuivre votre cours',
      line: (p) =>
        `Votre formateur vous rappelle de poursuivre votre cours.${p.message ? ` « ${p.message} »` : ''}`,
    },
    ar: {
      subject: () => 'مكوِّنك يشجعك على مواصلة دورتك',
      line: (p) => `يذكّرك مكوِّنك بمواصلة دورتك.${p.message ? ` «${p.message}»` : ''}`,
    },
    en: {
      subject: () => 'Your trainer encourages you to keep going',
      line: (p) =>
        `Your trainer reminds you to keep going with your course.${p.message ? ` “${p.message}”` : ''}`,
    },
  },
  'fieldwork.commented': {
    fr: {
      subject: (p) => `Nouveau commentaire sur ${p.organisation}`,
      line: (p) => `Un commentaire a été ajouté au carnet de terrain de « ${p.organisation} ».`,
    },
    ar: {
      subject: (p) => `تعليق جديد على ${p.organisation}`,
      line: (p) => `أُضيف تعليق إلى السجل الميداني لـ«${p.organisation}».`,
    },
    en: {
      subject: (p) => `New comment on ${p.organisation}`,
      line: (p) => `A comment was added to the field log of “${p.organisation}”.`,
    },
  },
  'fieldwork.share-requested': {
    fr: {
      subject: (p) => `Demande de partage : ${p.organisation}`,
      line: (p) => `Un coach de votre territoire demande que vous partagiez « ${p.organisation} » avec lui.`,
    },
    ar: {
      subject: (p) => `طلب مشاركة: ${p.organisation}`,
      line: (p) => `يطلب منك مدرّب من مجالك الترابي مشاركة «${p.organisation}» معه.`,
    },
    en: {
      subject: (p) => `Share request: ${p.organisation}`,
      line: (p) => `A coach of your territory asks you to share “${p.organisation}” with them.`,
    },
  },
  'fieldwork.shared': {
    fr: {
      subject: (p) => `${p.organisation} est partagée avec vous`,
      line: (p) => `« ${p.organisation} » est maintenant partagée avec vous dans votre carnet de terrain.`,
    },
    ar: {
      subject: (p) => `تمت مشاركة ${p.organisation} معك`,
      line: (p) => `أصبحت «${p.organisation}» مشتركة معك في سجلك الميداني.`,
    },
    en: {
      subject: (p) => `${p.organisation} is shared with you`,
      line: (p) => `“${p.organisation}” is now shared with you in your field log.`,
    },
  },
  'account.inactive': {
    fr: {
      subject: (p) => `Votre compte sera anonymisé le ${p.date}`,
      line: (p) =>
        `Votre compte est inactif depuis longtemps : sans connexion de votre part d’ici le ${p.date}, il sera anonymisé (votre nom, votre adresse et vos textes effacés). Vous connecter suffit à le garder.`,
    },
    ar: {
      subject: (p) => `ستُخفى هوية حسابك في ${p.date}`,
      line: (p) =>
        `حسابك غير نشط منذ مدة طويلة: إذا لم تسجّل الدخول قبل ${p.date}، ستُخفى هوية حسابك (يُمحى اسمك وعنوانك ونصوصك). يكفي أن تسجّل الدخول للاحتفاظ به.`,
    },
    en: {
      subject: (p) => `Your account will be anonymised on ${p.date}`,
      line: (p) =>
        `Your account has been inactive for a long time: unless you sign in by ${p.date}, it will be anonymised (your name, address and texts erased). Signing in is enough to keep it.`,
    },
  },
};

/** Any kind without its own text. */
const GENERIC: Record<Locale, KindText> = {
  fr: {
    subject: () => 'Vous avez une nouvelle notification',
    line: () => 'Vous avez une nouvelle notification sur la plateforme Coaching territorial.',
  },
  ar: {
    subject: () => 'لديك إشعار جديد',
    line: () => 'لديك إشعار جديد على منصة التأطير الترابي.',
  },
  en: {
    subject: () => 'You have a new notification',
    line: () => 'You have a new notification on the Territorial Coaching platform.',
  },
};

/** The frame around the lines: greeting, the link's label, why they get this mail, the digest. */
const FRAME: Record<
  Locale,
  {
    hello: (name: string) => string;
    open: string;
    why: string;
    digestSubject: (n: number) => string;
    digestIntro: string;
    all: string;
  }
> = {
  fr: {
    hello: (n) => `Bonjour ${n},`,
    open: 'Ouvrir dans la plateforme',
    why: 'Vous recevez ce message selon vos réglages de notifications :',
    digestSubject: (n) => (n === 1 ? '1 notification du jour' : `${n} notifications du jour`),
    digestIntro: "Voici vos notifications non lues d'aujourd'hui :",
    all: 'Toutes vos notifications',
  },
  ar: {
    hello: (n) => `مرحبا ${n}،`,
    open: 'فتح في المنصة',
    why: 'تصلك هذه الرسالة حسب إعدادات الإشعارات الخاصة بك:',
    digestSubject: (n) => (n === 1 ? 'إشعار واحد اليوم' : `إشعارات اليوم: ${n}`),
    digestIntro: 'هذه إشعاراتك غير المقروءة لهذا اليوم:',
    all: 'كل إشعاراتك',
  },
  en: {
    hello: (n) => `Hello ${n},`,
    open: 'Open in the platform',
    why: 'You get this message because of your notification settings:',
    digestSubject: (n) => (n === 1 ? '1 notification today' : `${n} notifications today`),
    digestIntro: 'Here are your unread notifications of today:',
    all: 'All your notifications',
  },
};

export interface Reader {
  displayName: string;
  locale: Locale;
}

export interface MailText {
  subject: string;
  text: string;
  html: string;
}

export interface Item {
  kind: string;
  subject: NotificationSubject;
  params: NotificationParams;
}

/** One notification's mail. */
export function notificationMail(reader: Reader, item: Item, baseUrl: string): MailText {
  const t = textOf(item, reader.locale);
  const names = namesOf(item.params, reader.locale);
  const f = FRAME[reader.locale];
  const link = linkOf(item, baseUrl);
  const settings = `${base(baseUrl)}/notifications/settings`;
  const line = t.line(names);
  return {
    subject: oneLine(t.subject(names)),
    text: `${f.hello(reader.displayName)}\n\n${line}\n\n${f.open}: ${link}\n\n-- \n${f.why}\n${settings}\n`,
    html: page(
      reader.locale,
      `<p>${esc(f.hello(reader.displayName))}</p>
<p>${esc(line)}</p>
<p><a href="${esc(link)}">${esc(f.open)}</a></p>
${footer(f.why, settings)}`,
    ),
  };
}

/** The daily digest: one line and link per notification, oldest first. */
export function digestMail(reader: Reader, items: Item[], baseUrl: string): MailText {
  const f = FRAME[reader.locale];
  const lines = items.map((item) => ({
    line: textOf(item, reader.locale).line(namesOf(item.params, reader.locale)),
    link: linkOf(item, baseUrl),
  }));
  const all = `${base(baseUrl)}/notifications`;
  const settings = `${all}/settings`;
  return {
    subject: f.digestSubject(items.length),
    text:
      `${f.hello(reader.displayName)}\n\n${f.digestIntro}\n\n` +
      lines.map((l) => `- ${l.line}\n  ${l.link}\n`).join('') +
      `\n${f.all}: ${all}\n\n-- \n${f.why}\n${settings}\n`,
    html: page(
      reader.locale,
      `<p>${esc(f.hello(reader.displayName))}</p>
<p>${esc(f.digestIntro)}</p>
<ul>
${lines.map((l) => `<li><a href="${esc(l.link)}">${esc(l.line)}</a></li>`).join('\n')}
</ul>
<p><a href="${esc(all)}">${esc(f.all)}</a></p>
${footer(f.why, settings)}`,
    ),
  };
}

/** Where a notification leads in the web app (as the notifications page links it). */
export function linkOf(item: Item, baseUrl: string): string {
  const b = base(baseUrl);
  const { subject, params } = item;
  const seg = encodeURIComponent;
  // A round waiting for review: the trainer's review queue of the cohort.
  if (item.kind === 'task.waiting')
    return params.cohortId ? `${b}/cohorts/${seg(params.cohortId)}/reviews` : `${b}/notifications`;
  switch (subject.type) {
    case 'enrolment':
      return `${b}/learn/${seg(subject.id)}`;
    case 'submission':
      if (params.enrolmentId && params.lessonKey)
        return `${b}/learn/${seg(params.enrolmentId)}/lessons/${seg(params.lessonKey)}`;
      break;
    case 'announcement':
      if (params.cohortId) return `${b}/cohorts/${seg(params.cohortId)}/announcements`;
      break;
    case 'thread':
      if (params.cohortId) return `${b}/cohorts/${seg(params.cohortId)}/threads/${seg(subject.id)}`;
      break;
    case 'organisation':
      return `${b}/field/organisations/${seg(subject.id)}`;
  }
  return `${b}/notifications`;
}

function textOf(item: Item, locale: Locale): KindText {
  const variant = item.params.decision ? TEXTS[`${item.kind}:${item.params.decision}`] : undefined;
  return (variant ?? TEXTS[item.kind] ?? GENERIC)[locale];
}

function namesOf(params: NotificationParams, locale: Locale): Names {
  const inLang = (titles: Record<string, string> | undefined): string =>
    oneLine(titles?.[locale]?.trim() || Object.values(titles ?? {}).find((t) => t.trim()) || '');
  return {
    course: inLang(params.courseTitle),
    lesson: inLang(params.lessonTitle),
    title: inLang(params.announcementTitle),
    thread: oneLine(params.threadTitle ?? ''),
    module: inLang(params.moduleTitle),
    date: params.dueOn ? dateIn(params.dueOn, locale) : '',
    message: oneLine(params.message ?? ''),
    decision: params.decision ?? '',
    organisation: oneLine(params.organisationName ?? ''),
  };
}

/** A `YYYY-MM-DD` day as the reader writes it (Latin digits, as the app shows them). */
function dateIn(day: string, locale: Locale): string {
  const at = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return day;
  const tag = { fr: 'fr-MA', ar: 'ar-MA-u-nu-latn', en: 'en-GB' }[locale];
  return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}

function page(locale: Locale, body: string): string {
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  return `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body dir="${dir}" style="font-family: sans-serif; line-height: 1.5">
${body}
</body>
</html>
`;
}

function footer(why: string, settings: string): string {
  return `<hr><p style="font-size: smaller">${esc(why)} <a href="${esc(settings)}">${esc(settings)}</a></p>`;
}

function base(url: string): string {
  return url.replace(/\/+$/, '');
}

/** A title on one line (a subject header cannot hold a line break). */
function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').trim();
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
