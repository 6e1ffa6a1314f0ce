import { type INestApplicationContext, Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CourseContent, Role } from '@tc/shared/contracts';
import { CourseFileDto, CourseImportService, MediaService, PublishingService } from '@tc/catalog/api';
import { CohortsService, EnrolmentsService } from '@tc/cohorts/api';
import { ProgressService } from '@tc/learning/api';
import { AnnouncementsService, ThreadsService } from '@tc/conversation/api';
import { EvidenceService, SubmissionsService } from '@tc/practice/api';
import { type AuthPrincipal, validateBody } from '@tc/shared/api';
import { randomUUID } from 'node:crypto';
import { PasswordService, RoleAssignmentEntity, UserEntity } from '@tc/identity/api';
import { TerritoryEntity } from '@tc/territories/api';
import { demoCourse, DEMO_PHOTO_HASH, readDemoCourseFile, readDemoPhoto } from './assets';
import { seedDemoPractice, seedDemoQueue } from './demo-practice';
import { seedDemoFieldwork } from './demo-fieldwork';
import { seedDemoThreads } from './demo-threads';
import { type PopulationOptions, seedSyntheticPopulation } from './synthetic-population';

export const DEMO_PASSWORD = 'demo-password-2026';

interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  /** Territory code of the role's scope; null is the root (Africa). */
  scope: string | null;
  workTerritory: string;
  organisationType: UserEntity['organisationType'];
  organisationName: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@example.org',
    displayName: 'Nadia El Amrani',
    role: 'admin',
    scope: null,
    workTerritory: 'MA-04',
    organisationType: 'public_agency',
    organisationName: 'ALGA – Académie Africaine des Collectivités Territoriales',
  },
  {
    email: 'trainer@example.org',
    displayName: 'Youssef Benali',
    role: 'trainer',
    scope: 'MA-02',
    workTerritory: 'MA-OUJ',
    organisationType: 'region_council',
    organisationName: "Conseil de la Région de l'Oriental",
  },
  {
    email: 'coach@example.org',
    displayName: 'Salma Ouazzani',
    role: 'coach',
    scope: 'MA-02',
    workTerritory: 'MA-BER',
    organisationType: 'cooperative_union',
    organisationName: 'Union des coopératives de Berkane',
  },
  {
    email: 'observer@example.org',
    displayName: 'Karim Tazi',
    role: 'observer',
    scope: null,
    workTerritory: 'MA-04',
    organisationType: 'public_agency',
    organisationName: 'Observatoire du Capital Humain (ALGA)',
  },
];

/**
 * Three more coaches of the demo cohort (seeded with it: the learning demo only), who have handed in the
 * course's practical task: two wait for the trainer's review, one was passed. Same password.
 */
export const DEMO_PEERS: (DemoAccount & {
  round: { text: string; daysAgo: number; passed: boolean; grounds: string[] };
})[] = [
  {
    email: 'hamza.elidrissi@example.org',
    displayName: 'Hamza El Idrissi',
    role: 'coach',
    scope: 'MA-02',
    workTerritory: 'MA-OUJ',
    organisationType: 'cooperative',
    organisationName: 'Coopérative Nour Angad',
    round: {
      text: 'Coopérative Nour Angad (Oujda) : catalogue WhatsApp Business ouvert avec trois fiches (huile d’olive, miel, amlou), prix au litre et au kilo. Le trésorier l’a partagé dans le groupe des clientes.',
      daysAgo: 2,
      passed: false,
      grounds: ['#5b4636', '#8a6d1f', '#3d5a40'],
    },
  },
  {
    email: 'imane.bouzidi@example.org',
    displayName: 'Imane Bouzidi',
    role: 'coach',
    scope: 'MA-02',
    workTerritory: 'MA-NAD',
    organisationType: 'association',
    organisationName: 'Association Rif Solidaire',
    round: {
      text: 'Association Rif Solidaire (Nador) : trois fiches produit pour les tapis tissés des adhérentes, avec l’origine et le prix. Il reste à ajouter les tailles.',
      daysAgo: 1,
      passed: false,
      grounds: ['#6b2f4a', '#2f4f6b', '#6b5b2f'],
    },
  },
  {
    email: 'khadija.ziani@example.org',
    displayName: 'Khadija Ziani',
    role: 'coach',
    scope: 'MA-02',
    workTerritory: 'MA-TAI',
    organisationType: 'cooperative',
    organisationName: 'Coopérative Amal Taourirt',
    round: {
      text: 'Coopérative Amal Taourirt : catalogue de quatre fiches (couscous, dattes, plantes aromatiques, savon), photographiées en plein jour, prix au kilo et origine indiqués. Partagé avec deux épiceries de Taourirt.',
      daysAgo: 6,
      passed: true,
      grounds: ['#4a3b2a', '#2a4a3b', '#3b2a4a'],
    },
  },
];

