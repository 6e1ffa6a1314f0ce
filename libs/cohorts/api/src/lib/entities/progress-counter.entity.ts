import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CohortEntity } from './cohort.entity';

/**
 * Counts of coaches per cohort and lesson. `lesson_key = ''` is the course: coaches who started any
 * lesson, and coaches who completed the course. The progress transactions append their moves to
 * `cohort_progress_counter_deltas` (many coaches of a cohort must not queue on its rows) and the app's
 * folder applies them every 2 seconds (`LearnerRecords.foldCounterDeltas`): a row here plus its pending
 * deltas is the exact count at any moment. No request path reads them; the roster and a coach's own
 * progress read the lesson summary rows, which are exact in the writing transaction.
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
