import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CohortEntity } from './cohort.entity';

/**
 * Exact counts of coaches per cohort and lesson, kept in the transaction of the progress that changes
 * them (for the observatory: it reads these, never the raw events). `lesson_key = ''` is the course:
 * coaches who started any lesson, and coaches who completed the course.
 */
@Entity('cohort_progress_counters')
export class ProgressCounterEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'uuid' })
  cohortId!: string;

  @PrimaryColumn({ name: 'lesson_key', type: 'varchar', length: 64 })
  lessonKey!: string;

  @ManyToOne(() => CohortEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id', foreignKeyConstraintName: 'FK_cohort_progress_counters_cohort' })
  cohort?: CohortEntity;

  @Column({ type: 'int', default: 0 })
  started!: number;

  @Column({ type: 'int', default: 0 })
  completed!: number;
}
