import type { ImpactCounts, ImpactReport, Locale } from '@tc/shared/contracts';
import { exportMoment as moment } from '@tc/shared/api';
import { CATEGORY, type ExportTable, WORDS } from './exports';

/**
 * The impact report's words in files: the screen's (apps/web/public/i18n/*.json, `observatory.impact.*`),
 * copied so that the API does not read the web's files; the words it shares with the other reports
 * (territory, months, total, generated) are theirs.
 */
export const IMPACT_WORDS = {
  fr: {
    words: {
      title: "L'impact sur le terrain",
      suppression:
        'Pour protéger la vie privée, les nombres inférieurs à {k} sont masqués, ainsi que les médianes calculées sur moins de {k} organisations.',
      gainNote:
        "Le progrès de maturité numérique est l'écart, en points sur 100, entre le premier et le dernier diagnostic d'une organisation ; il ne compte que les organisations diagnostiquées au moins deux fois.",
      monthNote:
        'Chaque chiffre compte dans son mois : une organisation le mois de son enregistrement, une visite le mois où elle a eu lieu, une étape le mois où elle a été franchie.',
      organisations: 'Organisations accompagnées',
      visits: 'Visites',
      milestones: 'Étapes franchies',
      checked: 'Organisations diagnostiquées deux fois',
      medianGain: 'Progrès médian (points)',
      sector: "Secteur d'activité",
      allSectors: 'Tous les secteurs',
      kind: "Type d'organisation",
      allKinds: 'Tous les types',
      womenLedFilter: 'Direction',
      allLeaderships: 'Toutes',
      totalsTitle: 'Chiffres clés',
      byTerritory: 'Par territoire',
      bySector: "Par secteur d'activité",
      byKind: "Par type d'organisation",
      byMonth: 'Par mois',
      byWomenLed: 'Organisations dirigées par des femmes',
      milestonesTitle: 'Étapes franchies, par étape',
      learning: "De la formation à l'impact",
      trained: 'Coachs formés',
      notYetTrained: 'Coachs pas encore formés',
    },
    sectors: {
      'agri-food': 'Agroalimentaire',
      argan: 'Argan',
      crafts: 'Artisanat',
      textiles: 'Textile',
      tourism: 'Tourisme',
      services: 'Services',
      digital: 'Numérique',
      other: 'Autre',
    },
    kinds: {
      cooperative: 'Coopératives',
      association: 'Associations',
      'young-enterprise': 'Jeunes entreprises',
    },
    milestoneKinds: {
      'social-media-page': 'Page sur les réseaux sociaux',
      'whatsapp-business-catalogue': 'Catalogue WhatsApp Business',
      'marketplace-listing': 'Produits sur une place de marché',
      'first-online-order': 'Première commande en ligne',
      'digital-payment-accepted': 'Paiement numérique accepté',
      'website-live': 'Site web en ligne',
      'digital-bookkeeping': 'Comptabilité numérique',
      'digital-members-register': 'Registre des membres numérique',
    },
    womenLed: {
      true: 'Dirigées par des femmes',
      false: 'Autres',
    },
  },
  ar: {
    words: {
      title: 'الأثر في الميدان',
      suppression:
        'لحماية الخصوصية، تُخفى الأعداد التي تقلّ عن {k}، وكذلك الوسيطات المحسوبة على أقل من {k} منظمات.',
      gainNote:
        'تقدّم النضج الرقمي هو الفرق، بالنقاط من 100، بين أول تشخيص وآخر تشخيص للمنظمة؛ ولا يُحتسب إلا للمنظمات التي شُخِّصت مرتين على الأقل.',
      monthNote:
        'يُحتسب كل رقم في شهره: المنظمة في شهر تسجيلها، والزيارة في شهر إجرائها، والمرحلة في شهر إنجازها.',
      organisations: 'منظمات مُرافَقة',
      visits: 'زيارات',
      milestones: 'مراحل منجَزة',
      checked: 'منظمات شُخِّصت مرتين',
      medianGain: 'وسيط التقدّم (نقاط)',
      sector: 'قطاع النشاط',
      allSectors: 'كل القطاعات',
      kind: 'نوع المنظمة',
      allKinds: 'كل الأنواع',
      womenLedFilter: 'القيادة',
      allLeaderships: 'الكل',
      totalsTitle: 'أرقام رئيسية',
      byTerritory: 'حسب المجال الترابي',
      bySector: 'حسب قطاع النشاط',
      byKind: 'حسب نوع المنظمة',
      byMonth: 'حسب الشهر',
      byWomenLed: 'المنظمات التي تقودها نساء',
      milestonesTitle: 'المراحل المنجَزة، حسب المرحلة',
      learning: 'من التكوين إلى الأثر',
      trained: 'مدرّبون مكوَّنون',
      notYetTrained: 'مدرّبون لم يُكوَّنوا بعد',
    },
    sectors: {
      'agri-food': 'الصناعات الغذائية',
      argan: 'الأركان',
      crafts: 'الصناعة التقليدية',
      textiles: 'النسيج',
      tourism: 'السياحة',
      services: 'الخدمات',
      digital: 'الرقمي',
      other: 'أخرى',
    },
    kinds: {
      cooperative: 'تعاونيات',
      association: 'جمعيات',
      'young-enterprise': 'مقاولات شابة',
    },
    milestoneKinds: {
      'social-media-page': 'صفحة على شبكات التواصل الاجتماعي',
      'whatsapp-business-catalogue': 'كتالوج واتساب للأعمال',
      'marketplace-listing': 'منتجات على منصة بيع إلكترونية',
      'first-online-order': 'أول طلب عبر الإنترنت',
      'digital-payment-accepted': 'قبول الأداء الرقمي',
      'website-live': 'موقع إلكتروني منشور',
      'digital-bookkeeping': 'محاسبة رقمية',
      'digital-members-register': 'سجل رقمي للأعضاء',
    },
    womenLed: {
      true: 'تقودها نساء',
      false: 'أخرى',
    },
  },
  en: {
    words: {
      title: 'Impact in the field',
      suppression:
        'To protect privacy, counts below {k} are hidden, and so are medians computed over fewer than {k} organisations.',
      gainNote:
        "The digital-maturity gain is the difference, in points out of 100, between an organisation's first and latest checks; it counts only organisations checked at least twice.",
      monthNote:
        'Each figure counts in its month: an organisation in the month it was registered, a visit in the month it took place, a milestone in the month it was reached.',
      organisations: 'Organisations accompanied',
      visits: 'Visits',
      milestones: 'Milestones reached',
      checked: 'Organisations checked twice',
      medianGain: 'Median gain (points)',
      sector: 'Sector',
      allSectors: 'All sectors',
      kind: 'Kind of organisation',
      allKinds: 'All kinds',
      womenLedFilter: 'Leadership',
      allLeaderships: 'All',
      totalsTitle: 'Key figures',
      byTerritory: 'By territory',
      bySector: 'By sector',
      byKind: 'By kind of organisation',
      byMonth: 'By month',
      byWomenLed: 'Women-led organisations',
      milestonesTitle: 'Milestones reached, by kind',
      learning: 'Learning to impact',
      trained: 'Trained coaches',
      notYetTrained: 'Coaches not yet trained',
    },
    sectors: {
      'agri-food': 'Agri-food',
      argan: 'Argan',
      crafts: 'Crafts',
      textiles: 'Textiles',
      tourism: 'Tourism',
      services: 'Services',
      digital: 'Digital',
      other: 'Other',
    },
    kinds: {
      cooperative: 'Cooperatives',
      association: 'Associations',
      'young-enterprise': "Young entrepreneurs' businesses",
    },
    milestoneKinds: {
      'social-media-page': 'Social media page',
      'whatsapp-business-catalogue': 'WhatsApp Business catalogue',
      'marketplace-listing': 'Listed on a marketplace',
      'first-online-order': 'First online order',
      'digital-payment-accepted': 'Digital payment accepted',
      'website-live': 'Website live',
      'digital-bookkeeping': 'Digital bookkeeping',
      'digital-members-register': 'Digital members register',
    },
    womenLed: {
      true: 'Women-led',
      false: 'Other',
    },
  },
} as const;

