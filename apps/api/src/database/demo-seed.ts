import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Role } from '@tc/shared/contracts';
import { CoursesService, PublishingService } from '@tc/catalog/api';
import { PasswordService, RoleAssignmentEntity, UserEntity } from '@tc/identity/api';
import { TerritoryEntity } from '@tc/territories/api';
import { DEMO_COURSE } from './demo/demo-course';

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
}

/**
 * Demo data for a first look (never in production unless DEMO_SEED=true): the four accounts, and the
 * seminar's course owned by the demo trainer, published as version 1. Idempotent: what exists is left
 * as it is.
 */
export async function seedDemoData(dataSource: DataSource, services: DemoServices): Promise<number> {
  const created = await seedAccounts(dataSource, services.passwords);
  await seedCourse(dataSource, services);
  return created;
}

async function seedCourse(dataSource: DataSource, { courses, publishing }: DemoServices): Promise<void> {
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