interface DemoServices {
  passwords: PasswordService;
  imports: CourseImportService;
  publishing: PublishingService;
  media: MediaService;
  cohorts: CohortsService;
  enrolments: EnrolmentsService;
  progress: ProgressService;
  evidence: EvidenceService;
  submissions: SubmissionsService;
  announcements: AnnouncementsService;
  threads: ThreadsService;
}

export const DEMO_COHORT = 'Oujda — cohorte de démonstration';

/** The demo's synthetic coaches (no password: nobody signs in as them), following the demo course. */
export const DEMO_POPULATION: Omit<PopulationOptions, 'courseSlug'> = {
  coaches: 800,
  cohorts: 30,
  events: 24_000,
  months: 15,
  tag: 'demo',
};

/**
 * Demo data for a first look (never in production unless DEMO_SEED=true): the four accounts, and the
 * seminar's course owned by the demo trainer, published as version 1. Idempotent: what exists is left
 * as it is.
 */
export async function seedDemoData(
  app: Pick<INestApplicationContext, 'get'>,
  options: { learning: boolean },
): Promise<number> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const services: DemoServices = {
    passwords: app.get(PasswordService),
    imports: app.get(CourseImportService),
    publishing: app.get(PublishingService),
    media: app.get(MediaService),
    cohorts: app.get(CohortsService),
    enrolments: app.get(EnrolmentsService),
    progress: app.get(ProgressService),
    evidence: app.get(EvidenceService),
    submissions: app.get(SubmissionsService),
    announcements: app.get(AnnouncementsService),
    threads: app.get(ThreadsService),
  };
  const created = await seedAccounts(dataSource, services.passwords, DEMO_ACCOUNTS);
  await seedCourse(dataSource, services);
  if (options.learning) {
    await seedCohort(dataSource, services);
    // Enough coaches across Morocco for the observatory's tables not to be all "< 5".
    await seedSyntheticPopulation(dataSource, { ...DEMO_POPULATION, courseSlug: demoCourse().slug });
    // The demo coach's cooperatives, and field logs of the synthetic coaches for the impact view.
    const started = Date.now();
    const field = await seedDemoFieldwork(dataSource, { tag: DEMO_POPULATION.tag });
    if (field.organisations) {
      new Logger('DemoSeed').log(
        `Field log: ${field.organisations} organisations, ${field.checks} checks, ${field.visits} visits, ` +
          `${field.milestones} milestones in ${Date.now() - started} ms`,
      );
    }
  }
  return created;
}

/** The principal of a demo account, as the auth guard would build it. */
async function principalOf(dataSource: DataSource, email: string): Promise<AuthPrincipal> {
  const user = await dataSource.manager.findOneOrFail(UserEntity, { where: { email } });
  const roles = await dataSource.manager.find(RoleAssignmentEntity, {
    where: { userId: user.id },
    relations: { territory: true },
  });
  return {
    userId: user.id,
    email,
    roles: roles.map((r) => ({
      assignmentId: r.id,
      role: r.role,
      territoryId: r.territoryId,
      territoryPath: r.territory?.path ?? '',
    })),
  };
}

/**
 * A running cohort of the demo course in L'Oriental, with the demo coach enrolled and module 1's
 * lessons read (its quiz still to take), so a first look at the coach's side has something to show;
 * and three more coaches whose hand-ins of the practical task fill the trainer's queue.
 */
