import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@tc/identity/api';
import { CohortEntity } from './cohort.entity';

@Entity('cohort_trainers')
export class CohortTrainerEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'uuid' })
  cohortId!: string;

  @Index('IDX_cohort_trainers_user_id')
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => CohortEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id', foreignKeyConstraintName: 'FK_cohort_trainers_cohort' })
  cohort?: CohortEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_cohort_trainers_user' })
  user?: UserEntity;
}
