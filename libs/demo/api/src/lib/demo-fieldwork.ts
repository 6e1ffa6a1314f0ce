import type { DataSource, EntityManager } from 'typeorm';
import {
  type AppliedLesson,
  MATURITY_ITEMS,
  MILESTONE_KINDS,
  type MaturityAnswers,
  type MaturityLevel,
  maturityScores,
} from '@tc/shared/contracts';
import { refreshImpactFacts } from '@tc/fieldwork/api';
import { demoCourse } from './assets';
import { SYNTHETIC_DOMAIN } from './synthetic-population';

/**
 * The field log of the demo: the demo coach's two cooperatives in Berkane (L'Oriental), and the field
 * logs of the synthetic coaches of L'Oriental, so that the observatory's impact view has figures above
 * the suppression threshold in several provinces, sectors and kinds, for coaches who completed the
 * course and for those who have not yet. Written set-based in SQL (a few thousand rows: the demo seeds
 * at every fresh start, on PGlite too), then the impact facts of the organisations written brought up to
 * date in the same transaction. Deterministic (ids and choices drawn from md5 of a row's number) and
 * idempotent: a part whose rows exist is left as it is.
 */
export interface FieldworkSummary {
  organisations: number;
  checks: number;
  visits: number;
  milestones: number;
}

const DAY = 86_400_000;

/** A uniform number in [0, 1) drawn from the row's number and a salt (as the synthetic population does). */
function rnd(expr: string, salt: string): string {
  return `((('x' || substr(md5('${salt}:' || (${expr})::text), 1, 7))::bit(28)::int)::float8 / 268435456.0)`;
}