async function seedCohort(
  dataSource: DataSource,
  { cohorts, enrolments, progress, evidence, submissions, passwords, announcements, threads }: DemoServices,
): Promise<void> {
  const exists: unknown[] = await dataSource.query('SELECT 1 FROM cohorts WHERE name = $1', [DEMO_COHORT]);
  if (exists.length) return;
  const trainer = await principalOf(dataSource, 'trainer@example.org');
  // Version 1 as it was published: a database seeded before the course gained its task keeps it without.
  const [course] = (await dataSource.query(
    `SELECT c.id, v.content FROM courses c JOIN course_versions v ON v.course_id = c.id AND v.number = 1
      WHERE c.slug = $1`,
    [demoCourse().slug],
  )) as { id: string; content: CourseContent }[];
  const oriental = await dataSource.manager.findOneOrFail(TerritoryEntity, { where: { code: 'MA-02' } });
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const cohort = await cohorts.create(trainer, {
    name: DEMO_COHORT,
    courseId: course?.id as string,
    courseVersion: 1,
    territoryId: oriental.id,
    startsOn: day(-14),
    endsOn: day(76),
    deadlines: demoCourse().modules.map((m, i) => ({ moduleKey: m.key, daysAfterStart: 21 * (i + 1) })),
  });
  await cohorts.update(trainer, cohort.id, { status: 'running' });
  await seedAccounts(dataSource, passwords, DEMO_PEERS);
  await enrolments.enrolEmails(trainer, cohort.id, ['coach@example.org', ...DEMO_PEERS.map((p) => p.email)]);
  // Enrolled when the cohort started: progress dated before the enrolment would be refused.
  await dataSource.query('UPDATE enrolments SET enrolled_at = $2 WHERE cohort_id = $1', [
    cohort.id,
    new Date(Date.now() - 14 * 86_400_000),
  ]);
  const coach = await principalOf(dataSource, 'coach@example.org');
  const mine = (await enrolments.mine(coach)).find((e) => e.cohortId === cohort.id);
  const module1 = demoCourse().modules[0]?.lessons.filter((l) => l.kind !== 'quiz') ?? [];
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
  /** Module 1's lessons read one a day, the first `hoursAgo` hours ago. */
  const readModule1 = (who: AuthPrincipal, enrolmentId: string, hoursAgo: number) =>
    progress.ingest(
      who,
      module1.flatMap((l, i) => [
        {
          id: randomUUID(),
          enrolmentId,
          lessonKey: l.key,
          type: 'started' as const,
          occurredAt: at(hoursAgo - i * 24),
        },
        {
          id: randomUUID(),
          enrolmentId,
          lessonKey: l.key,
          type: 'completed' as const,
          occurredAt: at(hoursAgo - 1 - i * 24),
        },
      ]),
    );
  await readModule1(coach, mine?.enrolmentId as string, 72);
  new Logger('DemoSeed').log(`Enrolled the demo coach in "${DEMO_COHORT}" with module 1 read`);
  // A round of the course's practical task, returned by the trainer: both sides of practice have a case.
  await seedDemoPractice(
    { evidence, submissions },
    { coach, trainer },
    mine?.enrolmentId as string,
    course?.content as CourseContent,
  );
  const rounds = [];
  const peers = new Map<string, AuthPrincipal>();
  for (const peer of DEMO_PEERS) {
    const principal = await principalOf(dataSource, peer.email);
    peers.set(peer.email, principal);
    const enrolment = (await enrolments.mine(principal)).find((e) => e.cohortId === cohort.id);
    // Module 1 read in the cohort's first days, before their hand-ins.
    await readModule1(principal, enrolment?.enrolmentId as string, 12 * 24);
    rounds.push({ coach: principal, enrolmentId: enrolment?.enrolmentId as string, ...peer.round });
  }
  await seedDemoQueue({ evidence, submissions }, trainer, rounds, course?.content as CourseContent);
  // The trainer's pinned word to the cohort, and its coaches told of it now (not at the queue's next poll).
  const welcome = await announcements.create(trainer, cohort.id, DEMO_ANNOUNCEMENT);
  await announcements.tellCoaches(welcome.id);
  // Questions the cohort asked: one about a lesson, settled in Arabic; one the demo coach asked.
  await seedDemoThreads(threads, cohort.id, {
    trainer,
    coach,
    hamza: peers.get('hamza.elidrissi@example.org') as AuthPrincipal,
    imane: peers.get('imane.bouzidi@example.org') as AuthPrincipal,
  });
}

