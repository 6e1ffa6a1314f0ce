import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CohortStatus, ModuleDeadline } from '@tc/shared/contracts';
import { CourseVersionEntity } from '@tc/catalog/api';
import { UserEntity } from '@tc/identity/api';
import { TerritoryEntity } from '@tc/territories/api';

/** A published course version, run in a territory by trainers between two dates. */
@Entity('cohorts')
@Check('CHK_cohorts_status', `"status" IN ('planned','running','closed')`)
@Check('CHK_cohorts_dates', `"ends_on" >= "starts_on"`)
// The observatory pages cohorts by name (AddCohortsNameIndex).
@Index('IDX_cohorts_name', ['name', 'id'])
export class CohortEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 160 })
  name!: string;

  @Index('IDX_cohorts_course')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  /** Pinned: moving to a newer version is an explicit action. */
  @Column({ name: 'course_version', type: 'int' })
  courseVersion!: number;

  @ManyToOne(() => CourseVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    {
      name: 'course_id',
      referencedColumnName: 'courseId',
      foreignKeyConstraintName: 'FK_cohorts_course_version',
    },
    {
      name: 'course_version',
      referencedColumnName: 'number',
      foreignKeyConstraintName: 'FK_cohorts_course_version',
    },
  ])
  version?: CourseVersionEntity;

  @Index('IDX_cohorts_territory_id')
  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id', foreignKeyConstraintName: 'FK_cohorts_territory' })
  territory?: TerritoryEntity;

  @Column({ type: 'varchar', length: 8, default: 'planned' })
  status!: CohortStatus;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  deadlines!: ModuleDeadline[];

  /** null: joining by code is switched off. */
  @Column({ name: 'join_code', type: 'varchar', length: 16, nullable: true, unique: true })
  joinCode!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_cohorts_created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