/** The filters the report was asked with, as its notes name them. */
export interface ImpactFilters {
  from: string | null;
  to: string | null;
  sector: string | null;
  kind: string | null;
  womenLed: boolean | null;
}

/**
 * The impact report as a file: the totals, then every table's rows (each line saying which table it is
 * from), the milestones by kind and learning to impact; hidden counts as "< k" and hidden medians empty,
 * as on screen. Nothing in it names an organisation, a coach or a note: it is built from the report.
 */
export function impactTable(report: ImpactReport, filters: ImpactFilters, lang: Locale): ExportTable {
  const shared = WORDS[lang];
  const { words, sectors, kinds, milestoneKinds, womenLed } = IMPACT_WORDS[lang];
  const k = report.k;
  const count = (c: number | null): string | number => (c === null ? `< ${k}` : c);
  const line = (table: string, name: string, c: ImpactCounts): (string | number)[] => [
    table,
    name,
    count(c.organisations),
    count(c.visits),
    count(c.milestones),
    count(c.checked),
    c.medianGain ?? '',
  ];
  const place = [...report.territory.path.map((p) => p.name)].join(' › ') || report.territory.name;
  const territoryName = (key: string, label: string) =>
    key.startsWith('direct:') ? shared.direct.replace('{territory}', label) : label;
  return {
    lang,
    title: `${shared.sheet} — ${words.title}`,
    notes: [
      `${shared.territory}: ${place}`,
      `${shared.from}: ${filters.from ?? shared.open}`,
      `${shared.to}: ${filters.to ?? shared.open}`,
      `${words.sector}: ${filters.sector ? (sectors as Record<string, string>)[filters.sector] : words.allSectors}`,
      `${words.kind}: ${filters.kind ? (kinds as Record<string, string>)[filters.kind] : words.allKinds}`,
      `${words.womenLedFilter}: ${filters.womenLed === null ? words.allLeaderships : womenLed[filters.womenLed ? 'true' : 'false']}`,
      `${shared.generated}: ${moment(report.asOf, lang, shared.timeZone)}`,
      words.suppression.replaceAll('{k}', String(k)),
      words.monthNote,
      words.gainNote,
    ],
    header: [
      shared.table,
      shared.name,
      words.organisations,
      words.visits,
      words.milestones,
      words.checked,
      words.medianGain,
    ],
    rows: [
      line(words.totalsTitle, shared.total, report.totals),
      ...report.byTerritory.map((r) => line(words.byTerritory, territoryName(r.key, r.label), r.counts)),
      ...report.bySector.map((r) =>
        line(words.bySector, (sectors as Record<string, string>)[r.key] ?? r.key, r.counts),
      ),
      ...report.byKind.map((r) =>
        line(words.byKind, (kinds as Record<string, string>)[r.key] ?? r.key, r.counts),
      ),
      ...report.byMonth.map((r) => line(CATEGORY[lang]['month'] ?? '', r.key, r.counts)),
      ...report.byWomenLed.map((r) =>
        line(words.byWomenLed, womenLed[r.key === 'true' ? 'true' : 'false'], r.counts),
      ),
      line(words.learning, words.trained, report.learningToImpact.trained),
      line(words.learning, words.notYetTrained, report.learningToImpact.notYetTrained),
      ...report.milestones.map((m) => [
        words.milestonesTitle,
        (milestoneKinds as Record<string, string>)[m.kind] ?? m.kind,
        '',
        '',
        count(m.reached),
        '',
        '',
      ]),
    ],
  };
}
