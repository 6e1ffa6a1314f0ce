import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { ActionTokenPurpose, Locale } from '@tc/shared/contracts';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options';

const SUBJECTS: Record<ActionTokenPurpose, Record<Locale, string>> = {
  invitation: {
    fr: 'Votre invitation à la plateforme Coaching territorial',
    ar: 'دعوتك إلى منصة التأطير الترابي',
    en: 'Your invitation to the Territorial Coaching platform',
  },
  password_reset: {
    fr: 'Réinitialiser votre mot de passe',
    ar: 'إعادة تعيين كلمة المرور',
    en: 'Reset your password',
  },
  enrolment: {
    fr: 'Invitation à rejoindre une cohorte',
    ar: 'دعوة للانضمام إلى فوج',
    en: 'Invitation to join a cohort',
  },
};

const BODIES: Record<
  ActionTokenPurpose,
  Record<Locale, (name: string, url: string, expires: string) => string>
> = {
  invitation: {
    fr: (n, u, e) =>
      `Bonjour ${n},\n\nVous êtes invité·e sur la plateforme Coaching territorial. Choisissez votre mot de passe ici (lien valable jusqu'au ${e}) :\n${u}\n`,
    ar: (n, u, e) =>
      `مرحبا ${n}،\n\nأنت مدعو إلى منصة التأطير الترابي. اختر كلمة المرور من هنا (الرابط صالح حتى ${e}):\n${u}\n`,
    en: (n, u, e) =>
      `Hello ${n},\n\nYou are invited to the Territorial Coaching platform. Choose your password here (link valid until ${e}):\n${u}\n`,
  },
  password_reset: {
    fr: (n, u, e) =>
      `Bonjour ${n},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable jusqu'au ${e}) :\n${u}\n\nSi vous n'avez rien demandé, ignorez ce message.\n`,
    ar: (n, u, e) =>
      `مرحبا ${n}،\n\nلاختيار كلمة مرور جديدة افتح هذا الرابط (صالح حتى ${e}):\n${u}\n\nإذا لم تطلب ذلك فتجاهل هذه الرسالة.\n`,
    en: (n, u, e) =>
      `Hello ${n},\n\nTo choose a new password, open this link (valid until ${e}):\n${u}\n\nIf you did not ask for this, ignore this message.\n`,
  },
  enrolment: {
    fr: (n, u, e) =>
      `Bonjour ${n},\n\nUn·e formateur·rice vous invite à rejoindre une cohorte sur la plateforme Coaching territorial. Pour voir l'invitation et l'accepter, ouvrez ce lien et connectez-vous (lien valable jusqu'au ${e}) :\n${u}\n\nSi vous ne souhaitez pas la rejoindre, ignorez ce message.\n`,
    ar: (n, u, e) =>
      `مرحبا ${n}،\n\nيدعوك مكوّن إلى الانضمام إلى فوج على منصة التأطير الترابي. لعرض الدعوة وقبولها افتح هذا الرابط وسجّل الدخول (الرابط صالح حتى ${e}):\n${u}\n\nإذا لم ترغب في الانضمام فتجاهل هذه الرسالة.\n`,
    en: (n, u, e) =>
      `Hello ${n},\n\nA trainer invites you to join a cohort on the Territorial Coaching platform. To see the invitation and accept it, open this link and sign in (link valid until ${e}):\n${u}\n\nIf you do not wish to join, ignore this message.\n`,
  },
};

export interface LinkMail {
  to: string;
  displayName: string;
  locale: Locale;
  purpose: ActionTokenPurpose;
  url: string;
  expiresAt: Date;
}

/** Sends single-use links by SMTP when `SMTP_URL` is set; otherwise logs them (and the admin sees them). */
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter | null;

  constructor(@Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions) {
    this.transport = options.smtpUrl ? createTransport(options.smtpUrl) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** Returns whether the mail was sent. */
  async sendLink(mail: LinkMail): Promise<boolean> {
    if (!this.transport) {
      this.logger.warn(
        { to: mail.to, purpose: mail.purpose, url: mail.url },
        'No SMTP_URL: link not e-mailed',
      );
      return false;
    }
    const expires = mail.expiresAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    await this.transport.sendMail({
      from: this.options.mailFrom,
      to: mail.to,
      subject: SUBJECTS[mail.purpose][mail.locale],
      text: BODIES[mail.purpose][mail.locale](mail.displayName, mail.url, expires),
    });
    return true;
  }
}