/** What the demo trainer announced to the demo cohort, in the course's three languages. */
const DEMO_ANNOUNCEMENT = {
  pinned: true,
  title: {
    fr: 'Atelier de mardi : le catalogue WhatsApp Business',
    ar: 'ورشة الثلاثاء: كتالوج واتساب للأعمال',
    en: "Tuesday's workshop: the WhatsApp Business catalogue",
  },
  body: {
    fr: "Nous nous retrouvons **mardi à 10 h** à la Maison de l'entrepreneuriat d'Oujda pour préparer la tâche pratique du module 3.\n\n- Apportez les photos de trois produits d'une coopérative que vous accompagnez\n- Notez leur prix et leur origine\n\nVos questions sont les bienvenues d'ici là.",
    ar: 'نلتقي **يوم الثلاثاء على الساعة العاشرة صباحًا** بدار المقاولة بوجدة لتحضير المهمة التطبيقية للوحدة الثالثة.\n\n- أحضروا صور ثلاثة منتجات لتعاونية ترافقونها\n- دوّنوا ثمن كل منتج ومصدره\n\nنرحّب بأسئلتكم قبل ذلك.',
    en: "We meet **on Tuesday at 10 am** at Oujda's Entrepreneurship House to prepare module 3's practical task.\n\n- Bring photos of three products of a cooperative you accompany\n- Note each one's price and origin\n\nYour questions are welcome until then.",
  },
};

/**
 * The demo course, brought in as a trainer brings in a course file: the demo trainer uploads its photo,
 * imports the file (validated as `POST /courses/import` validates its body) and publishes the draft.
 */
async function seedCourse(
  dataSource: DataSource,
  { imports, publishing, media }: DemoServices,
): Promise<void> {
  const exists: unknown[] = await dataSource.query('SELECT 1 FROM courses WHERE slug = $1', [
    demoCourse().slug,
  ]);
  if (exists.length) return;
  const trainer = await principalOf(dataSource, 'trainer@example.org');
  // The course's photo, uploaded by its trainer like any file (publishing checks it is there).
  const photo = await media.store(trainer.userId, readDemoPhoto());
  if (photo.hash !== DEMO_PHOTO_HASH) throw new Error('The demo photo does not match its hash.');
  const file = await validateBody(CourseFileDto, readDemoCourseFile());
  const draft = await imports.importFile(trainer, file);
  const version = await publishing.publish(trainer, draft.id);
  new Logger('DemoSeed').log(`Published the demo course "${file.slug}" as version ${version.number}`);
}

async function seedAccounts(
  dataSource: DataSource,
  passwords: PasswordService,
  accounts: readonly DemoAccount[],
): Promise<number> {
  const logger = new Logger('DemoSeed');
  const hash = await passwords.hash(DEMO_PASSWORD);
  let created = 0;
  await dataSource.transaction(async (manager) => {
    const root = await manager.findOneOrFail(TerritoryEntity, {
      where: { level: 'root' },
      order: { createdAt: 'ASC' },
    });
    for (const account of accounts) {
      if (await manager.exists(UserEntity, { where: { email: account.email } })) continue;
      const scope = account.scope
        ? await manager.findOneOrFail(TerritoryEntity, { where: { code: account.scope } })
        : root;
      const work = await manager.findOneOrFail(TerritoryEntity, { where: { code: account.workTerritory } });
      const user = await manager.save(
        manager.create(UserEntity, {
          email: account.email,
          passwordHash: hash,
          displayName: account.displayName,
          preferredLanguage: 'fr',
          territoryId: work.id,
          organisationType: account.organisationType,
          organisationName: account.organisationName,
        }),
      );
      await manager.insert(RoleAssignmentEntity, {
        userId: user.id,
        role: account.role,
        territoryId: scope.id,
        createdBy: null,
      });
      created++;
    }
  });
  if (created) logger.log(`Created ${created} demo accounts (password ${DEMO_PASSWORD})`);
  return created;
}
