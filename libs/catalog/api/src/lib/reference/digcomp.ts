import type { CompetenceArea, Locale } from '@tc/shared/contracts';

/**
 * DigComp 2.2 — The Digital Competence Framework for Citizens (European Commission, JRC, 2022).
 * English titles are the official ones; French follows the usual French-language wording
 * (PIX / French presentations of DigComp); Arabic is a Modern Standard Arabic translation.
 */
export const DIGCOMP_AREAS: CompetenceArea[] = [
  {
    code: '1',
    title: {
      en: 'Information and data literacy',
      fr: 'Informations et données',
      ar: 'الثقافة المعلوماتية وثقافة البيانات',
    },
    competences: [
      {
        code: '1.1',
        areaCode: '1',
        title: {
          en: 'Browsing, searching and filtering data, information and digital content',
          fr: 'Naviguer, rechercher et filtrer des données, des informations et des contenus numériques',
          ar: 'تصفّح البيانات والمعلومات والمحتوى الرقمي والبحث عنها وتصفيتها',
        },
      },
      {
        code: '1.2',
        areaCode: '1',
        title: {
          en: 'Evaluating data, information and digital content',
          fr: 'Évaluer des données, des informations et des contenus numériques',
          ar: 'تقييم البيانات والمعلومات والمحتوى الرقمي',
        },
      },
      {
        code: '1.3',
        areaCode: '1',
        title: {
          en: 'Managing data, information and digital content',
          fr: 'Gérer des données, des informations et des contenus numériques',
          ar: 'إدارة البيانات والمعلومات والمحتوى الرقمي',
        },
      },
    ],
  },
  {
    code: '2',
    title: {
      en: 'Communication and collaboration',
      fr: 'Communication et collaboration',
      ar: 'التواصل والتعاون',
    },
    competences: [
      {
        code: '2.1',
        areaCode: '2',
        title: {
          en: 'Interacting through digital technologies',
          fr: 'Interagir au moyen des technologies numériques',
          ar: 'التفاعل عبر التقنيات الرقمية',
        },
      },
      {
        code: '2.2',
        areaCode: '2',
        title: {
          en: 'Sharing through digital technologies',
          fr: 'Partager au moyen des technologies numériques',
          ar: 'المشاركة عبر التقنيات الرقمية',
        },
      },
      {
        code: '2.3',
        areaCode: '2',
        title: {
          en: 'Engaging citizenship through digital technologies',
          fr: "S'engager dans la citoyenneté au moyen des technologies numériques",
          ar: 'ممارسة المواطنة عبر التقنيات الرقمية',
        },
      },
      {
        code: '2.4',
        areaCode: '2',
        title: {
          en: 'Collaborating through digital technologies',
          fr: 'Collaborer au moyen des technologies numériques',
          ar: 'التعاون عبر التقنيات الرقمية',
        },
      },
      {
        code: '2.5',
        areaCode: '2',
        title: {
          en: 'Netiquette',
          fr: 'Nétiquette',
          ar: 'آداب التعامل عبر الإنترنت',
        },
      },
      {
        code: '2.6',
        areaCode: '2',
        title: {
          en: 'Managing digital identity',
          fr: 'Gérer son identité numérique',
          ar: 'إدارة الهوية الرقمية',
        },
      },
    ],
  },
  {
    code: '3',
    title: {
      en: 'Digital content creation',
      fr: 'Création de contenus numériques',
      ar: 'إنشاء المحتوى الرقمي',
    },
    competences: [
      {
        code: '3.1',
        areaCode: '3',
        title: {
          en: 'Developing digital content',
          fr: 'Développer des contenus numériques',
          ar: 'تطوير المحتوى الرقمي',
        },
      },
      {
        code: '3.2',
        areaCode: '3',
        title: {
          en: 'Integrating and re-elaborating digital content',
          fr: 'Intégrer et retravailler des contenus numériques',
          ar: 'دمج المحتوى الرقمي وإعادة صياغته',
        },
      },
      {
        code: '3.3',
        areaCode: '3',
        title: {
          en: 'Copyright and licences',
          fr: "Droits d'auteur et licences",
          ar: 'حقوق المؤلف والتراخيص',
        },
      },
      {
        code: '3.4',
        areaCode: '3',
        title: {
          en: 'Programming',
          fr: 'Programmation',
          ar: 'البرمجة',
        },
      },
    ],
  },
  {
    code: '4',
    title: {
      en: 'Safety',
      fr: 'Protection et sécurité',
      ar: 'السلامة',
    },
    competences: [
      {
        code: '4.1',
        areaCode: '4',
        title: {
          en: 'Protecting devices',
          fr: 'Protéger les appareils',
          ar: 'حماية الأجهزة',
        },
      },
      {
        code: '4.2',
        areaCode: '4',
        title: {
          en: 'Protecting personal data and privacy',
          fr: 'Protéger les données personnelles et la vie privée',
          ar: 'حماية البيانات الشخصية والخصوصية',
        },
      },
      {
        code: '4.3',
        areaCode: '4',
        title: {
          en: 'Protecting health and well-being',
          fr: 'Protéger la santé et le bien-être',
          ar: 'حماية الصحة والرفاه',
        },
      },
      {
        code: '4.4',
        areaCode: '4',
        title: {
          en: 'Protecting the environment',
          fr: "Protéger l'environnement",
          ar: 'حماية البيئة',
        },
      },
    ],
  },
  {
    code: '5',
    title: {
      en: 'Problem solving',
      fr: 'Résolution de problèmes',
      ar: 'حلّ المشكلات',
    },
    competences: [
      {
        code: '5.1',
        areaCode: '5',
        title: {
          en: 'Solving technical problems',
          fr: 'Résoudre des problèmes techniques',
          ar: 'حلّ المشكلات التقنية',
        },
      },
      {
        code: '5.2',
        areaCode: '5',
        title: {
          en: 'Identifying needs and technological responses',
          fr: 'Identifier des besoins et des réponses technologiques',
          ar: 'تحديد الاحتياجات والحلول التكنولوجية المناسبة لها',
        },
      },
      {
        code: '5.3',
        areaCode: '5',
        title: {
          en: 'Creatively using digital technologies',
          fr: 'Utiliser de manière créative les technologies numériques',
          ar: 'الاستخدام الإبداعي للتقنيات الرقمية',
        },
      },
      {
        code: '5.4',
        areaCode: '5',
        title: {
          en: 'Identifying digital competence gaps',
          fr: 'Identifier les lacunes en matière de compétences numériques',
          ar: 'تحديد الثغرات في الكفاءات الرقمية',
        },
      },
    ],
  },
];

