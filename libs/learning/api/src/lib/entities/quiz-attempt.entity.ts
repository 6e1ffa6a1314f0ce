import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { QuizAnswers } from '@tc/shared/contracts';
import { EnrolmentEntity } from '@tc/cohorts/api';

/** A graded quiz attempt; its id may come from the client so an offline replay is graded once. */
@Entity('quiz_attempts')
@Unique('UQ_quiz_attempts_number', ['enrolmentId', 'lessonKey', 'attemptNumber'])
export class QuizAttemptEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'enrolment_id', type: 'uuid' })
  enrolmentId!: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id', foreignKeyConstraintName: 'FK_quiz_attempts_enrolment' })
  enrolment?: EnrolmentEntity;

  @Column({ name: 'lesson_key', type: 'varchar', length: 64 })
  lessonKey!: string;

  @Column({ name: 'attempt_number', type: 'int' })
  attemptNumber!: number;

  /** The course version the attempt was graded against. */
  @Column({ name: 'course_version', type: 'int' })
  courseVersion!: number;

  @Column({ type: 'jsonb' })
  answers!: QuizAnswers;

  @Column({ type: 'int' })
  score!: number;

  @Column({ name: 'max_score', type: 'int' })
  maxScore!: number;

  @Column({ type: 'int' })
  percent!: number;

  @Column({ type: 'boolean' })
  passed!: boolean;

  /** Per question: right or wrong. */
  @Column({ type: 'jsonb' })
  correct!: Record<string, boolean>;

  @Column({ name: 'answered_at', type: 'timestamptz' })
  answeredAt!: Date;

  @Column({ name: 'graded_at', type: 'timestamptz', default: () => 'now()' })
  gradedAt!: Date;
}
