import type { ConsentPurpose, Locale } from '@tc/shared/contracts';

/** One version of what a person is told when they consent, in each language. */
export interface ConsentWording {
  version: number;
  text: Record<Locale, string>;
}

/**
 * The canonical wording of each consent, by version: what the record stores is looked up here, never
 * taken from the client, so a record cannot hold words nobody was shown. The web shows the same text
 * from `consents.wording.<purpose>` of apps/web/public/i18n (consent-wordings.spec holds them equal);
 * a change of words is a new version appended here and in the i18n files, never an edit of an old one.
 */
export const CONSENT_WORDINGS: Record<ConsentPurpose, readonly ConsentWording[]> = {
  demographics: [
    {
      version: 1,
      text: {
        fr: "J'accepte que mon genre et mon année de naissance soient enregistrés pour les statistiques anonymes de l'observatoire. Je peux retirer ce consentement à tout moment : ils seront alors effacés.",
        ar: 'أوافق على تسجيل جنسي وسنة ميلادي لأغراض الإحصاءات المجهولة الهوية للمرصد. يمكنني سحب هذه الموافقة في أي وقت، وعندئذ تُحذف هذه البيانات.',
        en: 'I agree that my gender and year of birth are recorded for the observatory’s anonymous statistics. I can withdraw this consent at any time: they will then be erased.',
      },
    },
  ],
  push: [
    {
      version: 1,
      text: {
        fr: "J'accepte de recevoir des notifications push sur ce navigateur. Je peux retirer ce consentement à tout moment : mes abonnements push seront alors supprimés.",
        ar: 'أوافق على تلقي إشعارات فورية على هذا المتصفح. يمكنني سحب هذه الموافقة في أي وقت، وعندئذ تُحذف اشتراكاتي في الإشعارات الفورية.',
        en: 'I agree to receive push notifications in this browser. I can withdraw this consent at any time: my push subscriptions will then be deleted.',
      },
    },
  ],
  digest: [
    {
      version: 1,
      text: {
        fr: "J'accepte de recevoir chaque jour un résumé de mes notifications par e-mail. Je peux retirer ce consentement à tout moment : les résumés s'arrêteront.",
        ar: 'أوافق على تلقي ملخص يومي لإشعاراتي عبر البريد الإلكتروني. يمكنني سحب هذه الموافقة في أي وقت، وعندئذ يتوقف إرسال الملخصات.',
        en: 'I agree to receive a daily summary of my notifications by e-mail. I can withdraw this consent at any time: the summaries will stop.',
      },
    },
  ],
  'entrepreneur-record': [
    {
      version: 1,
      text: {
        fr: "L'entrepreneur ou l'entrepreneuse a accepté que son entreprise et mes visites soient consignées dans mon journal de terrain, et sait qu'il ou elle peut retirer cet accord à tout moment.",
        ar: 'وافق صاحب المقاولة أو صاحبتها على تسجيل مقاولته وزياراتي في سجلي الميداني، ويعلم أنه يمكنه سحب هذه الموافقة في أي وقت.',
        en: 'The entrepreneur agreed that their business and my visits are recorded in my field log, and knows they can withdraw this agreement at any time.',
      },
    },
  ],
};

/** The i18n key of a purpose's wording, as the web and the records name it. */
export const consentWordingKey = (purpose: ConsentPurpose): string => `consents.wording.${purpose}`;

/** The wording in force for a purpose: its latest version. */
export function currentConsentWording(purpose: ConsentPurpose): ConsentWording {
  const versions = CONSENT_WORDINGS[purpose];
  const latest = versions[versions.length - 1];
  if (!latest) throw new Error(`No consent wording for ${purpose}`);
  return latest;
}
