import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Role } from '@tc/shared/contracts';
import { CoursesService, MediaService, PublishingService } from '@tc/catalog/api';
import { CohortsService, EnrolmentsService } from '@tc/cohorts/api';
import { ProgressService } from '@tc/learning/api';
import type { AuthPrincipal } from '@tc/shared/api';
import { randomUUID } from 'node:crypto';
import { PasswordService, RoleAssignmentEntity, UserEntity } from '@tc/identity/api';
import { TerritoryEntity } from '@tc/territories/api';
import { DEMO_COURSE } from './demo/demo-course';
import { DEMO_PHOTO_HASH, DEMO_PHOTO_JPEG } from './demo/demo-photo';
import { type PopulationOptions, seedSyntheticPopulation } from '@tc/demo/api';

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

export interface DemoServices {
  passwords: PasswordService;
  courses: CoursesService;
  publishing: PublishingService;
  media: MediaService;
  cohorts: CohortsService;
  enrolments: EnrolmentsService;
  progress: ProgressService;
}

export const DEMO_COHORT = 'Oujda — cohorte de démonstration';

/** The demo's synthetic coaches (no password: nobody signs in as them). */
export const DEMO_POPULATION: PopulationOptions = {
  coaches: 800,
  cohorts: 30,
  events: 24_000,
  courseSlug: DEMO_COURSE.slug,
  months: 15,
  tag: 'demo',
};

/**
 * Demo data for a first look (never in production unless DEMO_SEED=true): the four accounts, and the
 * seminar's course owned by the demo trainer, published as version 1. Idempotent: what exists is left
 * as it is.
 */
export async function seedDemoData(
  dataSource: DataSource,
  services: DemoServices,
  options: { learning: boolean },
): Promise<number> {
  const created = await seedAccounts(dataSource, services.passwords);
  await seedCourse(dataSource, services);
  if (options.learning) {
    await seedCohort(dataSource, services);
    // Enough coaches across Morocco for the observatory's tables not to be all "< 5".
    await seedSyntheticPopulation(dataSource, DEMO_POPULATION);
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
 * lessons read (its quiz still to take), so a first look at the coach's side has something to show.
 */
async function seedCohort(
  dataSource: DataSource,
  { cohorts, enrolments, progress }: DemoServices,
): Promise<void> {
  const exists: unknown[] = await dataSource.query('SELECT 1 FROM cohorts WHERE name = $1', [DEMO_COHORT]);
  if (exists.length) return;
  const trainer = await principalOf(dataSource, 'trainer@example.org');
  const [course] = (await dataSource.query('SELECT id FROM courses WHERE slug = $1', [DEMO_COURSE.slug])) as {
    id: string;
  }[];
  const oriental = await dataSource.manager.findOneOrFail(TerritoryEntity, { where: { code: 'MA-02' } });
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const cohort = await cohorts.create(trainer, {
    name: DEMO_COHORT,
    courseId: course?.id as string,
    courseVersion: 1,
    territoryId: oriental.id,
    startsOn: day(-14),
    endsOn: day(76),
    deadlines: DEMO_COURSE.modules.map((m, i) => ({ moduleKey: m.key, daysAfterStart: 21 * (i + 1) })),
  });
  await cohorts.update(trainer, cohort.id, { status: 'running' });
  await enrolments.enrolEmails(trainer, cohort.id, ['coach@example.org']);
  const coach = await principalOf(dataSource, 'coach@example.org');
  const mine = (await enrolments.mine(coach)).find((e) => e.cohortId === cohort.id);
  // Enrolled when the cohort started: progress dated before the enrolment would be refused.
  await dataSource.query('UPDATE enrolments SET enrolled_at = $2 WHERE id = $1', [
    mine?.enrolmentId,
    new Date(Date.now() - 14 * 86_400_000),
  ]);
  const module1 = DEMO_COURSE.modules[0]?.lessons.filter((l) => l.kind !== 'quiz') ?? [];
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
  await progress.ingest(
    coach,
    module1.flatMap((l, i) => [
      {
        id: randomUUID(),
        enrolmentId: mine?.enrolmentId as string,
        lessonKey: l.key,
        type: 'started' as const,
        occurredAt: at(72 - i * 24),
      },
      {
        id: randomUUID(),
        enrolmentId: mine?.enrolmentId as string,
        lessonKey: l.key,
        type: 'completed' as const,
        occurredAt: at(71 - i * 24),
      },
    ]),
  );
  new Logger('DemoSeed').log(`Enrolled the demo coach in "${DEMO_COHORT}" with module 1 read`);
}

async function seedCourse(
  dataSource: DataSource,
  { courses, publishing, media }: DemoServices,
): Promise<void> {
  const exists: unknown[] = await dataSource.query('SELECT 1 FROM courses WHERE slug = $1', [
    DEMO_COURSE.slug,
  ]);
  if (exists.length) return;
  const trainer = await dataSource.manager.findOneOrFail(UserEntity, {
    where: { email: 'trainer@example.org' },
  });
  const scope = await dataSource.manager.findOneOrFail(RoleAssignmentEntity, {
    where: { userId: trainer.id, role: 'trainer' },
    relations: { territory: true },
  });
  const principal = {
    userId: trainer.id,
    email: trainer.email,
    roles: [
      {
        assignmentId: scope.id,
        role: 'trainer' as const,
        territoryId: scope.territoryId,
        territoryPath: scope.territory?.path ?? '',
      },
    ],
  };
  // The course's photo, uploaded by its trainer like any file (publishing checks it is there).
  const photo = await media.store(trainer.id, DEMO_PHOTO_JPEG);
  if (photo.hash !== DEMO_PHOTO_HASH) throw new Error('The demo photo does not match its hash.');
  const courseId = await dataSource.transaction((manager) =>
    courses.createFromContent(manager, trainer.id, DEMO_COURSE),
  );
  const version = await publishing.publish(principal, courseId);
  new Logger('DemoSeed').log(`Published the demo course "${DEMO_COURSE.slug}" as version ${version.number}`);
}

async function seedAccounts(dataSource: DataSource, passwords: PasswordService): Promise<number> {
  const logger = new Logger('DemoSeed');
  const hash = await passwords.hash(DEMO_PASSWORD);
  let created = 0;
  await dataSource.transaction(async (manager) => {
    const root = await manager.findOneOrFail(TerritoryEntity, {
      where: { level: 'root' },
      order: { createdAt: 'ASC' },
    });
    for (const account of DEMO_ACCOUNTS) {
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
