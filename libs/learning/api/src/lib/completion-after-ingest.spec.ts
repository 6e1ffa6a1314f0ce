import type { DataSource, EntityManager } from 'typeorm';
import type { CatalogReader } from '@tc/catalog/api';
import { LearnerRecords } from '@tc/cohorts/api';
import type { AuthPrincipal } from '@tc/shared/api';
import type { CertificatesService } from './certificates/certificates.service';
import { ProgressService } from './progress.service';
import { course } from './rules/fixtures';

const ENROLMENT = '6a1c2f4e-91b3-4d7e-8c55-0e2b9f3a7d40';
const COACH: AuthPrincipal = { userId: 'u1', email: 'coach@example.org', roles: [] };
const NOW = new Date('2027-01-12T10:00:00Z');

/** Three text lessons (l1, l2 in m1; l3 in m2), no quiz: completing them all completes the course. */
function textCourse() {
  const content = course();
  content.modules[0].lessons = content.modules[0].lessons.filter((l) => l.kind !== 'quiz');
  return content;
}

/** A transaction's manager answering the statements of an ingest from the given summary rows. */
function scenario(done: string[]) {
  const statements: string[] = [];
  const manager = {
    queryRunner: undefined,
    query: jest.fn(async (sql: string, params: unknown[]) => {
      statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
      if (sql.includes('FROM enrolments e JOIN cohorts'))
        return [
          {
            id: ENROLMENT,
            user_id: COACH.userId,
            status: 'active',
            cohort_id: 'cohort',
            name: 'Cohort',
            course_id: 'course',
            course_version: 1,
            starts_on: '2027-01-01',
            deadlines: [],
            completed_at: null,
            enrolled_at: new Date('2027-01-02T08:00:00Z'),
          },
        ];
      if (sql.includes('FROM lesson_progress'))
        return done.map((key) => ({
          enrolment_id: ENROLMENT,
          lesson_key: key,
          started_at: new Date('2027-01-10T09:00:00Z'),
          completed_at: new Date('2027-01-10T09:30:00Z'),
          last_activity_at: new Date('2027-01-10T09:30:00Z'),
          attempts: 0,
          best_percent: null,
        }));
      if (sql.includes('INSERT INTO progress_events')) return (params[0] as string[]).map((id) => ({ id }));
      if (sql.includes('UPDATE enrolments SET completed_at')) return [[{ cohort_id: 'cohort' }], 1];
      return [];
    }),
  } as unknown as EntityManager;
  // No driver connection from the runner: the ingest falls back to `dataSource.transaction`.
  const dataSource = {
    createQueryRunner: () => ({ connect: async () => undefined, release: async () => undefined }),
    transaction: (work: (m: EntityManager) => Promise<unknown>) => work(manager),
  } as unknown as DataSource;
  const catalog = {
    version: async () => ({ courseId: 'course', number: 1, contentHash: 'h', content: textCourse() }),
  } as unknown as CatalogReader;
  const certificates = { issue: jest.fn(async () => undefined) };
  const service = new ProgressService(
    dataSource,
    new LearnerRecords(),
    catalog,
    certificates as unknown as CertificatesService,
  );
  const complete = (id: string, lessonKey: string) =>
    service.ingest(
      COACH,
      [{ id, enrolmentId: ENROLMENT, lessonKey, type: 'completed', occurredAt: '2027-01-12T09:59:00Z' }],
      NOW,
    );
  return { statements, certificates, complete };
}

describe('completion decided from the merged summary rows', () => {
  it('the last lesson completed: the course completes and the summary rows are read once', async () => {
    const s = scenario(['l1', 'l2']);
    const result = await s.complete('0b7f3c52-7a43-4c33-9d3e-2f1a6a0d8e11', 'l3');
    expect(result.accepted).toEqual(['0b7f3c52-7a43-4c33-9d3e-2f1a6a0d8e11']);
    expect(s.statements.filter((q) => q.startsWith('SELECT enrolment_id,'))).toHaveLength(1);
    expect(s.statements).toContain('UPDATE enrolments SET');
    expect(s.certificates.issue).toHaveBeenCalledTimes(1);
  });

  it('a lesson completed again (a new event id): no completion check at all', async () => {
    const s = scenario(['l1']);
    await s.complete('5e0c0d3a-3f0b-4b8e-9a59-8c1d4f2b6e77', 'l1');
    expect(s.statements.filter((q) => q.startsWith('SELECT enrolment_id,'))).toHaveLength(1);
    expect(s.statements).not.toContain('UPDATE enrolments SET');
    expect(s.certificates.issue).not.toHaveBeenCalled();
  });

  it('a first lesson completed with others still open: checked, not complete', async () => {
    const s = scenario([]);
    await s.complete('9d3e2f1a-7a43-4c33-8b7f-3c526a0d8e11', 'l1');
    expect(s.statements.filter((q) => q.startsWith('SELECT enrolment_id,'))).toHaveLength(1);
    expect(s.statements).not.toContain('UPDATE enrolments SET');
    expect(s.certificates.issue).not.toHaveBeenCalled();
  });
});
