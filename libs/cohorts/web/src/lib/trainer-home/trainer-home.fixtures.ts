// Cohorts and courses as the API lists them, for the trainer home's specs.
import type { CohortSummary, CourseSummary } from '@tc/shared/contracts';

export function cohort(id: string, extra: Partial<CohortSummary> = {}): CohortSummary {
  return {
    id,
    name: `Cohorte ${id}`,
    courseId: 'c-1',
    courseTitle: { fr: 'Le numérique' },
    courseVersion: 1,
    territoryId: 't-1',
    territoryName: { fr: 'Oriental' },
    status: 'running',
    startsOn: '2026-11-01',
    endsOn: '2027-02-01',
    trainers: [],
    enrolledCount: 3,
    ...extra,
  };
}

export function course(id: string, extra: Partial<CourseSummary> = {}): CourseSummary {
  return {
    id,
    slug: id,
    title: { fr: `Cours ${id}` },
    defaultLocale: 'fr',
    locales: ['fr'],
    status: 'active',
    ownerId: 'u-1',
    ownerName: 'Formatrice',
    latestVersion: 1,
    hasUnpublishedChanges: false,
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...extra,
  };
}
