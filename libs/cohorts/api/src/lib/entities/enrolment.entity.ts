import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from '@tc/identity/api';
import { CohortEntity } from './cohort.entity';

export type EnrolmentSource = 'email' | 'join_code' | 'csv';

/** A coach's membership of a cohort. Withdrawing keeps the row and its history. */
@Entity('enrolments')
@Unique('UQ_enrolments_cohort_user', ['cohortId', 'userId'])
@Check('CHK_enrolments_status', `"status" IN ('active','withdrawn')`)
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'cohort_id', type: 'uuid' })
  cohortId!: string;

  @ManyToOne(() => CohortEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cohort_id', foreignKeyConstraintName: 'FK_enrolments_cohort' })
  cohort?: CohortEntity;

  @Index('IDX_enrolments_user_id')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_enrolments_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 10, default: 'active' })
  status!: 'active' | 'withdrawn';

  @Column({ type: 'varchar', length: 10 })
  source!: EnrolmentSource;

  @Column({ name: 'enrolled_at', type: 'timestamptz', default: () => 'now()' })
  enrolledAt!: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  /** Set by the learning domain when every required lesson is done and every quiz passed. */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
