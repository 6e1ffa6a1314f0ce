import type { CourseContent, QuizOption } from '@tc/shared/contracts';
import { DEMO_PHOTO_URL } from './demo-photo';

/** The two options of a true/false question; `answer` is the correct one. */
function trueFalse(answer: 'true' | 'false'): QuizOption[] {
  return [
    { key: 'true', text: { fr: 'Vrai', en: 'True', ar: 'صحيح' }, correct: answer === 'true' },
    { key: 'false', text: { fr: 'Faux', en: 'False', ar: 'خطأ' }, correct: answer === 'false' },
  ];
}

/**
 * Demo course built from the themes of the Oriental regional seminar on the digital sector
 * (Oujda, 22 December 2017: Oriental Regional Council, Territorial Coaching Program, UCLG Africa / ALGA).
 * The cooperatives in the examples are illustrative, not real organisations.
 */
export const DEMO_COURSE: CourseContent = {
  slug: 'numerique-territoires-ess',
  defaultLocale: 'fr',
  locales: ['fr', 'en', 'ar'],
  title: {
    fr: "Le numérique au service des territoires et de l'économie sociale et solidaire",
    en: 'Digital technology for territories and the social and solidarity economy',
    ar: 'الرقمنة في خدمة المجالات الترابية والاقتصاد الاجتماعي والتضامني',
  },
  summary: {
    fr: "Un cours pratique pour les coachs territoriaux : comprendre le rôle du numérique dans le développement des territoires, accompagner la digitalisation des coopératives de l'ESS, les aider à vendre en ligne et outiller leur gouvernance, dans le respect de la protection des données. Inspiré du séminaire régional de l'Oriental sur le secteur numérique (Oujda, 2017).",
    en: 'A practical course for territorial coaches: understand the role of digital technology in territorial development, support the digitalisation of social and solidarity economy (SSE) cooperatives, help them sell online and equip their governance, while protecting personal data. Inspired by the Oriental regional seminar on the digital sector (Oujda, 2017).',
    ar: 'دورة تطبيقية لفائدة المدربين الترابيين: فهم دور الرقمنة في تنمية المجالات الترابية، ومواكبة رقمنة تعاونيات الاقتصاد الاجتماعي والتضامني، ومساعدتها على البيع عبر الإنترنت، وتزويد حكامتها بالأدوات الرقمية مع احترام حماية المعطيات الشخصية. مستوحاة من الندوة الجهوية لجهة الشرق حول القطاع الرقمي (وجدة، 2017).',
  },
  estimatedMinutes: 194,
  coverImageHash: null,
  competences: [
    '1.1',
    '1.2',
    '1.3',
    '2.1',
    '2.2',
    '2.3',
    '2.4',
    '2.5',
    '2.6',
    '3.1',
    '4.1',
    '4.2',
    '4.4',
    '5.2',
    '5.4',
  ],
  modules: [
    // ------------------------------------------------------------------ module 1
    {
      key: 'm1',
      title: {
        fr: 'Le numérique dans le développement des territoires',
        en: 'The digital sector in territorial development',
        ar: 'القطاع الرقمي في تنمية المجالات الترابية',
      },
      lessons: [
        {
          key: 'm1-l1',
          kind: 'text',
          title: {
            fr: 'Le rôle du numérique dans le développement économique et social des territoires',
            en: 'The role of digital technology in the economic and social development of territories',
            ar: 'دور الرقمنة في التنمية الاقتصادية والاجتماعية للمجالات الترابية',
          },
          competences: ['2.3', '5.2'],
          estimatedMinutes: 12,
          body: {
            fr: `Le numérique n'est pas un secteur à part : c'est un ensemble d'outils qui change la façon dont un territoire produit, vend, s'administre et forme ses habitants. Lors du séminaire régional d'Oujda (décembre 2017), les élus de la région de l'Oriental l'ont présenté comme un levier de développement économique **et** social.

## Ce que le numérique apporte à un territoire

- **Rapprocher les marchés** : une coopérative éloignée des grandes villes peut recevoir des commandes de Casablanca, de Paris ou de Dakar.
- **Créer des emplois pour les jeunes** : création de sites, photographie de produits, animation de pages, maintenance, logistique.
- **Moderniser les services publics** : démarches en ligne, information des citoyens, suivi des projets de la commune ou de la région.
- **Mieux décider** : des données fiables (production, ventes, besoins) aident les collectivités à cibler leurs programmes.

## Les conditions du succès

1. **La connectivité** : réseau mobile et Internet dans les communes rurales, espaces publics équipés.
2. **Les compétences** : savoir utiliser un smartphone, un tableur, une messagerie professionnelle, en sécurité.
3. **Des usages utiles** : partir des problèmes réels des acteurs, pas de la technologie.
4. **Un écosystème local** : collectivités, associations, incubateurs, banques, transporteurs.

## Les risques à surveiller

La **fracture numérique** (zones rurales, femmes, personnes âgées, personnes peu alphabétisées) peut creuser les inégalités. La dépendance à une seule plateforme est aussi un risque : si ses règles changent, la coopérative perd ses clients.

## Exemple

Une coopérative apicole (fictive) de la province de Taourirt vendait son miel uniquement au souk hebdomadaire. Avec un téléphone, un compte WhatsApp Business et des photos soignées, elle reçoit désormais des commandes de clients fidèles à Oujda et à Rabat, expédiées par transporteur. Son chiffre d'affaires augmente et, surtout, elle connaît mieux ses clients.

![Un étal de miel au souk ; les commandes arrivent aussi sur un téléphone (illustration)](${DEMO_PHOTO_URL})

**À retenir** : le numérique sert le territoire quand il répond à un besoin concret et ne laisse personne de côté.`,
            en: `Digital technology is not a separate sector: it is a set of tools that changes the way a territory produces, sells, governs itself and trains its people. At the Oujda regional seminar (December 2017), the elected officials of the Oriental region presented it as a lever for economic **and** social development.

## What digital technology brings to a territory

- **Brings markets closer**: a cooperative far from the big cities can receive orders from Casablanca, Paris or Dakar.
- **Creates jobs for young people**: building websites, product photography, running pages, maintenance, logistics.
- **Modernises public services**: online procedures, information for citizens, monitoring of municipal or regional projects.
- **Supports better decisions**: reliable data (production, sales, needs) helps local authorities target their programmes.

## Conditions for success

1. **Connectivity**: mobile network and Internet in rural municipalities, equipped public spaces.
2. **Skills**: using a smartphone, a spreadsheet and professional messaging, safely.
3. **Useful uses**: start from the real problems of local actors, not from the technology.
4. **A local ecosystem**: local authorities, associations, incubators, banks, carriers.

## Risks to watch

The **digital divide** (rural areas, women, older people, people with low literacy) can deepen inequalities. Depending on a single platform is also a risk: if its rules change, the cooperative loses its customers.

## Example

A (fictitious) beekeeping cooperative in Taourirt province used to sell its honey only at the weekly souk. With one phone, a WhatsApp Business account and careful photos, it now receives orders from loyal customers in Oujda and Rabat, shipped by a carrier. Its turnover is growing and, above all, it knows its customers better.

![A honey stall at the souk; orders also arrive on a phone (illustration)](${DEMO_PHOTO_URL})

**Key point**: digital technology serves the territory when it meets a concrete need and leaves nobody behind.`,
            ar: `ليس القطاع الرقمي قطاعًا منعزلًا، بل هو مجموعة من الأدوات التي تغيّر طريقة إنتاج المجال الترابي وتسويقه وتدبيره وتكوين سكانه. وخلال الندوة الجهوية بوجدة (دجنبر 2017)، قدّم منتخبو جهة الشرق الرقمنة باعتبارها رافعة للتنمية الاقتصادية **والاجتماعية** معًا.

## ما يقدمه الرقمي للمجال الترابي

- **تقريب الأسواق**: يمكن لتعاونية بعيدة عن المدن الكبرى أن تتلقى طلبيات من الدار البيضاء أو باريس أو داكار.
- **خلق فرص الشغل للشباب**: إنشاء المواقع، وتصوير المنتجات، وتنشيط الصفحات، والصيانة، والخدمات اللوجستية.
- **تحديث المرافق العمومية**: الإجراءات الإدارية عبر الإنترنت، وإخبار المواطنين، وتتبع مشاريع الجماعة أو الجهة.
- **تحسين اتخاذ القرار**: تساعد المعطيات الموثوقة (الإنتاج، المبيعات، الحاجيات) الجماعات الترابية على توجيه برامجها.

## شروط النجاح

1. **الربط بالشبكة**: تغطية الهاتف المحمول والإنترنت في الجماعات القروية، وفضاءات عمومية مجهزة.
2. **الكفاءات**: استعمال الهاتف الذكي والجدول الإلكتروني والمراسلة المهنية بشكل آمن.
3. **استعمالات مفيدة**: الانطلاق من المشاكل الحقيقية للفاعلين، لا من التكنولوجيا.
4. **منظومة محلية**: الجماعات الترابية والجمعيات وحاضنات المقاولات والبنوك وشركات النقل.

## مخاطر ينبغي الانتباه إليها

قد تؤدي **الفجوة الرقمية** (المناطق القروية، النساء، كبار السن، الأشخاص ذوو المستوى التعليمي المحدود) إلى تعميق الفوارق. كما أن الاعتماد على منصة واحدة يشكّل خطرًا: فإذا تغيّرت قواعدها فقدت التعاونية زبائنها.

## مثال

كانت تعاونية لتربية النحل (افتراضية) بإقليم تاوريرت تبيع عسلها في السوق الأسبوعي فقط. وبفضل هاتف واحد وحساب واتساب للأعمال وصور متقنة، أصبحت تتلقى طلبيات من زبائن أوفياء في وجدة والرباط وترسلها عبر شركة نقل. ارتفع رقم معاملاتها، والأهم من ذلك أنها أصبحت تعرف زبائنها بشكل أفضل.

![كشك لبيع العسل في السوق الأسبوعي؛ تصل الطلبيات أيضًا عبر الهاتف (رسم توضيحي)](${DEMO_PHOTO_URL})

**للتذكر**: يخدم الرقمي المجال الترابي عندما يستجيب لحاجة ملموسة ولا يُقصي أحدًا.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm1-l2',
          kind: 'text',
          title: {
            fr: 'De Maroc Digital 2020 à la stratégie nationale',
            en: 'From Maroc Digital 2020 to the national strategy',
            ar: 'من استراتيجية المغرب الرقمي 2020 إلى الاستراتيجية الوطنية',
          },
          competences: ['1.1', '2.3'],
          estimatedMinutes: 12,
          body: {
            fr: `## Un chemin en plusieurs étapes

- **Maroc Numeric 2013** (lancée en 2009) : première stratégie nationale, centrée sur l'accès à Internet, l'administration électronique et l'économie numérique.
- **Maroc Digital 2020** (lancée en 2016) : transformation numérique de l'économie et de l'administration, réduction de la fracture numérique, positionnement du Maroc comme hub numérique régional. C'est à cette stratégie que se référaient les intervenants du séminaire d'Oujda en 2017.
- **L'Agence de Développement du Digital (ADD)**, créée par la loi 61-16 (2017), est chargée de mettre en œuvre la stratégie de l'État dans le domaine du digital.
- **Maroc Digital 2030** (présentée en 2024) : digitalisation des services publics et développement de l'économie numérique, avec des objectifs de création d'emplois et de formation de talents numériques.

## Ce que cela change pour les territoires

Avec la régionalisation avancée (loi organique 111-14 relative aux régions), la région porte le développement économique de son territoire, notamment à travers son **Programme de développement régional (PDR)**. La stratégie nationale fixe le cap ; la région, les communes et leurs partenaires la traduisent en actions concrètes : espaces numériques, formation des jeunes, accompagnement des coopératives, incubateurs.

## Comment un coach utilise ces politiques

1. **Connaître les programmes** : lire les documents officiels les plus récents (ministère chargé de la transition numérique, ADD, conseil régional).
2. **Relier les besoins locaux aux dispositifs** : une coopérative qui veut vendre en ligne peut relever d'un programme de formation, d'un appel à projets régional ou d'un financement de l'INDH.
3. **Vérifier dates et conditions** : les programmes changent ; un coach cite toujours sa source et sa date.

## Exemple

Une coopérative de safran de Taliouine souhaite ouvrir une boutique en ligne. Le coach repère un appel à projets régional qui finance la formation de jeunes au marketing digital. Il aide la coopérative à monter son dossier en montrant le lien entre son projet, les priorités du PDR et les objectifs de la stratégie nationale : plus de ventes, des emplois pour deux jeunes du douar, des compétences qui restent sur le territoire.`,
            en: `## A path in several stages

- **Maroc Numeric 2013** (launched in 2009): the first national strategy, focused on Internet access, e-government and the digital economy.
- **Maroc Digital 2020** (launched in 2016): digital transformation of the economy and public administration, reducing the digital divide, positioning Morocco as a regional digital hub. This is the strategy the speakers at the 2017 Oujda seminar referred to.
- **The Digital Development Agency (ADD)**, created by Law 61-16 (2017), is responsible for implementing the State's strategy in the digital field.
- **Maroc Digital 2030** (presented in 2024): digitalisation of public services and development of the digital economy, with targets for job creation and training of digital talent.

## What this changes for territories

With advanced regionalisation (Organic Law 111-14 on regions), the region leads the economic development of its territory, in particular through its **Regional Development Programme (PDR)**. The national strategy sets the direction; the region, the municipalities and their partners turn it into concrete actions: digital spaces, youth training, support for cooperatives, incubators.

## How a coach uses these policies

1. **Know the programmes**: read the most recent official documents (ministry in charge of digital transition, ADD, regional council).
2. **Link local needs to existing schemes**: a cooperative that wants to sell online may qualify for a training programme, a regional call for projects or INDH funding.
3. **Check dates and conditions**: programmes change; a coach always cites the source and its date.

## Example

A saffron cooperative in Taliouine wants to open an online shop. The coach finds a regional call for projects that funds digital-marketing training for young people. The coach helps the cooperative build its application by showing the link between its project, the priorities of the PDR and the goals of the national strategy: more sales, jobs for two young people from the village, and skills that stay in the territory.`,
            ar: `## مسار من عدة مراحل

- **المغرب الرقمي 2013** (أُطلقت سنة 2009): أول استراتيجية وطنية، ركّزت على الولوج إلى الإنترنت والإدارة الإلكترونية والاقتصاد الرقمي.
- **المغرب الرقمي 2020** (أُطلقت سنة 2016): التحول الرقمي للاقتصاد والإدارة، وتقليص الفجوة الرقمية، وجعل المغرب قطبًا رقميًا إقليميًا. وهي الاستراتيجية التي استند إليها المتدخلون في ندوة وجدة سنة 2017.
- **وكالة التنمية الرقمية**، المحدثة بموجب القانون 61-16 (2017)، مكلفة بتنفيذ استراتيجية الدولة في المجال الرقمي.
- **المغرب الرقمي 2030** (قُدّمت سنة 2024): رقمنة الخدمات العمومية وتطوير الاقتصاد الرقمي، مع أهداف لخلق فرص الشغل وتكوين الكفاءات الرقمية.

## ما الذي يتغير بالنسبة للمجالات الترابية؟

في إطار الجهوية المتقدمة (القانون التنظيمي 111-14 المتعلق بالجهات)، تتولى الجهة النهوض بالتنمية الاقتصادية لترابها، خاصة من خلال **برنامج التنمية الجهوية**. تحدد الاستراتيجية الوطنية التوجه العام، وتترجمه الجهة والجماعات وشركاؤها إلى أعمال ملموسة: فضاءات رقمية، وتكوين الشباب، ومواكبة التعاونيات، وحاضنات المقاولات.

## كيف يستفيد المدرب من هذه السياسات؟

1. **معرفة البرامج**: الاطلاع على أحدث الوثائق الرسمية (الوزارة المكلفة بالانتقال الرقمي، وكالة التنمية الرقمية، مجلس الجهة).
2. **ربط الحاجيات المحلية بالآليات المتاحة**: قد تستفيد تعاونية ترغب في البيع عبر الإنترنت من برنامج للتكوين أو من طلب مشاريع جهوي أو من تمويل المبادرة الوطنية للتنمية البشرية.
3. **التحقق من التواريخ والشروط**: البرامج تتغير، والمدرب يذكر دائمًا مصدره وتاريخه.

## مثال

ترغب تعاونية للزعفران في تالوين في فتح متجر إلكتروني. يعثر المدرب على طلب مشاريع جهوي يموّل تكوين الشباب في التسويق الرقمي، فيساعد التعاونية على إعداد ملفها مبيّنًا الصلة بين مشروعها وأولويات برنامج التنمية الجهوية وأهداف الاستراتيجية الوطنية: مبيعات أكثر، وفرص شغل لشابين من الدوار، وكفاءات تبقى في المجال الترابي.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm1-l3',
          kind: 'text',
          title: {
            fr: 'Le métier de coach territorial',
            en: 'What a territorial coach does',
            ar: 'مهنة المدرب الترابي',
          },
          competences: ['5.4', '2.4'],
          estimatedMinutes: 12,
          body: {
            fr: `Le coach territorial accompagne les acteurs locaux — coopératives, jeunes entrepreneurs, associations, services des collectivités — pour qu'ils deviennent **autonomes**. Il ne fait pas à leur place : il les aide à voir clair, à choisir et à progresser.

## Une démarche en quatre étapes

1. **Diagnostiquer** : quels équipements (smartphone, ordinateur, connexion) ? quelles compétences ? quels problèmes concrets (ventes, comptes, communication) ? Le cadre européen **DigComp** aide à situer les compétences numériques de chacun sur 8 niveaux.
2. **Planifier** : fixer 2 ou 3 objectifs réalistes, avec un calendrier et une personne responsable.
3. **Accompagner** : ateliers courts, pratique sur les téléphones des membres, suivi à distance par messagerie.
4. **Évaluer** : mesurer avec quelques indicateurs simples (commandes reçues en ligne, comptes à jour, membres formés).

## Les postures du coach

- **Écouter avant de proposer** : la meilleure solution est celle que la coopérative utilisera vraiment.
- **Rester neutre** vis-à-vis des vendeurs de logiciels : comparer plusieurs options, privilégier le simple et le peu coûteux.
- **Mettre en réseau** : relier la coopérative à la région, à l'Office du développement de la coopération (ODCO), aux programmes de l'INDH, aux incubateurs, aux transporteurs.
- **Protéger** : rappeler les règles de sécurité et de protection des données.
- **Transmettre** : former un « référent numérique » dans chaque coopérative.

## Exemple

Dans une coopérative de tissage de l'Oriental, le diagnostic révèle que toutes les membres ont un smartphone, mais qu'une seule sait envoyer une photo de bonne qualité. Objectif fixé pour trois mois : cinq tisserandes savent photographier un tapis et l'envoyer à un client, et une membre tient le carnet de commandes sur tableur. Au bilan, la coopérative a reçu ses premières commandes à distance, et c'est la référente numérique qui forme désormais les nouvelles adhérentes.`,
            en: `The territorial coach supports local actors — cooperatives, young entrepreneurs, associations, local-authority departments — so that they become **autonomous**. The coach does not do the work for them: the coach helps them see clearly, choose and progress.

## A four-step approach

1. **Diagnose**: what equipment (smartphone, computer, connection)? what skills? what concrete problems (sales, accounts, communication)? The European **DigComp** framework helps place each person's digital competences on 8 levels.
2. **Plan**: set 2 or 3 realistic objectives, with a timetable and a person in charge.
3. **Support**: short workshops, practice on members' own phones, remote follow-up by messaging.
4. **Evaluate**: measure with a few simple indicators (orders received online, accounts up to date, members trained).

## The coach's attitudes

- **Listen before proposing**: the best solution is the one the cooperative will actually use.
- **Stay neutral** towards software sellers: compare several options, favour what is simple and cheap.
- **Build networks**: connect the cooperative with the region, the Office for Cooperative Development (ODCO), INDH programmes, incubators, carriers.
- **Protect**: remind people of security and data-protection rules.
- **Pass on skills**: train a "digital focal person" in each cooperative.

## Example

In a weaving cooperative in the Oriental region, the diagnosis shows that all the members have a smartphone, but only one knows how to send a good-quality photo. Objective for three months: five weavers can photograph a rug and send it to a customer, and one member keeps the order book in a spreadsheet. At the review, the cooperative has received its first remote orders, and the digital focal person now trains new members herself.`,
            ar: `يواكب المدرب الترابي الفاعلين المحليين — التعاونيات والمقاولين الشباب والجمعيات ومصالح الجماعات الترابية — حتى يصبحوا **مستقلين**. فهو لا يعمل مكانهم، بل يساعدهم على الرؤية بوضوح والاختيار والتقدم.

## منهجية من أربع مراحل

1. **التشخيص**: ما التجهيزات المتوفرة (هاتف ذكي، حاسوب، اتصال)؟ ما الكفاءات؟ ما المشاكل الملموسة (المبيعات، الحسابات، التواصل)؟ ويساعد الإطار الأوروبي **DigComp** على تحديد مستوى الكفاءات الرقمية لكل شخص ضمن ثمانية مستويات.
2. **التخطيط**: تحديد هدفين أو ثلاثة أهداف واقعية، مع جدول زمني وشخص مسؤول.
3. **المواكبة**: ورشات قصيرة، وتطبيق عملي على هواتف الأعضاء، وتتبع عن بُعد عبر المراسلة.
4. **التقييم**: القياس بمؤشرات بسيطة (الطلبيات الواردة عبر الإنترنت، الحسابات المحيّنة، الأعضاء المكوَّنون).

## مواقف المدرب

- **الإصغاء قبل الاقتراح**: أفضل حل هو الذي ستستعمله التعاونية فعلًا.
- **الحياد** تجاه بائعي البرمجيات: مقارنة عدة خيارات وتفضيل البسيط والأقل تكلفة.
- **بناء الشبكات**: ربط التعاونية بالجهة وبمكتب تنمية التعاون وببرامج المبادرة الوطنية للتنمية البشرية وبحاضنات المقاولات وبشركات النقل.
- **الحماية**: التذكير بقواعد الأمان وحماية المعطيات الشخصية.
- **نقل المعرفة**: تكوين «مرجع رقمي» داخل كل تعاونية.

## مثال

في تعاونية للنسيج بجهة الشرق، كشف التشخيص أن جميع العضوات يملكن هاتفًا ذكيًا، لكن واحدة فقط تعرف كيف ترسل صورة جيدة. الهدف المحدد لثلاثة أشهر: أن تتمكن خمس نسّاجات من تصوير زربية وإرسالها إلى زبون، وأن تمسك عضوة دفتر الطلبيات على جدول إلكتروني. وعند التقييم، كانت التعاونية قد تلقت أولى طلبياتها عن بُعد، وأصبحت المرجع الرقمي هي من تكوّن العضوات الجديدات.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm1-quiz',
          kind: 'quiz',
          title: {
            fr: 'Quiz : le numérique et les territoires',
            en: 'Quiz: digital technology and territories',
            ar: 'اختبار: الرقمنة والمجالات الترابية',
          },
          competences: ['2.3', '5.4'],
          estimatedMinutes: 10,
          body: {
            fr: 'Vérifiez ce que vous avez retenu du module 1 avant de passer à la digitalisation des coopératives.',
            en: 'Check what you have learnt in module 1 before moving on to digitalising cooperatives.',
            ar: 'تحقّق مما استوعبته في الوحدة الأولى قبل الانتقال إلى رقمنة التعاونيات.',
          },
          media: null,
          quiz: {
            passMark: 70,
            maxAttempts: 3,
            revealAnswers: 'after_pass_or_last_attempt',
            questions: [
              {
                key: 'q1',
                type: 'single',
                prompt: {
                  fr: "À quelle stratégie nationale les intervenants du séminaire d'Oujda (2017) se référaient-ils ?",
                  en: 'Which national strategy did the speakers at the Oujda seminar (2017) refer to?',
                },
                points: 1,
                options: [
                  { key: 'a', text: { fr: 'Maroc Numeric 2013', en: 'Maroc Numeric 2013' }, correct: false },
                  {
                    key: 'b',
                    text: { fr: 'Maroc Digital 2020', en: 'Maroc Digital 2020' },
                    correct: true,
                    feedback: {
                      fr: 'Oui : lancée en 2016, elle était en cours en 2017.',
                      en: 'Yes: launched in 2016, it was under way in 2017.',
                    },
                  },
                  {
                    key: 'c',
                    text: { fr: 'Maroc Digital 2030', en: 'Maroc Digital 2030' },
                    correct: false,
                    feedback: {
                      fr: 'Cette stratégie a été présentée en 2024, bien après le séminaire.',
                      en: 'This strategy was presented in 2024, long after the seminar.',
                    },
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'Maroc Numeric 2013 (2009), puis Maroc Digital 2020 (2016), puis Maroc Digital 2030 (2024) : en 2017, la référence était Maroc Digital 2020.',
                  en: 'Maroc Numeric 2013 (2009), then Maroc Digital 2020 (2016), then Maroc Digital 2030 (2024): in 2017 the reference was Maroc Digital 2020.',
                },
              },
              {
                key: 'q2',
                type: 'multiple',
                prompt: {
                  fr: 'Parmi ces éléments, lesquels sont des conditions pour que le numérique serve le développement d’un territoire ?',
                  en: 'Which of these are conditions for digital technology to serve the development of a territory?',
                },
                points: 2,
                options: [
                  {
                    key: 'a',
                    text: {
                      fr: 'La connectivité, y compris en zone rurale',
                      en: 'Connectivity, including in rural areas',
                    },
                    correct: true,
                  },
                  {
                    key: 'b',
                    text: { fr: 'Les compétences numériques des habitants', en: "Residents' digital skills" },
                    correct: true,
                  },
                  {
                    key: 'c',
                    text: {
                      fr: 'Des usages qui partent des besoins réels des acteurs',
                      en: "Uses that start from local actors' real needs",
                    },
                    correct: true,
                  },
                  {
                    key: 'd',
                    text: {
                      fr: 'Acheter les logiciels les plus chers du marché',
                      en: 'Buying the most expensive software on the market',
                    },
                    correct: false,
                    feedback: {
                      fr: 'Le coût ne garantit pas l’usage : on part du besoin, pas de l’outil.',
                      en: 'Cost does not guarantee use: start from the need, not from the tool.',
                    },
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'Les quatre conditions vues dans la leçon : connectivité, compétences, usages utiles et écosystème local.',
                  en: 'The four conditions seen in the lesson: connectivity, skills, useful uses and a local ecosystem.',
                },
              },
              {
                key: 'q3',
                type: 'true_false',
                prompt: {
                  fr: 'Un bon coach territorial fait le travail numérique à la place de la coopérative pour aller plus vite.',
                  en: 'A good territorial coach does the digital work for the cooperative to save time.',
                },
                points: 1,
                options: trueFalse('false'),
                acceptedAnswers: [],
                explanation: {
                  fr: 'Le coach vise l’autonomie : il accompagne, forme un référent numérique et transmet ses savoir-faire.',
                  en: 'The coach aims for autonomy: supporting, training a digital focal person and passing on skills.',
                },
              },
              {
                key: 'q4',
                type: 'single',
                prompt: {
                  fr: 'Quelle est la première étape de la démarche d’accompagnement du coach ?',
                  en: "What is the first step of the coach's support approach?",
                },
                points: 1,
                options: [
                  {
                    key: 'a',
                    text: { fr: 'Évaluer les résultats', en: 'Evaluate the results' },
                    correct: false,
                  },
                  {
                    key: 'b',
                    text: {
                      fr: 'Diagnostiquer équipements, compétences et problèmes',
                      en: 'Diagnose equipment, skills and problems',
                    },
                    correct: true,
                  },
                  {
                    key: 'c',
                    text: { fr: 'Créer un site web', en: 'Create a website' },
                    correct: false,
                    feedback: {
                      fr: 'Peut-être plus tard, si le diagnostic montre que c’est utile.',
                      en: 'Perhaps later, if the diagnosis shows it is useful.',
                    },
                  },
                  {
                    key: 'd',
                    text: { fr: 'Acheter un logiciel de gestion', en: 'Buy management software' },
                    correct: false,
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'Diagnostiquer, planifier, accompagner, évaluer : on ne choisit pas d’outil avant de connaître la situation.',
                  en: 'Diagnose, plan, support, evaluate: no tool is chosen before the situation is known.',
                },
              },
              {
                key: 'q5',
                type: 'short_answer',
                prompt: {
                  fr: 'Quel est le nom du cadre européen qui décrit les compétences numériques sur 8 niveaux ?',
                  en: 'What is the name of the European framework that describes digital competences on 8 levels?',
                },
                points: 1,
                options: [],
                acceptedAnswers: ['DigComp', 'Dig Comp', 'DigComp 2.2'],
                explanation: {
                  fr: 'DigComp (version 2.2, Commission européenne, 2022) : 5 domaines, 21 compétences, 8 niveaux de maîtrise.',
                  en: 'DigComp (version 2.2, European Commission, 2022): 5 areas, 21 competences, 8 proficiency levels.',
                },
              },
            ],
          },
        },
      ],
    },
    // ------------------------------------------------------------------ module 2
    {
      key: 'm2',
      title: {
        fr: "Digitaliser les coopératives de l'ESS",
        en: 'Digitalising SSE cooperatives',
        ar: 'رقمنة تعاونيات الاقتصاد الاجتماعي والتضامني',
      },
      lessons: [
        {
          key: 'm2-l1',
          kind: 'text',
          title: {
            fr: 'Pourquoi et comment digitaliser une coopérative',
            en: 'Why and how to digitalise a cooperative',
            ar: 'لماذا وكيف نرقمن تعاونية؟',
          },
          competences: ['5.2', '5.4'],
          estimatedMinutes: 12,
          body: {
            fr: `## Pourquoi ?

Une coopérative de l'économie sociale et solidaire (ESS) repose sur la confiance entre ses membres et avec ses clients. Le numérique peut renforcer cette confiance :

- **Transparence** : des comptes à jour et partagés avec les membres réduisent les soupçons et les conflits.
- **Traçabilité** : noter chaque lot (date de récolte, productrice, quantité) rassure les acheteurs et les services de contrôle.
- **Nouveaux clients** : catalogue en ligne, réponse rapide aux commandes, présence sur les réseaux sociaux.
- **Accès aux financements** : un bailleur ou un programme public demande des chiffres fiables.
- **Moins d'erreurs et de temps perdu** : calculs automatiques, historique facile à retrouver.

## Comment ?

1. **Partir d'un besoin concret**, pas d'un outil : « nous perdons des commandes », « nous ne savons pas combien d'huile il reste en stock ».
2. **Commencer petit**, avec ce que les membres ont déjà : smartphone, messagerie, tableur gratuit.
3. **Désigner un référent numérique** et former une deuxième personne, pour ne pas dépendre d'un seul membre.
4. **Fixer des règles simples** : qui saisit quoi et quand, où sont rangés les fichiers, qui garde les mots de passe (jamais une seule personne).
5. **Mesurer et ajuster** après un ou deux mois.

## Les pièges fréquents

- Acheter un logiciel coûteux que personne n'utilise.
- Ouvrir des comptes sur tous les réseaux sans pouvoir les animer.
- Oublier les membres qui lisent peu : prévoir des messages vocaux, des pictogrammes, des explications en darija ou en amazighe.

## Exemple

Une coopérative féminine de couscous roulé à la main, près d'Oujda, perdait des commandes passées par téléphone. Première étape choisie avec le coach : un carnet de commandes partagé sur tableur, rempli par deux membres. En un mois, plus aucune commande oubliée, et la présidente peut dire à chaque membre combien de kilos ont été vendus.`,
            en: `## Why?

A social and solidarity economy (SSE) cooperative relies on trust between its members and with its customers. Digital tools can strengthen that trust:

- **Transparency**: up-to-date accounts shared with members reduce suspicion and conflict.
- **Traceability**: recording each batch (harvest date, producer, quantity) reassures buyers and inspection services.
- **New customers**: online catalogue, quick replies to orders, presence on social media.
- **Access to funding**: a donor or public programme asks for reliable figures.
- **Fewer errors and less wasted time**: automatic calculations, history that is easy to find.

## How?

1. **Start from a concrete need**, not from a tool: "we lose orders", "we do not know how much oil is left in stock".
2. **Start small**, with what members already have: smartphone, messaging, a free spreadsheet.
3. **Appoint a digital focal person** and train a second one, so as not to depend on a single member.
4. **Set simple rules**: who records what and when, where files are kept, who holds the passwords (never a single person).
5. **Measure and adjust** after one or two months.

## Common pitfalls

- Buying expensive software that nobody uses.
- Opening accounts on every network without the capacity to run them.
- Forgetting members who read little: plan voice messages, pictograms, explanations in Darija or Amazigh.

## Example

A women's cooperative making hand-rolled couscous near Oujda was losing orders placed by phone. The first step chosen with the coach: a shared order book in a spreadsheet, filled in by two members. Within a month no order was forgotten any more, and the president can tell each member how many kilos have been sold.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm2-l2',
          kind: 'text',
          title: {
            fr: 'Les outils du quotidien : comptes, stock, communication',
            en: 'Everyday tools: accounts, stock, communication',
            ar: 'أدوات العمل اليومي: الحسابات والمخزون والتواصل',
          },
          competences: ['1.3', '2.1', '2.4'],
          estimatedMinutes: 15,
          body: {
            fr: `Pas besoin de logiciel coûteux : un smartphone, un tableur gratuit (Google Sheets, LibreOffice Calc, Excel) et une messagerie professionnelle couvrent l'essentiel.

## 1. Le journal de caisse

Une ligne par opération :

| Date | Libellé | Entrée (MAD) | Sortie (MAD) | Justificatif | Saisi par |
|---|---|---|---|---|---|

Le tableur calcule le solde automatiquement. Le justificatif (photo du reçu) est rangé dans un dossier partagé et nommé avec la date. Chaque mois, on compare le solde avec l'argent réellement en caisse et en banque.

## 2. La fiche de stock

Pour un produit agricole, la **traçabilité** passe par le **numéro de lot** :

| N° de lot | Produit | Date de récolte ou de production | Quantité | Sorties | Reste |
|---|---|---|---|---|---|

Exemple : ARG-2025-03 pour le troisième lot d'huile d'argan de 2025.

## 3. La communication

- **WhatsApp Business** : profil de la coopérative (adresse, horaires), catalogue de produits avec prix, réponses rapides, étiquettes pour suivre les commandes.
- **Une page Facebook ou Instagram** animée régulièrement, plutôt que cinq comptes abandonnés.
- **Une adresse e-mail au nom de la coopérative** pour les partenaires et les administrations.

## 4. Ranger et sauvegarder

- Un dossier partagé (Google Drive, OneDrive…) avec des sous-dossiers : Comptes, Stock, Photos, AG, Administratif.
- Une sauvegarde régulière sur un second support.

## Exemple : une coopérative d'huile d'argan

Une coopérative d'argan de la région d'Essaouira tient son stock par lot. Quand une boutique de Rabat signale une bouteille au goût anormal, la coopérative retrouve en deux minutes le lot, la date de pressage et les autres clients livrés avec ce lot. Sans fiche de stock, il aurait fallu rappeler tous les clients.`,
            en: `No need for expensive software: a smartphone, a free spreadsheet (Google Sheets, LibreOffice Calc, Excel) and a business messaging app cover the essentials.

## 1. The cash book

One row per transaction:

| Date | Description | In (MAD) | Out (MAD) | Receipt | Entered by |
|---|---|---|---|---|---|

The spreadsheet calculates the balance automatically. The receipt (a photo) is stored in a shared folder and named with the date. Every month, compare the balance with the money actually in the cash box and the bank.

## 2. The stock sheet

For an agricultural product, **traceability** relies on the **batch number** (lot number):

| Batch no. | Product | Harvest or production date | Quantity | Out | Remaining |
|---|---|---|---|---|---|

Example: ARG-2025-03 for the third batch of argan oil in 2025.

## 3. Communication

- **WhatsApp Business**: cooperative profile (address, opening hours), product catalogue with prices, quick replies, labels to track orders.
- **One Facebook or Instagram page** updated regularly, rather than five abandoned accounts.
- **An e-mail address in the cooperative's name** for partners and public administrations.

## 4. Organise and back up

- A shared folder (Google Drive, OneDrive…) with sub-folders: Accounts, Stock, Photos, General assembly, Administration.
- A regular backup on a second medium.

## Example: an argan oil cooperative

An argan cooperative in the Essaouira region keeps its stock by batch. When a shop in Rabat reports a bottle with an abnormal taste, the cooperative finds within two minutes the batch, the pressing date and the other customers who received that batch. Without a stock sheet, it would have had to call every customer.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm2-l3',
          kind: 'text',
          title: {
            fr: "L'expérience de la région de l'Oriental",
            en: 'The experience of the Oriental region',
            ar: 'تجربة جهة الشرق',
          },
          competences: ['2.3', '2.4'],
          estimatedMinutes: 10,
          body: {
            fr: `## Le séminaire d'Oujda (22 décembre 2017)

Le Conseil régional de l'Oriental et le Programme de coaching territorial ont réuni plus de 100 participants à Oujda autour du secteur numérique ; l'Académie africaine des collectivités territoriales (ALGA) de CGLU Afrique y était représentée. Les responsables régionaux ont affiché une ambition : faire de l'Oriental un **pôle du numérique**, dans le cadre de Maroc Digital 2020. La région comptait déjà des réussites : deux jeunes entrepreneurs de l'Oriental avaient remporté le premier prix national dans le domaine du numérique.

## Les thèmes discutés

- le rôle du numérique dans le développement économique et social des territoires ;
- la digitalisation de l'ESS : pourquoi et comment ;
- la coopération Sud-Sud et un premier hub de commercialisation des produits de l'ESS grâce au commerce électronique ;
- les outils du coaching territorial au service des synergies locales, des partenariats et de la bonne gouvernance des coopératives.

## Les recommandations

1. Ouvrir et faciliter l'**accès au marché numérique** pour les acteurs économiques de la région, dont les coopératives et les jeunes entrepreneurs.
2. Encourager et accompagner les **jeunes entrepreneurs du numérique**.
3. Créer une **filière de professionnels du numérique** pour les jeunes, avec des dispositifs d'appui efficaces à la création d'emplois.
4. Renforcer le coaching territorial en donnant aux futurs coachs des **connaissances pratiques du numérique** — c'est l'objet de ce cours.

## Leçons pour le coach

- La volonté politique locale existe : appuyez-vous sur le conseil régional et ses programmes.
- Les jeunes du territoire sont une ressource : un jeune diplômé peut devenir prestataire (photos, pages, sites) pour plusieurs coopératives.
- Pensez collectif : une vitrine commune coûte moins cher qu'un site par coopérative.

## Exemple

Trois coopératives de l'Oriental (miel, huile d'olive, tapis) partagent un photographe et une vitrine en ligne commune, animée par une jeune entrepreneuse locale rémunérée à la commission. Chaque coopérative garde ses prix et sa marque ; les frais sont partagés.`,
            en: `## The Oujda seminar (22 December 2017)

The Oriental Regional Council and the Territorial Coaching Program brought together more than 100 participants in Oujda to discuss the digital sector; UCLG Africa's African Local Government Academy (ALGA) was represented. Regional leaders set out an ambition: to make the Oriental a **digital hub**, within the framework of Maroc Digital 2020. The region already had success stories: two young entrepreneurs from the Oriental had won first prize at national level for their work in the digital field.

## Themes discussed

- the role of the digital sector in the economic and social development of territories;
- digitalising the SSE: why and how;
- South-South cooperation and a first hub for marketing SSE products through e-commerce;
- territorial coaching tools serving local synergies, partnerships and the good governance of cooperatives.

## Recommendations

1. Open and facilitate **access to the digital market** for the region's economic actors, including cooperatives and young entrepreneurs.
2. Encourage and support **young entrepreneurs in the digital sector**.
3. Build a **digital professional sector** for young people, with effective support mechanisms for job creation.
4. Strengthen territorial coaching by giving future coaches **practical knowledge of the digital sector** — which is the purpose of this course.

## Lessons for the coach

- Local political will exists: rely on the regional council and its programmes.
- Young people in the territory are a resource: a young graduate can become a service provider (photos, pages, websites) for several cooperatives.
- Think collectively: a shared showcase costs less than one website per cooperative.

## Example

Three cooperatives in the Oriental (honey, olive oil, rugs) share one photographer and one online showcase, run by a young local entrepreneur paid on commission. Each cooperative keeps its own prices and brand; costs are shared.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm2-quiz',
          kind: 'quiz',
          title: {
            fr: 'Quiz : digitaliser une coopérative',
            en: 'Quiz: digitalising a cooperative',
            ar: 'اختبار: رقمنة التعاونية',
          },
          competences: ['1.3', '5.2'],
          estimatedMinutes: 10,
          body: {
            fr: 'Quelques questions pour vérifier que vous savez accompagner les premiers pas numériques d’une coopérative.',
            en: "A few questions to check that you can support a cooperative's first digital steps.",
          },
          media: null,
          quiz: {
            passMark: 70,
            maxAttempts: 3,
            revealAnswers: 'after_pass_or_last_attempt',
            questions: [
              {
                key: 'q1',
                type: 'multiple',
                prompt: {
                  fr: 'Quelles sont de bonnes raisons de digitaliser une coopérative ?',
                  en: 'Which are good reasons to digitalise a cooperative?',
                },
                points: 2,
                options: [
                  {
                    key: 'a',
                    text: {
                      fr: 'Rendre les comptes transparents pour les membres',
                      en: 'Make the accounts transparent to members',
                    },
                    correct: true,
                  },
                  {
                    key: 'b',
                    text: { fr: 'Assurer la traçabilité des lots', en: 'Ensure batch traceability' },
                    correct: true,
                  },
                  {
                    key: 'c',
                    text: { fr: 'Toucher de nouveaux clients', en: 'Reach new customers' },
                    correct: true,
                  },
                  {
                    key: 'd',
                    text: { fr: 'Supprimer l’assemblée générale', en: 'Do away with the general assembly' },
                    correct: false,
                    feedback: {
                      fr: 'Le numérique aide à préparer l’AG, il ne la remplace pas.',
                      en: 'Digital tools help prepare the general assembly; they do not replace it.',
                    },
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'Transparence, traçabilité, nouveaux clients, accès aux financements et moins d’erreurs : le numérique renforce la confiance.',
                  en: 'Transparency, traceability, new customers, access to funding and fewer errors: digital tools strengthen trust.',
                },
              },
              {
                key: 'q2',
                type: 'single',
                prompt: {
                  fr: 'Une coopérative veut « se digitaliser ». Que lui conseillez-vous d’abord ?',
                  en: 'A cooperative wants to "go digital". What do you advise first?',
                },
                points: 1,
                options: [
                  {
                    key: 'a',
                    text: {
                      fr: 'Acheter un logiciel de gestion complet',
                      en: 'Buy a complete management software package',
                    },
                    correct: false,
                    feedback: {
                      fr: 'Piège fréquent : un outil coûteux que personne n’utilise.',
                      en: 'A common pitfall: an expensive tool that nobody uses.',
                    },
                  },
                  {
                    key: 'b',
                    text: {
                      fr: 'Partir d’un besoin concret et commencer petit avec les outils déjà disponibles',
                      en: 'Start from a concrete need and start small with the tools already available',
                    },
                    correct: true,
                  },
                  {
                    key: 'c',
                    text: {
                      fr: 'Ouvrir un compte sur tous les réseaux sociaux',
                      en: 'Open an account on every social network',
                    },
                    correct: false,
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'On part du problème (« nous perdons des commandes ») et on commence avec le smartphone, la messagerie et un tableur gratuit.',
                  en: 'Start from the problem ("we lose orders") and begin with the smartphone, messaging and a free spreadsheet.',
                },
              },
              {
                key: 'q3',
                type: 'true_false',
                prompt: {
                  fr: 'Il est prudent qu’une seule personne connaisse tous les mots de passe de la coopérative.',
                  en: "It is wise for only one person to know all of the cooperative's passwords.",
                },
                points: 1,
                options: trueFalse('false'),
                acceptedAnswers: [],
                explanation: {
                  fr: 'Si cette personne part ou tombe malade, la coopérative perd l’accès à ses comptes : au moins deux personnes de confiance doivent y avoir accès.',
                  en: 'If that person leaves or falls ill, the cooperative loses access to its accounts: at least two trusted people must have access.',
                },
              },
              {
                key: 'q4',
                type: 'short_answer',
                prompt: {
                  fr: 'Sur la fiche de stock, quel identifiant permet de retrouver la récolte d’origine d’une bouteille d’huile d’argan ?',
                  en: 'On the stock sheet, which identifier lets you trace a bottle of argan oil back to its original harvest?',
                },
                points: 1,
                options: [],
                acceptedAnswers: ['numéro de lot', 'n° de lot', 'batch number', 'lot number'],
                explanation: {
                  fr: 'Le numéro de lot (par ex. ARG-2025-03) relie chaque produit vendu à sa date de récolte ou de production.',
                  en: 'The batch (lot) number, e.g. ARG-2025-03, links each product sold to its harvest or production date.',
                },
              },
              {
                key: 'q5',
                type: 'single',
                prompt: {
                  fr: 'Laquelle de ces propositions fait partie des recommandations du séminaire d’Oujda ?',
                  en: 'Which of these is one of the recommendations of the Oujda seminar?',
                },
                points: 1,
                options: [
                  {
                    key: 'a',
                    text: {
                      fr: 'Faciliter l’accès au marché numérique pour les coopératives et les jeunes entrepreneurs',
                      en: 'Facilitate access to the digital market for cooperatives and young entrepreneurs',
                    },
                    correct: true,
                  },
                  {
                    key: 'b',
                    text: {
                      fr: 'Confier toutes les ventes à une plateforme étrangère',
                      en: 'Hand all sales over to a foreign platform',
                    },
                    correct: false,
                  },
                  {
                    key: 'c',
                    text: {
                      fr: 'Réserver le numérique aux grandes entreprises',
                      en: 'Keep digital technology for large companies',
                    },
                    correct: false,
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'Le séminaire a aussi recommandé d’appuyer les jeunes entrepreneurs du numérique et de mieux outiller les coachs territoriaux.',
                  en: 'The seminar also recommended supporting young digital entrepreneurs and better equipping territorial coaches.',
                },
              },
            ],
          },
        },
      ],
    },
    // ------------------------------------------------------------------ module 3
    {
      key: 'm3',
      title: {
        fr: 'Vendre ses produits en ligne',
        en: 'Selling products online',
        ar: 'بيع المنتجات عبر الإنترنت',
      },
      lessons: [
        {
          key: 'm3-l1',
          kind: 'text',
          title: {
            fr: 'Les bases du commerce électronique et le site web simple',
            en: 'E-commerce basics and a simple website',
            ar: 'أساسيات التجارة الإلكترونية والموقع الإلكتروني البسيط',
          },
          competences: ['3.1', '2.2'],
          estimatedMinutes: 12,
          body: {
            fr: `## Trois façons de vendre en ligne

| Canal | Avantages | Limites |
|---|---|---|
| Site web de la coopérative | image maîtrisée, pas de commission | il faut le faire connaître |
| Place de marché (marketplace) | beaucoup de visiteurs | commissions, règles imposées |
| Réseaux sociaux et messageries | gratuit, proche des clients | demande du temps, dépendance à la plateforme |

La plupart des coopératives combinent ces canaux, en commençant par les réseaux sociaux et la messagerie.

## Le parcours d'une vente

1. Le client **découvre** le produit (recherche, publication, bouche-à-oreille).
2. Il **se renseigne** : photos, prix, origine, avis.
3. Il **commande** : message, formulaire ou panier.
4. Il **paie** : à la livraison, par virement ou par carte.
5. Il **reçoit** le colis, **donne son avis** et, si tout va bien, recommande la coopérative.

Chaque étape mal gérée fait perdre des clients : un message resté trois jours sans réponse, c'est une vente perdue.

## Un site web simple suffit

Au départ, une seule page bien faite peut suffire :

- **Qui sommes-nous** : l'histoire de la coopérative, ses membres, son territoire.
- **Nos produits** : photo, description, prix, conditionnement.
- **Comment commander** : numéro WhatsApp, formulaire, délais et zones de livraison.
- **Contact et informations légales** : adresse, identifiants de la coopérative, politique de retour.

Des outils de création de sites sans programmation (Google Sites, WordPress.com, Wix…) permettent de réaliser cette page en quelques heures. Un nom de domaine en **.ma** renforce l'ancrage marocain ; l'essentiel reste de tenir les informations à jour.

## Exemple

Une coopérative de couscous de la région de Berkane crée une page unique : trois produits (couscous d'orge, de blé complet, de maïs), les prix en dirhams et un bouton qui ouvre une conversation WhatsApp. L'adresse du site est imprimée sur les sachets : chaque client satisfait peut commander de nouveau et la partager.`,
            en: `## Three ways to sell online

| Channel | Advantages | Limits |
|---|---|---|
| The cooperative's website | image under control, no commission | it has to be made known |
| Marketplace | many visitors | commissions, imposed rules |
| Social media and messaging | free, close to customers | time-consuming, dependence on the platform |

Most cooperatives combine these channels, starting with social media and messaging.

## The path of a sale

1. The customer **discovers** the product (search, post, word of mouth).
2. They **find out more**: photos, price, origin, reviews.
3. They **order**: message, form or shopping cart.
4. They **pay**: cash on delivery, bank transfer or card.
5. They **receive** the parcel, **leave a review** and, if all goes well, recommend the cooperative.

Every badly handled step loses customers: a message left unanswered for three days is a lost sale.

## A simple website is enough

To start with, a single well-made page can be enough:

- **About us**: the cooperative's story, its members, its territory.
- **Our products**: photo, description, price, packaging.
- **How to order**: WhatsApp number, form, delivery times and areas.
- **Contact and legal information**: address, the cooperative's identifiers, returns policy.

No-code website builders (Google Sites, WordPress.com, Wix…) make it possible to build this page in a few hours. A **.ma** domain name strengthens the Moroccan identity; what matters most is keeping the information up to date.

## Example

A couscous cooperative in the Berkane area builds a single page: three products (barley, wholewheat and maize couscous), prices in dirhams and a button that opens a WhatsApp chat. The site address is printed on the bags: every satisfied customer can reorder and share it.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm3-l2',
          kind: 'text',
          title: {
            fr: 'Places de marché et vente sur les réseaux sociaux',
            en: 'Marketplaces and social selling',
            ar: 'الأسواق الإلكترونية والبيع عبر شبكات التواصل الاجتماعي',
          },
          competences: ['2.2', '2.6'],
          estimatedMinutes: 12,
          body: {
            fr: `## Les places de marché

Une place de marché (marketplace) est un site où de nombreux vendeurs proposent leurs produits : par exemple Jumia pour le marché marocain, ou Etsy pour l'artisanat vendu à l'international. Avant de s'inscrire, le coach aide la coopérative à vérifier :

- le **montant des commissions et des frais**, à intégrer dans le prix de vente ;
- les **conditions** : stock disponible, délais d'expédition, gestion des retours ;
- les **documents demandés** (statuts, identifiant fiscal, relevé d'identité bancaire) ;
- la capacité de la coopérative à **répondre vite** aux commandes.

## La vente sur les réseaux sociaux

- **Une identité numérique claire** : le même nom, le même logo et la même description partout ; un compte officiel au nom de la coopérative, pas le compte personnel d'un membre.
- **Publier régulièrement** : la récolte, les étapes de fabrication, les membres au travail (avec leur accord), les avis des clients.
- **Répondre à tous les messages**, poliment, y compris aux critiques.
- **Utiliser les catalogues** de WhatsApp Business ou les boutiques Facebook et Instagram.

## Le hub collectif

Le séminaire d'Oujda a mis en avant l'idée d'un **hub de commercialisation des produits de l'ESS**, dans une logique de coopération Sud-Sud : une vitrine commune qui regroupe plusieurs coopératives, partage les frais de photo, de logistique et de promotion, et peut viser les marchés africains.

## Exemple

Une coopérative de tissage vend ses tapis sur Instagram. Chaque semaine, elle publie une courte vidéo d'un tapis en cours de fabrication ; quand le tapis est terminé, les abonnés qui l'ont vu naître le réservent. Pour l'international, elle ouvre une boutique sur une place de marché d'artisanat, après avoir vérifié que la commission reste inférieure à sa marge.`,
            en: `## Marketplaces

A marketplace is a website where many sellers offer their products: for example Jumia for the Moroccan market, or Etsy for crafts sold internationally. Before signing up, the coach helps the cooperative check:

- the **amount of commissions and fees**, to be built into the selling price;
- the **conditions**: available stock, shipping times, handling of returns;
- the **documents required** (statutes, tax identifier, bank details);
- the cooperative's ability to **respond quickly** to orders.

## Social selling

- **A clear digital identity**: the same name, logo and description everywhere; an official account in the cooperative's name, not a member's personal account.
- **Post regularly**: the harvest, the production steps, members at work (with their consent), customer reviews.
- **Answer every message**, politely, including criticism.
- **Use the catalogues** of WhatsApp Business or the Facebook and Instagram shops.

## The collective hub

The Oujda seminar put forward the idea of a **hub for marketing SSE products**, in a spirit of South-South cooperation: a shared showcase that brings several cooperatives together, shares the costs of photography, logistics and promotion, and can target African markets.

## Example

A weaving cooperative sells its rugs on Instagram. Every week it posts a short video of a rug being woven; when the rug is finished, followers who watched it take shape reserve it. For international sales, it opens a shop on a crafts marketplace, after checking that the commission stays below its margin.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm3-l3',
          kind: 'text',
          title: {
            fr: 'Paiement, livraison, photos et confiance',
            en: 'Payment, delivery, photos and trust',
            ar: 'الأداء والتوصيل والصور والثقة',
          },
          competences: ['3.1', '4.2', '1.2'],
          estimatedMinutes: 15,
          body: {
            fr: `## Le paiement

- **Paiement à la livraison** : le plus courant au Maroc pour les petits vendeurs ; rassurant pour le client, mais avec un risque de colis refusés.
- **Virement bancaire** : adapté aux clients réguliers et aux professionnels.
- **Paiement par carte en ligne** : possible via les solutions des banques (au Maroc, le Centre monétique interbancaire, CMI) ou via les plateformes.

## La livraison

- Comparer les transporteurs (Amana de Barid Al-Maghrib, sociétés privées) : prix, délais, zones desservies, suivi des colis.
- Bien emballer : bouteilles calées, étiquettes lisibles.
- Annoncer les frais et délais **avant** la commande.

## Photos et fiches produits

- **Photos** : lumière naturelle, fond neutre, plusieurs angles, un objet pour donner l'échelle.
- **Fiche produit** : nom, origine, poids ou volume, composition, date de production ou numéro de lot, conservation, prix, délai de livraison.
- Citer uniquement les autorisations et labels réels (autorisation sanitaire de l'ONSSA pour les produits alimentaires, appellation d'origine) : jamais de faux label.

## Confiance et données des clients

- Afficher une politique de retour claire ; pour la vente à distance, la loi 31-08 sur la protection du consommateur prévoit un délai de rétractation (sept jours).
- Demander des avis et y répondre.
- Ne collecter que les données nécessaires (nom, téléphone, adresse de livraison), ne pas les partager et les protéger (loi 09-08, voir module 4).

## Exemple : le safran de Taliouine

Photo : des filaments rouges sur une soucoupe blanche, à côté d'une cuillère. Fiche : « Safran en filaments, 1 g, récolte 2025, lot SAF-25-02, coopérative de Taliouine, appellation d'origine protégée Safran de Taliouine. Conserver à l'abri de la lumière. Livraison en 3 à 5 jours, paiement à la livraison. » Le client sait ce qu'il achète, d'où cela vient et quand il sera livré.`,
            en: `## Payment

- **Cash on delivery**: the most common option in Morocco for small sellers; reassuring for the customer, but with a risk of refused parcels.
- **Bank transfer**: suited to regular customers and businesses.
- **Online card payment**: possible through banks' solutions (in Morocco, the Interbank Electronic Payment Centre, CMI) or through platforms.

## Delivery

- Compare carriers (Amana from Barid Al-Maghrib, private companies): price, delivery times, areas served, parcel tracking.
- Pack well: bottles wedged in place, readable labels.
- Announce costs and delivery times **before** the order.

## Photos and product descriptions

- **Photos**: natural light, neutral background, several angles, an object to show scale.
- **Product description**: name, origin, weight or volume, ingredients, production date or batch number, storage, price, delivery time.
- Mention only real authorisations and labels (ONSSA health authorisation for food products, designation of origin): never a fake label.

## Trust and customer data

- Display a clear returns policy; for distance selling, Law 31-08 on consumer protection provides a withdrawal period (seven days).
- Ask for reviews and reply to them.
- Collect only the data you need (name, phone, delivery address), do not share it, and protect it (Law 09-08, see module 4).

## Example: Taliouine saffron

Photo: red threads on a white saucer, next to a spoon. Description: "Saffron threads, 1 g, 2025 harvest, batch SAF-25-02, Taliouine cooperative, protected designation of origin Taliouine Saffron. Store away from light. Delivery in 3 to 5 days, cash on delivery." Customers know what they are buying, where it comes from and when it will arrive.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm3-quiz',
          kind: 'quiz',
          title: {
            fr: 'Quiz : vendre en ligne',
            en: 'Quiz: selling online',
            ar: 'اختبار: البيع عبر الإنترنت',
          },
          competences: ['2.2', '3.1', '4.2'],
          estimatedMinutes: 10,
          body: {
            fr: 'Testez vos connaissances sur la vente en ligne des produits des coopératives.',
            en: "Test your knowledge of selling cooperatives' products online.",
          },
          media: null,
          quiz: {
            passMark: 70,
            maxAttempts: 3,
            revealAnswers: 'after_pass_or_last_attempt',
            questions: [
              {
                key: 'q1',
                type: 'single',
                prompt: {
                  fr: 'Quel mode de paiement est le plus courant au Maroc pour les petits vendeurs en ligne ?',
                  en: 'Which payment method is the most common in Morocco for small online sellers?',
                },
                points: 1,
                options: [
                  {
                    key: 'a',
                    text: { fr: 'Le paiement à la livraison', en: 'Cash on delivery' },
                    correct: true,
                  },
                  { key: 'b', text: { fr: 'Le chèque', en: 'Cheque' }, correct: false },
                  {
                    key: 'c',
                    text: { fr: 'Le paiement par carte uniquement', en: 'Card payment only' },
                    correct: false,
                    feedback: {
                      fr: 'Le paiement par carte existe (CMI, plateformes) mais n’est pas le plus courant chez les petits vendeurs.',
                      en: 'Card payment exists (CMI, platforms) but is not the most common among small sellers.',
                    },
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'Le paiement à la livraison rassure le client ; il faut cependant anticiper le risque de colis refusés.',
                  en: 'Cash on delivery reassures customers, but the risk of refused parcels must be anticipated.',
                },
              },
              {
                key: 'q2',
                type: 'multiple',
                prompt: {
                  fr: 'Que doit contenir une bonne fiche produit ?',
                  en: 'What should a good product description contain?',
                },
                points: 2,
                options: [
                  {
                    key: 'a',
                    text: { fr: 'L’origine du produit', en: 'The origin of the product' },
                    correct: true,
                  },
                  {
                    key: 'b',
                    text: { fr: 'Le poids ou le volume', en: 'The weight or volume' },
                    correct: true,
                  },
                  {
                    key: 'c',
                    text: { fr: 'Le prix et le délai de livraison', en: 'The price and delivery time' },
                    correct: true,
                  },
                  {
                    key: 'd',
                    text: {
                      fr: 'Un label que la coopérative n’a pas obtenu',
                      en: 'A label the cooperative has not obtained',
                    },
                    correct: false,
                    feedback: {
                      fr: 'Jamais de faux label : cela détruit la confiance et peut être sanctionné.',
                      en: 'Never a fake label: it destroys trust and can be penalised.',
                    },
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'Nom, origine, poids ou volume, composition, lot, conservation, prix, délai : le client doit savoir ce qu’il achète.',
                  en: 'Name, origin, weight or volume, ingredients, batch, storage, price, delivery time: the customer must know what they are buying.',
                },
              },
              {
                key: 'q3',
                type: 'true_false',
                prompt: {
                  fr: 'Pour photographier un produit, la lumière naturelle et un fond neutre donnent de bons résultats.',
                  en: 'To photograph a product, natural light and a neutral background give good results.',
                },
                points: 1,
                options: trueFalse('true'),
                acceptedAnswers: [],
                explanation: {
                  fr: 'Lumière naturelle, fond neutre, plusieurs angles et un objet pour l’échelle : pas besoin de matériel coûteux.',
                  en: 'Natural light, a neutral background, several angles and an object for scale: no expensive equipment needed.',
                },
              },
              {
                key: 'q4',
                type: 'short_answer',
                prompt: {
                  fr: 'Comment appelle-t-on un site où de nombreux vendeurs proposent leurs produits, comme Jumia ou Etsy ?',
                  en: 'What do we call a website where many sellers offer their products, such as Jumia or Etsy?',
                },
                points: 1,
                options: [],
                acceptedAnswers: ['place de marché', 'marketplace', 'market place', 'places de marché'],
                explanation: {
                  fr: 'Une place de marché apporte beaucoup de visiteurs, en échange de commissions et de règles à respecter.',
                  en: 'A marketplace brings many visitors, in exchange for commissions and rules to follow.',
                },
              },
              {
                key: 'q5',
                type: 'single',
                prompt: {
                  fr: 'Quelle loi marocaine protège le consommateur, notamment pour la vente à distance ?',
                  en: 'Which Moroccan law protects consumers, in particular for distance selling?',
                },
                points: 1,
                options: [
                  { key: 'a', text: { fr: 'La loi 31-08', en: 'Law 31-08' }, correct: true },
                  {
                    key: 'b',
                    text: { fr: 'La loi 09-08', en: 'Law 09-08' },
                    correct: false,
                    feedback: {
                      fr: 'La loi 09-08 protège les données personnelles, pas spécifiquement le consommateur.',
                      en: 'Law 09-08 protects personal data, not consumers as such.',
                    },
                  },
                  {
                    key: 'c',
                    text: { fr: 'La loi 112-12', en: 'Law 112-12' },
                    correct: false,
                    feedback: {
                      fr: 'La loi 112-12 concerne les coopératives.',
                      en: 'Law 112-12 concerns cooperatives.',
                    },
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'La loi 31-08 édicte des mesures de protection du consommateur, dont un délai de rétractation pour la vente à distance.',
                  en: 'Law 31-08 sets out consumer-protection measures, including a withdrawal period for distance selling.',
                },
              },
            ],
          },
        },
      ],
    },
    // ------------------------------------------------------------------ module 4
    {
      key: 'm4',
      title: {
        fr: 'Outils du coaching territorial pour la gouvernance des coopératives',
        en: 'Territorial coaching tools for cooperative governance',
        ar: 'أدوات التدريب الترابي لحكامة التعاونيات',
      },
      lessons: [
        {
          key: 'm4-l1',
          kind: 'text',
          title: {
            fr: 'Assemblées générales, registres et transparence',
            en: 'General assemblies, registers and transparency',
            ar: 'الجموع العامة والسجلات والشفافية',
          },
          competences: ['2.4', '1.3', '2.1'],
          estimatedMinutes: 15,
          body: {
            fr: `Une coopérative appartient à ses membres. La loi 112-12 relative aux coopératives et les statuts fixent les règles : assemblée générale, conseil d'administration, registres, comptes. Le numérique ne remplace pas ces règles : il aide à les respecter et à les rendre visibles.

## Le registre des membres

Un tableur avec, pour chaque membre : nom, date d'adhésion, nombre de parts sociales, fonction, téléphone. Pas plus de données que nécessaire. L'accès est réservé aux responsables désignés et une copie est sauvegardée.

## Préparer et tenir l'assemblée générale

- **Convocation** dans les formes prévues par les statuts, complétée par un rappel par SMS, WhatsApp ou message vocal.
- **Documents envoyés à l'avance** (rapport moral, comptes, budget) en PDF, avec une présentation orale pour les membres qui lisent peu.
- **Feuille de présence, décompte des votes, procès-verbal** signé puis numérisé et rangé.
- **Réunions en ligne** (Google Meet, Zoom, Jitsi Meet) : utiles pour le conseil d'administration ou les membres éloignés. Pour une AG, vérifier d'abord que la loi et les statuts permettent la participation et le vote à distance, et prévoir une solution pour les membres sans connexion.

## La transparence au quotidien

- Un **tableau de bord** trimestriel partagé avec les membres : ventes, dépenses, stock, trésorerie.
- Des **documents partagés** dans un dossier organisé (Statuts, AG, Comptes, Contrats), en lecture pour tous et en modification pour les responsables.
- L'**historique des versions** : on sait qui a modifié quoi et quand.

## Synergies et partenariats

Les mêmes outils servent à travailler avec la commune, la région, l'ODCO ou d'autres coopératives : agenda partagé, dossier commun de projet, groupe de discussion avec des règles claires.

## Exemple

Avant l'AG d'une coopérative apicole de 40 membres, la trésorière envoie le rapport financier en PDF et un message vocal de trois minutes qui résume les chiffres en darija. Les membres arrivent avec des questions préparées ; l'assemblée est plus courte et les comptes sont approuvés sans contestation.`,
            en: `A cooperative belongs to its members. Law 112-12 on cooperatives and the statutes set the rules: general assembly, board of directors, registers, accounts. Digital tools do not replace these rules: they help to follow them and make them visible.

## The member register

A spreadsheet with, for each member: name, date of joining, number of shares, role, phone number. No more data than necessary. Access is restricted to the designated officers and a copy is backed up.

## Preparing and holding the general assembly

- **Notice of meeting** in the form required by the statutes, supplemented by a reminder by SMS, WhatsApp or voice message.
- **Documents sent in advance** (activity report, accounts, budget) as PDF, with an oral presentation for members who read little.
- **Attendance sheet, vote count, minutes** signed, then scanned and filed.
- **Online meetings** (Google Meet, Zoom, Jitsi Meet): useful for the board or for members who live far away. For a general assembly, first check that the law and the statutes allow remote participation and voting, and plan a solution for members without a connection.

## Everyday transparency

- A quarterly **dashboard** shared with members: sales, expenses, stock, cash.
- **Shared documents** in an organised folder (Statutes, General assembly, Accounts, Contracts), read-only for everyone and editable by the officers.
- **Version history**: you know who changed what and when.

## Synergies and partnerships

The same tools help work with the municipality, the region, ODCO or other cooperatives: shared calendar, common project folder, discussion group with clear rules.

## Example

Before the general assembly of a 40-member beekeeping cooperative, the treasurer sends the financial report as a PDF and a three-minute voice message summarising the figures in Darija. Members arrive with prepared questions; the assembly is shorter and the accounts are approved without dispute.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm4-l2',
          kind: 'text',
          title: {
            fr: 'Protéger les données : la loi 09-08 et la CNDP',
            en: 'Protecting data: Law 09-08 and the CNDP',
            ar: 'حماية المعطيات: القانون 09-08 واللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي',
          },
          competences: ['4.2', '4.1'],
          estimatedMinutes: 15,
          body: {
            fr: `## Ce que dit la loi

La loi n° 09-08 (2009) protège les personnes physiques à l'égard du traitement des données à caractère personnel. Son application est contrôlée par la **CNDP**, la Commission nationale de contrôle de la protection des données à caractère personnel. Une coopérative traite des données personnelles : registre des membres, fichier clients, photos, numéros de téléphone.

## Les principes à appliquer

- **Finalité** : collecter pour un but précis (livrer un client, tenir le registre) et ne pas réutiliser les données pour autre chose.
- **Proportionnalité** : seulement les données nécessaires.
- **Information et consentement** : dire aux personnes ce que l'on fait de leurs données et obtenir leur accord, par exemple avant de publier la photo d'une membre.
- **Exactitude et durée limitée** : tenir à jour, supprimer ce qui n'est plus utile.
- **Sécurité** : protéger contre la perte, le vol et les accès non autorisés.
- **Droits des personnes** : accès, rectification, opposition.
- **Formalités** : certains traitements doivent être déclarés à la CNDP ou autorisés par elle, et le transfert de données vers l'étranger est encadré. En cas de doute, consulter le site officiel https://www.cndp.ma.

## Les gestes de sécurité

- Mots de passe longs et différents pour chaque compte, double authentification sur la messagerie et l'e-mail.
- Téléphones verrouillés et mis à jour.
- Jamais de liste de membres ou de clients dans un groupe public.
- Méfiance envers les messages frauduleux (hameçonnage) : faux transporteurs, faux gains, liens inconnus.
- Sauvegardes régulières.

## Exemple

Une coopérative d'huile d'argan publie dans un groupe Facebook public la liste de ses clients, avec leurs adresses, pour organiser une tournée de livraison. Le coach explique le risque (vol, démarchage, atteinte à la vie privée), fait retirer la publication et met en place un tableau de livraisons partagé uniquement avec le livreur, supprimé après la tournée.`,
            en: `## What the law says

Law No. 09-08 (2009) protects individuals with regard to the processing of personal data. Its application is supervised by the **CNDP**, the National Commission for the Control of Personal Data Protection. A cooperative processes personal data: member register, customer file, photos, phone numbers.

## Principles to apply

- **Purpose**: collect data for a specific purpose (delivering to a customer, keeping the register) and do not reuse it for anything else.
- **Proportionality**: only the data you need.
- **Information and consent**: tell people what you do with their data and get their agreement, for example before publishing a member's photo.
- **Accuracy and limited retention**: keep data up to date, delete what is no longer needed.
- **Security**: protect against loss, theft and unauthorised access.
- **People's rights**: access, rectification, objection.
- **Formalities**: some processing must be declared to or authorised by the CNDP, and transfers of data abroad are regulated. When in doubt, consult the official website https://www.cndp.ma.

## Security habits

- Long, different passwords for each account; two-factor authentication on messaging and e-mail.
- Phones locked and kept up to date.
- Never post a list of members or customers in a public group.
- Be wary of fraudulent messages (phishing): fake carriers, fake prizes, unknown links.
- Regular backups.

## Example

An argan oil cooperative posts the list of its customers, with their addresses, in a public Facebook group to organise a delivery round. The coach explains the risk (theft, unsolicited selling, invasion of privacy), has the post removed and sets up a delivery table shared only with the driver, deleted after the round.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm4-l3',
          kind: 'text',
          title: {
            fr: 'Choisir ses outils de manière responsable',
            en: 'Choosing tools responsibly',
            ar: 'اختيار الأدوات الرقمية بمسؤولية',
          },
          competences: ['5.2', '4.4', '2.5'],
          estimatedMinutes: 12,
          body: {
            fr: `## Une grille de choix en huit questions

1. **Besoin** : l'outil répond-il à un problème réel de la coopérative ?
2. **Facilité** : fonctionne-t-il sur smartphone, en arabe ou en français, avec une connexion faible ?
3. **Coût total** : abonnement, formation, temps passé — pas seulement le prix affiché.
4. **Données** : où sont-elles hébergées, qui y a accès, peut-on les exporter ?
5. **Sécurité** : double authentification, sauvegardes, gestion des droits d'accès.
6. **Indépendance** : formats ouverts (CSV, PDF, ODS), logiciels libres quand ils conviennent, pour pouvoir changer d'outil sans tout perdre.
7. **Environnement** : prolonger la vie des appareils, préférer le reconditionné, ne pas stocker des milliers de fichiers inutiles.
8. **Bien-être** : horaires des groupes de discussion, droit à la déconnexion.

## La posture du coach

- **Neutralité** : le coach ne reçoit pas de commission d'un vendeur et présente toujours plusieurs options.
- **Tester petit** : un mois d'essai avec deux ou trois membres avant de généraliser.
- **Des règles de groupe (nétiquette)** : sujets autorisés, horaires, respect, pas de rumeurs transférées, messages vocaux courts.
- **Revoir les choix** chaque année : les besoins et les outils évoluent.

## Exemple

Une coopérative de miel compare trois solutions pour ses comptes : un logiciel de gestion à 300 dirhams par mois, un tableur partagé gratuit, le cahier papier actuel. Avec la grille, elle choisit le tableur partagé (gratuit, utilisable sur téléphone, export CSV mensuel), tout en gardant un cahier au local pour noter les ventes sur le moment, recopiées chaque semaine. Elle se donne rendez-vous dans un an pour réévaluer, si les ventes en ligne ont beaucoup augmenté.`,
            en: `## An eight-question selection grid

1. **Need**: does the tool address a real problem of the cooperative?
2. **Ease of use**: does it work on a smartphone, in Arabic or French, with a weak connection?
3. **Total cost**: subscription, training, time spent — not just the advertised price.
4. **Data**: where is it hosted, who has access, can it be exported?
5. **Security**: two-factor authentication, backups, access-rights management.
6. **Independence**: open formats (CSV, PDF, ODS), free software where suitable, so the tool can be changed without losing everything.
7. **Environment**: extend the life of devices, prefer refurbished equipment, do not store thousands of useless files.
8. **Well-being**: hours for discussion groups, the right to disconnect.

## The coach's stance

- **Neutrality**: the coach receives no commission from a vendor and always presents several options.
- **Test small**: a one-month trial with two or three members before rolling out.
- **Group rules (netiquette)**: allowed topics, hours, respect, no forwarded rumours, short voice messages.
- **Review choices** every year: needs and tools change.

## Example

A honey cooperative compares three options for its accounts: management software at 300 dirhams a month, a free shared spreadsheet, and its current paper notebook. Using the grid, it chooses the shared spreadsheet (free, usable on a phone, monthly CSV export), while keeping a notebook at the premises to record sales on the spot, copied over every week. It agrees to review the choice in a year, in case online sales have grown a lot.`,
          },
          media: null,
          quiz: null,
        },
        {
          key: 'm4-quiz',
          kind: 'quiz',
          title: {
            fr: 'Quiz : gouvernance et données',
            en: 'Quiz: governance and data',
            ar: 'اختبار: الحكامة والمعطيات',
          },
          competences: ['4.2', '2.4', '5.2'],
          estimatedMinutes: 10,
          body: {
            fr: 'Dernier quiz : outils de gouvernance, protection des données et choix responsable des outils.',
            en: 'Final quiz: governance tools, data protection and responsible choice of tools.',
          },
          media: null,
          quiz: {
            passMark: 70,
            maxAttempts: 3,
            revealAnswers: 'after_pass_or_last_attempt',
            questions: [
              {
                key: 'q1',
                type: 'single',
                prompt: {
                  fr: 'Quelle loi marocaine encadre la protection des données à caractère personnel ?',
                  en: 'Which Moroccan law governs the protection of personal data?',
                },
                points: 1,
                options: [
                  { key: 'a', text: { fr: 'La loi 09-08', en: 'Law 09-08' }, correct: true },
                  {
                    key: 'b',
                    text: { fr: 'La loi 112-12', en: 'Law 112-12' },
                    correct: false,
                    feedback: {
                      fr: 'C’est la loi relative aux coopératives.',
                      en: 'That is the law on cooperatives.',
                    },
                  },
                  {
                    key: 'c',
                    text: { fr: 'La loi 31-08', en: 'Law 31-08' },
                    correct: false,
                    feedback: {
                      fr: 'C’est la loi sur la protection du consommateur.',
                      en: 'That is the consumer-protection law.',
                    },
                  },
                  { key: 'd', text: { fr: 'La loi 61-16', en: 'Law 61-16' }, correct: false },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'La loi 09-08 (2009) protège les personnes à l’égard du traitement de leurs données ; la CNDP en contrôle l’application.',
                  en: 'Law 09-08 (2009) protects individuals with regard to the processing of their data; the CNDP supervises its application.',
                },
              },
              {
                key: 'q2',
                type: 'short_answer',
                prompt: {
                  fr: 'Quel est le sigle de l’autorité marocaine qui contrôle la protection des données personnelles ?',
                  en: 'What is the acronym of the Moroccan authority that supervises personal data protection?',
                },
                points: 1,
                options: [],
                acceptedAnswers: ['CNDP', 'la CNDP', 'C.N.D.P.'],
                explanation: {
                  fr: 'CNDP : Commission nationale de contrôle de la protection des données à caractère personnel.',
                  en: 'CNDP: the National Commission for the Control of Personal Data Protection.',
                },
              },
              {
                key: 'q3',
                type: 'multiple',
                prompt: {
                  fr: 'Quelles sont de bonnes pratiques pour le registre des membres ?',
                  en: 'Which are good practices for the member register?',
                },
                points: 2,
                options: [
                  {
                    key: 'a',
                    text: {
                      fr: 'Ne collecter que les données nécessaires',
                      en: 'Collect only the data that is needed',
                    },
                    correct: true,
                  },
                  {
                    key: 'b',
                    text: {
                      fr: 'Réserver l’accès aux responsables désignés',
                      en: 'Restrict access to the designated officers',
                    },
                    correct: true,
                  },
                  {
                    key: 'c',
                    text: { fr: 'Le sauvegarder régulièrement', en: 'Back it up regularly' },
                    correct: true,
                  },
                  {
                    key: 'd',
                    text: {
                      fr: 'Le publier dans un groupe public pour la transparence',
                      en: 'Post it in a public group for transparency',
                    },
                    correct: false,
                    feedback: {
                      fr: 'La transparence porte sur les comptes et les décisions, pas sur les données personnelles des membres.',
                      en: "Transparency concerns accounts and decisions, not members' personal data.",
                    },
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'Proportionnalité, accès limité et sauvegarde : trois principes de la loi 09-08 appliqués au registre.',
                  en: 'Proportionality, restricted access and backups: three principles of Law 09-08 applied to the register.',
                },
              },
              {
                key: 'q4',
                type: 'true_false',
                prompt: {
                  fr: 'Avant de tenir une assemblée générale en ligne, il faut vérifier que la loi et les statuts permettent la participation et le vote à distance.',
                  en: 'Before holding a general assembly online, you must check that the law and the statutes allow remote participation and voting.',
                },
                points: 1,
                options: trueFalse('true'),
                acceptedAnswers: [],
                explanation: {
                  fr: 'Le numérique ne remplace pas les règles de la coopérative ; il faut aussi prévoir une solution pour les membres sans connexion.',
                  en: "Digital tools do not replace the cooperative's rules; a solution must also be planned for members without a connection.",
                },
              },
              {
                key: 'q5',
                type: 'single',
                prompt: {
                  fr: 'Quel est le premier critère pour choisir un outil numérique pour une coopérative ?',
                  en: 'What is the first criterion for choosing a digital tool for a cooperative?',
                },
                points: 1,
                options: [
                  {
                    key: 'a',
                    text: {
                      fr: 'Il est le plus utilisé dans le monde',
                      en: 'It is the most widely used in the world',
                    },
                    correct: false,
                  },
                  {
                    key: 'b',
                    text: {
                      fr: 'Il répond à un besoin réel de la coopérative',
                      en: 'It addresses a real need of the cooperative',
                    },
                    correct: true,
                  },
                  {
                    key: 'c',
                    text: { fr: 'Il a le plus de fonctionnalités', en: 'It has the most features' },
                    correct: false,
                    feedback: {
                      fr: 'Trop de fonctionnalités rendent souvent l’outil plus difficile à adopter.',
                      en: 'Too many features often make a tool harder to adopt.',
                    },
                  },
                ],
                acceptedAnswers: [],
                explanation: {
                  fr: 'La grille commence par le besoin, puis la facilité, le coût total, les données, la sécurité, l’indépendance, l’environnement et le bien-être.',
                  en: 'The grid starts with the need, then ease of use, total cost, data, security, independence, environment and well-being.',
                },
              },
            ],
          },
        },
      ],
    },
  ],
};