/** A name folded for comparison as the field log folds it: lower case, accents and punctuation removed. */
function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The same folding in SQL, for names made in SQL (the accents the demo's names use). */
const NAME_KEY_SQL = (expr: string) =>
  `btrim(regexp_replace(translate(lower(${expr}), 'àáâäçèéêëìíîïñòóôöùúûü', 'aaaaceeeeiiiinoooouuuu'), '[^a-z0-9]+', ' ', 'g'))`;

export async function seedDemoFieldwork(
  dataSource: DataSource,
  options: { tag: string },
): Promise<FieldworkSummary> {
  return dataSource.transaction(async (m) => {
    const coach = await seedCoachCooperatives(m);
    const population = await seedPopulationLogs(m, options.tag);
    return {
      organisations: coach.organisations + population.organisations,
      checks: coach.checks + population.checks,
      visits: coach.visits + population.visits,
      milestones: coach.milestones + population.milestones,
    };
  });
}

const NONE: FieldworkSummary = { organisations: 0, checks: 0, visits: 0, milestones: 0 };

// ---------------------------------------------------------------- the demo coach's two cooperatives

/** The demo coach's organisations, by fixed ids (so a second start finds them). */
export const DEMO_COACH_ORGANISATIONS = {
  argan: '6f1d3c2a-8b4e-4f0a-9c71-2d5e8a9b0c11',
  couscous: '6f1d3c2a-8b4e-4f0a-9c71-2d5e8a9b0c12',
} as const;

function answers(levels: number[]): MaturityAnswers {
  return Object.fromEntries(
    MATURITY_ITEMS.map((item, i) => [item.id, levels[i] as MaturityLevel]),
  ) as MaturityAnswers;
}

async function seedCoachCooperatives(m: EntityManager): Promise<FieldworkSummary> {
  const exists: unknown[] = await m.query('SELECT 1 FROM field_organisations WHERE id = ANY($1::uuid[])', [
    Object.values(DEMO_COACH_ORGANISATIONS),
  ]);
  if (exists.length) return NONE;
  const [coach] = (await m.query(`SELECT id FROM user_directory WHERE email = 'coach@example.org'`)) as {
    id: string;
  }[];
  const [berkane] = (await m.query(`SELECT id FROM territory_tree WHERE code = 'MA-BER'`)) as {
    id: string;
  }[];
  const course = demoCourse();
  const [courseRow] = (await m.query('SELECT id FROM courses WHERE slug = $1', [course.slug])) as {
    id: string;
  }[];
  if (!coach || !berkane || !courseRow) return NONE;
  const lesson = (key: string): AppliedLesson => {
    const found = course.modules.flatMap((mod) => mod.lessons).find((l) => l.key === key);
    return { courseId: courseRow.id, lessonKey: key, title: found?.title['fr'] ?? key };
  };
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
  const at = (daysAgo: number, hour: number) => {
    const d = new Date(Date.now() - daysAgo * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };

  const organisations = [
    {
      id: DEMO_COACH_ORGANISATIONS.argan,
      name: 'Coopérative féminine Argane Beni Snassen',
      foundedYear: 2014,
      members: 26,
      womenMembers: 24,
      womenLed: true,
      youthLed: false,
      daysAgo: 40,
    },
    {
      id: DEMO_COACH_ORGANISATIONS.couscous,
      name: 'Coopérative Essalam — couscous d’Ahfir',
      foundedYear: 2017,
      members: 14,
      womenMembers: 6,
      womenLed: false,
      youthLed: false,
      daysAgo: 25,
    },
  ];
  for (const o of organisations) {
    await m.query(
      `INSERT INTO field_organisations (id, owner_id, name, name_key, kind, sector, territory_id, founded_year,
                                        members, women_members, women_led, youth_led, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'cooperative', 'agri-food', $5, $6, $7, $8, $9, $10, $11, $11)`,
      [
        o.id,
        coach.id,
        o.name,
        nameKey(o.name),
        berkane.id,
        o.foundedYear,
        o.members,
        o.womenMembers,
        o.womenLed,
        o.youthLed,
        at(o.daysAgo, 9),
      ],
    );
  }

  // The first digital-maturity check of each, at the first visit: little online yet.
  const checks = [
    {
      id: '6f1d3c2a-8b4e-4f0a-9c71-2d5e8a9b0c21',
      organisationId: DEMO_COACH_ORGANISATIONS.argan,
      daysAgo: 38,
      levels: [1, 0, 0, 0, 0, 1, 1, 0, 2, 1, 2, 0],
    },
    {
      id: '6f1d3c2a-8b4e-4f0a-9c71-2d5e8a9b0c22',
      organisationId: DEMO_COACH_ORGANISATIONS.couscous,
      daysAgo: 24,
      levels: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0],
    },
  ];
  for (const c of checks) {
    const a = answers(c.levels);
    const scores = maturityScores(a);
    await m.query(
      `INSERT INTO field_checks (id, organisation_id, coach_id, taken_on, answers, overall, dimensions, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        c.id,
        c.organisationId,
        coach.id,
        day(c.daysAgo),
        JSON.stringify(a),
        scores.overall,
        JSON.stringify(scores.dimensions),
        at(c.daysAgo, 12),
      ],
    );
  }

  const visits = [
    {
      id: '6f1d3c2a-8b4e-4f0a-9c71-2d5e8a9b0c31',
      organisationId: DEMO_COACH_ORGANISATIONS.argan,
      daysAgo: 38,
      minutes: 120,
      mode: 'on-site',
      competences: ['2.3', '5.2'],
      lessons: [lesson('m2-l1')],
      notes:
        'Première rencontre avec la présidente et la trésorière à l’atelier de Tafoughalt. Les ventes se font au souk et par des revendeurs d’Oujda ; aucune présence en ligne. Diagnostic numérique fait ensemble.',
      nextSteps:
        'Photographier les quatre produits phares (huile alimentaire, huile cosmétique, amlou, savon) en lumière naturelle avant la prochaine visite.',
    },
    {
      id: '6f1d3c2a-8b4e-4f0a-9c71-2d5e8a9b0c32',
      organisationId: DEMO_COACH_ORGANISATIONS.argan,
      daysAgo: 17,
      minutes: 90,
      mode: 'on-site',
      competences: ['2.2', '3.1'],
      lessons: [lesson('m3-l2'), lesson('m3-l3')],
      notes:
        'Catalogue WhatsApp Business monté avec la trésorière : quatre fiches avec prix au litre et au pot, origine Beni Snassen. Deux adhérentes formées à répondre aux messages.',
      nextSteps:
        'Partager le catalogue dans les groupes des clientes d’Oujda et de Berkane ; noter les commandes reçues dans le cahier.',
    },
    {
      id: '6f1d3c2a-8b4e-4f0a-9c71-2d5e8a9b0c33',
      organisationId: DEMO_COACH_ORGANISATIONS.couscous,
      daysAgo: 24,
      minutes: 105,
      mode: 'on-site',
      competences: ['1.3', '2.1'],
      lessons: [lesson('m2-l2')],
      notes:
        'Visite de l’unité de roulage à Ahfir. Stock et ventes notés sur un cahier ; ventes au marché en espèces. Le bureau souhaite vendre aux épiceries de Saïdia l’été.',
      nextSteps:
        'Recopier le stock du mois dans un tableur partagé ; demander au conseil la décision d’ouvrir un compte au nom de la coopérative.',
    },
    {
      id: '6f1d3c2a-8b4e-4f0a-9c71-2d5e8a9b0c34',
      organisationId: DEMO_COACH_ORGANISATIONS.couscous,
      daysAgo: 6,
      minutes: 45,
      mode: 'remote',
      competences: ['2.4', '3.1'],
      lessons: [lesson('m3-l3')],
      notes:
        'Appel vidéo avec le secrétaire : le tableur de stock est à jour. Questions sur le paiement mobile et ses frais.',
      nextSteps:
        'Préparer le procès-verbal du conseil pour la banque ; choisir trois produits (couscous d’orge, berkoukes, mhamsa) pour la première page.',
    },
  ];
  for (const v of visits) {
    await m.query(
      `INSERT INTO field_visits (id, organisation_id, coach_id, visited_on, minutes, mode, competences, lessons,
                                 notes, next_steps, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
      [
        v.id,
        v.organisationId,
        coach.id,
        day(v.daysAgo),
        v.minutes,
        v.mode,
        JSON.stringify(v.competences),
        JSON.stringify(v.lessons),
        v.notes,
        v.nextSteps,
        at(v.daysAgo, 17),
      ],
    );
  }

  await m.query(
    `INSERT INTO field_milestones (id, organisation_id, coach_id, kind, reached_on, evidence_url, evidence_note, created_at)
     VALUES ($1, $2, $3, 'whatsapp-business-catalogue', $4, NULL, $5, $6)`,
    [
      '6f1d3c2a-8b4e-4f0a-9c71-2d5e8a9b0c41',
      DEMO_COACH_ORGANISATIONS.argan,
      coach.id,
      day(15),
      'Catalogue de quatre produits partagé avec les clientes ; trois commandes reçues la première semaine.',
      at(15, 18),
    ],
  );
  await refreshImpactFacts(m, Object.values(DEMO_COACH_ORGANISATIONS));
  return { organisations: organisations.length, checks: checks.length, visits: visits.length, milestones: 1 };
}

// ---------------------------------------------------------------- the synthetic coaches' field logs

/** Organisations of the synthetic coaches: about 3 per coach of the ones picked. */
const POPULATION_ORGANISATIONS = 260;

/** L'Oriental's provinces, how likely an organisation is to be in each, and some of their localities. */
const PROVINCES: { code: string; weight: number; places: string[] }[] = [
  { code: 'MA-OUJ', weight: 24, places: ['Oujda', 'Bni Drar', 'Naïma', 'Isly', 'Sidi Moussa', 'Ahl Angad'] },
  { code: 'MA-NAD', weight: 18, places: ['Nador', 'Zeghanghane', 'Selouane', 'Al Aroui', 'Beni Ansar'] },
  { code: 'MA-BER', weight: 16, places: ['Berkane', 'Ahfir', 'Saïdia', 'Aklim', 'Tafoughalt', 'Madagh'] },
  { code: 'MA-TAI', weight: 10, places: ['Taourirt', 'El Aïoun Sidi Mellouk', 'Debdou', 'Mestegmer'] },
  { code: 'MA-DRI', weight: 9, places: ['Driouch', 'Midar', 'Ben Taïeb', 'Dar El Kebdani', 'Tafersit'] },
  { code: 'MA-GUF', weight: 8, places: ['Guercif', 'Saka', 'Lamrija', 'Houara Oulad Raho'] },
  { code: 'MA-JRA', weight: 8, places: ['Jerada', 'Aïn Bni Mathar', 'Touissit', 'Guenfouda'] },
  { code: 'MA-FIG', weight: 7, places: ['Figuig', 'Bouarfa', 'Talsint', 'Tendrara'] },
];

const NAMES = [
  'Nour',
  'Amal',
  'Al Baraka',
  'Al Wafa',
  'Annahda',
  'Tiwizi',
  'Assafa',
  'Al Fath',
  'Ennakhil',
  'Al Amane',
  'Tawafouk',
  'Al Khair',
  'Ittihad',
  'Al Mostakbal',
  'Azzaytoune',
  'Al Ihsane',
  'Al Majd',
  'Assalam',
  'Al Inbiat',
  'Al Hayat',
  'Zahrat',
  'Al Yasmine',
  'Tadamoune',
  'Al Karama',
  'Ennour',
  'Al Massira',
  'Al Awda',
  'Tamaynut',
  'Tifawin',
  'Al Moustakbal Al Akhdar',
];

const NOTES = [
  'Photos des produits prises en lumière naturelle avec la trésorière ; fiches prix revues ensemble.',
  'Page Facebook créée et partagée dans le groupe WhatsApp des membres ; trois publications préparées.',
  'Présentation du paiement mobile au bureau ; questions sur les frais et le compte au nom de la structure.',
  'Cahier de stock recopié dans un tableur partagé ; deux membres formées à la saisie.',
  'Échange à distance : relecture des descriptions de produits et des réponses types aux clients.',
  'Réunion avec le conseil : décision d’ouvrir une boutique sur une place de marché nationale.',
  'Registre des membres numérisé ; procès-verbal de la dernière assemblée partagé en PDF.',
];

const NEXT_STEPS = [
  'Publier deux produits par semaine et répondre aux messages sous 24 heures.',
  'Préparer les statuts et le procès-verbal pour ouvrir le compte de paiement.',
  'Compléter le catalogue WhatsApp Business : prix, poids et origine de chaque produit.',
  'Mettre à jour le registre des membres avant l’assemblée générale.',
  'Tester une première livraison avec un client d’Oujda.',
  'Refaire le diagnostic numérique dans trois mois.',
];

async function seedPopulationLogs(m: EntityManager, tag: string): Promise<FieldworkSummary> {
  const domain = `%@${tag}.${SYNTHETIC_DOMAIN}`;
  const t = tag.replace(/[^a-z0-9]/gi, '');
  const done: unknown[] = await m.query(
    `SELECT 1 FROM field_organisations o JOIN user_directory u ON u.id = o.owner_id WHERE u.email LIKE $1 LIMIT 1`,
    [domain],
  );
  if (done.length) return NONE;
  const course = demoCourse();
  const [courseRow] = (await m.query('SELECT id FROM courses WHERE slug = $1', [course.slug])) as {
    id: string;
  }[];
  if (!courseRow) return NONE;

  // The provinces, each with its share of [0, 1) and its localities.
  const total = PROVINCES.reduce((s, p) => s + p.weight, 0);
  let lo = 0;
  const bands = PROVINCES.map((p) => {
    const band = { ...p, lo: lo / total, hi: (lo + p.weight) / total };
    lo += p.weight;
    return band;
  });
  await m.query(
    `CREATE TEMP TABLE fw_provinces ON COMMIT DROP AS
    SELECT t.id, x.code, x.lo, x.hi, x.places
      FROM jsonb_to_recordset($1::jsonb) AS x(code text, lo float8, hi float8, places text[])
      JOIN territory_tree t ON t.code = x.code`,
    [JSON.stringify(bands.map((b) => ({ code: b.code, lo: b.lo, hi: b.hi, places: b.places })))],
  );

  // The synthetic coaches of L'Oriental, at most a dozen per province, and whether they completed a
  // course (trained). A province without synthetic coaches takes the region's.
  await m.query(
    `CREATE TEMP TABLE fw_coaches ON COMMIT DROP AS
    SELECT c.*, row_number() OVER (PARTITION BY c.territory_id ORDER BY c.email) - 1 AS n
      FROM (SELECT u.id, u.email, p.id AS territory_id,
                   EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id AND e.completed_at IS NOT NULL) AS trained
              FROM users u JOIN fw_provinces p ON p.id = u.territory_id
             WHERE u.email LIKE $1) c`,
    [domain],
  );
  await m.query(`DELETE FROM fw_coaches WHERE n >= 12`);
  await m.query(`CREATE TEMP TABLE fw_pool ON COMMIT DROP AS
    SELECT p.id AS territory_id, count(c.id) AS coaches FROM fw_provinces p
      LEFT JOIN fw_coaches c ON c.territory_id = p.id GROUP BY p.id`);
  await m.query(`INSERT INTO fw_coaches (id, email, territory_id, trained, n)
    SELECT c.id, c.email, p.territory_id, c.trained, row_number() OVER (PARTITION BY p.territory_id ORDER BY c.email) - 1
      FROM fw_pool p CROSS JOIN (SELECT DISTINCT ON (id) id, email, trained FROM fw_coaches ORDER BY id) c
     WHERE p.coaches = 0`);
  await m.query(`DELETE FROM fw_coaches WHERE n >= 12`);
  await m.query(`CREATE TEMP TABLE fw_counts ON COMMIT DROP AS
    SELECT territory_id, count(*)::int AS coaches FROM fw_coaches GROUP BY territory_id`);
  const [{ coaches }] = (await m.query(`SELECT count(*)::int AS coaches FROM fw_coaches`)) as [
    { coaches: number },
  ];
  if (!coaches) return NONE;

  // Organisations: registered over the last 14 months, in a province by its share, by one of its coaches.
  await m.query(`CREATE TEMP TABLE fw_orgs ON COMMIT DROP AS
    SELECT i, md5('${t}:fw-org:' || i)::uuid AS id, p.id AS territory_id, p.places, k.kind,
           ${rnd('i', `${t}fw-r`)} AS r, ${rnd('i', `${t}fw-s`)} AS s, ${rnd('i', `${t}fw-w`)} AS w,
           date_trunc('hour', now() - (2 + ${rnd('i', `${t}fw-d`)} * 420) * interval '1 day') AS created_at
      FROM generate_series(0, ${POPULATION_ORGANISATIONS} - 1) i
      JOIN fw_provinces p ON ${rnd('i', `${t}fw-p`)} >= p.lo AND ${rnd('i', `${t}fw-p`)} < p.hi
      CROSS JOIN LATERAL (SELECT CASE WHEN ${rnd('i', `${t}fw-k`)} < 0.5 THEN 'cooperative'
                                      WHEN ${rnd('i', `${t}fw-k`)} < 0.75 THEN 'association'
                                      ELSE 'young-enterprise' END AS kind) k`);
  await m.query(`ALTER TABLE fw_orgs ADD COLUMN sector text, ADD COLUMN coach_id uuid, ADD COLUMN trained boolean,
    ADD COLUMN rn int, ADD COLUMN name text`);
  await m.query(`UPDATE fw_orgs SET sector = CASE kind
      WHEN 'cooperative' THEN (ARRAY['agri-food','agri-food','agri-food','argan','argan','crafts','crafts','textiles','tourism','other'])[1 + floor(s * 10)::int]
      WHEN 'association' THEN (ARRAY['crafts','crafts','textiles','textiles','tourism','services','agri-food','other'])[1 + floor(s * 8)::int]
      ELSE (ARRAY['digital','digital','services','services','tourism','crafts','textiles','agri-food'])[1 + floor(s * 8)::int] END`);
  await m.query(`UPDATE fw_orgs o SET coach_id = c.id, trained = c.trained
      FROM fw_counts k, fw_coaches c
     WHERE k.territory_id = o.territory_id AND c.territory_id = o.territory_id
       AND c.n = floor(${rnd('o.i', `${t}fw-c`)} * k.coaches)::int`);
  await m.query(
    `UPDATE fw_orgs o SET rn = x.rn FROM (SELECT i, row_number() OVER (PARTITION BY territory_id ORDER BY i) - 1 AS rn FROM fw_orgs) x WHERE x.i = o.i`,
  );
  await m.query(
    `UPDATE fw_orgs SET name = CASE kind
        WHEN 'cooperative' THEN 'Coopérative'
        WHEN 'association' THEN 'Association'
        ELSE CASE sector WHEN 'digital' THEN 'Studio numérique' WHEN 'services' THEN 'Agence'
                         WHEN 'tourism' THEN 'Gîte' WHEN 'textiles' THEN 'Atelier couture'
                         WHEN 'agri-food' THEN 'Épicerie fine' ELSE 'Atelier' END END
      || ' ' || ($1::text[])[1 + rn % ${NAMES.length}]
      || ' ' || places[1 + (rn + rn / ${NAMES.length}) % cardinality(places)]`,
    [NAMES],
  );

  await m.query(
    `INSERT INTO field_organisations (id, owner_id, name, name_key, kind, sector, territory_id, founded_year,
                                      members, women_members, women_led, youth_led, consent_noted_at, created_at, updated_at)
     SELECT id, coach_id, name, ${NAME_KEY_SQL('name')}, kind, sector, territory_id,
            CASE WHEN kind = 'young-enterprise' THEN extract(year FROM created_at)::int - floor(r * 3)::int
                 ELSE 2004 + floor(r * 19)::int END,
            members, LEAST(members, round(members * CASE WHEN women_led THEN 0.55 + w * 0.45 ELSE w * 0.5 END)::int),
            women_led, kind = 'young-enterprise' AND r < 0.8 OR r < 0.25,
            CASE WHEN kind = 'young-enterprise' THEN created_at END, created_at, created_at
       FROM (SELECT *, CASE kind WHEN 'cooperative' THEN 7 + floor(r * 34)::int
                                 WHEN 'association' THEN 10 + floor(s * 60)::int ELSE 1 + floor(w * 4)::int END AS members,
                       w < CASE kind WHEN 'cooperative' THEN 0.55 WHEN 'association' THEN 0.45 ELSE 0.35 END AS women_led
               FROM fw_orgs WHERE coach_id IS NOT NULL) o
      ORDER BY i`,
  );

  // Checks: a first one within a week of registration; a later one, 2 to 7 months on, for three in four
  // of those registered long enough ago. Answers follow the organisation's starting point; coaches who
  // completed a course raise more of them between the two.
  const items = MATURITY_ITEMS.map((x) => x.id);
  const dims = MATURITY_ITEMS.map((x) => x.dimension);
  await m.query(`CREATE TEMP TABLE fw_checks ON COMMIT DROP AS
    SELECT o.i, o.id AS organisation_id, o.coach_id, o.trained, 1 AS phase,
           md5('${t}:fw-check:' || o.i || ':1')::uuid AS id,
           (o.created_at::date + floor(${rnd('o.i', `${t}fw-c1`)} * 7)::int) AS taken_on
      FROM fw_orgs o WHERE o.coach_id IS NOT NULL`);
  await m.query(`UPDATE fw_checks SET taken_on = LEAST(taken_on, current_date)`);
  await m.query(`INSERT INTO fw_checks
    SELECT c.i, c.organisation_id, c.coach_id, c.trained, 2, md5('${t}:fw-check:' || c.i || ':2')::uuid,
           c.taken_on + 60 + floor(${rnd('c.i', `${t}fw-c2`)} * LEAST(150, current_date - c.taken_on - 60))::int
      FROM fw_checks c WHERE c.taken_on <= current_date - 61 AND ${rnd('c.i', `${t}fw-c3`)} < 0.75`);
  await m.query(
    `CREATE TEMP TABLE fw_items ON COMMIT DROP AS
    SELECT c.id AS check_id, c.i, c.phase, c.trained, x.item, x.dimension, x.j,
           LEAST(3, floor(o.s * 1.6 + ${rnd("c.i::text || ':' || x.j", `${t}fw-a`)} * 1.6))::int AS level
      FROM fw_checks c JOIN fw_orgs o ON o.i = c.i
      CROSS JOIN unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(item, dimension, j)
     WHERE c.phase = 1`,
    [items, dims],
  );
  await m.query(`INSERT INTO fw_items
    SELECT c.id, f.i, 2, f.trained, f.item, f.dimension, f.j,
           LEAST(3, f.level + (${rnd("f.i::text || ':' || f.j", `${t}fw-g`)} < CASE WHEN f.trained THEN 0.55 ELSE 0.28 END)::int
                           + (${rnd("f.i::text || ':' || f.j", `${t}fw-h`)} < CASE WHEN f.trained THEN 0.2 ELSE 0.06 END)::int)
      FROM fw_items f JOIN fw_checks c ON c.i = f.i AND c.phase = 2`);
  await m.query(
    `INSERT INTO field_checks (id, organisation_id, coach_id, taken_on, answers, overall, dimensions, created_at)
     SELECT c.id, c.organisation_id, c.coach_id, c.taken_on, a.answers, a.overall, d.dimensions,
            c.taken_on + interval '11 hours'
       FROM fw_checks c
       JOIN (SELECT check_id, jsonb_object_agg(item, level) AS answers,
                    round(sum(level) * 100.0 / (3 * count(*)))::int AS overall
               FROM fw_items GROUP BY check_id) a ON a.check_id = c.id
       JOIN (SELECT check_id, jsonb_object_agg(dimension, score) AS dimensions
               FROM (SELECT check_id, dimension, round(sum(level) * 100.0 / (3 * count(*)))::int AS score
                       FROM fw_items GROUP BY check_id, dimension) s GROUP BY check_id) d ON d.check_id = c.id
      ORDER BY c.i, c.phase`,
  );

  // Visits: one to four between registration and today, with two DigComp competences of the course and,
  // more often for coaches who completed it, one of its lessons applied.
  const lessons = course.modules.flatMap((mod) => mod.lessons).filter((l) => l.kind !== 'quiz');
  await m.query(
    `INSERT INTO field_visits (id, organisation_id, coach_id, visited_on, minutes, mode, competences, lessons,
                               notes, next_steps, created_at, updated_at)
     SELECT md5('${t}:fw-visit:' || o.i || ':' || v)::uuid, o.id, o.coach_id, d.visited_on,
            45 + 15 * floor(${rnd("o.i::text || ':' || v", `${t}fw-vm`)} * 8)::int,
            CASE WHEN ${rnd("o.i::text || ':' || v", `${t}fw-vo`)} < 0.7 THEN 'on-site' ELSE 'remote' END,
            jsonb_build_array(($1::text[])[1 + (o.i + v) % cardinality($1::text[])],
                              ($1::text[])[1 + (o.i + v + 5) % cardinality($1::text[])]),
            CASE WHEN ${rnd("o.i::text || ':' || v", `${t}fw-vl`)} < CASE WHEN o.trained THEN 0.7 ELSE 0.25 END
                 THEN jsonb_build_array(jsonb_build_object('courseId', $2::text,
                        'lessonKey', ($3::text[])[1 + (o.i + v) % cardinality($3::text[])],
                        'title', ($4::text[])[1 + (o.i + v) % cardinality($3::text[])]))
                 ELSE '[]'::jsonb END,
            ($5::text[])[1 + (o.i * 3 + v) % cardinality($5::text[])],
            ($6::text[])[1 + (o.i * 5 + v) % cardinality($6::text[])],
            d.visited_on + interval '17 hours', d.visited_on + interval '17 hours'
       FROM fw_orgs o
       CROSS JOIN LATERAL generate_series(0, floor(${rnd('o.i', `${t}fw-vn`)} * 4)::int) AS v
       CROSS JOIN LATERAL (SELECT LEAST(current_date, o.created_at::date
                 + floor((current_date - o.created_at::date) * (v + ${rnd("o.i::text || ':' || v", `${t}fw-vd`)}) / 4.0)::int) AS visited_on) d
      WHERE o.coach_id IS NOT NULL
      ORDER BY o.i, v`,
    [
      course.competences,
      courseRow.id,
      lessons.map((l) => l.key),
      lessons.map((l) => l.title['fr'] ?? l.key),
      NOTES,
      NEXT_STEPS,
    ],
  );

  // Milestones: none to three kinds (told apart by steps of 3 through the 8 kinds), more for coaches
  // who completed a course, reached between registration and today.
  await m.query(
    `INSERT INTO field_milestones (id, organisation_id, coach_id, kind, reached_on, created_at)
     SELECT md5('${t}:fw-milestone:' || o.i || ':' || j)::uuid, o.id, o.coach_id,
            ($1::text[])[1 + (floor(${rnd('o.i', `${t}fw-mk`)} * 3)::int + 3 * j) % cardinality($1::text[])],
            x.reached_on, x.reached_on + interval '18 hours'
       FROM fw_orgs o
       CROSS JOIN LATERAL generate_series(0, floor(${rnd('o.i', `${t}fw-mn`)} * CASE WHEN o.trained THEN 3.6 ELSE 2.4 END)::int - 1) AS j
       CROSS JOIN LATERAL (SELECT LEAST(current_date, o.created_at::date
                 + floor((current_date - o.created_at::date) * (0.3 + 0.7 * ${rnd("o.i::text || ':' || j", `${t}fw-md`)}))::int) AS reached_on) x
      WHERE o.coach_id IS NOT NULL
      ORDER BY o.i, j`,
    [[...MILESTONE_KINDS]],
  );

  const ids = (
    (await m.query(`SELECT id FROM fw_orgs WHERE coach_id IS NOT NULL ORDER BY i`)) as { id: string }[]
  ).map((r) => r.id);
  await refreshImpactFacts(m, ids);
  const [counts] = (await m.query(
    `SELECT (SELECT count(*) FROM field_checks WHERE organisation_id = ANY($1::uuid[]))::int AS checks,
            (SELECT count(*) FROM field_visits WHERE organisation_id = ANY($1::uuid[]))::int AS visits,
            (SELECT count(*) FROM field_milestones WHERE organisation_id = ANY($1::uuid[]))::int AS milestones`,
    [ids],
  )) as [{ checks: number; visits: number; milestones: number }];
  return { organisations: ids.length, ...counts };
}