/**
 * The eight proficiency levels of DigComp 2.2, grouped in four broad levels
 * (Foundation 1–2, Intermediate 3–4, Advanced 5–6, Highly specialised 7–8).
 * Each level is defined by the complexity of tasks, the autonomy, and the cognitive domain.
 */
export const DIGCOMP_LEVELS: {
  level: number;
  name: Record<Locale, string>;
  description: Record<Locale, string>;
}[] = [
  {
    level: 1,
    name: { en: 'Foundation', fr: 'Fondamental', ar: 'أساسي' },
    description: {
      en: 'Can carry out simple tasks with guidance, remembering what to do.',
      fr: "Peut accomplir des tâches simples avec l'aide d'une autre personne, en se souvenant de ce qu'il faut faire.",
      ar: 'يستطيع إنجاز مهام بسيطة بتوجيه من غيره، مع تذكّر ما يجب القيام به.',
    },
  },
  {
    level: 2,
    name: { en: 'Foundation', fr: 'Fondamental', ar: 'أساسي' },
    description: {
      en: 'Can carry out simple tasks on their own, with guidance where needed, remembering what to do.',
      fr: "Peut accomplir des tâches simples en autonomie, avec de l'aide si nécessaire, en se souvenant de ce qu'il faut faire.",
      ar: 'يستطيع إنجاز مهام بسيطة باستقلالية، مع التوجيه عند الحاجة، وتذكّر ما يجب القيام به.',
    },
  },
  {
    level: 3,
    name: { en: 'Intermediate', fr: 'Intermédiaire', ar: 'متوسط' },
    description: {
      en: 'Can carry out well-defined, routine tasks and solve straightforward problems on their own, understanding what they do.',
      fr: 'Peut accomplir seul des tâches bien définies et routinières et résoudre des problèmes simples, en comprenant ce qu’il fait.',
      ar: 'يستطيع بمفرده إنجاز مهام روتينية محددة جيداً وحلّ مشكلات واضحة، مع فهم ما يقوم به.',
    },
  },
  {
    level: 4,
    name: { en: 'Intermediate', fr: 'Intermédiaire', ar: 'متوسط' },
    description: {
      en: 'Can carry out tasks and solve well-defined, non-routine problems independently and according to their own needs, understanding what they do.',
      fr: 'Peut accomplir de manière indépendante, selon ses propres besoins, des tâches et résoudre des problèmes bien définis et non routiniers, en comprenant ce qu’il fait.',
      ar: 'يستطيع باستقلالية ووفق احتياجاته إنجاز المهام وحلّ مشكلات محددة جيداً وغير روتينية، مع فهم ما يقوم به.',
    },
  },
  {
    level: 5,
    name: { en: 'Advanced', fr: 'Avancé', ar: 'متقدم' },
    description: {
      en: 'Can apply their knowledge to a variety of tasks and problems and guide others in doing so.',
      fr: 'Peut appliquer ses connaissances à des tâches et des problèmes variés et guider d’autres personnes.',
      ar: 'يستطيع تطبيق معارفه على مهام ومشكلات متنوعة وتوجيه الآخرين في ذلك.',
    },
  },
  {
    level: 6,
    name: { en: 'Advanced', fr: 'Avancé', ar: 'متقدم' },
    description: {
      en: 'Can evaluate and choose the most appropriate tasks and solutions and adapt to others in a complex context.',
      fr: 'Peut évaluer et choisir les tâches et les solutions les plus appropriées et s’adapter aux autres dans un contexte complexe.',
      ar: 'يستطيع تقييم المهام والحلول الأنسب واختيارها، والتكيّف مع الآخرين في سياق معقّد.',
    },
  },
  {
    level: 7,
    name: { en: 'Highly specialised', fr: 'Hautement spécialisé', ar: 'عالي التخصص' },
    description: {
      en: 'Can create solutions to complex problems with limited solutions, contributing to professional practice and guiding others.',
      fr: 'Peut créer des solutions à des problèmes complexes aux solutions limitées, contribuer à la pratique professionnelle et guider les autres.',
      ar: 'يستطيع ابتكار حلول لمشكلات معقّدة محدودة الحلول، والمساهمة في تطوير الممارسة المهنية وتوجيه الآخرين.',
    },
  },
  {
    level: 8,
    name: { en: 'Highly specialised', fr: 'Hautement spécialisé', ar: 'عالي التخصص' },
    description: {
      en: 'Can create solutions to complex problems with many interacting factors and propose new ideas and processes to the field.',
      fr: 'Peut créer des solutions à des problèmes complexes comportant de nombreux facteurs en interaction et proposer de nouvelles idées et de nouveaux processus dans son domaine.',
      ar: 'يستطيع ابتكار حلول لمشكلات معقّدة تتداخل فيها عوامل عديدة، واقتراح أفكار وعمليات جديدة في مجاله.',
    },
  },
];
