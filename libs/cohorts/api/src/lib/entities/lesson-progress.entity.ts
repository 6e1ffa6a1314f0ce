import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnrolmentEntity } from './enrolment.entity';

/**
 * One summary row per enrolment per lesson (by the lesson's stable key, so it survives a move to a
 * newer course version). The learning domain keeps it from progress events and quiz attempts (a quiz
 * lesson is completed when passed); the roster reads it.
 */
@Entity('lesson_progress')
export class LessonProgressEntity {
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId!: string;

  @PrimaryColumn({ name: 'lesson_key', type: 'varchar', length: 64 })
  lessonKey!: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_lesson_progress_enrolment' })
  enrolment?: EnrolmentEntity;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'last_activity_at', type: 'timestamptz' })
  lastActivityAt!: Date;

  /** Quizzes: graded attempts so far, and the best percentage (the best score counts). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'best_percent', type: 'int', nullable: true })
  bestPercent!: number | null;
}
